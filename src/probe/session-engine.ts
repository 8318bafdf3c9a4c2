import { performance } from 'node:perf_hooks';
import { withDeadline } from '../launch/deadline.js';
import type { Phase, Transcript } from '../model/transcript.js';
import type { Channel, ChannelRecord, ServerEnd } from './channel.js';
import { Exchange, type MessageLimits, type ResponseSeen, type SentRequest, type ServerRequestHandler } from './exchange.js';
import type { Stamp } from './line-framer.js';
import type { LoadMeter } from './run-load.js';

/**
 * One probe session over any channel: the main probe and the short extra sessions are this engine with a longer or a
 * shorter script. The engine opens the channel, runs the script, watches the server for a while after the handshake
 * (overlapped with the script), ends the session the channel's way and returns one transcript. It records, never
 * judges, never throws: a failure of the probe itself lands in `probeError`.
 */

export interface SessionOptions {
  limits: MessageLimits;
  /** Send `notifications/cancelled` for a request that timed out, as the SDK client does. */
  cancelOnTimeout: boolean;
  /** How the client being stood for answers the server's own requests. */
  answer: ServerRequestHandler;
  /** How long after the handshake the server must keep running, overlapped with the script (absent: not watched). */
  stayAliveMs?: number;
  /** Counts the run's other sessions that overlap this one's start and requests. */
  meter?: LoadMeter;
}

/** The part of the transcript the session writes; the channel records the rest. */
export type SessionRecord = Omit<Transcript, keyof ChannelRecord>;

/** What a script sees of the session. */
export interface Session {
  readonly transcript: SessionRecord;
  /** Nothing more can be answered (the connection ended). */
  readonly closed: boolean;
  /** The session's clock (ms since it started). */
  now(): number;
  /**
   * Sends a request and waits for its answer, the end of the connection or `timeoutMs`; never rejects. With
   * `handshake`, a result ends the startup phase the moment it arrives.
   */
  request(
    method: string,
    params: Record<string, unknown> | undefined,
    timeoutMs: number,
    options?: { handshake?: boolean },
  ): Promise<SentRequest>;
  notify(method: string, params?: Record<string, unknown>): void;
  /** Resolves once the stay-alive window after the handshake is over or the server ended (at once when not watched). */
  stayAliveWindow(): Promise<void>;
}

export type SessionScript = (session: Session) => Promise<void>;

export function runSession(channel: Channel, script: SessionScript, options: SessionOptions): Promise<Transcript> {
  return new SessionEngine(channel, options).run(script);
}

class SessionEngine implements Session {
  readonly transcript: SessionRecord;
  private readonly t0 = performance.now();
  private readonly exchange: Exchange;
  private phase: Phase = 'startup';
  private handshakeAtMs?: number;
  private operating?: Promise<void>;
  private serverGone = false;

  constructor(
    private readonly channel: Channel,
    private readonly options: SessionOptions,
  ) {
    this.exchange = new Exchange(channel, () => this.stamp(), {
      limits: options.limits,
      cancelOnTimeout: options.cancelOnTimeout,
      answer: options.answer,
    });
    this.transcript = {
      startedAt: Date.now(),
      messages: this.exchange.messages,
      droppedMessages: 0,
      lists: {},
      graceMs: options.stayAliveMs ?? 0,
      durationMs: 0,
    };
    void channel.gone.then(() => {
      this.serverGone = true;
    });
  }

  get closed(): boolean {
    return this.exchange.isClosed;
  }

  now(): number {
    return Math.round(performance.now() - this.t0);
  }

  request(method: string, params: Record<string, unknown> | undefined, timeoutMs: number, options: { handshake?: boolean } = {}) {
    return this.exchange.request(method, params, timeoutMs, options.handshake ? { onAnswer: (seen) => this.handshake(seen) } : {});
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.exchange.notify(method, params);
  }

  async stayAliveWindow(): Promise<void> {
    if (this.closed) return;
    const phase = this.phase;
    await this.waitOutWindow();
    this.phase = phase;
  }

  /**
   * Waits, in the grace phase, until the stay-alive window after the handshake is over or the server ended. The
   * channel settles first, so an end that already happened is counted whatever order its events arrive in.
   * False when the window is not watched.
   */
  private async waitOutWindow(): Promise<boolean> {
    const { stayAliveMs } = this.options;
    if (this.handshakeAtMs === undefined || stayAliveMs === undefined) return false;
    await this.channel.settle();
    const remaining = this.handshakeAtMs + stayAliveMs - this.now();
    if (remaining > 0 && !this.serverGone) {
      this.phase = 'grace';
      await withDeadline(this.channel.gone, remaining, undefined);
    }
    return true;
  }

  async run(script: SessionScript): Promise<Transcript> {
    try {
      await this.drive(script);
    } catch (error) {
      this.transcript.probeError = describeError(error);
    }
    let channelRecord: ChannelRecord | undefined;
    try {
      await this.finish();
    } catch (error) {
      this.transcript.probeError ??= describeError(error);
    } finally {
      channelRecord = this.channel.record();
    }
    this.transcript.droppedMessages = this.exchange.droppedMessages;
    if (this.exchange.serverRequests.length > 0) this.transcript.serverRequests = this.exchange.serverRequests;
    this.transcript.durationMs = this.now();
    return { ...this.transcript, ...channelRecord };
  }

  private stamp(): Stamp {
    return { atMs: this.now(), phase: this.phase };
  }

  private async drive(script: SessionScript): Promise<void> {
    const opened = await this.channel.open({
      stamp: () => this.stamp(),
      message: (message, byteLength, stamp) => this.exchange.receive(message, byteLength, stamp),
      closed: () => this.exchange.markClosed(),
      ended: (end) => this.recordEnd(end),
    });
    if (!opened) return;
    await script(this);
    if (this.options.meter) this.transcript.concurrentSessions = this.options.meter.others();
    await this.watch();
  }

  /** The first result to a handshake request ends the startup phase, on the wire's clock. */
  private handshake(seen: ResponseSeen): void {
    if (this.handshakeAtMs !== undefined || !('result' in seen.message)) return;
    this.handshakeAtMs = seen.atMs;
    this.transcript.startupMs = seen.atMs - (this.channel.openedAtMs ?? 0);
    this.phase = 'operation';
    this.operating = this.channel.operating();
  }

  /**
   * The stay-alive window: from the handshake, overlapped with the script, until `stayAliveMs` passed and the script is
   * done (or the server ended, which settles the question early). Before deciding the server is still running, the
   * channel settles, so an end that already happened is counted whatever order its events arrive in.
   */
  private async watch(): Promise<void> {
    if (!(await this.waitOutWindow())) return;
    await this.operating;
    await this.channel.settle();
    this.transcript.aliveAfterGrace = !this.serverGone;
  }

  private recordEnd(end: ServerEnd): void {
    // An answer that was still in the pipe when the exit came means the exit followed the handshake.
    const phase = end.phase === 'startup' && this.handshakeAtMs !== undefined ? 'operation' : end.phase;
    // What the server was asked and never answered, in the order sent: the cause of a crash is often the last request.
    const inFlight = phase === 'shutdown' ? [] : [...this.exchange.cutShort, ...this.exchange.inFlight()];
    this.transcript.exit = { code: end.code, signal: end.signal, atMs: end.atMs, phase, ...(inFlight.length > 0 && { inFlight }) };
  }

  /** Ends the session the channel's way; anything still waiting is settled. */
  private async finish(): Promise<void> {
    await this.operating?.catch(() => undefined);
    await this.channel.settle();
    this.phase = 'shutdown';
    await this.channel.close();
    this.exchange.markClosed();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
