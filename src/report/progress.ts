/**
 * Live progress on a terminal: one status line (servers done of the total, the ones still running with their elapsed
 * time), redrawn in place at most every `intervalMs`, and each server's result line printed above it as it finishes.
 * Only for a TTY: elsewhere the CLI stays quiet until the report.
 */
import type { ServerReport } from '../model/report.js';
import type { ServerStart } from '../model/run.js';
import { formatMs, serverLine } from './terminal.js';
import { forTerminal } from './untrusted-text.js';
import { terminalWidth } from './wrap.js';

export interface ProgressStream {
  write(text: string): boolean;
  columns?: number;
}

export interface ProgressOptions {
  color: boolean;
  /** Least time between two redraws (default 100 ms: at most ten a second). */
  intervalMs?: number;
  now?: () => number;
}

const CLEAR_LINE = '\r\u001b[2K';

export class LiveProgress {
  private readonly running = new Map<string, { name: string; since: number }>();
  private done = 0;
  private shown = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;

  private total = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(server: ServerStart): void {
    this.total = server.total;
    this.running.set(key(server), { name: server.name, since: this.now() });
    this.schedule();
  }

  finish(server: ServerReport): void {
    this.running.delete(key(server));
    this.done++;
    this.clear();
    this.stream.write(`${serverLine(server, this.options.color)}\n`);
    // The status line comes back with the next tick: only the timer draws it, so it never redraws faster.
    if (this.running.size === 0 && this.done >= this.total) this.stop();
  }

  /** Clears the status line and stops redrawing for good (before the report, or at a cancellation). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  /** The status line, at most the terminal's width (one line, so `\r` and clear-line redraw it in place). */
  line(): string {
    const now = this.now();
    const running = [...this.running.values()].map(({ name, since }) => `${forTerminal(name)} ${formatMs(now - since)}`);
    const text = `${this.done}/${this.total} servers checked${running.length ? ` · running: ${running.join(', ')}` : ''}`;
    const width = terminalWidth(this.stream.columns) - 1;
    const chars = Array.from(text);
    return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.options.intervalMs ?? 100);
    // Progress never keeps the process alive.
    this.timer.unref();
  }

  private draw(): void {
    if (this.running.size === 0 && this.done >= this.total) {
      this.stop();
      return;
    }
    this.stream.write(`${CLEAR_LINE}${this.options.color ? `\u001b[90m${this.line()}\u001b[39m` : this.line()}`);
    this.shown = true;
  }

  private clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
}

function key(server: Pick<ServerStart, 'name' | 'config' | 'line'>): string {
  return `${server.config}:${server.line}:${server.name}`;
}
