/**
 * What a probe session recorded. The probe never judges; checks read this (and the spec) and decide.
 * Not tied to stdio: `wire` holds raw inbound units (stdout lines for stdio; JSON bodies and SSE event data for HTTP).
 */

import type { BoundaryRecord, LaunchIsolation } from './isolation.js';
/**
 * `legacy`: the `initialize` handshake (protocol versions 2024-11-05 … 2025-11-25). `modern`: the stateless 2026-07-28
 * revision, `server/discover` and no `initialize`.
 */
export type ProtocolGeneration = 'legacy' | 'modern';

/** The part of the session a record belongs to. */
export type Phase = 'startup' | 'operation' | 'grace' | 'shutdown';

export interface LaunchRecord {
  /** Which launcher ran the server: 'process', 'sandbox' or 'docker'. */
  launcher: string;
  /** The boundary the server ran in (absent: a plain process). */
  isolation?: LaunchIsolation;
  command: string;
  args: string[];
  /**
   * The argv actually spawned: differs on Windows when a shim is wrapped by cmd.exe, and is the bwrap or docker
   * command line in a sandbox or container (environment values never appear in it).
   */
  spawnedCommand: string;
  spawnedArgs: string[];
  cwd: string;
  /** Names (never values) of the variables the server received. */
  envKeys: string[];
  /** PATH the server received, split on the platform delimiter. */
  pathEntries: string[];
  /** Absolute path `command` resolved to on that PATH (undefined: not found, or the command is a path). */
  resolvedCommand?: string;
  /** Every match on PATH in order (the first one wins). */
  resolvedCandidates: string[];
  platform: NodeJS.Platform;
  freshHome: boolean;
}

export interface SpawnRecord {
  ok: boolean;
  pid?: number;
  /** ENOENT, EACCES, EINVAL… when the OS refused to start the process. */
  errorCode?: string;
  errorMessage?: string;
  atMs: number;
}

/** One unit of raw inbound data: for stdio, one stdout line (without the trailing newline). */
export interface WireLine {
  /** 1-based line number on stdout. */
  index: number;
  atMs: number;
  phase: Phase;
  /** Bytes in the line as received (before any truncation). */
  byteLength: number;
  /** Text kept for evidence, at most `maxKeptLineBytes` bytes, decoded as UTF-8 with replacement. */
  text: string;
  truncated: boolean;
  /** How the line was classified. */
  kind: 'message' | 'empty' | 'invalid-utf8' | 'bom' | 'not-json' | 'not-jsonrpc' | 'oversize';
  /** For kind 'not-jsonrpc' / 'not-json': parser message. */
  problem?: string;
}

export interface WireStats {
  bytes: number;
  lines: number;
  /** Lines that were not exactly one JSON-RPC message. */
  badLines: number;
  /** Lines kept in `lines` (the rest are counted only). */
  keptLines: number;
  /** Bytes at the end of the stream not terminated by a newline. */
  unterminatedBytes: number;
}

export interface MessageRecord {
  direction: 'out' | 'in';
  atMs: number;
  phase: Phase;
  /** The JSON-RPC message; large payloads are kept (bounded by the line cap). */
  message: JsonRpcMessage;
}

export type JsonRpcId = string | number;

export interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: JsonRpcId | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export type StepOutcome = 'result' | 'error' | 'timeout' | 'closed' | 'not-sent';

/** One request the probe made and how it ended. */
export interface RequestRecord {
  method: string;
  id?: JsonRpcId;
  phase: Phase;
  startedMs: number;
  endedMs?: number;
  outcome: StepOutcome;
  result?: unknown;
  /** `data` is kept by the short sessions (e.g. the `supported` versions of an unsupported-version error). */
  error?: { code: number; message: string; data?: unknown };
}

export type ListKind = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';

export interface ListRecord {
  kind: ListKind;
  method: string;
  /**
   * One record per page. A page's `result` is a bounded summary, `{ <items key>: "[n items]", nextCursor? }` (the
   * cursor cut to 200 characters); the items themselves are in `items`.
   */
  pages: RequestRecord[];
  /** All items received across pages (capped at `maxListItems`). */
  items: unknown[];
  itemCount: number;
  /** Why paging stopped. */
  end: 'complete' | 'repeated-cursor' | 'page-limit' | 'error' | 'timeout' | 'closed' | 'invalid-result';
  repeatedCursor?: string;
}

