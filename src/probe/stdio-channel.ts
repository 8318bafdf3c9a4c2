import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDeadline } from '../launch/deadline.js';
import { MACOS_GUI_PATH } from '../launch/environment.js';
import type { Launcher, ServerProcess } from '../launch/launcher.js';
import { ProcessLauncher } from '../launch/process-launcher.js';
import { isRunning, type TreeLimits } from '../launch/process-tree.js';
import type { BoundaryRecord } from '../model/isolation.js';
import type { LaunchPolicy } from '../model/profile.js';
import type { ResolvedServer } from '../model/spec.js';
import type { JsonRpcMessage, LaunchRecord, ShutdownRecord, SpawnRecord } from '../model/transcript.js';

import { MAIN_POLICY } from '../profiles/launch-plan.js';
import type { Channel, ChannelContext, ChannelRecord } from './channel.js';
import { type FramerLimits, LineFramer } from './line-framer.js';
import { killOnCancel, prepareLaunch, snapshotWhileShuttingDown, spawnOutcome } from './prepare-launch.js';
import { type StderrLimits, StderrTail } from './stderr-tail.js';

/**
 * A stdio server as a channel: the process is started under a launch policy (exactly `command` + `args`, no shell,
 * the policy's environment and working directory) by a launcher; stdout is framed into lines byte-exact, stderr kept
 * as a bounded tail, the exit and the moment stdout ended are recorded; closing runs the spec's shutdown ladder as the
 * SDK does (close stdin, wait, SIGTERM, wait, SIGKILL) and then finds, reports and kills what the server left behind.
 */

export interface StdioLimits extends FramerLimits, StderrLimits, TreeLimits {
  /** After the exit event, how long stdout may still deliver what the server wrote before exiting. */
  exitDrainMs: number;
  /** Wait for the exit after SIGKILL. */
  killWaitMs: number;
}

export interface StdioChannelOptions {
  /** The runner's environment; the policy decides what the server inherits from it. */
  hostEnv: NodeJS.ProcessEnv;
  /** Platform whose environment rules apply. The process itself always runs here. */
  platform: NodeJS.Platform;
  /** Point HOME (USERPROFILE on Windows) at an empty temporary directory. */
  freshHome: boolean;
  /** How the client being stood for starts servers (default: the main probe's, the SDK's allow-list). */
  policy?: LaunchPolicy;
  launcher?: Launcher;
  /** Deadline for the OS to report the process as started. */
  spawnTimeoutMs: number;
  /** Wait after closing stdin, and again after SIGTERM. */
  shutdownWaitMs: number;
  limits: StdioLimits;
  /** The run's cancellation: no launch once it fired; a running server is killed with what it started. */
  signal?: AbortSignal;
}

/** The working directory a policy gives the server: the config's, or the root of its drive. */
function policyCwd(policy: LaunchPolicy, workspaceCwd: string, platform: NodeJS.Platform): string {
  if (policy.cwd === 'workspace') return workspaceCwd;
  return (platform === 'win32' ? path.win32 : path.posix).parse(workspaceCwd).root || workspaceCwd;
}

export class StdioChannel implements Channel {
  readonly transport = 'stdio' as const;
  readonly gone: Promise<void>;
  /** When the launch began (session clock): where startup time is counted from. */
  openedAtMs?: number;

  private readonly policy: LaunchPolicy;
  private readonly launcher: Launcher;
  private readonly launchRecord: LaunchRecord;
  private spawnRecord: SpawnRecord = { ok: false, atMs: 0 };
  private readonly stderr: StderrTail;
  private framer?: LineFramer;
  private context?: ChannelContext;
  private server?: ServerProcess;
  private homeDir?: string;
  private markGone: () => void = () => undefined;
  /** Set the moment the exit event arrives (the report follows once stdout drained). */
  private exitedAtMs?: number;
  private endReported?: Promise<void>;
  private lastStdoutAtMs = 0;
  private stdoutAtEof = false;
  /** The short wait for an exit behind a closed stdout was spent once: a process still running then keeps running. */
  private waitedAfterEof = false;
  private stdoutClosedAtMs?: number;
  private shutdownRecord?: ShutdownRecord;
  /** What a sandboxed server tried beyond its boundary (absent: a plain process). */
  private boundary?: BoundaryRecord;
  /** The run was cancelled while this channel was open (or before it launched). */
  private cancelled = false;

  constructor(
    private readonly resolved: ResolvedServer,
    private readonly options: StdioChannelOptions,
  ) {
    this.policy = options.policy ?? MAIN_POLICY;
    this.launcher = options.launcher ?? new ProcessLauncher(options.limits);
    this.stderr = new StderrTail(options.limits);
    this.gone = new Promise((resolve) => {
      this.markGone = resolve;
    });
    this.launchRecord = {
      launcher: this.launcher.name,
      command: resolved.command ?? '',
      args: resolved.args,
      spawnedCommand: resolved.command ?? '',
      spawnedArgs: resolved.args,
      cwd: policyCwd(this.policy, resolved.cwd, options.platform),
      envKeys: [],
      pathEntries: [],
      resolvedCandidates: [],
      platform: options.platform,
      freshHome: options.freshHome,
    };
  }

