/**
 * What a sandboxed server tried beyond its boundary, from its failed system calls. `strace -f -Z --seccomp-bpf` runs
 * inside the sandbox, stopping only at the few file and connect calls below and printing only the ones that failed:
 * every line is an access the boundary (or the file system) refused, with the path or address the server asked for.
 * A failed read counts only when the runner really has the file (a server that probes for an optional file which
 * exists nowhere needed nothing); a failed write counts where the sandbox made the place read-only or hid it.
 */
import path from 'node:path';
import type { BlockedConnection, BoundaryRecord, HiddenArea, NetworkMode } from '../model/isolation.js';
import { areaOf, isInside } from './sandbox-layout.js';

/**
 * The traced calls; `?` skips a name this architecture does not have (aarch64 has only the `*at` forms). The stat
 * family is left out on purpose: Node resolves modules with thousands of `statx` calls (1 247 for a small SDK server,
 * 6 131 for `npx` starting one, against 305 and 1 757 `openat`, measured), and each traced call stops the server
 * twice. A server that only checks whether a file exists, without opening it, is therefore not seen.
 */
export const TRACED_SYSCALLS = [
  '?open',
  'openat',
  '?openat2',
  '?creat',
  '?access',
  'faccessat',
  '?faccessat2',
  '?mkdir',
  'mkdirat',
  '?rmdir',
  '?unlink',
  'unlinkat',
  '?rename',
  'renameat',
  '?renameat2',
  '?link',
  'linkat',
  '?symlink',
  'symlinkat',
  '?truncate',
  'connect',
];

/** strace's options: follow forks, only failed calls, only these calls (in-kernel filter), no signal or exit lines. */
export function straceArguments(strace: string): string[] {
  return [strace, '-f', '-qq', '-Z', '--seccomp-bpf', '-e', `trace=${TRACED_SYSCALLS.join(',')}`, '-e', 'signal=none', '--'];
}

/** Calls whose only purpose is to change the file system. */
const WRITE_CALLS = new Set([
  'creat',
  'mkdir',
  'mkdirat',
  'rmdir',
  'unlink',
  'unlinkat',
  'rename',
  'renameat',
  'renameat2',
  'link',
  'linkat',
  'symlink',
  'symlinkat',
  'truncate',
]);
const WRITE_FLAGS = /\bO_(?:WRONLY|RDWR|CREAT|TRUNC|APPEND)\b/;

export interface TraceEvent {
  pid: number;
  syscall: string;
  /** Path arguments, absolute or as written. */
  paths: string[];
  /** Whether the call meant to write (a write call, or an open for writing). */
  write: boolean;
  /** `AF_INET`/`AF_INET6` destination of a connect. */
  address?: { host: string; port: number };
  error: string;
}

const LINE = /^(?:\[pid\s+(\d+)\] )?([a-z0-9_]+)\((.*)\)\s+= -1 (E[A-Z0-9]+)\b/;
const UNFINISHED = /^(?:\[pid\s+(\d+)\] )?(.*) <unfinished \.\.\.>$/;
const RESUMED = /^(?:\[pid\s+(\d+)\] )?<\.\.\. ([a-z0-9_]+) resumed>(.*)$/;

/** Joins strace's output into whole calls (a call another process interrupted comes in two pieces) and parses them. */
export class TraceReader {
  private readonly unfinished = new Map<number, string>();

  /** Parses one line; undefined for anything that is not a failed traced call. */
  read(line: string): TraceEvent | undefined {
    const unfinished = UNFINISHED.exec(line);
    if (unfinished) {
      this.unfinished.set(Number(unfinished[1] ?? 0), unfinished[2] ?? '');
      return undefined;
    }
    const resumed = RESUMED.exec(line);
    if (resumed) {
      const pid = Number(resumed[1] ?? 0);
      const start = this.unfinished.get(pid);
      this.unfinished.delete(pid);
      if (start === undefined) return undefined;
      return parseCall(`${resumed[1] ? `[pid ${pid}] ` : ''}${start}${resumed[3] ?? ''}`);
    }
    return parseCall(line);
  }
}

export function parseCall(line: string): TraceEvent | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, pid, syscall = '', args = '', error = ''] = match;
  const strings = [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unescapeStrace(m[1] ?? ''));
  const event: TraceEvent = {
    pid: Number(pid ?? 0),
    syscall,
    paths: [],
    write: WRITE_CALLS.has(syscall) || (syscall.startsWith('open') && WRITE_FLAGS.test(args)),
    error,
  };
  if (syscall === 'connect') {
    const unix = /sun_path=@?"((?:[^"\\]|\\.)*)"/.exec(args);
    if (unix) event.paths.push(unescapeStrace(unix[1] ?? ''));
    const port = /sin6?_port=htons\((\d+)\)/.exec(args);
    const host = /inet_addr\("([^"]+)"\)/.exec(args) ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(args);
    if (port && host) event.address = { host: host[1] ?? '', port: Number(port[1]) };
    return event;
  }
  // Relative paths are relative to the calling process's directory only with AT_FDCWD (or no directory argument).
  const relativeOk = !/^\d+</.test(args) && !/^\d+,/.test(args);
  for (const value of strings) if (value !== '' && (value.startsWith('/') || relativeOk)) event.paths.push(value);
  return event;
}

