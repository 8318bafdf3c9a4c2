import os from 'node:os';
import { closestNames } from './closest-names.js';
import { runFileChecks, runServerChecks } from './checks/run-checks.js';
import { fileChecks, serverChecks } from './checks/registry.js';
import { isEmptyCredential } from './checks/util/http.js';
import { loadConfigs } from './config/load.js';
import { DockerLauncher } from './launch/docker-launcher.js';
import { chooseIsolation, type IsolationHost, systemIsolationHost } from './launch/isolation.js';
import type { Launcher } from './launch/launcher.js';
import { createLauncher } from './launch/launchers.js';
import { killLiveProcessesNow } from './launch/live-processes.js';
import type { IsolationSettings } from './model/isolation.js';
import { resolveServer } from './config/resolve.js';
import type { ProbeSettings } from './model/check.js';
import type { RunnerInfo, ServerReport, ShardReport } from './model/report.js';
import { inShard } from './shard.js';
import type { OverLimit, RunOptions, RunResult, UnknownServer } from './model/run.js';
import type { ConfigFile, ResolvedServer } from './model/spec.js';
import type { Transcript } from './model/transcript.js';
import type { ClientBoots } from './model/boot.js';
import { bootsAfterMain, measureAloneIfContended, separateColdStart, type ClientBootOptions } from './probe/client-boots.js';
import { packageRunnerOf } from './probe/package-runner.js';
import { personaFor } from './probe/client-persona.js';
import { RunLoad } from './probe/run-load.js';
import { splitCommandLine, startForCheck } from './probe/http-start.js';
import { DEFAULT_SHUTDOWN_WAIT_MS, DEFAULT_STAY_ALIVE_MS, probeServer } from './probe/session.js';
import { claudeCode } from './profiles/claude-code.js';
import { selectProfiles } from './profiles/index.js';
import { clientMatrix } from './profiles/matrix.js';
import { protocolSupport } from './profiles/protocol-support.js';
import { buildConfigReport, buildReport, buildServerReport, type CheckMeta } from './report/build.js';
import { Redactor } from './report/redact.js';
import { Suppressor } from './report/suppressions.js';
import { SETTINGS } from './settings.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

const checkMeta: ReadonlyMap<string, CheckMeta> = new Map(
  [...serverChecks, ...fileChecks].map((c) => [c.id, { title: c.title, remediation: c.remediation }]),
);

/** An isolation that was asked for explicitly and is not available here: the run does not start. */
export class IsolationUnavailableError extends Error {}

/**
 * After a cancellation, how long the sessions in flight get to kill their servers and reap what they started before
 * every tree the run started is killed at once and the report is written without them (the runner sends SIGTERM
 * 7.5 s after SIGINT, and SIGKILL 2.5 s after that).
 */
export const CANCEL_GRACE_MS = 3000;

/**
 * The least time a server started for the check gets to listen: a short startup timeout (the demo's 3–5 s) is about
 * answering initialize, and a cold start in the sandbox beside a busy run can take longer than that to open its port.
 */
export const START_READY_MIN_MS = 10_000;

/**
 * The whole job: discover and parse configs, resolve, probe in parallel, judge, report. Never throws on bad input; an
 * explicit isolation that this machine cannot give throws `IsolationUnavailableError` before any server starts.
 * The report is redacted as it is built: every server's part with every secret of the run.
 */
