import type { Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { JsonRpcId, JsonRpcMessage, MessageRecord } from '../model/transcript.js';
import type { Stamp } from './line-framer.js';

/**
 * The SDK `Client`'s view of the server: it writes to the server's stdin and receives the messages the line framer
 * delivers. It records every message in and out (capped) and the first response to each request it sent, keyed the
 * way the SDK matches them (`Number(id)`), so the probe can tell what the wire said regardless of what the SDK threw.
 *
 * It never owns the process: `close()` (called by the SDK when `connect()` fails) only ends the connection; the probe
 * session runs the shutdown. Writes never throw on a dead server (EPIPE is absorbed; the exit is what gets recorded);
 * only a send after the connection ended is refused. `sessionId` stays undefined, otherwise `Client.connect` would skip `initialize`.
 */

export interface MessageLimits {
  maxMessages: number;
  /** Wire bytes of the kept messages. */
  maxMessageBytes: number;
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { maxMessages: 1000, maxMessageBytes: 8 * 1024 * 1024 };

export interface ResponseSeen extends Stamp {
  message: JsonRpcMessage;
  byteLength: number;
}

export class RecordingTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly messages: MessageRecord[] = [];
  droppedMessages = 0;
  /** Called when a request goes out, with the id the SDK gave it. */
  onRequestSent?: (id: JsonRpcId, method: string) => void;
  /** Called when the first response to one of our requests arrives. */
  onResponse?: (id: number, seen: ResponseSeen) => void;

  private keptBytes = 0;
  private readonly pending = new Set<number>();
  private readonly responses = new Map<number, ResponseSeen>();
  private closed = false;

  constructor(
    private readonly stdin: Writable,
    private readonly stamp: () => Stamp,
    private readonly limits: MessageLimits = DEFAULT_MESSAGE_LIMITS,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async start(): Promise<void> {
    // The process is already running and the framer already feeds `receive`.
  }

  async send(message: JSONRPCMessage): Promise<void> {
    // Rejecting makes the SDK fail the request at once instead of waiting for its timeout.
    if (this.closed) throw new Error('Connection closed');
    if (!this.stdin.writable) return;
    const line = `${JSON.stringify(message)}\n`;
    const wire = message as JsonRpcMessage;
    this.record('out', wire, Buffer.byteLength(line), this.stamp());
    if (typeof wire.method === 'string' && wire.id !== undefined && wire.id !== null) {
      this.pending.add(Number(wire.id));
      this.onRequestSent?.(wire.id, wire.method);
    }
    // EPIPE (the server died) arrives on the stream's 'error' event, which the launcher absorbs.
    this.stdin.write(line);
  }

  /** A line the framer would deliver to a client. Recorded even after the client gave up on the connection. */
  receive(message: JsonRpcMessage, byteLength: number, stamp: Stamp): void {
    this.record('in', message, byteLength, stamp);
    if (('result' in message || 'error' in message) && message.id !== undefined && message.id !== null) {
      const key = Number(message.id);
      if (this.pending.delete(key)) {
        const seen = { ...stamp, message, byteLength };
        this.responses.set(key, seen);
        this.onResponse?.(key, seen);
      }
    }
    if (this.closed) return;
    try {
      this.onmessage?.(message as JSONRPCMessage);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * The first response to request `id`, as the wire carried it. Handed over once: the transport then lets go of it and
   * stops waiting for it, so a late answer to a timed-out request is not held either.
   */
  takeResponse(id: JsonRpcId): ResponseSeen | undefined {
    const key = Number(id);
    this.pending.delete(key);
    const seen = this.responses.get(key);
    this.responses.delete(key);
    return seen;
  }

  /** The connection is over (stdout ended or the process exited): pending requests fail as closed. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }

  async close(): Promise<void> {
    this.markClosed();
  }

  private record(direction: MessageRecord['direction'], message: JsonRpcMessage, bytes: number, stamp: Stamp): void {
    if (this.messages.length >= this.limits.maxMessages || this.keptBytes + bytes > this.limits.maxMessageBytes) {
      this.droppedMessages += 1;
      return;
    }
    this.keptBytes += bytes;
    this.messages.push({ direction, atMs: stamp.atMs, phase: stamp.phase, message });
  }
}
