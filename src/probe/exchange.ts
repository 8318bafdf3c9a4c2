import type { JsonRpcId, JsonRpcMessage, MessageRecord, RequestRecord, ServerRequestRecord } from '../model/transcript.js';
import type { Stamp } from './line-framer.js';

/**
 * The client side of the JSON-RPC exchange of one session, over any channel: it sends requests and notifications,
 * matches answers, answers the server's own requests, and records every message in and out (capped). What a request
 * record says comes from the wire, not from anyone's interpretation of it.
 *
 * It behaves as the MCP SDK's `Protocol` does, so the server sees what an SDK-based client sends: the same message
 * shapes, ids counting from 0, an answer matched on `Number(id)` (the SDK's key), a `notifications/cancelled` for a
 * request that timed out (where the session asks for it). The server's own requests are answered by the client the
 * session stands for (`client-persona.ts`).
 */

export interface MessageLimits {
  maxMessages: number;
  /** Wire bytes of the kept messages. */
  maxMessageBytes: number;
}

export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { maxMessages: 1000, maxMessageBytes: 8 * 1024 * 1024 };

/** Where messages go: the channel. Resolves a message to its size on the wire, or undefined when it was not sent. */
export interface MessageSink {
  send(message: JsonRpcMessage): number | undefined;
}

export interface ResponseSeen extends Stamp {
  message: JsonRpcMessage;
  byteLength: number;
}

/** The answer to a request the server sent to the client (`roots/list`, `ping`, `elicitation/create`…). */
export type ServerRequestAnswer = { result: Record<string, unknown> } | { error: { code: number; message: string } };

export type ServerRequestHandler = (request: { method: string; params?: unknown }) => ServerRequestAnswer;

export interface ExchangeOptions {
  limits: MessageLimits;
  /** Send `notifications/cancelled` for a request that timed out, as the SDK client does. */
  cancelOnTimeout: boolean;
  answer: ServerRequestHandler;
}

export interface RequestOptions {
  /** Called the moment the first answer arrives, before anything after it is stamped (e.g. to end the startup phase). */
  onAnswer?: (seen: ResponseSeen) => void;
}

export interface SentRequest {
  record: RequestRecord;
  /** Wire size of the answer (0 without one). */
  bytes: number;
}

export interface InFlight {
  id: JsonRpcId;
  method: string;
  sentMs: number;
}

interface Pending extends InFlight {
  record: RequestRecord;
  onAnswer?: RequestOptions['onAnswer'];
  settle: (bytes: number) => void;
}

const MAX_SERVER_REQUESTS = 100;

/** The reason string the SDK puts in the cancellation of a timed-out request. */
const TIMEOUT_REASON = 'McpError: MCP error -32001: Request timed out';

export class Exchange {
  readonly messages: MessageRecord[] = [];
  droppedMessages = 0;
  /** The requests that were still waiting when the connection ended. */
  readonly cutShort: InFlight[] = [];
  /** The server's own requests and how they were answered (the first `MAX_SERVER_REQUESTS`). */
  readonly serverRequests: ServerRequestRecord[] = [];

  private keptBytes = 0;
  private nextId = 0;
  private closed = false;
  /** Keyed the way the SDK matches answers: `Number(id)`. */
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly sink: MessageSink,
    private readonly stamp: () => Stamp,
    private readonly options: ExchangeOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Requests sent and not answered, oldest first. */
  inFlight(): InFlight[] {
    return [...this.pending.values()].map(({ id, method, sentMs }) => ({ id, method, sentMs }));
  }

