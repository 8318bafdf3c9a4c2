import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { JsonRpcMessage, Phase, WireLine, WireStats } from '../model/transcript.js';

/**
 * Byte-exact framing of a server's stdout into lines, each classified (`WireLine.kind`). Memory stays bounded no
 * matter what arrives: a line longer than `maxLineBytes` is counted and kept only as an evidence prefix, and only the
 * first lines of each sort are kept as evidence (the rest are counted).
 *
 * Delivery mirrors the SDK's ReadBuffer, so the probe sees what a client would: split on `\n`, drop one trailing
 * `\r`, decode UTF-8 leniently, `JSON.parse`, validate as a JSON-RPC message. Lines that fail are dropped (the SDK
 * drops them too), lines over the cap are never delivered, and an unterminated tail is never delivered.
 */

export interface FramerLimits {
  /** Longest line that is parsed; longer lines are 'oversize'. */
  maxLineBytes: number;
  /** Bytes of a line kept as evidence text. */
  maxKeptLineBytes: number;
  /** How many 'message' lines are kept as evidence. */
  maxKeptMessageLines: number;
  /** How many lines of any other kind are kept as evidence. */
  maxKeptBadLines: number;
}

export const DEFAULT_FRAMER_LIMITS: FramerLimits = {
  maxLineBytes: 4 * 1024 * 1024,
  maxKeptLineBytes: 1024,
  maxKeptMessageLines: 100,
  maxKeptBadLines: 100,
};

export interface Stamp {
  atMs: number;
  phase: Phase;
}

/** Receives each line that a client would deliver, at the moment its newline arrives. */
export type MessageSink = (message: JsonRpcMessage, byteLength: number, stamp: Stamp) => void;

const NEWLINE = 0x0a;
const CR = 0x0d;
const OPEN_BRACE = 0x7b;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

interface Classification {
  kind: WireLine['kind'];
  problem?: string;
  /** Set when a client would deliver the line. */
  message?: JsonRpcMessage;
}

export class LineFramer {
  readonly lines: WireLine[] = [];
  readonly stats: WireStats = { bytes: 0, lines: 0, badLines: 0, keptLines: 0, unterminatedBytes: 0 };
  private parts: Buffer[] = [];
  /** Bytes held in `parts` (the whole line, or just the evidence prefix once the line is oversize). */
  private heldBytes = 0;
  /** Bytes of the current line so far. */
  private lineBytes = 0;
  private oversize = false;
  /** First non-blank byte of the current line (undefined while the line is blank so far). */
  private leadByte: number | undefined;
  /** The line can be neither a message nor kept evidence: only its bytes are counted. */
  private discarding = false;
  private keptMessages = 0;
  private keptBad = 0;
  private ended = false;

  constructor(
    private readonly stamp: () => Stamp,
    private readonly deliver: MessageSink,
    private readonly limits: FramerLimits = DEFAULT_FRAMER_LIMITS,
  ) {}

