import type { JsonRpcMessage, Phase, Transcript } from '../model/transcript.js';
import type { Stamp } from './line-framer.js';

/**
 * The transport-specific half of a probe session. A session (`session-engine.ts`) speaks JSON-RPC, keeps the clock and
 * the phases and decides when to stop; a channel carries the messages and records what only its transport has: for
 * stdio the launch, the stdout lines, stderr, the exit and the shutdown ladder (`stdio-channel.ts`); for HTTP the
 * status codes, content types and headers (`http-channel.ts`, Streamable HTTP and legacy SSE). A channel never judges and never throws for something the server did.
 *
 * The shape follows the MCP SDK's `Transport` (send / onmessage / onclose), so an HTTP channel can wrap the SDK's
 * Streamable HTTP or SSE client transport and record around it.
 */
export interface Channel {
  /** Recorded in `Transcript.transport`. */
  readonly transport: Transcript['transport'];
  /**
   * Connects to the server (stdio: prepares the launch and starts the process). Resolves false when there is nothing to
   * talk to; the channel's record says why (a spawn error, a refused connection…).
   */
  open(context: ChannelContext): Promise<boolean>;
  /** Sends one message. Never throws; resolves to its size on the wire, or undefined when it could not be sent. */
  send(message: JsonRpcMessage): number | undefined;
  /** The startup phase is over: the channel may record what it needs while the server works (stdio: the process tree). */
  operating(): Promise<void>;
  /** Resolves once the server has ended on its own (stdio: the process exited); stays pending while it runs. */
  readonly gone: Promise<void>;
  /**
   * Makes an end that already happened known before the session decides the server is still running: an exit event
   * still queued behind other I/O, or a process that closed its output and is on its way out.
   */
  settle(): Promise<void>;
  /** Ends the session the way clients do on this transport, and what the server left behind (stdio: the ladder, leftovers). */
  close(): Promise<void>;
  /** When the connection attempt began (stdio: the launch), on the session's clock: startup time counts from here. */
  readonly openedAtMs?: number;
  /** What the channel recorded, for the transcript (after `close`). */
  record(): ChannelRecord;
}

/** The part of a transcript a channel records: what only its transport shows. */
export type ChannelRecord = Pick<
  Transcript,
  'transport' | 'launch' | 'spawn' | 'wire' | 'wireStats' | 'stderr' | 'stdoutClosedAtMs' | 'shutdown' | 'boundary' | 'cancelled' | 'http'
>;

export interface ChannelContext {
  /** The session's clock and current phase. */
  stamp(): Stamp;
  /** A message a client would deliver, with its size on the wire, stamped when it arrived. */
  message(message: JsonRpcMessage, byteLength: number, stamp: Stamp): void;
  /** Nothing more can arrive (stdio: stdout ended): requests still waiting end as closed. */
  closed(): void;
  /** The server ended, reported after what it wrote before was delivered. */
  ended(end: ServerEnd): void;
}

export interface ServerEnd {
  code: number | null;
  signal: string | null;
  /** When the end was seen (session clock). */
  atMs: number;
  /** The session's phase when it happened. */
  phase: Phase;
}
