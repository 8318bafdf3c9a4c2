/**
 * Runs a server inside a bubblewrap sandbox (Linux): new PID, IPC and UTS namespaces with their own /proc, the host's
 * system read-only, the runner's files hidden (see `sandbox-layout.ts`), a private HOME and /tmp, and exactly the
 * environment it was given (bwrap is started with that environment and nothing else, so no value ever appears on a
 * command line, and /proc/1/environ inside shows only what the server has anyway).
 *
 * The namespace must outlive the server until the session has looked at what it left: bwrap's own init (pid 1)
 * exits as soon as its command does, and the kernel then kills every other process of the namespace at once, which
 * would erase the evidence `shutdown` judges. So the command is a small POSIX `sh` init (pid 2; `sh` is on every
 * Linux): it starts the server with `exec` (no shell in between, argv untouched), tells the host its pid, waits for
 * it, reports its exit status, and keeps the namespace alive until the host closes the control channel. Leftovers are
 * then exactly the namespace's other processes, found and killed through the host's /proc, wherever they forked to.
 *
 * File descriptors: the server's stdin, stdout and stderr are passed on fds 3–5 and the control channel on fd 6.
 * bwrap's monitor and init close every fd beyond 2, and the shells close their own copies, so only the server (and
 * what it starts) holds its stdout: the end of stdout is seen when the server closes it, as for a plain process.
 * bwrap's own stdin and stdout are /dev/null; its stderr carries bwrap's errors and, with strace, the failed calls.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { LaunchIsolation, NetworkMode } from '../model/isolation.js';
import { sleep, withDeadline } from './deadline.js';
import { pathEntriesOf } from './environment.js';
import { MASKED, splitLoaderVariables } from './loader-variables.js';
import type { SandboxTooling } from './isolation.js';
import type {
  Descendant,
  ExitStatus,
  LaunchAttempt,
  LaunchRequest,
  Launcher,
  ReapResult,
  ServerProcess,
  SpawnOutcome,
} from './launcher.js';
import { trackLive } from './live-processes.js';
import { commandLineOf, parseProcStat, readDescendants } from './proc-table.js';
import { DEFAULT_TREE_LIMITS, describeCommandLine, isRunning, type TreeLimits } from './process-tree.js';
import { isRunnableFile, resolveCommand } from './resolve-command.js';
import {
  areaOf,
  bwrapOptions,
  type HiddenMount,
  type HostFacts,
  hiddenAreas,
  isInside,
  type SandboxPlan,
  toolCacheRuntime,
  UNREACHABLE_RESOLV_CONF,
  withoutCredentialHeaders,
  writableRoots,
} from './sandbox-layout.js';
import { BoundaryCollector, straceArguments, TraceReader } from './sandbox-trace.js';

/**
 * The init inside the sandbox. `exec "$@"` in a background job: the job's subshell becomes the server (a program on
 * PATH, never a shell builtin or function), with stdin from fd 3 (an asynchronous job's own stdin is /dev/null, even
 * with `<&0`), stdout inherited on fd 1, stderr from fd 5, and no control fd. The shell then drops its copies, reports
 * the server's pid and its own, waits, reports the exit status, and blocks on the control channel.
 */
export function sandboxInit(keepPwd: boolean): string {
  return [
    // The shell exports PWD by itself; the server gets it only when its environment has it.
    ...(keepPwd ? [] : ['unset PWD']),
    'exec "$@" <&3 2>&5 3<&- 5>&- 6>&- &',
    'echo "started $! $$" >&6',
    'exec 3<&- 5>&- >/dev/null',
    'wait $!',
    'echo "exited $?" >&6',
    'read -r _ <&6',
  ].join('\n');
}