  /**
   * Sends a request and waits for its answer, the connection's end or the timeout; never rejects. Not sent once the
   * connection is over or when no time is left.
   */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    timeoutMs: number,
    options: RequestOptions = {},
  ): Promise<SentRequest> {
    const now = this.stamp();
    const record: RequestRecord = { method, phase: now.phase, startedMs: now.atMs, outcome: 'not-sent' };
    if (this.closed || timeoutMs <= 0) return Promise.resolve({ record, bytes: 0 });
    const id = this.nextId++;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      // Waiting before the write: however soon the answer comes, it finds its request.
      this.pending.set(id, {
        id,
        method,
        sentMs: now.atMs,
        record,
        ...(options.onAnswer && { onAnswer: options.onAnswer }),
        settle: (bytes) => {
          clearTimeout(timer);
          resolve({ record, bytes });
        },
      });
      record.id = id;
      // The SDK's key order: the request, then jsonrpc and id.
      if (!this.write({ method, ...(params && { params }), jsonrpc: '2.0', id } as JsonRpcMessage)) {
        // The server's stdin is gone (it closed it, or died and its exit is not seen yet): the connection is over for
        // this request, as surely as when the exit came first. Without an id: it never reached the server.
        this.pending.delete(id);
        delete record.id;
        record.outcome = 'closed';
        record.endedMs = now.atMs;
        resolve({ record, bytes: 0 });
        return;
      }
      if (!this.pending.has(id)) return;
      timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        record.outcome = 'timeout';
        record.endedMs = this.stamp().atMs;
        if (this.options.cancelOnTimeout) this.notify('notifications/cancelled', { requestId: id, reason: TIMEOUT_REASON });
        resolve({ record, bytes: 0 });
      }, timeoutMs);
    });
  }

  notify(method: string, params?: Record<string, unknown>): void {
    if (!this.closed) this.write({ method, ...(params && { params }), jsonrpc: '2.0' } as JsonRpcMessage);
  }

  /** A message from the server. Recorded even after the connection ended. */
  receive(message: JsonRpcMessage, byteLength: number, stamp: Stamp): void {
    this.record('in', message, byteLength, stamp);
    const { id } = message;
    if (id === undefined || id === null) return;
    if (message.method === undefined && ('result' in message || 'error' in message)) {
      const pending = this.pending.get(Number(id));
      if (!pending) return;
      this.pending.delete(Number(id));
      const { record } = pending;
      record.endedMs = stamp.atMs;
      if (message.error) {
        record.outcome = 'error';
        const { code, message: text, data } = message.error;
        record.error = { code, message: text, ...(data !== undefined && { data }) };
      } else {
        record.outcome = 'result';
        record.result = message.result;
      }
      pending.onAnswer?.({ ...stamp, message, byteLength });
      pending.settle(byteLength);
      return;
    }
    if (typeof message.method === 'string' && !this.closed) {
      const answer = this.options.answer({ method: message.method, params: message.params });
      this.write({ jsonrpc: '2.0', id, ...answer } as JsonRpcMessage);
      if (this.serverRequests.length < MAX_SERVER_REQUESTS) {
        this.serverRequests.push({
          method: message.method.slice(0, 200),
          atMs: stamp.atMs,
          phase: stamp.phase,
          answer: 'result' in answer ? 'result' : 'error',
        });
      }
    }
  }

  /** The connection is over: waiting requests end as closed, later ones are not sent. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const at = this.stamp().atMs;
    for (const pending of this.pending.values()) {
      this.cutShort.push({ id: pending.id, method: pending.method, sentMs: pending.sentMs });
      pending.record.outcome = 'closed';
      pending.record.endedMs = at;
      pending.settle(0);
    }
    this.pending.clear();
  }

  private write(message: JsonRpcMessage): boolean {
    const bytes = this.sink.send(message);
    if (bytes === undefined) return false;
    this.record('out', message, bytes, this.stamp());
    return true;
  }

  private record(direction: MessageRecord['direction'], message: JsonRpcMessage, bytes: number, stamp: Stamp): void {
    if (this.messages.length >= this.options.limits.maxMessages || this.keptBytes + bytes > this.options.limits.maxMessageBytes) {
      this.droppedMessages += 1;
      return;
    }
    this.keptBytes += bytes;
    this.messages.push({ direction, atMs: stamp.atMs, phase: stamp.phase, message });
  }
}
