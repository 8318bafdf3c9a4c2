/**
 * Running the bundled CLI as a user does, and measuring it: wall time, peak RSS, time to first output, and the
 * processes a run left behind. Shared by the guarantee tests (vitest) and `bench/run.mjs` (plain Node, which strips
 * the types), so: only `node:` imports and erasable TypeScript here.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const peakRssReporter = path.join(repoRoot, 'test/guarantees/report-peak-rss.mjs');

/** Output kept per stream of a measured run; more is counted, not kept. */
const MAX_CAPTURED_CHARS = 16 * 1024 * 1024;

export interface Bundle {
  dir: string;
  cli: string;
  index: string;
}

/** Bundles the current sources exactly as `npm run bundle` does, into a new temporary folder (dist/ is not touched). */
export async function bundleToTempDir(): Promise<Bundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-bundle-'));
  const run = await runNode([path.join(repoRoot, 'scripts/bundle.mjs'), '--outdir', dir], { cwd: repoRoot, timeoutMs: 120_000 });
  if (run.code !== 0) throw new Error(`bundling failed (exit ${run.code}): ${run.stderr}`);
  return { dir, cli: path.join(dir, 'cli.js'), index: path.join(dir, 'index.js') };
}

export async function removeBundle(bundle: Bundle | undefined): Promise<void> {
  if (bundle) await rm(bundle.dir, { recursive: true, force: true });
}

export interface NodeRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the node process itself (not its children), when `measureRss` was asked for. */
  peakRssBytes?: number;
  /** The deadline passed and the process was killed. */
  timedOut: boolean;
}

export interface NodeRunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The process is killed (SIGKILL) when it runs longer. */
  timeoutMs: number;
  measureRss?: boolean;
}

/** Runs `node ...args` with the current Node binary and waits for it to exit (bounded by `timeoutMs`). */
export async function runNode(args: string[], options: NodeRunOptions): Promise<NodeRun> {
  const rssFile = options.measureRss ? path.join(await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-rss-')), 'peak') : undefined;
  const env = { ...(options.env ?? process.env), ...(rssFile && { MCP_PREFLIGHT_PEAK_RSS_FILE: rssFile }) };
  const nodeArgs = rssFile ? ['--import', peakRssReporter, ...args] : args;
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => {
    child.once('error', () => resolve([null, null]));
    child.once('close', (c: number | null, s: string | null) => resolve([c, s]));
  });
  clearTimeout(deadline);
  const wallMs = performance.now() - started;
  let peakRssBytes: number | undefined;
  if (rssFile) {
    peakRssBytes = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
    await rm(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { code, signal, stdout: stdout(), stderr: stderr(), wallMs, timedOut, ...(peakRssBytes !== undefined && { peakRssBytes }) };
}

/** Milliseconds from spawning `node ...args` to its first byte on stdout or stderr (the process is then left to end). */
export async function timeToFirstOutput(args: string[], options: NodeRunOptions): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const firstOutput = await new Promise<number>((resolve) => {
    const seen = () => resolve(performance.now() - started);
    child.stdout.once('data', seen);
    child.stderr.once('data', seen);
    child.once('close', () => resolve(Number.NaN));
  });
  child.stdout.resume();
  child.stderr.resume();
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('close', resolve),
  );
  clearTimeout(deadline);
  return firstOutput;
}

function capture(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  let dropped = 0;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const room = MAX_CAPTURED_CHARS - text.length;
    if (room > 0) text += chunk.slice(0, room);
    dropped += Math.max(0, chunk.length - room);
  });
  return () => (dropped > 0 ? `${text}\n[${dropped} more characters not captured]` : text);
}

export interface MarkedProcess {
  pid: number;
  /** argv[0] and argv[1] (the script), for the failure message. */
  command: string;
}

/**
 * Every live process (zombies excluded) whose environment holds `marker` (a `NAME=value` string). Processes inherit
 * the environment across fork, exec, setsid and double forks, so this finds whatever a server started, wherever it
 * was re-parented, without looking at names. Linux only (`/proc/<pid>/environ`); undefined elsewhere.
 */
export async function processesWithMarker(marker: string): Promise<MarkedProcess[] | undefined> {
  if (process.platform !== 'linux') return undefined;
  const found: MarkedProcess[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      // Another user's process cannot be read (EACCES); one that just exited is gone (ENOENT): neither can be ours.
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      found.push({ pid, command: argv.slice(0, 2).join(' ') });
    } catch {}
  }
  return found;
}

/** Kills what `processesWithMarker` found, so that a failing test does not leave its servers running. */
export function killAll(processes: readonly MarkedProcess[]): void {
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
