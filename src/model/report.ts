import type { CheckStatus } from './check.js';
import type { Isolation, IsolationSettings } from './isolation.js';
import type { ConfigError, ConfigFormat, ClientId, TransportKind } from './spec.js';
import type { Suppression } from './suppression.js';

/** The JSON report, `schemaVersion: 1`. Documented in README.md; renderers only read it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  runner: RunnerInfo;
  /** Set when the run checked one shard of the servers (`--shard K/N`); absent for a whole run. */
  shard?: ShardReport;
  startedAt: string;
  durationMs: number;
  settings: {
    startupTimeoutMs: number;
    requestTimeoutMs: number;
    /** How long after the handshake every server had to keep running (always written; optional for older reports). */
    stayAliveMs?: number;
    concurrency: number;
    freshHome: boolean;
    failOn: FailOn;
    /** Requested and effective isolation (absent when no server was to be launched). */
    isolation?: IsolationSettings;
  };
  configs: ConfigReport[];
  servers: ServerReport[];
  totals: Totals;
  /** The run's suppressions with what each matched (absent when there are none). */
  suppressions?: SuppressionReport[];
  /**
   * Set when the run was cancelled (SIGINT, SIGTERM): the report is partial. Servers that were not checked to the end
   * are judged from their config alone, their other checks skipped with the reason.
   */
  cancelled?: { signal: string };
  /** Set on the report `mcp-preflight merge` writes: the legs it combined and how each server did on each. */
  merge?: { legs: MergedLeg[]; servers: MergedServer[]; notes: string[] };
}

/** One column group of the table: a leg, its shards put back together. */
export interface MergedLeg {
  label: string;
  os: string;
  arch: string;
  node: string;
  /** How many shards the leg was split into (1: not sharded). */
  shards: number;
  missingShards: number[];
  duplicateShards: number[];
  /** Client profile ids the leg judged servers for, in first-seen order. */
  clients: string[];
  cancelled?: string;
}

/** A server's outcome on one leg; absent from `cells` when its shard of that leg is missing. */
export interface LegCell {
  status: ServerReport['status'];
  clients: Record<string, ClientVerdict>;
  /** The first failing (else warning) finding's message: why it is not a pass there. */
  reason?: string;
}

export interface MergedServer {
  name: string;
  config: string;
  line: number;
  cells: Record<string, LegCell>;
  /** Set when the legs disagree: e.g. "fails on windows-latest: spawn ENOENT for npx; passes on Linux and macOS". */
  difference?: string;
}

export interface RunnerInfo {
  os: NodeJS.Platform;
  arch: string;
  node: string;
  /** The matrix leg's label (`--leg`, input `leg`, e.g. `windows-latest`): how a merge names this leg's column. */
  leg?: string;
  /** What GitHub Actions says of the runner (`RUNNER_OS`, `RUNNER_ARCH`, `RUNNER_NAME`), when it runs there. */
  actions?: { os: string; arch?: string; name?: string };
}

export interface ShardReport {
  /** 1-based. */
  index: number;
  count: number;
  /** Servers in this shard, and among every server selected before sharding. */
  servers: number;
  of: number;
}

export type FailOn = 'error' | 'warning' | 'never';

export interface ConfigReport {
  path: string;
  format: ConfigFormat;
  client: ClientId;
  servers: number;
  error?: ConfigError;
  /** File-level checks (config-parse). */
  checks: CheckReport[];
}

export type ServerStatus = CheckStatus;

export interface CheckReport {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  evidence?: string[];
  line?: number;
  column?: number;
  /** Repository-relative path of the check's documentation page. */
  docs: string;
  remediation: string;
  /** The client profile id the finding is about (absent: every client). */
  client?: string;
  /** A finding accepted on purpose: still shown, not counted in the server's status, the totals or fail-on. */
  suppressed?: { reason: string; source: string };
}

export interface ServerReport {
  name: string;
  config: string;
  line: number;
  column: number;
  client: ClientId;
  transport: TransportKind;
  /** The worst status of its checks (fail > warn > pass > skip). */
  status: ServerStatus;
  startupMs: number | null;
  durationMs: number | null;
  serverInfo: { name?: string; version?: string; [k: string]: unknown } | null;
  protocolVersion: string | null;
  capabilities: Record<string, unknown> | null;
  tools: Array<{ name: string }>;
  checks: CheckReport[];
  stderrTail: string[];
  /** A failure of mcp-preflight's own probe (a bug to report, never the server's fault). */
  probeError?: string;
  /** The run was cancelled before this server was checked to the end: judged from its config alone. */
  cancelled?: true;
  /** The declared argv (values of secrets replaced by ***), and where it ran. */
  launch?: {
    command: string;
    args: string[];
    cwd: string;
    /** The boundary the server ran in. */
    isolation: Isolation;
    /** The container image (docker). */
    image?: string;
    /** The command line actually spawned (bwrap or docker around the declared one; secrets replaced by ***). */
    spawned: string[];
  };
  /** Which of the selected clients the server works in, keyed by client profile id. */
  clients?: Record<string, ClientVerdict>;
  /** The protocol versions offered and what the server answered (null when it was not launched). */
  protocolVersions?: ProtocolVersionsReport | null;
}

export interface ClientVerdict {
  /** `unknown`: nothing could be judged for this client (the server was not launched, or is remote). */
  status: 'works' | 'warn' | 'fails' | 'unknown';
  /** Why it does not simply work: the client-specific finding, or the check that fails everywhere. */
  reason?: string;
}

export interface ProtocolVersionsReport {
  /** Versions the server showed it speaks: echoed when offered, answered to another offer, or listed by server/discover. */
  supported: string[];
  offers: ProtocolOffer[];
  /** `legacy`: initialize only; `modern`: server/discover (2026-07-28); `unknown`: server/discover was not probed. */
  era: 'legacy' | 'modern' | 'dual-era' | 'unknown';
  /** Every version was offered (`--protocol-versions` or `--client`), not only the main probe's. */
  complete: boolean;
}

export interface ProtocolOffer {
  offered: string;
  method: 'initialize' | 'server/discover';
  /** `accepted`: answered with the offered version; `countered`: with another one. */
  outcome: 'accepted' | 'countered' | 'error' | 'no-answer';
  answered?: string;
  /** The error or why there was no answer. */
  detail?: string;
}

export interface Totals {
  configs: number;
  configErrors: number;
  servers: number;
  passed: number;
  warned: number;
  failed: number;
  skipped: number;
}

export interface SuppressionReport extends Suppression {
  /** Findings it suppressed in this run. */
  matched: number;
  /** Why it is stale (it matched nothing it could have: remove it); absent when it matched or could not be judged. */
  stale?: string;
}
