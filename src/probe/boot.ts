import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { withDeadline } from '../launch/deadline.js';
import { MACOS_GUI_PATH } from '../launch/environment.js';
import type { ExitStatus, Launcher, ServerProcess } from '../launch/launcher.js';
import { ProcessLauncher } from '../launch/process-launcher.js';
import type { BootRecord } from '../model/boot.js';
import type { LaunchPolicy } from '../model/profile.js';
import type { ResolvedServer } from '../model/spec.js';
import type { JsonRpcMessage, RequestRecord } from '../model/transcript.js';
import { DEFAULT_FRAMER_LIMITS, LineFramer } from './line-framer.js';
import { killOnCancel, prepareLaunch, snapshotWhileShuttingDown, spawnOutcome } from './prepare-launch.js';
import { StderrTail } from './stderr-tail.js';

/**
 * A short session with a server: spawn it under a launch policy, run a few requests written by the caller, shut it
 * down (stdin close, SIGTERM, SIGKILL) and kill what it left behind. Used for what the main probe cannot do: start the
 * server the way another client would, measure a package runner's first (downloading) start, and offer protocol
 * versions the MCP SDK client never sends. Records, never judges, never throws.
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
  /** The run's cancellation: no launch once it fired; a running server is killed with what it started. */
  signal?: AbortSignal;
}

export interface BootChannel {
  /** Sends a request and waits for its answer; the record says how it ended. Never rejects. */
  request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RequestRecord>;
  notify(method: string, params?: Record<string, unknown>): void;
  /** stdout ended or the process exited: nothing more can be answered. */
  readonly closed: boolean;
}

export type BootScript = (channel: BootChannel) => Promise<void>;

const SHUTDOWN_WAIT_MS = 500;
const KILL_WAIT_MS = 2000;
const EXIT_DRAIN_MS = 200;
const STDERR_LINES = 20;

/** Evidence is all a boot needs from stdout: a few lines, the same line cap as the main probe. */
const FRAMER_LIMITS = { ...DEFAULT_FRAMER_LIMITS, maxKeptMessageLines: 5, maxKeptBadLines: 5 };

export async function bootServer(server: ResolvedServer, options: BootOptions, script: BootScript): Promise<BootRecord> {
  return new BootSession(server, options).run(script);
}

/** The working directory a policy gives the server: the config's, or the root of its drive. */
function policyCwd(policy: LaunchPolicy, workspaceCwd: string, platform: NodeJS.Platform): string {
  if (policy.cwd === 'workspace') return workspaceCwd;
  return (platform === 'win32' ? path.win32 : path.posix).parse(workspaceCwd).root || workspaceCwd;
}

interface Pending {
  record: RequestRecord;
  settle: () => void;
}

class BootSession {
  private readonly t0 = performance.now();
  private readonly platform: NodeJS.Platform;
  private readonly launcher: Launcher;
  private readonly record: BootRecord;
  private readonly stderr = new StderrTail({ maxLines: STDERR_LINES, maxLineChars: 500 });
  private readonly pending = new Map<number, Pending>();
  private process?: ServerProcess;
  private exitStatus?: ExitStatus;
  private stdoutEnded = false;
  private shuttingDown = false;
  private nextId = 0;
  private homeDir?: string;

  constructor(
    private readonly server: ResolvedServer,
    private readonly options: BootOptions,
  ) {
    this.platform = options.platform ?? process.platform;
    this.launcher = options.launcher ?? new ProcessLauncher();
    this.record = {
      policy: options.policy,
      launch: {
        command: server.command ?? '',
        args: server.args,
        cwd: policyCwd(options.policy, server.cwd, this.platform),
        envKeys: [],
        pathEntries: [],
        spawnedCommand: server.command ?? '',
      },
      spawn: { ok: false, atMs: 0 },
      requests: [],
      stderrTail: [],
      durationMs: 0,
    };
  }

  async run(script: BootScript): Promise<BootRecord> {
    try {
      if (await this.start()) await script(this.channel());
    } catch (error) {
      this.record.probeError = error instanceof Error ? error.message : String(error);
    }
    try {
      await this.finish();
    } catch (error) {
      this.record.probeError ??= error instanceof Error ? error.message : String(error);
    }
    this.record.durationMs = this.now();
    return this.record;
  }

  private now(): number {
    return Math.round(performance.now() - this.t0);
  }

  private get closed(): boolean {
    return this.stdoutEnded || this.exitStatus !== undefined;
  }