  push(chunk: Buffer): void {
    if (this.ended) return;
    this.stats.bytes += chunk.length;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.append(chunk, start, newline === -1 ? chunk.length : newline);
      if (newline === -1) return;
      this.completeLine(true);
      start = newline + 1;
    }
  }

  /** End of stream: an unterminated tail becomes a last (undelivered) line. Later data is ignored. */
  end(): void {
    if (this.ended) return;
    if (this.lineBytes > 0) {
      this.stats.unterminatedBytes = this.lineBytes;
      this.completeLine(false);
    }
    this.ended = true;
  }

  private append(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.lineBytes += end - start;
    this.leadByte ??= firstNonBlank(chunk, start, end);
    if (this.discarding) return;
    if (this.leadByte !== undefined && this.leadByte !== OPEN_BRACE && this.keptBad >= this.limits.maxKeptBadLines) {
      // Only an object can be a message, and no more bad lines are kept: hold nothing (junk floods stay cheap).
      this.discarding = true;
      this.parts = [];
      this.heldBytes = 0;
      return;
    }
    if (!this.oversize && this.lineBytes > this.limits.maxLineBytes) {
      // From now on only the evidence prefix is held; the rest of the line is only counted.
      this.oversize = true;
      const prefix = Buffer.concat(this.parts, this.heldBytes).subarray(0, this.limits.maxKeptLineBytes);
      this.parts = [Buffer.from(prefix)];
      this.heldBytes = prefix.length;
    }
    if (!this.oversize) {
      this.parts.push(chunk.subarray(start, end));
      this.heldBytes += end - start;
      return;
    }
    const room = this.limits.maxKeptLineBytes - this.heldBytes;
    if (room > 0) {
      this.parts.push(Buffer.from(chunk.subarray(start, Math.min(end, start + room))));
      this.heldBytes += Math.min(room, end - start);
    }
  }

  private completeLine(terminated: boolean): void {
    if (this.discarding) {
      // Neither a message nor kept: only counted. Allocates nothing, so a flood of junk lines stays cheap.
      this.stats.lines += 1;
      this.stats.badLines += 1;
      this.parts = [];
      this.heldBytes = 0;
      this.lineBytes = 0;
      this.oversize = false;
      this.discarding = false;
      this.leadByte = undefined;
      return;
    }
    const data = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.heldBytes);
    const byteLength = this.lineBytes;
    const { oversize } = this;
    this.parts = [];
    this.heldBytes = 0;
    this.lineBytes = 0;
    this.oversize = false;
    this.leadByte = undefined;

    const stamp = this.stamp();
    this.stats.lines += 1;
    const index = this.stats.lines;
    const body = data.length > 0 && data[data.length - 1] === CR && !oversize ? data.subarray(0, -1) : data;
    const keepBad = this.keptBad < this.limits.maxKeptBadLines;
    const classification: Classification = oversize ? { kind: 'oversize' } : classify(body);

    const isMessage = classification.kind === 'message';
    if (!isMessage) this.stats.badLines += 1;
    if (classification.message && terminated) this.deliver(classification.message, byteLength, stamp);

    const keep = isMessage ? this.keptMessages < this.limits.maxKeptMessageLines : keepBad;
    if (!keep) return;
    if (isMessage) this.keptMessages += 1;
    else this.keptBad += 1;
    this.stats.keptLines += 1;
    const evidence = utf8Prefix(body, this.limits.maxKeptLineBytes);
    this.lines.push({
      index,
      atMs: stamp.atMs,
      phase: stamp.phase,
      byteLength,
      text: lenientUtf8.decode(evidence),
      truncated: oversize || evidence.length < body.length,
      kind: classification.kind,
      ...(classification.problem !== undefined && { problem: classification.problem }),
    });
  }
}

function classify(body: Buffer): Classification {
  if (body.length === 0) return { kind: 'empty' };
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    // JSON.parse rejects a leading U+FEFF, so a client drops this line even when the rest is a valid message.
    return { kind: 'bom', problem: 'line starts with a UTF-8 byte order mark (EF BB BF)' };
  }
  let validUtf8 = true;
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    validUtf8 = false;
    text = lenientUtf8.decode(body);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return validUtf8 ? { kind: 'not-json', problem: (error as Error).message } : { kind: 'invalid-utf8' };
  }
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (!parsed.success) {
    return validUtf8 ? { kind: 'not-jsonrpc', problem: describeNotJsonRpc(value) } : { kind: 'invalid-utf8' };
  }
  // The SDK decodes leniently, so a message with invalid bytes inside a string still reaches the client.
  return { kind: validUtf8 ? 'message' : 'invalid-utf8', message: value as JsonRpcMessage };
}

/** A short, fixed-vocabulary reason (never echoes server text). */
function describeNotJsonRpc(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array (batches are not allowed on stdio)';
  if (value === null || typeof value !== 'object') return `a JSON ${value === null ? 'null' : typeof value}, not an object`;
  const object = value as Record<string, unknown>;
  if (object.jsonrpc !== '2.0') return 'missing "jsonrpc": "2.0"';
  const hasMethod = 'method' in object;
  const hasResult = 'result' in object;
  const hasError = 'error' in object;
  if (!hasMethod && !hasResult && !hasError) return 'neither a request, a notification nor a response';
  if (hasResult && hasError) return 'a response with both "result" and "error"';
  if (hasMethod && typeof object.method !== 'string') return '"method" is not a string';
  if ('id' in object && !(typeof object.id === 'string' || Number.isInteger(object.id))) {
    return '"id" is not a string or an integer';
  }
  if (hasResult && (object.result === null || typeof object.result !== 'object' || Array.isArray(object.result))) {
    return '"result" is not an object';
  }
  if (hasError) return '"error" is not {code: integer, message: string}';
  return 'unexpected members for a JSON-RPC 2.0 message';
}

function firstNonBlank(chunk: Buffer, start: number, end: number): number | undefined {
  for (let i = start; i < end; i++) {
    const byte = chunk[i] as number;
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return byte;
  }
  return undefined;
}

/** At most `max` bytes, cut before a partial UTF-8 sequence. */
function utf8Prefix(buffer: Buffer, max: number): Buffer {
  if (buffer.length <= max) return buffer;
  let end = max;
  // Back off over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((buffer[end] as number) & 0xc0) === 0x80) end -= 1;
  return buffer.subarray(0, end);
}
