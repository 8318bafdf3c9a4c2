import { StringDecoder } from 'node:string_decoder';
import type { StderrRecord } from '../model/transcript.js';

export interface StderrLimits {
  /** Last lines kept. */
  maxLines: number;
  /** Characters kept per line (the rest of a long line is dropped). */
  maxLineChars: number;
}

export const DEFAULT_STDERR_LIMITS: StderrLimits = { maxLines: 50, maxLineChars: 1000 };

const NEWLINE = 0x0a;

/**
 * A ring of the last stderr lines, each capped, plus byte and line counts. Bounded whatever the server writes, and
 * cheap under a flood: it works on bytes, decodes only what can still end up in the tail, and skips outright the lines
 * of a chunk that later lines of the same chunk push out of the ring.
 */
export class StderrTail {
  private readonly ring: string[] = [];
  private current = '';
  private bytes = 0;
  private lines = 0;
  private decoder = new StringDecoder('utf8');

  constructor(private readonly limits: StderrLimits = DEFAULT_STDERR_LIMITS) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let start = this.skipLinesPushedOut(chunk);
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.appendToLine(chunk, start, newline === -1 ? chunk.length : newline);
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** The record, including an unterminated last line. Call once, at the end of the stream. */
  finish(): StderrRecord {
    const partial = this.withDecoderRest(this.current);
    const tail = partial === '' ? [...this.ring] : [...this.ring, partial].slice(-this.limits.maxLines);
    return { tail: tail.map((line) => line.replace(/\r$/, '')), bytes: this.bytes, lines: this.lines + (partial === '' ? 0 : 1) };
  }

  /**
   * When the chunk ends more lines than the ring holds, the lines before its last `maxLines` ones (the current line
   * included) are only counted. Returns where the lines that may be kept start.
   */
  private skipLinesPushedOut(chunk: Buffer): number {
    let newlines = 0;
    // A plain loop: a native indexOf call per line costs more than looking at every byte.
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === NEWLINE) newlines++;
    const skipped = newlines - this.limits.maxLines;
    if (skipped <= 0) return 0;
    // The kept lines start after the newline that precedes the last `maxLines` ones.
    let start = chunk.length;
    for (let i = 0; i <= this.limits.maxLines; i++) start = chunk.lastIndexOf(NEWLINE, start - 1);
    start += 1;
    this.lines += skipped;
    this.ring.length = 0;
    this.current = '';
    this.decoder = new StringDecoder('utf8');
    return start;
  }

  /**
   * Decodes bytes of the current line while it has room. A UTF-16 unit takes at most 3 bytes of UTF-8, so 4 bytes per
   * unit of room always fill it, including the character that straddles the cap (cut as a whole-text decode cuts it).
   */
  private appendToLine(chunk: Buffer, start: number, end: number): void {
    const room = this.limits.maxLineChars - this.current.length;
    if (room <= 0 || end <= start) return;
    this.current += this.decoder.write(chunk.subarray(start, Math.min(end, start + 4 * room))).slice(0, room);
  }

  private finishLine(): void {
    this.lines += 1;
    // A newline byte never continues a character, so the decoder's rest (an incomplete character) ends this line.
    this.ring.push(this.withDecoderRest(this.current));
    this.decoder = new StringDecoder('utf8');
    if (this.ring.length > this.limits.maxLines) this.ring.shift();
    this.current = '';
  }

  private withDecoderRest(line: string): string {
    const rest = this.decoder.end();
    return line.length < this.limits.maxLineChars ? (line + rest).slice(0, this.limits.maxLineChars) : line;
  }
}