/**
 * Runs before the init: moves the server's stdout from fd 4 to fd 1. strace (when it traces) closes its own fds 0 and
 * 1 once the traced init is started, but keeps every other fd it inherited: stdout must not be one of those, or the
 * server's stdout would never end while strace runs. (Its copies of stdin, stderr and the control channel change
 * nothing: the end of stdin comes from the host's side, and neither stderr's end nor the channel's is waited for.)
 */
const SANDBOX_PRELUDE = 'exec "$@" >&4 4>&-';

/**
 * Per-launch folders not removed yet. They are removed as soon as their sandbox is gone; any left when the run ends
 * (a session cut short) go with it, synchronously.
 */
const pendingFolders = new Set<string>();
function removeFolder(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  pendingFolders.delete(dir);
}
let folderHook = false;
function holdFolder(dir: string): void {
  if (!folderHook) {
    folderHook = true;
    process.once('exit', () => [...pendingFolders].forEach(removeFolder));
  }
  pendingFolders.add(dir);
}

/** argv[0] of the init shell, as `ps` shows it. */
const INIT_NAME = 'mcp-preflight-sandbox';

/** Bytes of bwrap's stderr (bwrap errors, strace lines) read at most; the rest is drained and dropped. */
const MAX_DIAGNOSTIC_BYTES = 64 * 1024 * 1024;
const MAX_DIAGNOSTIC_LINE = 64 * 1024;
/** Lines of bwrap's own messages kept to explain a sandbox that did not start. */
const MAX_ERROR_LINES = 20;
/** Folders and files walked in the private HOME after the run, at most. */
const MAX_HOME_ENTRIES = 2000;
const MAX_HOME_DEPTH = 8;
/** How long the end of bwrap's stderr is waited for once the sandbox is gone. */
const DIAGNOSTIC_DRAIN_MS = 1000;
const GRACE_POLL_MS = 50;

export interface SandboxLauncherOptions {
  tooling: SandboxTooling;
  network: NetworkMode;
  /** The workspace (absolute): visible at its own path, writable through a throwaway layer when bubblewrap can. */
  workspace: string;
  host: HostFacts;
  treeLimits?: TreeLimits;
  /** How long descendants may outlive the server before they count as left behind (default 0). */
  leftoverGraceMs?: number;
  /** Where per-launch folders (the private HOME) are made (default `os.tmpdir()`). */
  tmpRoot?: string;
}

export class SandboxLauncher implements Launcher {
  readonly name = 'sandbox';
  private readonly areas: HiddenMount[];
  private readonly tmpRoot: string;
  /** `.git/config` of each root without credential headers (undefined: it holds none, or there is none). */
  private readonly cleanedGitConfigs = new Map<string, string | undefined>();

  constructor(private readonly options: SandboxLauncherOptions) {
    this.areas = hiddenAreas(options.host, options.network);
    this.tmpRoot = options.tmpRoot ?? os.tmpdir();
  }

  /** The hidden areas, for the report and the tests. */
  get hidden(): readonly HiddenMount[] {
    return this.areas;
  }

