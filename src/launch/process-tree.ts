import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { pidtree } from 'pidtree';
import type { Descendant, ReapResult } from './launcher.js';
import { sleep, withDeadline } from './deadline.js';
import { commandLineOf, readDescendants, readProcTable } from './proc-table.js';

/**
 * Finding and ending what a server left behind. A descendant whose parent exited is re-parented and no longer looks
 * like a descendant, so the tracker remembers every pid it saw while the server was alive (snapshots), and on POSIX
 * also targets the server's process group (the server leads its own group). Works on the real OS platform.
 *
 * A descendant still running the moment the server exits is not yet a leak: helpers that end themselves once their
 * parent is gone (chrome-devtools-mcp's telemetry watchdog ends about 0.35 s after its server, at most 5 s) do no harm
 * in a client, which never kills a server's descendants at all. They get a bounded grace; what is still running after
 * it is a leftover, named and killed.
 */

export interface TreeLimits {
  /** Deadline for one process listing (`ps`, PowerShell/wmic, taskkill). */
  listTimeoutMs: number;
  /** Deadline for killing the leftovers and seeing them gone. */
  killDeadlineMs: number;
  /**
   * How long descendants may outlive the server before they count as left behind: the 5 s cap of the slowest helper
   * known to end by itself (chrome-devtools-mcp's telemetry watchdog). Only spent while something is still running.
   */
  leftoverGraceMs: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { listTimeoutMs: 3000, killDeadlineMs: 3000, leftoverGraceMs: 5000 };

const KILL_POLL_MS = 25;
/** How often the grace looks whether the descendants ended (cheap signal-0 checks, no listing). */
const GRACE_POLL_MS = 50;

export class DescendantTracker {
  private readonly seen = new Set<number>();

  constructor(
    private readonly rootPid: number,
    private readonly limits: TreeLimits = DEFAULT_TREE_LIMITS,
  ) {}

  /** Adds the root's current descendants to the remembered set. A failed or late listing adds nothing. */
  async snapshot(): Promise<void> {
    const pids =
      readDescendants(this.rootPid) ??
      (await withDeadline(
        pidtree(this.rootPid).catch(() => [] as number[]),
        this.limits.listTimeoutMs,
        [] as number[],
      ));
    for (const pid of pids) this.seen.add(pid);
  }

  /** After the root exited: give descendants their grace, report what is still alive, kill it, report what survived. */
  async reap(): Promise<ReapResult> {
    await this.graceForDescendants();
    return process.platform === 'win32' ? this.reapWindows() : this.reapPosix();
  }

  /** Waits (bounded) until no remembered descendant and no member of the root's group runs any more. */
  private async graceForDescendants(): Promise<void> {
    const deadline = Date.now() + this.limits.leftoverGraceMs;
    while (this.anythingRuns() && Date.now() < deadline) await sleep(GRACE_POLL_MS);
  }

  private anythingRuns(): boolean {
    return (process.platform !== 'win32' && this.groupExists()) || [...this.seen].some(isRunning);
  }

  private async reapPosix(): Promise<ReapResult> {
    // Fast path without spawning anything: no remembered pid runs and the group is empty.
    if (!this.anythingRuns()) return { left: [], survived: [] };

    let targets = this.posixTargets(await listPosixProcesses(this.limits.listTimeoutMs));
    const left: Descendant[] = targets.map(named);
    const deadline = Date.now() + this.limits.killDeadlineMs;
    // The group is signalled at least once, even when `ps` is missing or failed and listed nothing.
    do {
      for (const { pid } of targets) signalQuietly(pid, 'SIGKILL');
      signalQuietly(-this.rootPid, 'SIGKILL');
      await sleep(KILL_POLL_MS);
      // List again: a dying process may have forked, and the new child is in the group or under a target.
      for (const { pid } of targets) this.seen.add(pid);
      targets = this.posixTargets(await listPosixProcesses(this.limits.listTimeoutMs));
    } while (targets.length > 0 && Date.now() < deadline);
    return { left, survived: targets.map(({ pid }) => pid) };
  }

  /** Live (non-zombie) members of the root's group, remembered pids, and everything below them. */
  private posixTargets(table: PosixProcess[]): PosixProcess[] {
    const running = table.filter((p) => !p.state.startsWith('Z') && p.pid !== process.pid && p.pid > 1);
    const chosen = new Map<number, PosixProcess>();
    for (const p of running) {
      if (p.pid !== this.rootPid && (p.pgid === this.rootPid || this.seen.has(p.pid))) chosen.set(p.pid, p);
    }
    let grew = true;
    while (grew) {
      grew = false;
      for (const p of running) {
        if (!chosen.has(p.pid) && chosen.has(p.ppid)) {
          chosen.set(p.pid, p);
          grew = true;
        }
      }
    }
    return [...chosen.values()];
  }

