import { StringDecoder } from 'node:string_decoder';
import type { StderrRecord } from '../model/transcript.js';

export interface StderrLimits {
  /** Last lines kept. */
  maxLines: number;
  /** Characters kept per line (the rest of a long line is dropped). */
  maxLineChars: number;
}

export const DEFAULT_STDERR_LIMITS: StderrLimits = { maxLines: 50, maxLineChars: 1000 };

/** A ring of the last stderr lines, each capped, plus byte and line counts. Bounded whatever the server writes. */
export class StderrTail {
  private readonly ring: string[] = [];
  private current = '';
  private bytes = 0;
  private lines = 0;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly limits: StderrLimits = DEFAULT_STDERR_LIMITS) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    const text = this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      this.appendToLine(text.slice(start, newline === -1 ? text.length : newline));
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** The record, including an unterminated last line. Call once, at the end of the stream. */
  finish(): StderrRecord {
    const partial = this.current + this.decoder.end();
    const tail = partial === '' ? [...this.ring] : [...this.ring, partial].slice(-this.limits.maxLines);
    return { tail: tail.map((line) => line.replace(/\r$/, '')), bytes: this.bytes, lines: this.lines + (partial === '' ? 0 : 1) };
  }

  private appendToLine(piece: string): void {
    const room = this.limits.maxLineChars - this.current.length;
    if (room > 0) this.current += piece.slice(0, room);
  }

  private finishLine(): void {
    this.lines += 1;
    this.ring.push(this.current);
    if (this.ring.length > this.limits.maxLines) this.ring.shift();
    this.current = '';
  }
}