  launch(request: LaunchRequest): LaunchAttempt {
    const { tooling, network } = this.options;
    const real = (file: string) => this.options.host.inspect(file)?.real ?? file;
    const roots = writableRoots(real(this.options.workspace), real(request.cwd), { hidden: this.areas });
    const access = tooling.overlay ? 'throwaway' : 'read-only';
    const homeValue = request.env.HOME;
    const homeInfo = homeValue && path.posix.isAbsolute(homeValue) ? this.options.host.inspect(homeValue) : undefined;
    const home = homeInfo?.dir ? homeInfo.real : undefined;
    const isolation: LaunchIsolation = {
      mode: 'sandbox',
      network,
      workspace: { paths: roots, access },
      hidden: this.areas.map(({ path: p, what }) => ({ path: p, what })),
      ...(home !== undefined && { home }),
      tracer: tooling.strace ? 'strace' : 'none',
    };
    const declined = (errorCode: string, errorMessage: string): LaunchAttempt => ({
      ok: false,
      errorCode,
      errorMessage,
      spawnedCommand: request.command,
      spawnedArgs: request.args,
      isolation,
    });

    // The command is looked up on the host, on the server's PATH, as the spawn inside will: what it finds must be
    // visible inside, or the server would fail with an ENOENT that names nothing.
    const resolution = resolveCommand(request.command, { platform: 'linux', env: request.env, cwd: request.cwd, isRunnableFile });
    const target = resolution.isPath ? path.posix.resolve(request.cwd, request.command) : resolution.resolved;
    if (target === undefined) return declined('ENOENT', `spawn ${request.command} ENOENT`);
    const exposed = [
      ...new Set(
        [...pathEntriesOf(request.env, 'linux').filter((e) => path.posix.isAbsolute(e)), path.posix.dirname(target)]
          .map((dir) => toolCacheRuntime(real(dir), this.areas))
          .filter((dir): dir is string => dir !== undefined),
      ),
    ];
    const visible = (file: string) => [...roots, ...exposed].some((dir) => isInside(file, dir)) || areaOf(file, this.areas) === undefined;
    const targetReal = real(target);
    // Hidden: the spawn would fail with an ENOENT that names nothing; spawn explains it from this code.
    if (!visible(targetReal)) return declined('EHIDDEN', `spawn ${request.command} EHIDDEN (the sandbox hides ${targetReal})`);

    let workDir: string;
    try {
      workDir = fs.mkdtempSync(path.join(this.tmpRoot, 'mcp-preflight-sandbox-'));
      holdFolder(workDir);
    } catch (error) {
      return declined('ESANDBOX', `the sandbox could not be prepared: ${(error as Error).message}`);
    }
    const privateHome = home !== undefined ? path.join(workDir, 'home') : undefined;
    if (privateHome) fs.mkdirSync(privateHome);
    const plan: SandboxPlan = {
      areas: this.areas,
      roots,
      access,
      ...(home !== undefined && privateHome !== undefined && { home, privateHome }),
      scratch: this.scratchDirs(request.env, roots, home),
      exposed,
      overlays: [
        ...roots.flatMap((root) => {
          const cleaned = this.cleanedGitConfig(root);
          if (cleaned === undefined) return [];
          const copy = path.join(workDir, `git-config-${roots.indexOf(root)}`);
          fs.writeFileSync(copy, cleaned, { mode: 0o600 });
          return [[copy, path.join(root, '.git', 'config')] as const];
        }),
        ...(network === 'none' ? this.resolverOverlay(workDir) : []),
      ],
      network,
      cwd: request.cwd,
    };
    // Loader variables must not reach bwrap itself (it runs on the host): they are set inside, by bwrap.
    const { safe, loader } = splitLoaderVariables(request.env);
    const setenv = (value: (v: string) => string) => Object.entries(loader).flatMap(([name, v]) => ['--setenv', name, value(v)]);
    const command = [
      '--',
      '/bin/sh',
      '-c',
      SANDBOX_PRELUDE,
      INIT_NAME,
      ...(tooling.strace ? straceArguments(tooling.strace) : []),
      '/bin/sh',
      '-c',
      sandboxInit(request.env.PWD !== undefined),
      INIT_NAME,
      request.command,
      ...request.args,
    ];
    const options = bwrapOptions(plan);
    const spawnedArgs = [...options, ...setenv(() => MASKED), ...command];
    const server = new SandboxProcess(
      tooling.bwrap,
      [...options, ...setenv((v) => v), ...command],
      { ...request, env: safe },
      {
        workDir,
        plan,
        areas: this.areas,
        traced: tooling.strace !== undefined,
        treeLimits: this.options.treeLimits ?? DEFAULT_TREE_LIMITS,
        leftoverGraceMs: this.options.leftoverGraceMs ?? 0,
        existsOnHost: (file) => this.options.host.inspect(file) !== undefined,
      },
    );
    return { ok: true, server, spawnedCommand: tooling.bwrap, spawnedArgs, isolation };
  }

