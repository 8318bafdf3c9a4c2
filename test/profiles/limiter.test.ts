import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/probe/limiter.js';

describe('createLimiter', () => {
  it('runs at most `limit` tasks at a time, in order, and passes results and errors through', async () => {
    const schedule = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const tasks = gates.map((gate, index) =>
      schedule(async () => {
        started.push(index);
        running++;
        most = Math.max(most, running);
        await gate.promise;
        running--;
        if (index === 3) throw new Error('task 3');
        return index;
      }),
    );
    for (const gate of gates) {
      await Promise.resolve();
      gate.resolve();
    }
    const settled = await Promise.allSettled(tasks);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([0, 1, 2, 'task 3', 4]);
  });
});