export async function runPreflight(options: RunOptions, isolationHost?: IsolationHost): Promise<RunResult> {
  const started = Date.now();
  const platform = process.platform;
  const homeDir = os.homedir();
  const maxConfigs = options.maxConfigs ?? SETTINGS.maxConfigs.default;
  const maxServers = options.maxServers ?? SETTINGS.maxServers.default;
  const { configs, missing, truncated, tooMany } = await loadConfigs(options.paths, options.root, {
    maxFiles: maxConfigs,
    maxEntries: maxServers,
  });
  const stayAliveMs = options.stayAliveMs ?? DEFAULT_STAY_ALIVE_MS;
  let isolation: IsolationSettings | undefined;
  let shardReport: ShardReport | undefined;
  const summary = (parts: Pick<Parameters<typeof buildReport>[0], 'configs' | 'servers' | 'suppressions'>, cancelled?: string) =>
    buildReport({
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      runner: runnerInfo(platform, options),
      ...(shardReport && { shard: shardReport }),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      settings: {
        startupTimeoutMs: options.startupTimeoutMs,
        requestTimeoutMs: options.requestTimeoutMs,
        stayAliveMs,
        concurrency: options.concurrency,
        freshHome: options.freshHome,
        failOn: options.failOn,
        ...(isolation && { isolation }),
      },
      ...parts,
      ...(cancelled !== undefined && { cancelled: { signal: cancelled } }),
    });
  const overLimit = (limit: OverLimit): RunResult => ({
    report: summary({ configs: [], servers: [] }),
    missing,
    discoveryTruncated: truncated,
    unknownServers: [],
    overLimit: limit,
  });
  if (tooMany) return overLimit({ what: 'config files', found: tooMany.found, limit: maxConfigs, setting: 'max-configs' });

  const declared = configs.reduce((sum, file) => sum + file.servers.length + (file.entriesNotRead ?? 0), 0);
  if (configs.some((file) => file.entriesNotRead !== undefined)) {
    return overLimit({ what: 'servers', found: declared, limit: maxServers, setting: 'max-servers' });
  }
  const wanted = new Set(options.servers);
  const startCommands = options.start ?? {};
  const requireCredentials = options.requireCredentials ?? false;
  // A start command for a name no config declares is a typo as surely as a --server one.
  const unknownServers = [
    ...unknownServerNames(options.servers, 'servers', configs),
    ...unknownServerNames(
      Object.keys(startCommands).filter((name) => !wanted.has(name)),
      'start',
      configs,
    ),
  ];
  const chosen = configs.flatMap((file) =>
    file.servers
      // A name that matches nothing is a usage error (a typo would check nothing and pass): then nothing is launched.
      .filter((spec) => unknownServers.length === 0 && (wanted.size === 0 || wanted.has(spec.name)))
      .map((spec) => ({ spec, file })),
  );
  const shard = options.shard;
  const selected = shard ? chosen.filter(({ spec }) => inShard(spec.config, spec.name, shard)) : chosen;
  shardReport = shard && { ...shard, servers: selected.length, of: chosen.length };
  if (selected.length > maxServers)
    return overLimit({ what: 'servers', found: selected.length, limit: maxServers, setting: 'max-servers' });
  /** The workspace each server belongs to: what the client it is judged for answers to `roots/list`. */
  const workspaces = new Map<ResolvedServer, string>();
  const servers: ResolvedServer[] = selected.map(({ spec, file }) => {
    const server = resolveServer(spec, { env: options.env, homeDir, platform, workspaceFolder: file.workspaceFolder });
    workspaces.set(server, file.workspaceFolder);
    return server;
  });
  const secrets = [...new Set(servers.flatMap((s) => s.secretValues))];
  options.onSecrets?.(secrets);
  const redactor = new Redactor(secrets);

  // The boundary is chosen once, and only when some server is to be launched.
  const launchable = servers.filter(
    (server) =>
      notLaunchedReason(server, requireCredentials) === undefined &&
      (server.spec.transport === 'stdio' || startCommands[server.spec.name] !== undefined),
  );
  let launcher: Launcher | undefined;
  if (launchable.length > 0) {
    const host = isolationHost ?? systemIsolationHost(options.env);
    const choice = await chooseIsolation(
      { mode: options.isolation ?? 'auto', network: options.network ?? 'host', ...(options.image && { image: options.image }) },
      host,
    );
    if (choice.error) throw new IsolationUnavailableError(choice.error);
    isolation = choice.settings;
    launcher = createLauncher(choice, {
      env: options.env,
      workspace: options.workspace ?? options.root,
      ...(options.hide && { hide: options.hide }),
    });
    if (launcher instanceof DockerLauncher)
      await launcher.prepare(
        // A remote server started for the check runs its start command's program.
        launchable.map((s) =>
          s.spec.transport === 'stdio' ? (s.command ?? '') : (splitCommandLine(startCommands[s.spec.name] ?? '')[0] ?? ''),
        ),
        host.run,
      );
    options.onIsolation?.(isolation);
  }

  const signal = options.signal;
  const settings: ProbeSettings = { startupTimeoutMs: options.startupTimeoutMs, requestTimeoutMs: options.requestTimeoutMs };
  const clients = options.clients ?? [];
  // Every session of the run counts in its load; a start measured beside others and over a budget is measured again alone.
  const load = new RunLoad();
  const boots: ClientBootOptions = {
    load,
    ...settings,
    hostEnv: options.env,
    platform,
    freshHome: options.freshHome,
    ...(launcher && { launcher }),
    // Offering every version costs a short session per version: only when asked for, or when clients are selected.
    protocolVersions: options.protocolVersions ?? clients.length > 0,
    ...(signal && { signal }),
  };
  const suppressor = new Suppressor(options.suppressions ?? []);
  /** A remote server the repository ships: started for its session, stopped after it, and how that went recorded. */
  const withStarted = async (server: ResolvedServer, command: string, probe: () => Promise<Transcript>): Promise<Transcript> => {
    const started = await startForCheck(command, server.url, {
      ...(launcher && { launcher }),
      cwd: server.cwd,
      env: options.env,
      readyDeadlineMs: Math.max(options.startupTimeoutMs, START_READY_MIN_MS),
      stopWaitMs: DEFAULT_SHUTDOWN_WAIT_MS,
      ...(signal && { signal }),
    });
    let transcript: Transcript | undefined;
    try {
      transcript = await probe();
      return transcript;
    } finally {
      // What it printed until it was stopped belongs to the record.
      const record = await started.stop();
      if (transcript?.http) transcript.http.started = record;
    }
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
    const suppressed = suppressor.apply(server.spec, results);
    // A suppressed finding does not decide where the server works either.
    const counted = results.filter((r) => !suppressed.has(r));
    return buildServerReport(
      {
        server,
        transcript,
        results,
        suppressed,
        clients: clientMatrix(profiles, counted, transcript !== undefined),
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
      const reason = notLaunchedReason(server, requireCredentials);
      options.onServerStart?.({ name: server.spec.name, config: server.spec.config, line: server.spec.source.line, total: servers.length });
      const profiles = selectProfiles(clients, server.spec.client);
      // The sessions stand for the first client judged: the declaring one by default, else the first selected.
      const client = personaFor(profiles[0] ?? claudeCode, workspaces.get(server) ?? server.cwd);
      const clientBoots = { ...boots, client };
      const probe = () =>
        probeServer(server, {
          ...settings,
          stayAliveMs,
          freshHome: options.freshHome,
          hostEnv: options.env,
          platform,
          client,
          load,
          ...(launcher && { launcher }),
          ...(signal && { signal }),
        });
      const startCommand = server.spec.transport === 'stdio' ? undefined : startCommands[server.spec.name];
      const first = reason ? undefined : startCommand === undefined ? await probe() : await withStarted(server, startCommand, probe);
      // A package runner's first start may have downloaded the package: told apart from a warm start when it matters.
      const { main: transcript, restart } =
        first && !signal?.aborted && packageRunnerOf(server.command, server.args)
          ? await separateColdStart(server, first, profiles, clientBoots, probe)
          : { main: first };
      // The extra sessions launch processes: a remote server has none to launch again.
      const local = server.spec.transport === 'stdio';
      const alone =
        local && transcript && !signal?.aborted && (await measureAloneIfContended(server, transcript, restart, profiles, clientBoots));
      const extra = local &&
        transcript &&
        !signal?.aborted && {
          ...(await bootsAfterMain(server, transcript, profiles, clientBoots)),
          ...(restart && { restart }),
          ...(alone && { alone }),
        };
      if (signal?.aborted) return notChecked(server);
      const judged = judge(server, transcript, reason, extra || undefined);
      // Without its credentials a remote server was not checked: not a pass (what the config alone shows still counts).
      const report =
        absentCredentials(server, requireCredentials) && judged.status === 'pass' ? { ...judged, status: 'skip' as const } : judged;
      options.onServerDone?.(report);
      return report;
    },
    signal,
  );

  const configReports = configs.map((file) => buildConfigReport(file, runFileChecks(file), checkMeta, redactor));
  const servedReports = reports.map((report, index) => report ?? notChecked(servers[index]!));
  const report = summary(
    {
      configs: configReports,
      servers: servedReports satisfies ServerReport[],
      ...(options.suppressions?.length && { suppressions: suppressor.report(options.servers) }),
    },
    signal?.aborted ? cancelReason(signal) : undefined,
  );
  return { report, missing, discoveryTruncated: truncated, unknownServers };
}

/** The machine this leg ran on, as a merge names it: the platform, and the runner's own words in GitHub Actions. */
function runnerInfo(platform: NodeJS.Platform, options: RunOptions): RunnerInfo {
  const { RUNNER_OS, RUNNER_ARCH, RUNNER_NAME } = options.env;
  return {
    os: platform,
    arch: process.arch,
    node: process.version,
    ...(options.leg && { leg: options.leg }),
    ...(RUNNER_OS && {
      actions: { os: RUNNER_OS, ...(RUNNER_ARCH && { arch: RUNNER_ARCH }), ...(RUNNER_NAME && { name: RUNNER_NAME }) },
    }),
  };
}

/** The selected names no config declares, each with the declared names it is probably a typo of. */
function unknownServerNames(selected: readonly string[], given: UnknownServer['given'], configs: readonly ConfigFile[]): UnknownServer[] {
  const declared = new Set(configs.flatMap((file) => file.servers.map((spec) => spec.name)));
  return selected.filter((name) => !declared.has(name)).map((name) => ({ name, given, suggestions: closestNames(name, declared) }));
}

/** What cancelled the run, as the entry points name it (`SIGINT`, `SIGTERM`). */
function cancelReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' ? signal.reason : 'cancelled';
}

