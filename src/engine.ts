import os from 'node:os';
import { runFileChecks, runServerChecks } from './checks/run-checks.js';
import { fileChecks, serverChecks } from './checks/registry.js';
import { loadConfigs } from './config/load.js';
import { DockerLauncher } from './launch/docker-launcher.js';
import { chooseIsolation, type IsolationHost, systemIsolationHost } from './launch/isolation.js';
import type { Launcher } from './launch/launcher.js';
import { createLauncher } from './launch/launchers.js';
import type { IsolationSettings } from './model/isolation.js';
import { resolveServer } from './config/resolve.js';
import type { ProbeSettings } from './model/check.js';
import type { ServerReport } from './model/report.js';
import type { RunOptions, RunResult } from './model/run.js';
import type { ResolvedServer } from './model/spec.js';
import { bootsAfterMain, separateColdStart, type ClientBootOptions } from './probe/client-boots.js';
import { packageRunnerOf } from './probe/package-runner.js';
import { probeServer } from './probe/session.js';
import { selectProfiles } from './profiles/index.js';
import { clientMatrix } from './profiles/matrix.js';
import { protocolSupport } from './profiles/protocol-support.js';
import { buildConfigReport, buildReport, buildServerReport, type CheckMeta } from './report/build.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

const checkMeta: ReadonlyMap<string, CheckMeta> = new Map(
  [...serverChecks, ...fileChecks].map((c) => [c.id, { title: c.title, remediation: c.remediation }]),
);

/** An isolation that was asked for explicitly and is not available here: the run does not start. */
export class IsolationUnavailableError extends Error {}

/**
 * The whole job: discover and parse configs, resolve, probe in parallel, judge, report. Never throws on bad input; an
 * explicit isolation that this machine cannot give throws `IsolationUnavailableError` before any server starts.
 */
export async function runPreflight(options: RunOptions, isolationHost?: IsolationHost): Promise<RunResult> {
  const started = Date.now();
  const platform = process.platform;
  const homeDir = os.homedir();
  const { configs, missing, truncated } = await loadConfigs(options.paths, options.root);

  const wanted = new Set(options.servers);
  const servers: ResolvedServer[] = configs.flatMap((file) =>
    file.servers
      .filter((spec) => wanted.size === 0 || wanted.has(spec.name))
      .map((spec) => resolveServer(spec, { env: options.env, homeDir, platform, workspaceFolder: file.workspaceFolder })),
  );
  options.onSecrets?.([...new Set(servers.flatMap((s) => s.secretValues))]);

  // The boundary is chosen once, and only when some server is to be launched.
  const launchable = servers.filter((server) => notLaunchedReason(server) === undefined);
  let isolation: IsolationSettings | undefined;
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
        launchable.map((s) => s.command ?? ''),
        host.run,
      );
    options.onIsolation?.(isolation);
  }

  const settings: ProbeSettings = { startupTimeoutMs: options.startupTimeoutMs, requestTimeoutMs: options.requestTimeoutMs };
  const clients = options.clients ?? [];
  const boots: ClientBootOptions = {
    ...settings,
    hostEnv: options.env,
    platform,
    freshHome: options.freshHome,
    ...(launcher && { launcher }),
    // Offering every version costs a short session per version: only when asked for, or when clients are selected.
    protocolVersions: options.protocolVersions ?? clients.length > 0,
  };
  const reports = await mapWithConcurrency(servers, options.concurrency, async (server) => {
    const reason = notLaunchedReason(server);
    const profiles = selectProfiles(clients, server.spec.client);
    const probe = () =>
      probeServer(server, { ...settings, freshHome: options.freshHome, hostEnv: options.env, platform, ...(launcher && { launcher }) });
    const first = reason ? undefined : await probe();
    // A package runner's first start may have downloaded the package: told apart from a warm start when it matters.
    const { main: transcript, restart } =
      first && packageRunnerOf(server.command, server.args)
        ? await separateColdStart(server, first, profiles, boots, probe)
        : { main: first };
    const extra = transcript && { ...(await bootsAfterMain(server, transcript, profiles, boots)), ...(restart && { restart }) };
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
    const report = buildServerReport(
      {
        server,
        transcript,
        results,
        clients: clientMatrix(profiles, results, transcript !== undefined),
        protocolVersions: protocolSupport(transcript, extra?.versions),
      },
      checkMeta,
    );
    options.onServerDone?.(report);
    return report;
  });

  const configReports = configs.map((file) => buildConfigReport(file, runFileChecks(file), checkMeta));

  const report = buildReport({
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
      ...(isolation && { isolation }),
    },
    configs: configReports,
    servers: reports satisfies ServerReport[],
  });
  return { report, missing, discoveryTruncated: truncated };
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

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the result. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
