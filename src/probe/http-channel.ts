import { setMaxListeners } from 'node:events';
import { withDeadline } from '../launch/deadline.js';
import type { ResolvedServer } from '../model/spec.js';
import {
  type HttpExchange,
  type HttpRecord,
  type JsonRpcMessage,
  type LaunchRecord,
  MAX_HTTP_EXCHANGES,
  type NetworkFailure,
} from '../model/transcript.js';
import type { Channel, ChannelContext, ChannelRecord } from './channel.js';
import { type Answer, fetchWithDeadline, readBody } from './http-fetch.js';
import { discoverAuthorization } from './http-oauth.js';
import { type FramerLimits, LineFramer } from './line-framer.js';
import { SseParser } from './sse-parser.js';

/**
 * A remote server as a channel: Streamable HTTP (one POST per message, answered with JSON or an SSE stream) or the
 * legacy HTTP+SSE transport (a GET stream whose first `endpoint` event names where to POST). Which one the server
 * speaks is found the spec's way: an `http` entry POSTs initialize and, on 400, 404 or 405, tries GET for the
 * `endpoint` event; an `sse` entry opens the stream as its clients do and, when no `endpoint` event comes, POSTs
 * initialize to see whether the server speaks Streamable HTTP instead. The session then goes on over what it speaks.
 *
 * Every message body and SSE event's data is one unit of `wire` (classified like a stdout line); the HTTP exchange
 * itself (status, content type, the headers clients act on) is recorded in `http`. Closing DELETEs the session as
 * clients should, and for a loopback server first tries one initialize with a foreign `Origin` (DNS rebinding).
 */

export interface RemoteChannelOptions {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  platform: NodeJS.Platform;
  limits: FramerLimits;
  /** The run's cancellation: every request in flight is aborted. */
  signal?: AbortSignal;
}

/** The Origin a DNS-rebinding page would send. */
export const FOREIGN_ORIGIN = 'https://evil.example';
/** Bytes of a non-MCP body kept for evidence. */
const MAX_EXCERPT = 300;
/** Bytes read from a body that is not an MCP message (an error page). */
const MAX_ERROR_BODY = 16 * 1024;
/** How long the probes around the session (foreign Origin, DELETE, OAuth metadata) may take each. */
const SIDE_PROBE_MS = 3000;

export class RemoteChannel implements Channel {
  readonly gone: Promise<void> = new Promise(() => undefined);
  openedAtMs?: number;

  private readonly record_: HttpRecord;
  private readonly controller = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private context?: ChannelContext;
  private framer?: LineFramer;
  private url?: URL;
  private endpoint?: URL;
  private mode: 'http' | 'sse' = 'http';
  private protocolVersion?: string;
  private initializeId?: unknown;
  private failure?: NetworkFailure;
  private cancelled = false;
  /** The session's server/discover (2026-07-28), sent again after the session with a disagreeing header. */
  private modernDiscover?: JsonRpcMessage;
  private ended = false;

  constructor(
    private readonly server: ResolvedServer,
    private readonly options: RemoteChannelOptions,
  ) {
    const configured = server.spec.transport === 'sse' ? 'sse' : 'http';
    this.record_ = {
      configured,
      target: { scheme: '', host: '', port: 0, loopback: false },
      headerNames: Object.keys(server.headers),
      exchanges: [],
      droppedExchanges: 0,
    };
    // Every request of the session listens to this signal until its body is read (bounded by the session's requests).
    setMaxListeners(0, this.controller.signal);
    options.signal?.addEventListener('abort', this.onCancel, { once: true });
  }

  private readonly onCancel = () => {
    this.cancelled = true;
    this.controller.abort();
  };

  get transport(): 'http' | 'sse' {
    return this.record_.spoken ?? this.record_.configured;
  }