  async open(context: ChannelContext): Promise<boolean> {
    this.context = context;
    this.framer = new LineFramer(() => context.stamp(), context.message, this.options.limits);
    const { command, args } = this.resolved;
    if (command === undefined || command === '') throw new Error('the server has no command to launch');
    const { platform, hostEnv } = this.options;
    if (this.options.freshHome) this.homeDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-home-'));
    const cwd = this.launchRecord.cwd;
    const prepared = prepareLaunch(command, cwd, {
      platform,
      hostEnv,
      configEnv: this.resolved.env,
      ...(this.resolved.spec.unsetEnv && { unset: this.resolved.spec.unsetEnv }),
      policy: this.policy.env,
      ...(this.policy.path === 'macos-gui' && { pathOverride: MACOS_GUI_PATH }),
      ...(this.homeDir !== undefined && { freshHomeDir: this.homeDir }),
    });
    const launch = this.launchRecord;
    launch.envKeys = prepared.envKeys;
    launch.pathEntries = prepared.pathEntries;
    launch.resolvedCandidates = prepared.resolution.candidates;
    if (prepared.resolution.resolved !== undefined) launch.resolvedCommand = prepared.resolution.resolved;
    if (prepared.refusal) {
      this.spawnRecord = { ...prepared.refusal, atMs: this.now() };
      return false;
    }

    if (this.options.signal?.aborted) {
      this.cancelled = true;
      return false;
    }
    this.openedAtMs = this.now();
    const attempt = this.launcher.launch({ command, args, cwd, env: prepared.env });
    launch.spawnedCommand = attempt.spawnedCommand;
    launch.spawnedArgs = attempt.spawnedArgs;
    if (attempt.isolation) launch.isolation = attempt.isolation;
    if (!attempt.ok) {
      this.spawnRecord = { ok: false, errorCode: attempt.errorCode, errorMessage: attempt.errorMessage, atMs: this.now() };
      return false;
    }
    const server = attempt.server;
    this.server = server;
    killOnCancel(server, this.options.signal, () => {
      this.cancelled = true;
    });
    const stdoutEnded = this.attach(server);
    const spawned = await spawnOutcome(server, this.options.spawnTimeoutMs);
    if (!spawned.ok) {
      this.spawnRecord = { ok: false, errorCode: spawned.errorCode, errorMessage: spawned.errorMessage, atMs: this.now() };
      return false;
    }
    this.spawnRecord = { ok: true, pid: spawned.pid, atMs: this.now() };
    this.endReported = server.exited.then(async (status) => {
      const at = context.stamp();
      this.exitedAtMs = at.atMs;
      this.markGone();
      // What the server wrote before exiting may still be in the pipe: let stdout deliver it (bounded, a child may hold it).
      await withDeadline(stdoutEnded, this.options.limits.exitDrainMs, undefined);
      context.ended({ code: status.code, signal: status.signal, atMs: Math.max(at.atMs, this.lastStdoutAtMs), phase: at.phase });
      context.closed();
    });
    return true;
  }

  send(message: JsonRpcMessage): number | undefined {
    const stdin = this.server?.stdin;
    if (!stdin?.writable) return undefined;
    const line = `${JSON.stringify(message)}\n`;
    // EPIPE (the server died) arrives on the stream's 'error' event, which the launcher absorbs.
    stdin.write(line);
    return Buffer.byteLength(line);
  }

  async operating(): Promise<void> {
    // The tree while the server is alive, so descendants can still be found once they are re-parented.
    await this.server?.snapshotDescendants();
  }