  /** TMPDIR, TMP and TEMP pointing somewhere else than a writable place get a private folder of their own. */
  private scratchDirs(env: Record<string, string>, roots: readonly string[], home: string | undefined): string[] {
    const dirs = new Set<string>();
    for (const name of ['TMPDIR', 'TMP', 'TEMP']) {
      const value = env[name];
      if (!value || !path.posix.isAbsolute(value)) continue;
      const dir = path.posix.normalize(value);
      if ([...roots, ...(home ? [home] : [])].some((root) => isInside(dir, root))) continue;
      if (dir === '/tmp' || (!isInside(dir, '/tmp') && !this.options.host.inspect(dir)?.dir)) continue;
      dirs.add(dir);
    }
    return [...dirs];
  }

  /** A copy of `<root>/.git/config` without credential headers, or undefined when it holds none. Made once per root. */
  private cleanedGitConfig(root: string): string | undefined {
    if (!this.cleanedGitConfigs.has(root)) {
      let cleaned: string | undefined;
      try {
        cleaned = withoutCredentialHeaders(fs.readFileSync(path.join(root, '.git', 'config'), 'utf8'));
      } catch {
        cleaned = undefined;
      }
      this.cleanedGitConfigs.set(root, cleaned);
    }
    return this.cleanedGitConfigs.get(root);
  }

  /** For `network: none`: a resolv.conf whose name server no packet can reach, laid over the host's. */
  private resolverOverlay(workDir: string): Array<readonly [string, string]> {
    const target = this.options.host.inspect('/etc/resolv.conf');
    if (!target || target.dir) return [];
    const copy = path.join(workDir, 'resolv.conf');
    fs.writeFileSync(copy, UNREACHABLE_RESOLV_CONF);
    return [[copy, target.real]];
  }
}

interface SandboxContext {
  workDir: string;
  plan: SandboxPlan;
  areas: readonly HiddenMount[];
  traced: boolean;
  treeLimits: TreeLimits;
  leftoverGraceMs: number;
  existsOnHost(file: string): boolean;
}

/** Host pids of the sandbox's own processes, once the init shell said it started the server. */
interface SandboxPids {
  /** bwrap's init: pid 1 of the namespace. */
  init?: number;
  /** The init shell and whatever runs between it and bwrap's init (strace). */
  infrastructure: Set<number>;
  server?: number;
}

class SandboxProcess implements ServerProcess {
  readonly spawned: Promise<SpawnOutcome>;
  readonly exited: Promise<ExitStatus>;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  private readonly child: ChildProcess;
  private readonly control: Writable & Readable;
  private readonly diagnostics: Readable;
  private readonly bwrapExited: Promise<ExitStatus>;
  private readonly diagnosticsEnded: Promise<void>;
  private pids: SandboxPids = { infrastructure: new Set() };
  private nsPids?: { server: number; shell: number };
  private serverExited = false;
  private sandboxGone = false;
  private untrack?: () => void;
  private readonly errorLines: string[] = [];
  private readonly collector: BoundaryCollector;
  private readonly traceReader = new TraceReader();
  /** Trace lines that came before the shell told its pid (its own calls are told apart by it). */
  private pendingTrace: string[] | undefined = [];
  private diagnosticBytes = 0;
  private released = false;