  async open(context: ChannelContext): Promise<boolean> {
    this.context = context;
    this.framer = new LineFramer(
      () => context.stamp(),
      (message, byteLength, stamp) => {
        this.noteAnswer(message);
        context.message(message, byteLength, stamp);
      },
      this.options.limits,
    );
    const url = parseUrl(this.server.url);
    if (!url) {
      this.failure = { kind: 'other', message: 'the url is not an http:// or https:// URL' };
      return false;
    }
    this.url = url;
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    this.record_.target = { scheme: url.protocol.slice(0, -1), host: url.hostname, port, loopback: isLoopbackHost(url.hostname) };
    const badHeader = Object.entries(this.server.headers).find(([name, value]) => !headerCarries(name, value));
    if (badHeader) {
      this.failure = { kind: 'other', message: `header "${badHeader[0].slice(0, 60)}" has a name or value HTTP cannot carry` };
      return false;
    }
    if (this.options.signal?.aborted) {
      this.cancelled = true;
      return false;
    }
    this.openedAtMs = context.stamp().atMs;
    if (this.record_.configured === 'sse') {
      const stream = await this.connectSse(this.options.startupTimeoutMs);
      if (stream === 'network') return false;
      if (stream === 'ok') {
        this.mode = 'sse';
        this.record_.spoken = 'sse';
      }
    }
    return true;
  }

  send(message: JsonRpcMessage): number | undefined {
    if (this.ended || !this.url) return undefined;
    const body = JSON.stringify(message);
    if (message.method === 'initialize') this.initializeId = message.id;
    this.track(this.mode === 'sse' ? this.postToEndpoint(message, body) : this.post(message, body));
    return Buffer.byteLength(body);
  }

  async operating(): Promise<void> {}

  async settle(): Promise<void> {}

  async close(): Promise<void> {
    if (!this.cancelled && this.url && this.record_.spoken !== undefined) {
      if (this.record_.target.loopback) await this.foreignOrigin();
      if (this.modernDiscover) await this.headerMismatch(this.modernDiscover);
      await this.deleteSession();
    }
    this.ended = true;
    this.options.signal?.removeEventListener('abort', this.onCancel);
    this.controller.abort();
    await withDeadline(Promise.allSettled([...this.pending]), SIDE_PROBE_MS, undefined);
    this.framer?.end();
  }

  record(): ChannelRecord {
    this.framer?.end();
    const launch: LaunchRecord = {
      launcher: 'remote',
      command: '',
      args: [],
      spawnedCommand: '',
      spawnedArgs: [],
      cwd: this.server.cwd,
      envKeys: [],
      pathEntries: [],
      resolvedCandidates: [],
      platform: this.options.platform,
      freshHome: false,
    };
    const failure = this.failure;
    return {
      transport: this.transport,
      launch,
      spawn: {
        ok: this.openedAtMs !== undefined,
        atMs: this.openedAtMs ?? 0,
        ...(failure && { errorCode: failure.code ?? failure.kind, errorMessage: failure.message }),
      },
      wire: this.framer?.lines ?? [],
      wireStats: this.framer?.stats ?? { bytes: 0, lines: 0, badLines: 0, keptLines: 0, unterminatedBytes: 0 },
      stderr: { tail: [], bytes: 0, lines: 0 },
      http: this.record_,
      ...(this.cancelled && { cancelled: true }),
    };
  }

  /** Streamable HTTP: one POST per message. */
  /**
   * 2026-07-28: a POST whose MCP-Protocol-Version header disagrees with its body must be refused with 400 and -32020
   * (HeaderMismatch). The session's own server/discover is sent again with an older version in the header.
   */
  private async headerMismatch(discover: JsonRpcMessage): Promise<void> {
    const exchange = this.exchange('header-mismatch', 'POST');
    exchange.rpc = 'server/discover';
    const headers = {
      ...this.headers({ 'content-type': 'application/json', accept: 'application/json, text/event-stream' }),
      'mcp-method': 'server/discover',
      'mcp-protocol-version': '2025-06-18',
    };
    const answer = await this.fetch(
      exchange,
      this.url as URL,
      { method: 'POST', headers, body: JSON.stringify({ ...discover, id: 'mcp-preflight-mismatch' }) },
      SIDE_PROBE_MS,
    );
    if (answer.response) await this.errorAnswer(exchange, answer.response, undefined);
  }

