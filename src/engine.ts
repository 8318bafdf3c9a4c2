import os from 'node:os';
import { runFileChecks, runServerChecks } from './checks/run-checks.js';
import { fileChecks, serverChecks } from './checks/registry.js';
import { loadConfigs } from './config/load.js';
import { killLiveProcessesNow } from './launch/live-processes.js';
import { resolveServer } from './config/resolve.js';
import type { ProbeSettings } from './model/check.js';
import type { ServerReport } from './model/report.js';
import type { OverLimit, RunOptions, RunResult } from './model/run.js';
import type { ResolvedServer } from './model/spec.js';
import type { Transcript } from './model/transcript.js';
import type { ClientBoots } from './model/boot.js';
import { bootsAfterMain, separateColdStart, type ClientBootOptions } from './probe/client-boots.js';
import { packageRunnerOf } from './probe/package-runner.js';
import { probeServer } from './probe/session.js';
import { selectProfiles } from './profiles/index.js';
import { clientMatrix } from './profiles/matrix.js';
import { protocolSupport } from './profiles/protocol-support.js';
import { buildConfigReport, buildReport, buildServerReport, type CheckMeta } from './report/build.js';
import { Redactor } from './report/redact.js';
import { SETTINGS } from './settings.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

const checkMeta: ReadonlyMap<string, CheckMeta> = new Map(
  [...serverChecks, ...fileChecks].map((c) => [c.id, { title: c.title, remediation: c.remediation }]),
);

/**
 * After a cancellation, how long the sessions in flight get to kill their servers and reap what they started before
 * every tree the run started is killed at once and the report is written without them (the runner sends SIGTERM
 * 7.5 s after SIGINT, and SIGKILL 2.5 s after that).
 */
export const CANCEL_GRACE_MS = 3000;

/**
 * The whole job: discover and parse configs, resolve, probe in parallel, judge, report. Never throws on bad input.
 * The report is redacted as it is built: every server's part with every secret of the run.
 */
export async function runPreflight(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const platform = process.platform;
  const homeDir = os.homedir();
  const maxConfigs = options.maxConfigs ?? SETTINGS.maxConfigs.default;
  const maxServers = options.maxServers ?? SETTINGS.maxServers.default;
  const { configs, missing, truncated, tooMany } = await loadConfigs(options.paths, options.root, {
    maxFiles: maxConfigs,
    maxEntries: maxServers,
  });
  const summary = (parts: Pick<Parameters<typeof buildReport>[0], 'configs' | 'servers'>, cancelled?: string) =>
    buildReport({
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      runner: { os: platform, arch: process.arch, node: process.version },
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      settings: {
        startupTimeoutMs: options.startupTimeoutMs,
        requestTimeoutMs: options.requestTimeoutMs,
        concurrency: options.concurrency,
        freshHome: options.freshHome,
        failOn: options.failOn,
      },
      ...parts,
      ...(cancelled !== undefined && { cancelled: { signal: cancelled } }),
    });
  const overLimit = (limit: OverLimit): RunResult => ({
    report: summary({ configs: [], servers: [] }),
    missing,
    discoveryTruncated: truncated,
    overLimit: limit,
  });
  if (tooMany) return overLimit({ what: 'config files', found: tooMany.found, limit: maxConfigs, setting: 'max-configs' });

  const declared = configs.reduce((sum, file) => sum + file.servers.length + (file.entriesNotRead ?? 0), 0);
  if (configs.some((file) => file.entriesNotRead !== undefined)) {
    return overLimit({ what: 'servers', found: declared, limit: maxServers, setting: 'max-servers' });
  }
  const wanted = new Set(options.servers);
  const selected = configs.flatMap((file) =>
    file.servers.filter((spec) => wanted.size === 0 || wanted.has(spec.name)).map((spec) => ({ spec, file })),
  );
  if (selected.length > maxServers)
    return overLimit({ what: 'servers', found: selected.length, limit: maxServers, setting: 'max-servers' });
  const servers: ResolvedServer[] = selected.map(({ spec, file }) =>
    resolveServer(spec, { env: options.env, homeDir, platform, workspaceFolder: file.workspaceFolder }),
  );
  const secrets = [...new Set(servers.flatMap((s) => s.secretValues))];
  options.onSecrets?.(secrets);
  const redactor = new Redactor(secrets);

  const signal = options.signal;
  const settings: ProbeSettings = { startupTimeoutMs: options.startupTimeoutMs, requestTimeoutMs: options.requestTimeoutMs };
  const clients = options.clients ?? [];
  const boots: ClientBootOptions = {
    ...settings,
    hostEnv: options.env,
    platform,
    freshHome: options.freshHome,
    // Offering every version costs a short session per version: only when asked for, or when clients are selected.
    protocolVersions: options.protocolVersions ?? clients.length > 0,
    ...(signal && { signal }),
  };
  const judge = (server: ResolvedServer, transcript: Transcript | undefined, reason: string | undefined, extra?: ClientBoots) => {
    const profiles = selectProfiles(clients, server.spec.client);
    const results = runServerChecks({
      server,
      transcript,
      ...(reason && { notLaunchedReason: reason }),
      settings,
      platform,
      homeDir,
      profiles,
      ...(extra && { boots: extra }),
    });
    return buildServerReport(
      {
        server,
        transcript,
        results,
        clients: clientMatrix(profiles, results, transcript !== undefined),
        protocolVersions: protocolSupport(transcript, extra?.versions),
      },
      checkMeta,
      redactor,
    );
  };
  // A server the run was cancelled before or during: judged from its config alone, never from a killed session.
  const notChecked = (server: ResolvedServer): ServerReport => {
    const report = judge(server, undefined, `the run was cancelled (${cancelReason(signal)}) before this server was checked`);
    // What the config alone shows still counts; a server nothing was found on was not checked, not passed.
    return { ...report, status: report.status === 'pass' ? 'skip' : report.status, cancelled: true };
  };

  const reports = await mapWithConcurrency(
    servers,
    options.concurrency,
    async (server) => {
      const reason = notLaunchedReason(server);
      const profiles = selectProfiles(clients, server.spec.client);
      const probe = () =>
        probeServer(server, { ...settings, freshHome: options.freshHome, hostEnv: options.env, platform, ...(signal && { signal }) });
      const first = reason ? undefined : await probe();
      // A package runner's first start may have downloaded the package: told apart from a warm start when it matters.
      const { main: transcript, restart } =
        first && !signal?.aborted && packageRunnerOf(server.command, server.args)
          ? await separateColdStart(server, first, profiles, boots, probe)
          : { main: first };
      const extra = transcript &&
        !signal?.aborted && { ...(await bootsAfterMain(server, transcript, profiles, boots)), ...(restart && { restart }) };
      if (signal?.aborted) return notChecked(server);
      const report = judge(server, transcript, reason, extra || undefined);
      options.onServerDone?.(report);
      return report;
    },
    signal,
  );

  const configReports = configs.map((file) => buildConfigReport(file, runFileChecks(file), checkMeta, redactor));
  const servedReports = reports.map((report, index) => report ?? notChecked(servers[index]!));
  const report = summary(
    { configs: configReports, servers: servedReports satisfies ServerReport[] },
    signal?.aborted ? cancelReason(signal) : undefined,
  );
  return { report, missing, discoveryTruncated: truncated };
}

