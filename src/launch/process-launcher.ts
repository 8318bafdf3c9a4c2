import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import crossSpawn from 'cross-spawn';
import { execa, type ResultPromise } from 'execa';
import type {
  ExitStatus,
  LaunchAttempt,
  LaunchRequest,
  Launcher,
  ReapResult,
  ServerProcess,
  SpawnOutcome,
  SpawnedArgv,
} from './launcher.js';
import { killTreeNow, trackLive } from './live-processes.js';
import { DescendantTracker, type TreeLimits } from './process-tree.js';

interface CrossSpawnParsed {
  command: string;
  args: string[];
  options: { windowsVerbatimArguments?: boolean };
}
type CrossSpawnParse = (command: string, args: string[], options: { env: Record<string, string>; cwd: string }) => CrossSpawnParsed;

/** cross-spawn's argv computation, the one the MCP SDK's StdioClientTransport uses (untyped internal export). */
const crossSpawnParse = (crossSpawn as unknown as { _parse: CrossSpawnParse })._parse;

/**
 * Runs the server as a plain child process: no shell, exactly the given environment, stdio pipes. On POSIX the server
 * leads its own process group (so leftovers can be killed as a group); on Windows the command goes through the same
 * cross-spawn parse as the SDK, which resolves `.cmd` shims via PATH/PATHEXT and wraps them in `cmd.exe /d /s /c`.
 */
export class ProcessLauncher implements Launcher {
  readonly name = 'process';

  constructor(private readonly treeLimits?: TreeLimits) {}

  launch(request: LaunchRequest): LaunchAttempt {
    const argv: SpawnedArgv = { spawnedCommand: request.command, spawnedArgs: request.args };
    let child: ResultPromise;
    try {
      const parsed = crossSpawnParse(request.command, request.args, { env: request.env, cwd: request.cwd });
      argv.spawnedCommand = parsed.command;
      argv.spawnedArgs = parsed.args;
      if (process.platform === 'win32' && /^cmd(\.exe)?$/i.test(path.win32.basename(parsed.command))) {
        // execa prepends `/q` (echo off) whenever it runs cmd.exe; record the argv the OS really gets.
        argv.spawnedArgs = ['/q', ...parsed.args];
      }
      child = execa(parsed.command, parsed.args, {
        cwd: request.cwd,
        env: request.env,
        extendEnv: false,
        shell: false,
        stdin: 'pipe',
        stdout: 'pipe',
        stderr: 'pipe',
        buffer: false,
        reject: false,
        windowsHide: true,
        windowsVerbatimArguments: parsed.options.windowsVerbatimArguments === true,
        // POSIX: the server leads its own process group, so what it leaves can be killed as a group (`live-processes`
        // does it if the runner itself ends early). Our own signals go through `process.kill`, so they reach the
        // server only, as a client's do.
        detached: process.platform !== 'win32',
        cleanup: false,
        forceKillAfterDelay: false,
      });
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      return { ok: false, errorCode: code ?? 'EINVAL', errorMessage: message, ...argv };
    }
    return { ok: true, server: new ChildServerProcess(child, this.treeLimits), ...argv };
  }
}

class ChildServerProcess implements ServerProcess {
  readonly spawned: Promise<SpawnOutcome>;
  readonly exited: Promise<ExitStatus>;
  private tracker?: DescendantTracker;
  private hasExited = false;
  private reapedClean = false;
  private untrack?: () => void;

  private readonly child: ChildProcess;

  constructor(subprocess: ResultPromise, treeLimits: TreeLimits | undefined) {
    // With `reject: false` execa's promise does not reject on failure; this guards against anything else it might.
    subprocess.catch(() => undefined);
    // execa 9's subprocess is the Node ChildProcess itself, with promise methods added.
    const child = subprocess as unknown as ChildProcess;
    this.child = child;
    // A server that dies while we write surfaces as EPIPE on stdin; the exit is what gets recorded.
    child.stdin?.on('error', () => undefined);
    this.spawned = new Promise((resolve) => {
      child.once('spawn', () => {
        const pid = child.pid;
        if (pid !== undefined) {
          this.tracker = new DescendantTracker(pid, treeLimits);
          this.untrack = trackLive(() => killTreeNow(pid));
        }
        resolve({ ok: true, pid: child.pid ?? -1 });
      });
      child.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, errorCode: error.code ?? 'ERROR', errorMessage: error.message }),
      );
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
        this.hasExited = true;
        resolve({ code, signal });
      });
    });
  }

  get stdin() {
    return this.child.stdin!;
  }
  get stdout() {
    return this.child.stdout!;
  }
  get stderr() {
    return this.child.stderr!;
  }

  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    if (this.hasExited || this.child.pid === undefined) return;
    try {
      process.kill(this.child.pid, signal);
    } catch {
      // Exited between the check and the signal.
    }
  }

  async snapshotDescendants(): Promise<void> {
    await this.tracker?.snapshot();
  }

  async reap(): Promise<ReapResult> {
    const result = this.tracker ? await this.tracker.reap() : { left: [], survived: [] };
    this.reapedClean = result.survived.length === 0;
    return result;
  }

  release(): void {
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream?.destroy();
    if (!this.hasExited) this.child.unref();
    // Anything still running stays on the list that is killed when the run ends.
    else if (this.reapedClean) this.untrack?.();
  }
}