  private async post(message: JsonRpcMessage, body: string): Promise<void> {
    const url = this.url as URL;
    const isRequest = typeof message.method === 'string' && message.id !== undefined && message.id !== null;
    const exchange = this.exchange('message', 'POST', message, isRequest);
    const modern = modernVersionOf(message);
    if (modern !== undefined && message.method === 'server/discover') this.modernDiscover ??= message;
    const answer = await this.fetch(
      exchange,
      url,
      {
        method: 'POST',
        headers: {
          ...this.headers({ 'content-type': 'application/json', accept: 'application/json, text/event-stream' }),
          // 2026-07-28: every POST names its method and carries the version of its `_meta` in the headers.
          ...(modern !== undefined &&
            typeof message.method === 'string' && { 'mcp-method': message.method, 'mcp-protocol-version': modern }),
        },
        body,
      },
      message.method === 'initialize' ? this.options.startupTimeoutMs : this.options.requestTimeoutMs,
    );
    const response = answer.response;
    if (!response) return isRequest ? this.lost(answer.error) : undefined;
    const status = response.status;
    // A 2026-07-28 server answers a refused request with an HTTP error carrying the JSON-RPC error: a client reads it.
    if ((status < 200 || status > 299) && (await this.errorAnswer(exchange, response, isRequest ? message.id : undefined))) {
      this.record_.spoken ??= 'http';
      return;
    }
    if (message.method === 'initialize' && this.record_.spoken === undefined && [400, 404, 405].includes(status)) {
      // The spec's detection: maybe the legacy transport; its stream answers initialize instead.
      if ((await this.connectSse(this.options.startupTimeoutMs)) === 'ok') {
        this.mode = 'sse';
        this.record_.spoken = 'sse';
        return this.postToEndpoint(message, body);
      }
      return this.lost();
    }
    if (status < 200 || status > 299) {
      if (status === 401 && message.method === 'initialize') await this.oauth(exchange);
      return isRequest ? this.lost() : undefined;
    }
    if (message.method === 'initialize') {
      this.record_.spoken ??= 'http';
      const session = response.headers.get('mcp-session-id');
      if (session !== null) this.record_.sessionId = session.slice(0, 200);
    }
    const type = exchange.contentType ?? '';
    if (type.startsWith('text/event-stream')) return this.readStream(exchange, response, isRequest ? message.id : undefined);
    if (type.startsWith('application/json')) {
      const { bytes, total, end } = await readBody(response, this.options.limits.maxLineBytes, this.options.requestTimeoutMs);
      exchange.bodyBytes = total;
      if (end === 'complete') this.unit(Buffer.from(bytes).toString('utf8'));
      return;
    }
    await this.excerpt(exchange, response);
  }

  /**
   * Reads an error status's body (bounded, kept as evidence); when it is the JSON-RPC answer to request `id` it is
   * delivered as the server's answer, and true is returned.
   */
  private async errorAnswer(exchange: HttpExchange, response: Response, id: unknown): Promise<boolean> {
    const { bytes, total } = await readBody(response, MAX_ERROR_BODY, SIDE_PROBE_MS);
    exchange.bodyBytes = total;
    const text = Buffer.from(bytes).toString('utf8');
    if (total > 0) exchange.bodyExcerpt = text.slice(0, MAX_EXCERPT);
    if (!(exchange.contentType ?? '').startsWith('application/json') || total > MAX_ERROR_BODY) return false;
    try {
      const answer = JSON.parse(text) as { id?: unknown; error?: { code?: unknown }; method?: unknown };
      if (typeof answer.error?.code === 'number') exchange.jsonRpcErrorCode = answer.error.code;
      if (id === undefined || answer.id !== id || answer.method !== undefined || answer.error === undefined) return false;
    } catch {
      return false;
    }
    exchange.jsonRpcError = true;
    this.unit(text);
    return true;
  }

