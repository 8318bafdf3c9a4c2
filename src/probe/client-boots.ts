import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { buildServerEnvironment, lookupEnv } from '../launch/environment.js';
import type { Launcher } from '../launch/launcher.js';
import type { BootRecord, ClientBoots, PolicyBoot } from '../model/boot.js';
import type { ClientProfile, LaunchPolicy } from '../model/profile.js';
import type { ResolvedServer } from '../model/spec.js';
import type { Transcript } from '../model/transcript.js';
import { extraPolicies, MAIN_POLICY, policyKey, runnerOs } from '../profiles/launch-plan.js';
import { bootTiming, overBudget, slowestToolsPage, transcriptTiming } from '../profiles/startup.js';
import { bootRecordOf, bootServer, type BootChannel } from './boot.js';
import type { ClientPersona } from './client-persona.js';
import type { RunLoad } from './run-load.js';
import { createLimiter } from './limiter.js';
import { CLIENT_INFO, probeProtocolVersions } from './protocol-versions.js';

/**
 * The sessions a server gets besides the main probe, for the selected clients: a second start of a package runner
 * whose first one was slow, one start per launch policy the main probe does not stand for, and the protocol version
 * offers. The last two run concurrently once the main probe is done.
 */

/** Extra sessions of one server that run at the same time (servers themselves run `--concurrency` at a time). */
const EXTRA_BOOTS_AT_ONCE = 2;

export interface ClientBootOptions {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  hostEnv: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  freshHome: boolean;
  /** Offer every protocol version (`--protocol-versions`, or `--client`). */
  protocolVersions: boolean;
  launcher?: Launcher;
  /** The run's cancellation (see `BootOptions.signal`). */
  signal?: AbortSignal;
  /** The client every session stands for (default: none). */
  client?: ClientPersona;
  /** The run's load, which every session counts in. */
  load?: RunLoad;
}

/**
 * A package runner's first start may download the package. When the main probe (the first start) timed out, it is run
 * again and the second run is the main probe, judged warm; when it only took longer than a selected client's budget,
 * a short warm start measures the server without the download. A fast first start needs no second one.
 */
export async function separateColdStart(
  server: ResolvedServer,
  first: Transcript,
  profiles: readonly ClientProfile[],
  options: ClientBootOptions,
  probeAgain: () => Promise<Transcript>,
): Promise<{ main: Transcript; restart?: NonNullable<ClientBoots['restart']> }> {
  if (first.initialize?.outcome === 'timeout') {
    return { main: await probeAgain(), restart: { boot: transcriptAsBoot(first), mainWas: 'warm' } };
  }
  const timing = transcriptTiming(first);
  if (!timing || overBudget(timing, profiles, server.spec).length === 0) return { main: first };
  return { main: first, restart: { boot: await bootLikeAClient(server, options, MAIN_POLICY, true), mainWas: 'cold' } };
}

/**
 * Never fail a time budget on a measurement the run itself inflated: when the start a budget is judged on (the main
 * probe's, or the warm restart's) ran beside other sessions of the run and is over a selected client's startup or list
 * budget, the server is started again with nothing else of the run in flight, the way a client starts it (initialize,
 * initialized, the first tools/list). Runs after the server's other sessions; holds the run's new sessions back.
 */
export async function measureAloneIfContended(
  server: ResolvedServer,
  main: Transcript,
  restart: ClientBoots['restart'],
  profiles: readonly ClientProfile[],
  options: ClientBootOptions,
): Promise<ClientBoots['alone']> {
  const { load, ...unloaded } = options;
  if (!load) return undefined;
  const judged = restart?.mainWas === 'cold' ? restart.boot : main;
  const timing = judged === main ? transcriptTiming(main) : bootTiming(restart!.boot);
  const others = judged.concurrentSessions ?? 0;
  if (!timing || others === 0) return undefined;
  const slowList = judged === main && profiles.some((p) => p.listTimeoutMs !== undefined && slowestToolsPage(main) > p.listTimeoutMs);
  if (overBudget(timing, profiles, server.spec).length === 0 && !slowList) return undefined;
  const boot = await load.alone(() => bootLikeAClient(server, unloaded, MAIN_POLICY, true));
  return {
    boot,
    contended: {
      startupMs: timing.initialize,
      ...(timing.toolsListed !== undefined && { toolsListedMs: timing.toolsListed }),
      concurrentSessions: others,
    },
  };
}

/** The start-up part of a transcript, as a boot record. */
function transcriptAsBoot(transcript: Transcript): BootRecord {
  return bootRecordOf(transcript, MAIN_POLICY, transcript.initialize ? [transcript.initialize] : []);
}