/** What cancelled the run, as the entry points name it (`SIGINT`, `SIGTERM`). */
function cancelReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' ? signal.reason : 'cancelled';
}

/** Why a server is judged from its config alone; undefined when it should be launched. */
function notLaunchedReason(server: ResolvedServer): string | undefined {
  const { spec } = server;
  if (spec.disabled) return 'the server is disabled in the config';
  if (spec.schemaProblems.length > 0) return 'the entry is not valid (see config-schema)';
  if (spec.transport !== 'stdio') {
    return `"${spec.declaredType ?? spec.transport}" servers are judged from the config only (no remote probing yet)`;
  }
  const inputs = server.variables.filter((v) => !v.resolved && v.kind === 'input');
  if (inputs.length > 0) return `it needs a value for ${inputs.map((v) => v.expression).join(', ')} (see config-variables)`;
  const unresolved = server.variables.filter((v) => !v.resolved);
  if (unresolved.length > 0) return `${unresolved.map((v) => v.expression).join(', ')} did not resolve (see config-variables)`;
  return undefined;
}

/**
 * Runs `work` over `items` with at most `limit` in flight, keeping the input order in the result. Once `signal` fired
 * no item is started; the items in flight get `CANCEL_GRACE_MS` to finish, then every process tree the run started is
 * killed and the ones still unfinished are left undefined.
 */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<Array<R | undefined>> {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  const all = Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (!signal) {
    await all;
    return results;
  }
  const grace = afterAbort(signal, CANCEL_GRACE_MS);
  try {
    if ((await Promise.race([all.then(() => 'done' as const), grace.elapsed])) === 'done') return results;
  } finally {
    grace.clear();
  }
  // Sessions that did not end in time (a launcher that cannot be stopped gently): end everything, keep what finished.
  killLiveProcessesNow();
  return [...results];
}

/** Resolves `ms` after `signal` fires; `clear` drops the listener and the timer, so nothing outlives the run. */
function afterAbort(signal: AbortSignal, ms: number): { elapsed: Promise<'elapsed'>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const elapsed = new Promise<'elapsed'>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => resolve('elapsed'), ms);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    elapsed,
    clear: () => {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  };
}