export interface ExitRecord {
  code: number | null;
  signal: string | null;
  atMs: number;
  phase: Phase;
  /**
   * Requests sent and not answered when the server went away before the shutdown (its output ended or it exited):
   * what it was doing when it died. Absent when nothing was in flight.
   */
  inFlight?: Array<{ id: JsonRpcId; method: string; sentMs: number }>;
}

export interface StderrRecord {
  /** Last lines, at most the ring size, each capped in length. */
  tail: string[];
  bytes: number;
  lines: number;
}

export interface ShutdownRecord {
  /** How the process ended: on its own before shutdown, after stdin closed, after SIGTERM, after SIGKILL, or never seen. */
  endedBy: 'exited-before' | 'stdin-close' | 'sigterm' | 'sigkill' | 'unknown';
  /** ms from the stdin close to the exit. */
  exitAfterMs?: number;
  /** When the shutdown closed the server's stdin (session clock): anything the server did before was its own doing. */
  stdinClosedAtMs?: number;
  /**
   * Descendants still alive when the grace after the server's exit ended (they were then killed), each named by its
   * executable and script, without argument values.
   */
  descendantsLeft: Array<{ pid: number; command?: string }>;
  /** How long descendants were given to end by themselves after the server exited (absent: no grace). */
  leftoverGraceMs?: number;
  /** Descendants still alive after the final kill (should be empty). */
  descendantsSurvived: number[];
}

/** The client a session stood for: what it declared, and what it answers to `roots/list`. */
export interface ClientRecord {
  /** The client profile stood for (absent: none; the MCP SDK client's defaults). */
  profile?: string;
  /** The `capabilities` declared in initialize. */
  capabilities: Record<string, unknown>;
  /** false: the client's own declaration is not known, so nothing was declared for it. */
  known: boolean;
  /** Where the client's declaration comes from. */
  source?: string;
  /** The answer to `roots/list` (the workspace folder), when roots are declared. */
  roots: Array<{ uri: string; name: string }>;
}

/** A request the server sent to the client (`roots/list`, `elicitation/create`…) and how it was answered. */
export interface ServerRequestRecord {
  method: string;
  atMs: number;
  phase: Phase;
  answer: 'result' | 'error';
}

export interface Transcript {
  /** Epoch ms at the start of the session; every `atMs` is relative to it. */
  startedAt: number;
  /**
   * The channel the session ran over. For a remote server, `launch`, `spawn` and `stderr` are neutral (nothing was
   * launched; `spawn.ok` says the session could be attempted), `wire` holds the JSON bodies and SSE event data, one
   * unit each, and `http` records the exchange itself.
   */
  transport: 'stdio' | 'http' | 'sse';
  launch: LaunchRecord;
  spawn: SpawnRecord;
  wire: WireLine[];
  wireStats: WireStats;
  messages: MessageRecord[];
  /** Number of messages not kept in `messages` (cap reached). */
  droppedMessages: number;
  /** The client the session stood for (absent in sessions that stood for none). */
  client?: ClientRecord;
  /** The server's own requests to the client, in order (the first 100). */
  serverRequests?: ServerRequestRecord[];
  stderr: StderrRecord;
  /** The initialize request: its record holds the raw result (not validated by the SDK). */
  initialize?: RequestRecord;
  /**
   * `server/discover` (2026-07-28), asked when initialize was refused the way a server of that revision refuses it
   * (-32022 or -32601): its DiscoverResult then stands for the InitializeResult.
   */
  discover?: RequestRecord;
  /** The generation the server spoke in this session (absent: neither handshake was completed). */
  generation?: ProtocolGeneration;
  /** ms from spawn to a valid initialize result. */
  startupMs?: number;
  /**
   * Other sessions of the same run that ran while this one started and was asked its requests (0: it was measured
   * alone; absent: not counted). Parallel sessions slow each other down, so a timing with others beside it may be
   * inflated by the run itself.
   */
  concurrentSessions?: number;
  ping?: RequestRecord;
  lists: Partial<Record<ListKind, ListRecord>>;
  unknownMethod?: RequestRecord;
  /** Was the server still running at the end of the stay-alive window (undefined: not reached). */
  aliveAfterGrace?: boolean;
  /** The stay-alive window: how long after the handshake the server was watched (overlapped with the requests). */
  graceMs: number;
  exit?: ExitRecord;
  /** ms at which stdout reached end-of-file (undefined: still open when the session ended). */
  stdoutClosedAtMs?: number;
  shutdown?: ShutdownRecord;
  /** What the server tried beyond its sandbox (absent outside a sandbox, or when it never ran). */
  boundary?: BoundaryRecord;
  /** A remote server's HTTP exchange (absent for stdio). */
  http?: HttpRecord;
  /** A failure of the probe itself (never the server's fault): recorded, never thrown. */
  probeError?: string;
  /** The run was cancelled while this session ran: the server was killed, and the record is not a verdict. */
  cancelled?: boolean;
  durationMs: number;
}