  /**
   * The session is about to decide that the server is still running (end of the stay-alive window, start of the
   * shutdown). An exit must not be lost to the order in which events arrive:
   * - the exit event may still be queued behind other I/O of the run: one turn of the event loop (the poll phase, where
   *   libuv reaps children) delivers it;
   * - stdout at EOF means the process is on its way out and its exit event is a moment behind: wait a little for it;
   * - a process the OS already shows as exited (a zombie on Linux, where stdout may stay open in a child that holds
   *   it) is waited for up to the kill deadline: its exit event is certain to come.
   */
  async settle(): Promise<void> {
    const server = this.server;
    if (!server || !this.spawnRecord.ok) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.exitedAtMs === undefined) {
      const pid = this.spawnRecord.pid;
      const exited = pid !== undefined && !isRunning(pid);
      const { killWaitMs, exitDrainMs } = this.options.limits;
      if (exited) await withDeadline(server.exited, killWaitMs, undefined);
      else if (this.stdoutAtEof && !this.waitedAfterEof) {
        this.waitedAfterEof = true;
        await withDeadline(server.exited, exitDrainMs, undefined);
      }
    }
    if (this.exitedAtMs !== undefined) await this.endReported;
  }

  async close(): Promise<void> {
    const server = this.server;
    try {
      if (!server) return;
      if (!this.spawnRecord.ok) {
        // Refused or never reported as started: if a process exists after all, it must not run on.
        server.signal('SIGKILL');
        return;
      }
      this.shutdownRecord = await this.shutdown(server);
      if (this.exitedAtMs !== undefined) await this.endReported;
      const reaped = await server.reap();
      this.shutdownRecord.descendantsLeft = reaped.left;
      this.shutdownRecord.descendantsSurvived = reaped.survived;
      if (reaped.left.length > 0) this.shutdownRecord.leftoverGraceMs = this.options.limits.leftoverGraceMs;
      if (reaped.boundary) this.boundary = reaped.boundary;
    } finally {
      server?.release();
      this.framer?.end();
      if (this.homeDir !== undefined) await fs.promises.rm(this.homeDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  record(): ChannelRecord {
    this.framer?.end();
    return {
      transport: this.transport,
      launch: this.launchRecord,
      spawn: this.spawnRecord,
      wire: this.framer?.lines ?? [],
      wireStats: this.framer?.stats ?? { bytes: 0, lines: 0, badLines: 0, keptLines: 0, unterminatedBytes: 0 },
      stderr: this.stderr.finish(),
      ...(this.stdoutClosedAtMs !== undefined && { stdoutClosedAtMs: this.stdoutClosedAtMs }),
      ...(this.shutdownRecord && { shutdown: this.shutdownRecord }),
      ...(this.boundary && { boundary: this.boundary }),
      ...(this.cancelled && { cancelled: true }),
    };
  }

  private now(): number {
    return this.context?.stamp().atMs ?? 0;
  }

  /** Wires stdout to the framer and stderr to the tail; resolves when stdout ends (or fails). */
  private attach(server: ServerProcess): Promise<void> {
    const framer = this.framer as LineFramer;
    server.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    server.stderr.on('error', () => undefined);
    server.stdout.on('data', (chunk: Buffer) => {
      this.lastStdoutAtMs = this.now();
      framer.push(chunk);
    });
    return new Promise((resolve) => {
      // Once stdout is over no answer can arrive: pending requests fail as closed instead of waiting for a timeout.
      const ended = () => {
        framer.end();
        this.context?.closed();
        resolve();
      };
      server.stdout.once('end', () => {
        this.stdoutAtEof = true;
        this.stdoutClosedAtMs = this.now();
        ended();
      });
      server.stdout.once('close', ended);
      server.stdout.once('error', ended);
    });
  }

  /** The spec's ladder, as the SDK runs it: close stdin, wait, SIGTERM, wait, SIGKILL. */
  private async shutdown(server: ServerProcess): Promise<ShutdownRecord> {
    const record: ShutdownRecord = { endedBy: 'unknown', descendantsLeft: [], descendantsSurvived: [] };
    await this.settle();
    if (this.exitedAtMs !== undefined) {
      record.endedBy = 'exited-before';
      return record;
    }
    // The tree as it is now, before it comes apart (children re-parented when the server exits).
    await server.snapshotDescendants();
    if (this.exitedAtMs !== undefined) {
      record.endedBy = 'exited-before';
      return record;
    }
    const closedAt = this.now();
    record.stdinClosedAtMs = closedAt;
    server.stdin.end();
    const { shutdownWaitMs, limits } = this.options;
    const kill = { endedBy: 'sigkill', before: 'SIGKILL', waitMs: limits.killWaitMs } as const;
    // A cancelled run does not wait for the server: straight to SIGKILL.
    const steps: Array<{ endedBy: ShutdownRecord['endedBy']; before?: 'SIGTERM' | 'SIGKILL'; waitMs: number }> = this.cancelled
      ? [kill]
      : [{ endedBy: 'stdin-close', waitMs: shutdownWaitMs }, { endedBy: 'sigterm', before: 'SIGTERM', waitMs: shutdownWaitMs }, kill];
    // Helpers started on the way out (`setsid` when stdin closes) are found only while still linked to the server.
    const stopSnapshots = snapshotWhileShuttingDown(server);
    try {
      for (const step of steps) {
        if (step.before) server.signal(step.before);
        const status = await withDeadline(server.exited, step.waitMs, undefined);
        if (status !== undefined) {
          record.endedBy = step.endedBy;
          record.exitAfterMs = (this.exitedAtMs ?? this.now()) - closedAt;
          return record;
        }
      }
      return record;
    } finally {
      await stopSnapshots();
    }
  }
}