  /** Spawns the server; false when it did not start (the record says why). */
  private async start(): Promise<boolean> {
    const { command, args } = this.server;
    if (command === undefined || command === '') throw new Error('the server has no command to launch');
    const { policy } = this.options;
    if (this.options.freshHome) this.homeDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-home-'));
    const cwd = this.record.launch.cwd;
    const prepared = prepareLaunch(command, cwd, {
      platform: this.platform,
      hostEnv: this.options.hostEnv,
      configEnv: this.server.env,
      ...(this.server.spec.unsetEnv && { unset: this.server.spec.unsetEnv }),
      policy: policy.env,
      ...(policy.path === 'macos-gui' && { pathOverride: MACOS_GUI_PATH }),
      ...(this.homeDir !== undefined && { freshHomeDir: this.homeDir }),
    });
    this.record.launch.envKeys = prepared.envKeys;
    this.record.launch.pathEntries = prepared.pathEntries;
    if (prepared.resolution.resolved !== undefined) this.record.launch.resolvedCommand = prepared.resolution.resolved;
    if (prepared.refusal) {
      this.record.spawn = { ...prepared.refusal, atMs: this.now() };
      return false;
    }

    const signal = this.options.signal;
    if (signal?.aborted) {
      this.record.cancelled = true;
      return false;
    }
    const attempt = this.launcher.launch({ command, args, cwd, env: prepared.env });
    this.record.launch.spawnedCommand = attempt.spawnedCommand;
    if (!attempt.ok) {
      this.record.spawn = { ok: false, errorCode: attempt.errorCode, errorMessage: attempt.errorMessage, atMs: this.now() };
      return false;
    }
    const child = attempt.server;
    this.process = child;
    killOnCancel(child, signal, () => {
      this.record.cancelled = true;
    });
    const stdoutEnded = this.attach(child);
    const spawned = await spawnOutcome(child, this.options.startupTimeoutMs);
    if (!spawned.ok) {
      this.record.spawn = { ok: false, errorCode: spawned.errorCode, errorMessage: spawned.errorMessage, atMs: this.now() };
      return false;
    }
    this.record.spawn = { ok: true, pid: spawned.pid, atMs: this.now() };
    void child.exited.then(async (status) => {
      // Decided when the exit happens: on its own, or because the session was ending it.
      const onItsOwn = !this.shuttingDown;
      const atMs = this.now();
      // An answer written just before the exit may still be in the pipe: let stdout deliver it (bounded).
      await withDeadline(stdoutEnded, EXIT_DRAIN_MS, undefined);
      this.exitStatus = status;
      if (onItsOwn) this.record.exit = { code: status.code, signal: status.signal, atMs };
      this.settleAll();
    });
    return true;
  }

  /** Wires stdout to the framer and stderr to the tail; resolves when stdout ends (or fails). */
  private attach(child: ServerProcess): Promise<void> {
    const framer = new LineFramer(
      () => ({ atMs: this.now(), phase: 'startup' }),
      (message) => this.receive(message),
      FRAMER_LIMITS,
    );
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    child.stderr.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => framer.push(chunk));
    return new Promise((resolve) => {
      // Once stdout is over no answer can arrive: waiting requests end as closed instead of waiting for a timeout.
      const ended = () => {
        framer.end();
        this.stdoutEnded = true;
        this.settleAll();
        resolve();
      };
      child.stdout.once('end', ended);
      child.stdout.once('close', ended);
      child.stdout.once('error', ended);
    });
  }

  private receive(message: JsonRpcMessage): void {
    if (message.method !== undefined || typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    const { record } = pending;
    record.endedMs = this.now();
    if (message.error) {
      record.outcome = 'error';
      const { code, message: text, data } = message.error;
      record.error = { code, message: String(text), ...(data !== undefined && { data }) };
    } else {
      record.outcome = 'result';
      record.result = message.result;
      if (record.method === 'initialize') this.record.startupMs ??= record.endedMs;
      if (record.method === 'tools/list') this.record.toolsListedMs ??= record.endedMs;
    }
    pending.settle();
  }

  /** The connection is over: every waiting request ends as closed. */
  private settleAll(): void {
    for (const { record, settle } of this.pending.values()) {
      record.outcome = 'closed';
      record.endedMs = this.now();
      settle();
    }
  }

  private channel(): BootChannel {
    const session = this;
    return {
      get closed() {
        return session.closed;
      },
      request: (method, params, timeoutMs) => this.request(method, params, timeoutMs),
      notify: (method, params) => this.write({ jsonrpc: '2.0', method, ...(params && { params }) }),
    };
  }

  private async request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RequestRecord> {
    const id = this.nextId++;
    const record: RequestRecord = { method, id, phase: 'startup', startedMs: this.now(), outcome: 'not-sent' };
    this.record.requests.push(record);
    if (this.closed) return record;
    const answered = new Promise<void>((resolve) => {
      this.pending.set(id, {
        record,
        settle: () => {
          this.pending.delete(id);
          resolve();
        },
      });
    });
    record.outcome = 'timeout';
    this.write({ jsonrpc: '2.0', id, method, params });
    await withDeadline(answered, timeoutMs, undefined);
    if (this.pending.delete(id)) record.endedMs = this.now();
    return record;
  }

  private write(message: JsonRpcMessage): void {
    if (this.closed || !this.process) return;
    this.process.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Shutdown as a client does it, then the leftovers; the stderr tail is kept for evidence. */
  private async finish(): Promise<void> {
    const child = this.process;
    if (child && this.record.spawn.ok) {
      await child.snapshotDescendants();
      const wait = this.options.shutdownWaitMs ?? SHUTDOWN_WAIT_MS;
      // stdout at EOF usually means the process is on its way out: let its exit be recorded as its own.
      if (this.stdoutEnded) await withDeadline(child.exited, EXIT_DRAIN_MS, undefined);
      this.shuttingDown = true;
      child.stdin.end();
      const stopSnapshots = snapshotWhileShuttingDown(child);
      for (const [signal, ms] of [
        [undefined, wait],
        ['SIGTERM', wait],
        ['SIGKILL', KILL_WAIT_MS],
      ] as const) {
        if (signal) child.signal(signal);
        if ((await withDeadline(child.exited, ms, undefined)) !== undefined) break;
      }
      await stopSnapshots();
      await child.reap();
    } else {
      // Refused or never reported as started: if a process exists after all, it must not run on.
      child?.signal('SIGKILL');
    }
    child?.release();
    this.settleAll();
    this.record.stderrTail = this.stderr.finish().tail;
    if (this.homeDir !== undefined) await fs.promises.rm(this.homeDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
