import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProgress } from '../../src/report/progress.js';
import { check, server } from '../action/fixtures/report.js';

class FakeTerminal {
  columns = 60;
  writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

describe('LiveProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows servers done of the total and the running ones with their elapsed time, on one line', () => {
    let now = 1000;
    const term = new FakeTerminal();
    const progress = new LiveProgress(term, { color: false, now: () => now });
    progress.start({ name: 'slow', config: '.mcp.json', line: 3, total: 2 });
    now += 2500;
    progress.start({ name: 'fast', config: '.mcp.json', line: 4, total: 2 });
    expect(progress.line()).toBe('0/2 servers checked · running: slow 2.5 s, fast 0 ms');
    progress.stop();
  });

  it("clears the status line before each server's result line, redraws it on the next tick only", () => {
    vi.useFakeTimers();
    let now = 0;
    const term = new FakeTerminal();
    const progress = new LiveProgress(term, { color: false, now: () => now });
    progress.start({ name: 'a', config: '.mcp.json', line: 3, total: 2 });
    progress.start({ name: 'b', config: '.mcp.json', line: 4, total: 2 });
    now = 5;
    term.writes.length = 0;
    progress.finish(server('a', [check('spawn', 'fail')], { line: 3 }));
    expect(term.writes[0]).toBe('\r\u001b[2K');
    expect(term.writes[1]).toBe('✖ a .mcp.json:3  startup 120 ms · 1 tool\n');
    expect(term.writes).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(term.writes[2]).toBe('\r\u001b[2K1/2 servers checked · running: b 5 ms');
    // At most ten redraws a second.
    term.writes.length = 0;
    vi.advanceTimersByTime(1000);
    expect(term.writes).toHaveLength(10);
    term.writes.length = 0;
    progress.finish(server('b', [check('spawn', 'pass')], { line: 4 }));
    // The last one: its line, and no status line left behind.
    expect(term.writes.at(-1)).toBe('✔ b .mcp.json:4  startup 120 ms · 1 tool\n');
  });

  it('fits the terminal width and shows untrusted names inert', () => {
    const term = new FakeTerminal();
    const progress = new LiveProgress(term, { color: false });
    for (let i = 0; i < 8; i++) progress.start({ name: `server-\u001b[31m${i}`, config: 'c', line: i, total: 8 });
    const line = progress.line();
    expect(Array.from(line).length).toBeLessThanOrEqual(59);
    expect(line).not.toContain('\u001b');
    expect(line.endsWith('…')).toBe(true);
    progress.stop();
  });

  it('draws nothing more once stopped (a cancellation)', () => {
    vi.useFakeTimers();
    const term = new FakeTerminal();
    const progress = new LiveProgress(term, { color: false });
    progress.start({ name: 'a', config: 'c', line: 1, total: 3 });
    progress.stop();
    progress.start({ name: 'b', config: 'c', line: 2, total: 3 });
    term.writes.length = 0;
    vi.advanceTimersByTime(1000);
    expect(term.writes).toEqual([]);
  });
});
