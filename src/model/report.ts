import type { CheckStatus } from './check.js';
import type { ConfigError, ConfigFormat, ClientId, TransportKind } from './spec.js';

/** The JSON report, `schemaVersion: 1`. Documented in README.md; renderers only read it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  runner: { os: NodeJS.Platform; arch: string; node: string };
  startedAt: string;
  durationMs: number;
  settings: { startupTimeoutMs: number; requestTimeoutMs: number; concurrency: number; freshHome: boolean; failOn: FailOn };
  configs: ConfigReport[];
  servers: ServerReport[];
  totals: Totals;
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
  /** Exact argv spawned (values of secrets replaced by ***). */
  launch?: { command: string; args: string[]; cwd: string };
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