  constructor(
    bwrap: string,
    args: string[],
    request: LaunchRequest,
    private readonly context: SandboxContext,
  ) {
    const { plan } = context;
    const ignorePids = new Set<number>();
    this.collector = new BoundaryCollector(
      {
        hidden: context.areas,
        writable: [
          ...(plan.access === 'throwaway' ? plan.roots : []),
          ...(plan.home !== undefined && plan.privateHome !== undefined ? [plan.home] : []),
          '/tmp',
          ...plan.scratch,
        ],
        workspace: plan.roots,
        exposed: plan.exposed,
        network: plan.network,
        cwd: request.cwd,
        ignorePids,
        existsOnHost: context.existsOnHost,
      },
      context.traced ? 'strace' : 'none',
    );
    this.child = spawn(bwrap, args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
      // Its own process group, as a plain server's: a terminal's Ctrl-C reaches mcp-preflight, which ends the sandbox.
      detached: true,
      windowsHide: true,
    });
    const stdio = this.child.stdio as unknown as Array<(Writable & Readable) | null>;
    this.stdin = stdio[3] as Writable;
    this.stdout = stdio[4] as Readable;
    this.stderr = stdio[5] as Readable;
    this.control = stdio[6] as Writable & Readable;
    this.diagnostics = this.child.stderr as Readable;
    // A server that dies while we write surfaces as EPIPE on stdin; the exit is what gets recorded.
    this.stdin.on('error', () => undefined);
    this.control.on('error', () => undefined);