/** Why a server is judged from its config alone; undefined when it should be launched. */
function notLaunchedReason(server: ResolvedServer, requireCredentials: boolean): string | undefined {
  const { spec } = server;
  if (spec.disabled) return 'the server is disabled in the config';
  if (spec.schemaProblems.length > 0) return 'the entry is not valid (see config-schema)';
  if (spec.transport === 'unknown') return `"${spec.declaredType ?? spec.transport}" servers are judged from the config only`;
  const absent = absentCredentials(server, requireCredentials);
  if (absent) return absent;
  const inputs = server.variables.filter((v) => !v.resolved && v.kind === 'input');
  if (inputs.length > 0) return `it needs a value for ${inputs.map((v) => v.expression).join(', ')} (see config-variables)`;
  const unresolved = server.variables.filter((v) => !v.resolved);
  if (unresolved.length > 0) return `${unresolved.map((v) => v.expression).join(', ')} did not resolve (see config-variables)`;
  return undefined;
}

/**
 * A remote entry whose credentials expand to nothing (a pull request from a fork gets no secrets): not a finding about
 * the server, so it is not probed, and every check says why.
 */
function absentCredentials(server: ResolvedServer, requireCredentials: boolean): string | undefined {
  // Required credentials are checked like any others: the server refuses, and http-auth names what is missing.
  if (requireCredentials || server.spec.transport === 'stdio') return undefined;
  const remoteFields = server.variables.filter((v) => (v.field === 'headers' || v.field === 'url') && v.kind === 'env');
  const unset = remoteFields.filter((v) => !v.resolved);
  const emptyHeaders = Object.entries(server.headers)
    .filter(([name, value]) => remoteFields.some((v) => v.key === name) && isEmptyCredential(value))
    .map(([name]) => name);
  if (unset.length === 0 && emptyHeaders.length === 0) return undefined;
  const names = [...new Set(unset.map((v) => v.expression))];
  const what = [
    ...(names.length > 0 ? [`${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not set`] : []),
    ...(emptyHeaders.length > 0 ? [`header ${emptyHeaders.map((h) => `"${h}"`).join(', ')} expands to nothing`] : []),
  ].join(', and ');
  return `its credentials are absent (${what}), as in a pull request from a fork, which gets no secrets; set them to check this server`;
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
