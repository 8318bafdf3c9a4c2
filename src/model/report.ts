import type { CheckStatus } from './check.js';
import type { Isolation, IsolationSettings } from './isolation.js';
import type { ConfigError, ConfigFormat, ClientId, TransportKind } from './spec.js';
import type { Suppression } from './suppression.js';

/** The JSON report, `schemaVersion: 1`. Documented in README.md; renderers only read it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  runner: { os: NodeJS.Platform; arch: string; node: string };
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