/** What Streamable HTTP or legacy HTTP+SSE looked like on the wire: statuses, content types, the headers clients use. */
export interface HttpRecord {
  /** The transport the entry declares (`http`: Streamable HTTP). */
  configured: 'http' | 'sse';
  /** What the server answered to, found the way the spec's detection does it (absent: neither). */
  spoken?: 'http' | 'sse';
  /** Scheme, host and port the entry points at (no path or query: they may carry a secret), and whether it is loopback. */
  target: { scheme: string; host: string; port: number; loopback: boolean };
  /** The header names the entry sends (never values). */
  headerNames: string[];
  /** Every HTTP request of the session in order (the first `MAX_HTTP_EXCHANGES`). */
  exchanges: HttpExchange[];
  /** Exchanges not kept (cap reached). */
  droppedExchanges: number;
  /** The session id the server assigned at initialize (cut to 200 characters). */
  sessionId?: string;
  /** The OAuth protected-resource metadata a 401 pointed to, and what it names. */
  oauth?: OAuthRecord;
  /** The server was started for the check (`--start`): how that went. */
  started?: StartRecord;
}

/** A local HTTP server started for the check. */
export interface StartRecord {
  /** The command line as given (it is the user's own, not the server's). */
  command: string;
  /** Its port accepted a connection before the deadline. */
  ready: boolean;
  readyAfterMs?: number;
  /** It ended before it was stopped. */
  exit?: { code: number | null; signal: string | null };
  /** Why it was not started or not ready. */
  error?: string;
  /** The last lines it wrote (stdout and stderr). */
  stderr: string[];
}

export const MAX_HTTP_EXCHANGES = 200;

export type HttpPurpose = 'message' | 'sse-stream' | 'delete' | 'foreign-origin' | 'header-mismatch';

/** A request that never got an HTTP answer, told apart by the error's `cause.code`. */
export interface NetworkFailure {
  kind: 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'other';
  /** `ENOTFOUND`, `ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, `CERT_HAS_EXPIRED`… */
  code?: string;
  message: string;
}

export interface HttpExchange {
  purpose: HttpPurpose;
  method: 'GET' | 'POST' | 'DELETE';
  /** The JSON-RPC method posted (or `response` for an answer to the server's request). */
  rpc?: string;
  /** The posted message was a notification or a response (the spec wants 202). */
  noReply?: boolean;
  /** The URL was the legacy transport's message endpoint, not the configured one. */
  toEndpoint?: boolean;
  atMs: number;
  phase: Phase;
  /** What the probe sent beside the body. */
  sent: { sessionId: boolean; protocolVersion?: string; origin?: string };
  status?: number;
  contentType?: string;
  /** The response headers a client acts on (cut to 300 characters). */
  headers: { sessionId?: string; wwwAuthenticate?: string; protocolVersion?: string; allowOrigin?: string; location?: string };
  /** Body bytes read (capped). */
  bodyBytes?: number;
  /** The start of a non-MCP body (an error page, an error JSON), for evidence. */
  bodyExcerpt?: string;
  /** An error status whose body was the JSON-RPC error answer to the request (delivered to the session). */
  jsonRpcError?: boolean;
  /** The JSON-RPC error code in an error status's body. */
  jsonRpcErrorCode?: number;
  /** SSE: events received on the stream, and how the stream ended. */
  events?: number;
  streamEnd?: 'complete' | 'closed-early' | 'cap' | 'aborted';
  /** The legacy `endpoint` event's value (cut to 200 characters). */
  endpoint?: string;
  error?: NetworkFailure;
  durationMs?: number;
}

export interface OAuthRecord {
  /** The `resource_metadata` URL of the `WWW-Authenticate` challenge, or the well-known one tried without it. */
  metadataUrl: string;
  fromChallenge: boolean;
  status?: number;
  error?: NetworkFailure;
  /** `authorization_servers` of the protected-resource metadata (each cut to 200 characters, at most 5). */
  authorizationServers?: string[];
  resource?: string;
}