  /** A request's POST got no answer a client could use: the SDK rejects it, and the probe ends the session. */
  private lost(error?: NetworkFailure): void {
    if (error && !this.failure) this.failure = error;
    this.context?.closed();
  }

  /** A POST answered with an SSE stream: every `message` event is a message, until the stream ends. */
  private async readStream(exchange: HttpExchange, response: Response, id: unknown): Promise<void> {
    let events = 0;
    let answered = id === undefined;
    const parser = new SseParser((event) => {
      events += 1;
      if (event.event !== 'message' || event.data === '') return;
      if (!answered) answered = answers(event.data, id);
      this.unit(event.data);
    }, this.options.limits.maxLineBytes);
    const { total, end } = await readBody(response, Number.POSITIVE_INFINITY, this.options.requestTimeoutMs * 2, (piece) => {
      parser.push(piece);
      return !parser.overflowed;
    });
    exchange.bodyBytes = total;
    exchange.events = events;
    exchange.streamEnd = end === 'complete' ? (answered ? 'complete' : 'closed-early') : end === 'stopped' ? 'cap' : 'aborted';
  }

  /**
   * The legacy transport's GET stream: resolves 'ok' once its `endpoint` event arrived (the stream then goes on
   * delivering `message` events), 'no' for an answer that is not such a stream, 'network' without any answer.
   */
  private async connectSse(deadlineMs: number): Promise<'ok' | 'no' | 'network'> {
    const url = this.url as URL;
    const started = Date.now();
    const exchange = this.exchange('sse-stream', 'GET');
    const stream = new AbortController();
    const abort = () => stream.abort();
    this.controller.signal.addEventListener('abort', abort, { once: true });
    const answer = await fetchWithDeadline(
      url,
      { method: 'GET', headers: this.headers({ accept: 'text/event-stream' }) },
      deadlineMs,
      stream.signal,
    );
    this.fill(exchange, answer);
    const response = answer.response;
    if (!response) {
      if (answer.error && !this.failure) this.failure = answer.error;
      return 'network';
    }
    if (!response.ok || !(exchange.contentType ?? '').startsWith('text/event-stream')) {
      await this.excerpt(exchange, response);
      return 'no';
    }
    let found: (ok: boolean) => void = () => undefined;
    const endpoint = new Promise<boolean>((resolve) => {
      found = resolve;
    });
    let events = 0;
    const parser = new SseParser((event) => {
      events += 1;
      if (event.event === 'endpoint' && this.endpoint === undefined) {
        exchange.endpoint = event.data.slice(0, 200);
        const resolved = parseUrl(event.data, url);
        if (resolved) this.endpoint = resolved;
        found(resolved !== undefined);
      } else if (event.event === 'message' && event.data !== '') this.unit(event.data);
    }, this.options.limits.maxLineBytes);
    const reading = readBody(response, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, (piece) => {
      parser.push(piece);
      return !parser.overflowed;
    }).then(({ total, end }) => {
      exchange.bodyBytes = total;
      exchange.events = events;
      exchange.streamEnd = end === 'complete' ? (this.ended ? 'complete' : 'closed-early') : end === 'stopped' ? 'cap' : 'aborted';
      found(false);
      // The stream carried every answer: once it is over, nothing more can arrive.
      if (this.mode === 'sse' && !this.ended) this.context?.closed();
    });
    this.track(reading);
    const ok = await withDeadline(endpoint, deadlineMs - (Date.now() - started), false);
    if (!ok) abort();
    return ok ? 'ok' : 'no';
  }