    this.bwrapExited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.sandboxGone = true;
        this.untrack?.();
        resolve({ code, signal });
      });
      this.child.once('error', () => {
        this.sandboxGone = true;
        resolve({ code: null, signal: null });
      });
    });
    this.diagnosticsEnded = this.readDiagnostics();

    let started: (outcome: SpawnOutcome) => void = () => undefined;
    let exited: (status: ExitStatus) => void = () => undefined;
    this.spawned = new Promise((resolve) => (started = resolve));
    this.exited = new Promise((resolve) => (exited = resolve));
    this.child.once('spawn', () => {
      this.untrack = trackLive(() => this.killNow());
    });
    this.child.once('error', (error: NodeJS.ErrnoException) =>
      started({ ok: false, errorCode: error.code ?? 'ERROR', errorMessage: `the sandbox did not start: ${error.message}` }),
    );
    readLines(this.control, (line) => {
      const start = /^started (\d+) (\d+)$/.exec(line);
      if (start) {
        const [nsServer, nsShell] = [Number(start[1]), Number(start[2])];
        this.nsPids = { server: nsServer, shell: nsShell };
        this.pids = findSandboxPids(this.child.pid as number, nsServer, nsShell);
        ignorePids.add(nsShell);
        this.flushPendingTrace();
        started({ ok: true, pid: this.pids.server ?? -1 });
        return;
      }
      const exit = /^exited (\d+)$/.exec(line);
      if (exit) {
        this.serverExited = true;
        exited(statusFromShell(Number(exit[1])));
      }
    });
    void this.bwrapExited.then(async (status) => {
      // Without a word from the init shell, the sandbox never ran the server: bwrap's message says why.
      await withDeadline(this.diagnosticsEnded, DIAGNOSTIC_DRAIN_MS, undefined);
      this.flushPendingTrace();
      const why = this.errorLines.find((l) => l.trim() !== '') ?? `bwrap exited with ${status.code ?? status.signal}`;
      started({ ok: false, errorCode: 'ESANDBOX', errorMessage: `the sandbox did not start: ${why}` });
      // The namespace ended before the shell reported the server's exit (something killed the shell or the sandbox).
      this.serverExited = true;
      exited(status);
    });
  }

  private readDiagnostics(): Promise<void> {
    return new Promise((resolve) => {
      readLines(
        this.diagnostics,
        (line) => {
          if (this.diagnosticBytes > MAX_DIAGNOSTIC_BYTES) return;
          this.diagnosticBytes += line.length + 1;
          if (this.pendingTrace !== undefined) {
            if (this.pendingTrace.length < 10_000) this.pendingTrace.push(line);
            return;
          }
          this.handleDiagnostic(line);
        },
        resolve,
      );
    });
  }

  private flushPendingTrace(): void {
    const pending = this.pendingTrace ?? [];
    this.pendingTrace = undefined;
    for (const line of pending) this.handleDiagnostic(line);
  }

  private handleDiagnostic(line: string): void {
    const event = this.context.traced ? this.traceReader.read(line) : undefined;
    if (event) this.collector.add(event);
    else if (this.errorLines.length < MAX_ERROR_LINES && !line.startsWith('[pid ')) this.errorLines.push(line);
  }

  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    if (this.serverExited) return;
    // Not found when the shell reported it (a lookup that lost a race): look again.
    if (this.pids.server === undefined && this.nsPids && this.child.pid !== undefined) {
      this.pids = findSandboxPids(this.child.pid, this.nsPids.server, this.nsPids.shell);
    }
    if (this.pids.server === undefined) {
      // Never seen on the host: a kill ends the whole sandbox instead.
      if (signal === 'SIGKILL') this.killNow();
      return;
    }
    signalQuietly(this.pids.server, signal);
  }

  /** Nothing to remember: every process the server starts stays in its namespace, below the namespace's init. */
  async snapshotDescendants(): Promise<void> {}

  async reap(): Promise<ReapResult> {
    let alive = this.leftovers();
    // Helpers that end by themselves soon after their server do no harm: give them their grace (when one is set).
    const graceEnd = Date.now() + this.context.leftoverGraceMs;
    while (alive.length > 0 && Date.now() < graceEnd) {
      await sleep(GRACE_POLL_MS);
      alive = alive.filter(isRunning);
    }
    alive = this.leftovers();
    const left: Descendant[] = alive.map((pid) => {
      // Named as for plain processes: executable and script, never argument values.
      const command = describeCommandLine(commandLineOf(pid));
      return command ? { pid, command } : { pid };
    });
    await this.endSandbox(alive);
    const survived = alive.filter(isRunning);
    await withDeadline(this.diagnosticsEnded, DIAGNOSTIC_DRAIN_MS, undefined);
    this.collector.addHomeFiles(this.homeFilesTheRunnerHas());
    if (this.sandboxGone) removeFolder(this.context.workDir);
    return { left, survived, boundary: this.collector.record };
  }

  /** Processes of the namespace other than the sandbox's own and the (exited) server. */
  private leftovers(): number[] {
    const { init } = this.pids;
    if (init === undefined || this.sandboxGone) return [];
    const below = readDescendants(init) ?? [];
    return below.filter((pid) => !this.pids.infrastructure.has(pid) && pid !== this.pids.server && isRunning(pid));
  }

  /**
   * Ends the sandbox gently first, so strace finishes writing: the leftovers are killed and the init shell is let go
   * (closing the control channel); whatever still runs at the deadline dies with the namespace's init.
   */
  private async endSandbox(leftovers: number[]): Promise<void> {
    for (const pid of leftovers) signalQuietly(pid, 'SIGKILL');
    this.control.end();
    const gone = await withDeadline(this.bwrapExited, this.context.treeLimits.killDeadlineMs, undefined);
    if (gone === undefined) {
      this.killNow();
      await withDeadline(this.bwrapExited, this.context.treeLimits.killDeadlineMs, undefined);
    }
  }

  /** Synchronous and forceful: the namespace's init dies, and the kernel kills every process of the namespace. */
  private killNow(): void {
    if (this.sandboxGone) return;
    if (this.pids.init !== undefined) signalQuietly(this.pids.init, 'SIGKILL');
    const outer = this.child.pid;
    // bwrap's monitor: with --die-with-parent its death takes the init (and so the namespace) with it.
    if (outer !== undefined) for (const target of [-outer, outer]) signalQuietly(target, 'SIGKILL');
  }

  /** Files the server wrote into its private HOME that also exist in the runner's real HOME (`~/.bashrc`). */
  private homeFilesTheRunnerHas(): string[] {
    const { privateHome, home } = this.context.plan;
    if (privateHome === undefined || home === undefined) return [];
    const found: string[] = [];
    let budget = MAX_HOME_ENTRIES;
    const walk = (relative: string, depth: number) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(privateHome, relative), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (budget-- <= 0) return;
        const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (depth < MAX_HOME_DEPTH) walk(child, depth + 1);
        } else if (this.context.existsOnHost(path.posix.join(home, child))) {
          found.push(`~/${child}`);
        }
      }
    };
    walk('', 0);
    return found;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    for (const stream of [this.stdin, this.stdout, this.stderr, this.control, this.diagnostics]) stream.destroy();
    this.killNow();
    // The folder may still be a mount source for a moment: removed once the sandbox is gone, or when the run ends.
    if (this.sandboxGone) removeFolder(this.context.workDir);
    else void this.bwrapExited.then(() => removeFolder(this.context.workDir));
    if (!this.sandboxGone) this.child.unref();
  }
}

