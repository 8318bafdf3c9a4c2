import { describe, expect, it } from 'vitest';
import { RunLoad } from '../../src/probe/run-load.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RunLoad', () => {
  it('counts the sessions that overlap one: those running when it started and those started since', async () => {
    const load = new RunLoad();
    let release: () => void = () => undefined;
    const first = load.shared(() => new Promise<void>((resolve) => (release = resolve)));
    let seen = -1;
    const second = load.shared(async (meter) => {
      await tick();
      seen = meter.others();
    });
    await second;
    expect(seen).toBe(1);
    release();
    await first;
    expect(await load.shared(async (meter) => meter.others())).toBe(0);
  });

  it('runs a task alone: after every running session ended, and before any session that asks meanwhile', async () => {
    const load = new RunLoad();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const running = load.shared(async () => {
      order.push('A starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('A ends');
    });
    await tick();
    const alone = load.alone(async () => {
      order.push('alone');
    });
    const later = load.shared(async (meter) => {
      order.push(`B starts beside ${meter.others()}`);
    });
    await tick();
    expect(order).toEqual(['A starts']);
    release();
    await Promise.all([running, alone, later]);
    expect(order).toEqual(['A starts', 'A ends', 'alone', 'B starts beside 0']);
  });
});
