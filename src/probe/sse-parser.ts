/**
 * A `text/event-stream` parser after the HTML standard's rules (what the SDK's `eventsource-parser` implements): lines
 * end in CRLF, LF or CR; `field: value` with one optional space; `data` lines join with `\n`; a blank line dispatches;
 * `:` starts a comment. Bounded: an event whose data grows past `maxEventBytes`, or a line past it, stops the parse.
 */

export interface SseEvent {
  /** `message` when the stream named none. */
  event: string;
  data: string;
  id?: string;
  retry?: number;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private dataBytes = 0;
  private event = '';
  private id?: string;
  private retry?: number;
  /** The stream broke a cap: nothing more is parsed. */
  overflowed = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    private readonly maxEventBytes: number,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.overflowed) return;
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const end = lineEnd(this.buffer, start);
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
      if (end === -1 || (this.buffer[end] === '\r' && end + 1 === this.buffer.length)) break;
      this.line(this.buffer.slice(start, end));
      if (this.overflowed) return;
      start = this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > this.maxEventBytes) this.overflowed = true;
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataBytes += value.length + 1;
        if (this.dataBytes > this.maxEventBytes) {
          this.overflowed = true;
          return;
        }
        this.data.push(value);
        return;
      case 'event':
        this.event = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        return;
    }
  }

  private dispatch(): void {
    const hasData = this.data.length > 0;
    if (hasData || this.id !== undefined || this.retry !== undefined) {
      this.onEvent({
        event: this.event || 'message',
        data: this.data.join('\n'),
        ...(this.id !== undefined && { id: this.id }),
        ...(this.retry !== undefined && { retry: this.retry }),
      });
    }
    this.data = [];
    this.dataBytes = 0;
    this.event = '';
    this.retry = undefined;
  }
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return -1;
}