  private groupExists(): boolean {
    try {
      process.kill(-this.rootPid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  private async reapWindows(): Promise<ReapResult> {
    const alive = [...this.seen].filter(isRunning);
    if (alive.length === 0) return { left: [], survived: [] };
    // The root is gone, so `/T` only reaches what is still attached under each remembered pid.
    await runQuietly('taskkill', ['/T', '/F', ...alive.flatMap((pid) => ['/PID', String(pid)])], this.limits.listTimeoutMs);
    const deadline = Date.now() + this.limits.killDeadlineMs;
    let survivors = alive.filter(isRunning);
    while (survivors.length > 0 && Date.now() < deadline) {
      await sleep(KILL_POLL_MS);
      survivors = survivors.filter(isRunning);
    }
    return { left: alive.map((pid) => ({ pid })), survived: survivors };
  }
}

export interface PosixProcess {
  pid: number;
  ppid: number;
  pgid: number;
  /** `ps` STAT, e.g. `S`, `R+`, `Z` (zombie). */
  state: string;
  /** The command line as `describeCommandLine` renders it (never argument values); '' when not listed. */
  command: string;
}

/** Every process (from `/proc` on Linux, else one `ps` listing); empty when `ps` fails or misses the deadline. */
async function listPosixProcesses(timeoutMs: number): Promise<PosixProcess[]> {
  const table = readProcTable();
  // The command line is read only for the processes reported (see `named`).
  if (table) return table.map((entry) => ({ ...entry, command: '' }));
  // `args` rather than `comm`: Node renames its main thread, so `comm` says "MainThread" for every node process.
  const stdout = await runQuietly('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,args='], timeoutMs);
  return parsePsOutput(stdout);
}

/** A process as reported: named by its command line, without argument values. */
function named({ pid, command }: PosixProcess): Descendant {
  const argv = command ? undefined : commandLineOf(pid);
  const name = command || (argv && argv.length > 0 ? describeCommandLine(argv) : '');
  return name ? { pid, command: name } : { pid };
}

export function parsePsOutput(stdout: string): PosixProcess[] {
  const processes: PosixProcess[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, pid, ppid, pgid, state, args] = match;
    processes.push({
      pid: Number(pid),
      ppid: Number(ppid),
      pgid: Number(pgid),
      state: state ?? '',
      // `ps` joins the arguments with spaces: the split is right unless a path holds a space, which only shortens the name.
      command: describeCommandLine((args ?? '').split(/\s+/).filter((word) => word !== '')),
    });
  }
  return processes;
}

/** Script files an interpreter runs: an argument ending so names code, not data. */
const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?|py|rb|pl|php|sh|ps1|jar|exe|dll)$/i;

/**
 * Names a process for a human without printing what may be a secret: the executable's name, the script it runs (the
 * first argument that is not an option, when it names a file), and how many other arguments there were — never their
 * values, which carry tokens and connection strings (`--api-key=…`, `postgresql://user:pw@…`). The executable and the
 * script are code the package chose, which is what tells a user which helper it is:
 * `node …/chrome-devtools-mcp/build/src/telemetry/watchdog/main.js (+2 arguments)`.
 */
export function describeCommandLine(argv: readonly string[]): string {
  const [executable = '', ...args] = argv;
  const name = executable.split(/[\\/]/).pop() ?? executable;
  const first = args.findIndex((arg) => !arg.startsWith('-'));
  const script = first === -1 ? undefined : args[first];
  const shown = script !== undefined && namesAScript(script) ? shortPath(script) : undefined;
  const hidden = args.length - (shown === undefined ? 0 : 1);
  const rest = hidden > 0 ? ` (+${hidden} argument${hidden === 1 ? '' : 's'})` : '';
  return `${name}${shown === undefined ? '' : ` ${shown}`}${rest}`;
}

/** A path to a file, and nothing that could be a URL, an assignment or credentials. */
function namesAScript(arg: string): boolean {
  if (/:\/\/|[@=?#\s]/.test(arg)) return false;
  if (arg.includes(':') && !/^[A-Za-z]:[\\/][^:]*$/.test(arg)) return false;
  return SCRIPT_FILE.test(arg) || /[\\/]/.test(arg);
}

/** A script inside a package is named from its package on (`…/pkg/build/main.js`); other paths stay as they are. */
function shortPath(file: string): string {
  const normalized = file.replace(/\\/g, '/');
  const at = normalized.lastIndexOf('node_modules/');
  return at === -1 ? file : `…/${normalized.slice(at + 'node_modules/'.length)}`;
}

/** Whether `pid` is a running process (a zombie waiting for a reaper does not count). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone (ESRCH) or not ours (EPERM): nothing more to do for this pid.
  }
}

/** Runs a helper command with a deadline; resolves with its stdout, or '' on any failure. */
function runQuietly(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      resolve(error && !stdout ? '' : String(stdout)),
    );
  });
}
