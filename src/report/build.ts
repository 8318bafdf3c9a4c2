import type { CheckResult, CheckStatus } from '../model/check.js';
import type { CheckReport, ClientVerdict, ConfigReport, ProtocolVersionsReport, Report, ServerReport, Totals } from '../model/report.js';
import type { ConfigFile, ResolvedServer } from '../model/spec.js';
import type { Suppression } from '../model/suppression.js';
import type { Transcript } from '../model/transcript.js';
import { handshakeAnswer } from '../checks/util/handshake.js';
import { MODERN_PROTOCOL_VERSION } from '../profiles/shared.js';
import { Redactor } from './redact.js';
import { worstStatus } from './status.js';
import { countedStatus } from './suppressions.js';

export interface CheckMeta {
  title: string;
  remediation: string;
}

/** What the engine knows about one server when it is done with it. */
export interface ServerOutcome {
  server: ResolvedServer;
  transcript?: Transcript;
  results: CheckResult[];
  /** Which selected clients the server works in. */
  clients?: Record<string, ClientVerdict>;
  protocolVersions?: ProtocolVersionsReport | null;
  /** The findings accepted on purpose, and by which suppression. */
  suppressed?: ReadonlyMap<CheckResult, Suppression>;
}

export function checkDocsPath(id: string): string {
  return `docs/checks/${id}.md`;
}

/**
 * The report of one server, redacted as a whole by `redactor` (default: one over the server's own secret values); the
 * engine passes one over every secret of the run, so no server's output shows another's secret either.
 */
export function buildServerReport(
  outcome: ServerOutcome,
  meta: ReadonlyMap<string, CheckMeta>,
  redactor: Redactor = new Redactor(outcome.server.secretValues),
): ServerReport {
  const { server, transcript, results } = outcome;
  const { spec } = server;
  // The InitializeResult, or a 2026-07-28 server's DiscoverResult (which has no protocolVersion: the revision is its version).
  const init = asRecord(transcript && handshakeAnswer(transcript)?.result);
  const protocolVersion = transcript?.generation === 'modern' ? MODERN_PROTOCOL_VERSION : init?.protocolVersion;
  const checks = results.map((r) => withSuppression(checkReport(r, meta), outcome.suppressed?.get(r)));
  const report: ServerReport = {
    name: spec.name,
    config: spec.config,
    line: spec.source.line,
    column: spec.source.column,
    client: spec.client,
    transport: spec.transport,
    status: worstStatus(checks.map(countedStatus)),
    startupMs: transcript?.startupMs ?? null,
    durationMs: transcript?.durationMs ?? null,
    serverInfo: (asRecord(bounded(init?.serverInfo)) as ServerReport['serverInfo']) ?? null,
    protocolVersion: typeof protocolVersion === 'string' ? protocolVersion : null,
    capabilities: asRecord(bounded(init?.capabilities)) ?? null,
    tools: toolNames(transcript).map((name) => ({ name })),
    checks,
    stderrTail: transcript?.stderr.tail ?? [],
    ...(transcript?.probeError && { probeError: transcript.probeError }),
    // A remote server was contacted, not launched.
    ...(transcript?.transport === 'stdio' && {
      launch: {
        command: transcript.launch.command,
        args: transcript.launch.args,
        cwd: transcript.launch.cwd,
        isolation: transcript.launch.isolation?.mode ?? 'process',
        ...(transcript.launch.isolation?.image !== undefined && { image: transcript.launch.isolation.image }),
        spawned: [transcript.launch.spawnedCommand, ...transcript.launch.spawnedArgs],
      },
    }),
    ...(outcome.clients && { clients: outcome.clients }),
    ...(outcome.protocolVersions !== undefined && { protocolVersions: outcome.protocolVersions }),
  };
  // Server output and messages can echo a secret the server was given, in any field: redact the whole report.
  return redactor.value(report);
}

function withSuppression(check: CheckReport, suppression: Suppression | undefined): CheckReport {
  return suppression ? { ...check, suppressed: { reason: suppression.reason, source: suppression.source } } : check;
}

/** Levels of a server-supplied value (serverInfo, capabilities) kept in the report; deeper ones are cut. */
const MAX_VALUE_DEPTH = 16;

/** A JSON value cut at `MAX_VALUE_DEPTH` levels (a server can send any depth; the report stays writable and shallow). */
function bounded(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_VALUE_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) return value.map((item) => bounded(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bounded(item, depth + 1)]));
}

export function checkReport(result: CheckResult, meta: ReadonlyMap<string, CheckMeta>): CheckReport {
  const info = meta.get(result.id);
  return {
    id: result.id,
    title: info?.title ?? result.id,
    status: result.status,
    message: result.message,
    ...(result.evidence?.length && { evidence: result.evidence }),
    ...(result.position && { line: result.position.line, column: result.position.column }),
    docs: checkDocsPath(result.id),
    remediation: info?.remediation ?? '',
    ...(result.client !== undefined && { client: result.client }),
  };
}

function toolNames(transcript: Transcript | undefined): string[] {
  const items = transcript?.lists.tools?.items ?? [];
  return items.map((item) => asRecord(item)?.name).filter((name): name is string => typeof name === 'string');
}

export function buildConfigReport(
  file: ConfigFile,
  results: CheckResult[],
  meta: ReadonlyMap<string, CheckMeta>,
  redactor: Redactor = new Redactor([]),
): ConfigReport {
  return redactor.value({
    path: file.displayPath,
    format: file.format,
    client: file.client,
    servers: file.servers.length,
    ...(file.error && { error: file.error }),
    checks: results.map((r) => checkReport(r, meta)),
  });
}

export function computeTotals(configs: readonly ConfigReport[], servers: readonly ServerReport[]): Totals {
  const count = (status: CheckStatus) => servers.filter((s) => s.status === status).length;
  return {
    configs: configs.length,
    configErrors: configs.filter((c) => c.error).length,
    servers: servers.length,
    passed: count('pass'),
    warned: count('warn'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}

export function buildReport(parts: Omit<Report, 'schemaVersion' | 'totals'>): Report {
  return { schemaVersion: 1, ...parts, totals: computeTotals(parts.configs, parts.servers) };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