  /** The legacy transport: a POST to the endpoint; the answer comes on the stream. */
  private async postToEndpoint(message: JsonRpcMessage, body: string): Promise<void> {
    const isRequest = typeof message.method === 'string' && message.id !== undefined && message.id !== null;
    const exchange = this.exchange('message', 'POST', message, isRequest);
    exchange.toEndpoint = true;
    const answer = await this.fetch(
      exchange,
      this.endpoint as URL,
      { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body },
      this.options.requestTimeoutMs,
    );
    if (!answer.response) return isRequest ? this.lost(answer.error) : undefined;
    await this.excerpt(exchange, answer.response, answer.response.ok);
    if (!answer.response.ok && isRequest) this.lost();
  }

  /** One initialize with a foreign Origin: a server on localhost must refuse it (403) against DNS rebinding. */
  private async foreignOrigin(): Promise<void> {
    const url = this.url as URL;
    const exchange = this.exchange('foreign-origin', this.transport === 'sse' ? 'GET' : 'POST');
    exchange.sent.origin = FOREIGN_ORIGIN;
    const init: RequestInit =
      this.transport === 'sse'
        ? { method: 'GET', headers: { ...this.server.headers, accept: 'text/event-stream', origin: FOREIGN_ORIGIN } }
        : {
            method: 'POST',
            headers: {
              ...this.server.headers,
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
              origin: FOREIGN_ORIGIN,
            },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 'mcp-preflight-origin',
              method: 'initialize',
              params: {
                protocolVersion: this.protocolVersion ?? '2025-06-18',
                capabilities: {},
                clientInfo: { name: 'mcp-preflight', version: '0' },
              },
            }),
          };
    const answer = await this.fetch(exchange, url, init, SIDE_PROBE_MS);
    if (!answer.response) return;
    // A session the probe opened is closed again.
    const session = answer.response.headers.get('mcp-session-id');
    await answer.response.body?.cancel().catch(() => undefined);
    if (session !== null && answer.response.ok) {
      await fetchWithDeadline(
        url,
        { method: 'DELETE', headers: { ...this.server.headers, 'mcp-session-id': session } },
        SIDE_PROBE_MS,
        this.controller.signal,
      )
        .then((a) => a.response?.body?.cancel())
        .catch(() => undefined);
    }
  }

  /** Clients that no longer need a session DELETE it; the server may answer 405. */
  private async deleteSession(): Promise<void> {
    if (this.transport !== 'http' || this.record_.sessionId === undefined) return;
    const exchange = this.exchange('delete', 'DELETE');
    const answer = await this.fetch(exchange, this.url as URL, { method: 'DELETE', headers: this.headers({}) }, SIDE_PROBE_MS);
    if (answer.response) await this.excerpt(exchange, answer.response);
  }

  private async oauth(exchange: HttpExchange): Promise<void> {
    this.record_.oauth = await discoverAuthorization(
      this.url as URL,
      exchange.headers.wwwAuthenticate,
      SIDE_PROBE_MS,
      this.controller.signal,
    );
  }

  /** The entry's headers, then the transport's own, then the session's (as the SDK sends them). */
  private headers(own: Record<string, string>): Record<string, string> {
    return {
      ...this.server.headers,
      ...own,
      ...(this.record_.sessionId !== undefined && { 'mcp-session-id': this.record_.sessionId }),
      ...(this.protocolVersion !== undefined && { 'mcp-protocol-version': this.protocolVersion }),
    };
  }

  private async fetch(exchange: HttpExchange, url: URL, init: RequestInit, deadlineMs: number): Promise<Answer> {
    const headers = (init.headers ?? {}) as Record<string, string>;
    exchange.sent.sessionId = headers['mcp-session-id'] !== undefined;
    if (headers['mcp-protocol-version'] !== undefined) exchange.sent.protocolVersion = headers['mcp-protocol-version'];
    const answer = await fetchWithDeadline(url, init, deadlineMs, this.controller.signal);
    this.fill(exchange, answer);
    return answer;
  }

  private fill(exchange: HttpExchange, answer: Answer): void {
    const now = this.context?.stamp().atMs ?? 0;
    exchange.durationMs = now - exchange.atMs;
    if (answer.error) {
      exchange.error = answer.error;
      return;
    }
    const response = answer.response as Response;
    exchange.status = response.status;
    const header = (name: string) => response.headers.get(name)?.slice(0, 300);
    const contentType = header('content-type');
    if (contentType !== undefined) exchange.contentType = contentType.toLowerCase();
    const headers: HttpExchange['headers'] = {};
    const set = (key: keyof HttpExchange['headers'], name: string) => {
      const value = header(name);
      if (value !== undefined) headers[key] = value;
    };
    set('sessionId', 'mcp-session-id');
    set('wwwAuthenticate', 'www-authenticate');
    set('protocolVersion', 'mcp-protocol-version');
    set('allowOrigin', 'access-control-allow-origin');
    set('location', 'location');
    exchange.headers = headers;
  }

  /** Reads a body that is not a message stream (bounded) and keeps its start as evidence. */
  private async excerpt(exchange: HttpExchange, response: Response, keep = true): Promise<void> {
    const { bytes, total } = await readBody(response, MAX_ERROR_BODY, SIDE_PROBE_MS);
    exchange.bodyBytes = total;
    if (keep && total > 0) exchange.bodyExcerpt = Buffer.from(bytes).toString('utf8').slice(0, MAX_EXCERPT);
  }

  private exchange(
    purpose: HttpExchange['purpose'],
    method: HttpExchange['method'],
    message?: JsonRpcMessage,
    isRequest?: boolean,
  ): HttpExchange {
    const stamp = this.context?.stamp() ?? { atMs: 0, phase: 'startup' as const };
    const exchange: HttpExchange = {
      purpose,
      method,
      ...(message && { rpc: typeof message.method === 'string' ? message.method.slice(0, 100) : 'response' }),
      ...(message && !isRequest && { noReply: true }),
      atMs: stamp.atMs,
      phase: stamp.phase,
      sent: { sessionId: false },
      headers: {},
    };
    if (this.record_.exchanges.length < MAX_HTTP_EXCHANGES) this.record_.exchanges.push(exchange);
    else this.record_.droppedExchanges += 1;
    return exchange;
  }

  /** One message body or event's data: classified and delivered like a stdout line (newlines are JSON whitespace). */
  private unit(text: string): void {
    this.framer?.push(Buffer.from(`${text.replace(/[\r\n]/g, ' ')}\n`));
  }

  /** The negotiated version goes into every later request's MCP-Protocol-Version header. */
  private noteAnswer(message: JsonRpcMessage): void {
    if (this.initializeId === undefined || message.id !== this.initializeId) return;
    const version = (message.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    if (typeof version === 'string' && version.length < 100) this.protocolVersion = version;
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch((error) => {
      if (!this.failure) this.failure = { kind: 'other', message: error instanceof Error ? error.message.slice(0, 300) : 'unknown' };
    });
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
  }
}

const META_VERSION = 'io.modelcontextprotocol/protocolVersion';

/** The protocol version a 2026-07-28 message carries in its `_meta` (undefined: an older revision's message). */
function modernVersionOf(message: JsonRpcMessage): string | undefined {
  const meta = (message.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  const version = meta?.[META_VERSION];
  return typeof version === 'string' && version.length < 100 ? version : undefined;
}

/** An event's data is the response to request `id`. */
function answers(data: string, id: unknown): boolean {
  try {
    const message = JSON.parse(data) as { id?: unknown; method?: unknown };
    return message.method === undefined && message.id === id;
  } catch {
    return false;
  }
}

function parseUrl(text: string | undefined, base?: URL): URL | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** What fetch accepts: a token name, and a value without line breaks or NUL within Latin-1. */
function headerCarries(name: string, value: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && !/[\r\n\0]/.test(value) && !/[^\u0000-\u00ff]/.test(value);
}
