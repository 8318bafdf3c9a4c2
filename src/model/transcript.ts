/**
 * What a probe session recorded. The probe never judges; checks read this (and the spec) and decide.
 * Not tied to stdio: `wire` holds raw inbound units (stdout lines for stdio; bodies/events for HTTP later).
 */

/** The part of the session a record belongs to. */
export type Phase = 'startup' | 'operation' | 'grace' | 'shutdown';

export interface LaunchRecord {
  /** Which launcher ran the server ('process' today; 'sandbox' / 'docker' later). */
  launcher: string;
  command: string;
  args: string[];
  /** The argv actually spawned (differs on Windows when a shim is wrapped by cmd.exe). */
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
  /** Descendants alive after the server exited (they were then killed). */
  descendantsLeft: Array<{ pid: number; command?: string }>;
  /** Descendants still alive after the final kill (should be empty). */
  descendantsSurvived: number[];
}

export interface Transcript {
  /** Epoch ms at the start of the session; every `atMs` is relative to it. */
  startedAt: number;
  transport: 'stdio';
  launch: LaunchRecord;
  spawn: SpawnRecord;
  wire: WireLine[];
  wireStats: WireStats;
  messages: MessageRecord[];
  /** Number of messages not kept in `messages` (cap reached). */
  droppedMessages: number;
  stderr: StderrRecord;
  /** The initialize request: its record holds the raw result (not validated by the SDK). */
  initialize?: RequestRecord;
  /** ms from spawn to a valid initialize result. */
  startupMs?: number;
  ping?: RequestRecord;
  lists: Partial<Record<ListKind, ListRecord>>;
  unknownMethod?: RequestRecord;
  /** Was the process alive at the end of the grace period (undefined: not reached). */
  aliveAfterGrace?: boolean;
  graceMs: number;
  exit?: ExitRecord;
  /** ms at which stdout reached end-of-file (undefined: still open when the session ended). */
  stdoutClosedAtMs?: number;
  shutdown?: ShutdownRecord;
  /** A failure of the probe itself (never the server's fault): recorded, never thrown. */
  probeError?: string;
  /** The run was cancelled while this session ran: the server was killed, and the record is not a verdict. */
  cancelled?: boolean;
  durationMs: number;
}