/** The sandbox's own processes, from the host's /proc: bwrap's init, the init shell, and the server. */
function findSandboxPids(outer: number, nsServer: number, nsShell: number): SandboxPids {
  const pids: SandboxPids = { infrastructure: new Set() };
  let shell: number | undefined;
  for (const pid of readDescendants(outer) ?? []) {
    const stat = parseProcStat(readQuietly(`/proc/${pid}/stat`));
    if (stat?.ppid === outer) pids.init = pid;
    const nsPid = innermostPid(readQuietly(`/proc/${pid}/status`));
    if (nsPid === nsServer && pid !== outer) pids.server = pid;
    if (nsPid === nsShell) shell = pid;
  }
  // The shell and everything between it and the init (strace) belong to the sandbox.
  for (let pid = shell; pid !== undefined && pid !== pids.init && pid !== outer; ) {
    pids.infrastructure.add(pid);
    const parent: number | undefined = parseProcStat(readQuietly(`/proc/${pid}/stat`))?.ppid;
    pid = parent;
  }
  if (pids.init !== undefined) pids.infrastructure.add(pids.init);
  return pids;
}

/** The last field of the `NSpid:` line: the pid inside the innermost namespace. */
function innermostPid(status: string | undefined): number | undefined {
  const line = status?.split('\n').find((l) => l.startsWith('NSpid:'));
  const fields = line?.slice('NSpid:'.length).trim().split(/\s+/);
  return fields && fields.length > 1 ? Number(fields[fields.length - 1]) : undefined;
}

/** A shell reports a death by signal N as 128 + N. */
export function statusFromShell(status: number): ExitStatus {
  if (status > 128) {
    const name = Object.entries(os.constants.signals).find(([, number]) => number === status - 128)?.[0];
    if (name) return { code: null, signal: name };
  }
  return { code: status, signal: null };
}

function readLines(stream: Readable, onLine: (line: string) => void, onEnd?: () => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    partial += chunk;
    let newline = partial.indexOf('\n');
    while (newline !== -1) {
      onLine(partial.slice(0, newline));
      partial = partial.slice(newline + 1);
      newline = partial.indexOf('\n');
    }
    if (partial.length > MAX_DIAGNOSTIC_LINE) partial = '';
  });
  stream.on('error', () => undefined);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (partial !== '') onLine(partial);
    onEnd?.();
  };
  stream.once('end', end);
  stream.once('close', end);
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}

function readQuietly(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

/** The facts of the real machine the sandbox is built on. */
export function systemHostFacts(env: NodeJS.ProcessEnv, extraHidden: HostFacts['extraHidden'] = []): HostFacts {
  return {
    env,
    homeDir: os.homedir(),
    uid: process.getuid?.() ?? -1,
    execPath: process.execPath,
    extraHidden,
    inspect: (file) => {
      try {
        const real = fs.realpathSync(file);
        return { real, dir: fs.statSync(real).isDirectory() };
      } catch {
        // A dangling symlink or a socket that cannot be stat'ed through: it still exists as a name.
        try {
          fs.lstatSync(file);
          return { real: file, dir: false };
        } catch {
          return undefined;
        }
      }
    },
  };
}