/** The boots that follow the main probe; `restart` is added by the caller. */
export async function bootsAfterMain(
  server: ResolvedServer,
  main: Transcript,
  profiles: readonly ClientProfile[],
  options: ClientBootOptions,
): Promise<ClientBoots> {
  const policies: Record<string, PolicyBoot> = {};
  const work: Array<Promise<unknown>> = [];
  // Short sessions, but each is a whole process start: a few at a time, so they do not slow each other into timeouts.
  const schedule = createLimiter(EXTRA_BOOTS_AT_ONCE);
  for (const policy of extraPolicies(profiles, runnerOs(options.platform))) {
    const why = standsForMain(server, policy, main, options);
    if (why !== undefined) {
      policies[policyKey(policy)] = { kind: 'same-as-main', why };
      continue;
    }
    work.push(
      schedule(() => bootLikeAClient(server, options, policy, false)).then((boot) => {
        policies[policyKey(policy)] = { kind: 'booted', boot };
      }),
    );
  }
  const answered = main.initialize?.outcome === 'result';
  const versions =
    options.protocolVersions && answered
      ? probeProtocolVersions(server, {
          ...bootOptionsBase(options),
          schedule,
          ...(main.startupMs !== undefined && { mainStartupMs: main.startupMs }),
        })
      : undefined;
  const [offers] = await Promise.all([versions, ...work]);
  return { policies, ...(offers && { versions: offers }) };
}

/**
 * Why the main probe already answers for a policy (undefined: it needs a boot of its own). A policy that only adds
 * variables to the main probe's (Claude Code's whole environment, Codex's longer allow-list on Unix) cannot make a
 * working server fail; and when the main probe failed for a reason other than the server exiting early (not found,
 * never answered), more variables would not change that either.
 */
function standsForMain(server: ResolvedServer, policy: LaunchPolicy, main: Transcript, options: ClientBootOptions): string | undefined {
  // A server that never answered would cost another full startup timeout, and answers no differently elsewhere.
  if (main.initialize?.outcome === 'timeout') return 'the server did not answer initialize in the main probe either';
  if (policy.path !== MAIN_POLICY.path || policy.cwd !== MAIN_POLICY.cwd) return undefined;
  const environment = (env: LaunchPolicy['env']) =>
    buildServerEnvironment({ platform: options.platform, hostEnv: options.hostEnv, configEnv: server.env, policy: env });
  const mainEnv = environment(MAIN_POLICY.env);
  const policyEnv = environment(policy.env);
  const superset = Object.entries(mainEnv).every(([name, value]) => lookupEnv(policyEnv, name, options.platform) === value);
  if (!superset) return undefined;
  if (main.initialize?.outcome === 'result') return 'it passes every variable the main probe passed, and the main probe worked';
  const exitedEarly = main.spawn.ok && main.exit !== undefined && main.exit.phase !== 'shutdown';
  return exitedEarly ? undefined : 'more variables cannot change how the main probe failed';
}

function bootOptionsBase(options: ClientBootOptions) {
  return {
    startupTimeoutMs: options.startupTimeoutMs,
    hostEnv: options.hostEnv,
    platform: options.platform,
    freshHome: options.freshHome,
    ...(options.launcher && { launcher: options.launcher }),
    ...(options.signal && { signal: options.signal }),
    ...(options.client && { client: options.client }),
    ...(options.load && { load: options.load }),
  };
}

/** A start the way a client does it under a launch policy: initialize, initialized and, when asked, the first tools/list. */
export function bootLikeAClient(
  server: ResolvedServer,
  options: ClientBootOptions,
  policy: LaunchPolicy,
  listTools: boolean,
): Promise<BootRecord> {
  return bootServer(server, { ...bootOptionsBase(options), policy }, (channel) => startLikeAClient(channel, options, listTools));
}

async function startLikeAClient(channel: BootChannel, options: ClientBootOptions, listTools: boolean): Promise<void> {
  const init = await channel.request(
    'initialize',
    { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: channel.capabilities, clientInfo: CLIENT_INFO },
    options.startupTimeoutMs,
  );
  if (init.outcome !== 'result') return;
  channel.notify('notifications/initialized');
  const capabilities = (init.result as { capabilities?: Record<string, unknown> } | undefined)?.capabilities;
  if (listTools && capabilities?.tools !== undefined && capabilities.tools !== null) {
    await channel.request('tools/list', {}, options.requestTimeoutMs);
  }
}