/** strace prints non-printable bytes as `\ooo` or `\xhh`, and escapes `"` and `\`. */
function unescapeStrace(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = text[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += octal[0].length;
    } else if (next === 'x' && /^[0-9a-f]{2}$/i.test(text.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      const named: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12 };
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** What the classification needs to know about the sandbox. */
export interface BoundaryContext {
  hidden: readonly HiddenArea[];
  /** Where the server may write: writable roots (when the workspace is a throwaway layer), HOME, /tmp, scratch. */
  writable: readonly string[];
  /** The workspace folders; a write there failing with EROFS means the workspace is read-only in this sandbox. */
  workspace: readonly string[];
  /** Let through on purpose (tool-cache runtimes): accesses there are not at the boundary. */
  exposed: readonly string[];
  network: NetworkMode;
  /** The server's working directory, for relative paths. */
  cwd: string;
  /** Pids (inside the sandbox) whose calls are the sandbox's own (its init shell), not the server's. */
  ignorePids: ReadonlySet<number>;
  /** Whether the runner has this file (it exists on the host). */
  existsOnHost(file: string): boolean;
}

/** Records kept per list; the rest are counted in `dropped`. */
export const MAX_BOUNDARY_RECORDS = 20;

const READ_ONLY_ERRORS = new Set(['EROFS', 'EACCES', 'EPERM']);

/** Collects the events of one sandbox into its boundary record. */
export class BoundaryCollector {
  readonly record: BoundaryRecord;
  private readonly seen = new Set<string>();

  constructor(
    private readonly context: BoundaryContext,
    tracer: BoundaryRecord['tracer'],
  ) {
    this.record = { tracer, hiddenReads: [], blockedWrites: [], blockedConnections: [], homeFilesWritten: [], dropped: 0 };
  }

  add(event: TraceEvent): void {
    if (this.context.ignorePids.has(event.pid)) return;
    if (event.syscall === 'connect' && event.address) {
      this.connection(event, event.address);
      return;
    }
    for (const raw of event.paths) {
      const file = path.posix.resolve(this.context.cwd, raw);
      this.access(event, file);
    }
  }

  /**
   * The deepest place that holds the file decides: a runtime let through, the workspace, a writable private folder
   * (HOME, /tmp), or a hidden area (`~/work/_temp` inside the private HOME is still the runner's temp directory).
   */
  private access(event: TraceEvent, file: string): void {
    const { context } = this;
    const deepest = (dirs: readonly string[]) =>
      dirs.filter((dir) => isInside(file, dir)).reduce((a, b) => (b.length > a.length ? b : a), '');
    const exposed = deepest(context.exposed);
    const workspace = deepest(context.workspace);
    const writable = deepest(context.writable);
    const area = areaOf(file, context.hidden);
    const areaDepth = area?.path.length ?? -1;
    if (exposed.length > Math.max(workspace.length, areaDepth)) return;
    if (workspace !== '' && workspace.length >= Math.max(writable.length, areaDepth)) {
      // The workspace: reads are free; a write fails at the boundary only when the workspace is read-only here.
      if (event.write && event.error === 'EROFS' && writable.length < workspace.length) {
        this.blockedWrite(event, file, 'the workspace (read-only in this sandbox)');
      }
      return;
    }
    if (area && areaDepth > writable.length) {
      if (event.write) this.blockedWrite(event, file, area.what);
      else if (context.existsOnHost(file)) this.hiddenRead(event, file, area.what);
      return;
    }
    if (writable !== '') {
      // A private folder: a write that failed there failed for its own reasons (a missing folder…); a read of a file
      // missing from the private HOME that the runner's home has is one the runner's side would have provided.
      if (!event.write && area && context.existsOnHost(file)) this.hiddenRead(event, file, area.what);
      return;
    }
    if (event.write && READ_ONLY_ERRORS.has(event.error)) this.blockedWrite(event, file, 'the read-only system');
  }

  private blockedWrite(event: TraceEvent, file: string, where: string): void {
    this.keep(this.record.blockedWrites, { syscall: event.syscall, path: file, error: event.error, where });
  }

  private hiddenRead(event: TraceEvent, file: string, where: string): void {
    this.keep(this.record.hiddenReads, { syscall: event.syscall, path: file, error: event.error, where });
  }

  private connection(event: TraceEvent, address: { host: string; port: number }): void {
    if (this.context.network !== 'none' || isLoopback(address.host)) return;
    const shown = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
    const record: BlockedConnection = { syscall: event.syscall, address: shown, dns: address.port === 53, error: event.error };
    this.keep(this.record.blockedConnections, record);
  }

  private keep<T>(list: T[], item: T): void {
    const key = JSON.stringify(item);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (list.length < MAX_BOUNDARY_RECORDS) list.push(item);
    else this.record.dropped++;
  }

  /** Files the server wrote into its private home that the runner's own home also has (`~/.bashrc`). */
  addHomeFiles(files: readonly string[]): void {
    for (const file of files) this.keep(this.record.homeFilesWritten, file);
  }
}

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === '::' || /^::ffff:127\./i.test(host);
}
