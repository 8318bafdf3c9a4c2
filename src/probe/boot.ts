import type { Launcher } from '../launch/launcher.js';
import type { BootRecord } from '../model/boot.js';
import type { LaunchPolicy } from '../model/profile.js';
import type { ResolvedServer } from '../model/spec.js';
import type { RequestRecord, Transcript } from '../model/transcript.js';
import { type ClientPersona, SDK_DEFAULT_PERSONA } from './client-persona.js';
import type { LoadMeter, RunLoad } from './run-load.js';
import { DEFAULT_FRAMER_LIMITS } from './line-framer.js';
import { DEFAULT_PROBE_LIMITS } from './limits.js';
import { runSession } from './session-engine.js';
import { StdioChannel } from './stdio-channel.js';

/**
 * A short session with a server: spawn it under a launch policy, run a few requests written by the caller, shut it
 * down (stdin close, SIGTERM, SIGKILL) and kill what it left behind. Used for what the main probe cannot do: start the
 * server the way another client would, measure a package runner's first (downloading) start, and offer protocol
 * versions the main probe does not send. The same session engine as the main probe, with a shorter script and smaller
 * buffers; its transcript is kept as a boot record. Records, never judges, never throws.
 */

export interface BootOptions {
  /** Deadline for the OS to start the process, and the default for the first request. */
  startupTimeoutMs: number;
  /** The runner's environment; the policy decides what the server inherits from it. */
  hostEnv: NodeJS.ProcessEnv;
  /** Platform whose environment rules apply (default: this one). */
  platform?: NodeJS.Platform;
  policy: LaunchPolicy;
  freshHome?: boolean;
  launcher?: Launcher;
  /** Wait after closing stdin, and again after SIGTERM. Short: a boot judges no shutdown. */
  shutdownWaitMs?: number;
  /** The client to stand for (default: none, the MCP SDK client's defaults). */
  client?: ClientPersona;
  /** The run's load: the session counts as part of it (absent: not counted, e.g. a measurement alone). */
  load?: RunLoad;
  /** The run's cancellation (see `ProbeOptions.signal`). */
  signal?: AbortSignal;
}

export interface BootChannel {
  /** Sends a request and waits for its answer; the record says how it ended. Never rejects. */
  request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RequestRecord>;
  notify(method: string, params?: Record<string, unknown>): void;
  /** stdout ended or the process exited: nothing more can be answered. */
  readonly closed: boolean;
  /** The capabilities the client stood for declares (for initialize, or the `_meta` of a 2026-07-28 request). */
  readonly capabilities: Record<string, unknown>;
}

export type BootScript = (channel: BootChannel) => Promise<void>;

const SHUTDOWN_WAIT_MS = 500;

/** Evidence is all a boot needs from stdout and stderr: a few lines, the same line cap as the main probe. */
const BOOT_LIMITS = {
  ...DEFAULT_PROBE_LIMITS,
  ...DEFAULT_FRAMER_LIMITS,
  maxKeptMessageLines: 5,
  maxKeptBadLines: 5,
  maxLines: 20,
  maxLineChars: 500,
};

export async function bootServer(server: ResolvedServer, options: BootOptions, script: BootScript): Promise<BootRecord> {
  const channel = new StdioChannel(server, {
    hostEnv: options.hostEnv,
    platform: options.platform ?? process.platform,
    freshHome: options.freshHome ?? false,
    policy: options.policy,
    ...(options.launcher && { launcher: options.launcher }),
    spawnTimeoutMs: options.startupTimeoutMs,
    shutdownWaitMs: options.shutdownWaitMs ?? SHUTDOWN_WAIT_MS,
    limits: BOOT_LIMITS,
    ...(options.signal && { signal: options.signal }),
  });
  const requests: RequestRecord[] = [];
  const client = options.client ?? SDK_DEFAULT_PERSONA;
  const run = (meter?: LoadMeter) =>
    runSession(
      channel,
      (session) =>
        script({
          get closed() {
            return session.closed;
          },
          capabilities: client.record.capabilities,
          request: async (method, params, timeoutMs) => {
            const { record } = await session.request(method, params, timeoutMs, { handshake: method === 'initialize' });
            requests.push(record);
            return record;
          },
          notify: (method, params) => session.notify(method, params),
        }),
      { limits: BOOT_LIMITS, cancelOnTimeout: false, answer: client.answer, ...(meter && { meter }) },
    );
  const transcript = await (options.load ? options.load.shared(run) : run());
  return bootRecordOf(transcript, options.policy, requests);
}

/** A session's transcript kept as a boot record: the launch, the requests of its script, its start and its stderr. */
export function bootRecordOf(transcript: Transcript, policy: LaunchPolicy, requests: RequestRecord[]): BootRecord {
  const { launch, exit, shutdown } = transcript;
  const answered = (method: string) => requests.find((r) => r.method === method && r.outcome === 'result');
  const handshakeAt = answered('initialize')?.endedMs;
  const launchedAt = handshakeAt !== undefined && transcript.startupMs !== undefined ? handshakeAt - transcript.startupMs : undefined;
  const toolsListedAt = answered('tools/list')?.endedMs;
  return {
    policy,
    launch: {
      command: launch.command,
      args: launch.args,
      cwd: launch.cwd,
      envKeys: launch.envKeys,
      pathEntries: launch.pathEntries,
      spawnedCommand: launch.spawnedCommand,
      ...(launch.resolvedCommand !== undefined && { resolvedCommand: launch.resolvedCommand }),
    },
    spawn: transcript.spawn,
    requests,
    ...(transcript.startupMs !== undefined && { startupMs: transcript.startupMs }),
    ...(toolsListedAt !== undefined && launchedAt !== undefined && { toolsListedMs: toolsListedAt - launchedAt }),
    ...(transcript.concurrentSessions !== undefined && { concurrentSessions: transcript.concurrentSessions }),
    // An exit before the session began to end the server is the server's own.
    ...(exit &&
      (exit.phase !== 'shutdown' || shutdown?.endedBy === 'exited-before') && {
        exit: { code: exit.code, signal: exit.signal, atMs: exit.atMs },
      }),
    stderrTail: transcript.stderr.tail,
    durationMs: transcript.durationMs,
    ...(transcript.probeError !== undefined && { probeError: transcript.probeError }),
    ...(transcript.cancelled && { cancelled: true }),
  };
}
