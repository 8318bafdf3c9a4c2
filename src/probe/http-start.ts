import net from 'node:net';
import { sleep, withDeadline } from '../launch/deadline.js';
import type { Launcher, ServerProcess } from '../launch/launcher.js';
import { ProcessLauncher } from '../launch/process-launcher.js';
import type { StartRecord } from '../model/transcript.js';
import { StderrTail } from './stderr-tail.js';

/**
 * A repository's own HTTP server, started for the check the way a CI step would start it: the command line split into
 * argv (quotes group, no shell), the runner's environment, the config's folder, under the run's launcher (the same
 * isolation as stdio servers). Ready once its URL's port accepts a connection, within a deadline; stopped with its
 * whole process tree afterwards.
 */

export interface StartOptions {
  launcher?: Launcher;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long the server may take to accept connections. */
  readyDeadlineMs: number;
  /** Wait after SIGTERM before SIGKILL. */
  stopWaitMs: number;
  signal?: AbortSignal;
}

export interface StartedServer {
  record: StartRecord;
  /** Stops the server and everything it started; completes the record. */
  stop(): Promise<StartRecord>;
}

/** How often the port is tried while the server starts. */
const READY_POLL_MS = 100;

export async function startForCheck(commandLine: string, url: string | undefined, options: StartOptions): Promise<StartedServer> {
  const started = Date.now();
  const record: StartRecord = { command: commandLine, ready: false, stderr: [] };
  const argv = splitCommandLine(commandLine);
  const target = portOf(url);
  const done = (server?: ServerProcess, stderr?: StderrTail): StartedServer => ({
    record,
    stop: async () => {
      if (server) {
        await stopTree(server, options.stopWaitMs);
        record.stderr = stderr?.finish().tail ?? [];
      }
      return record;
    },
  });
  if (argv.length === 0 || !target) {
    record.error = argv.length === 0 ? 'the start command is empty' : 'the entry has no http(s) url to wait for';
    return done();
  }
  const launcher = options.launcher ?? new ProcessLauncher();
  const env = Object.fromEntries(Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined));
  const attempt = launcher.launch({ command: argv[0] as string, args: argv.slice(1), cwd: options.cwd, env });
  if (!attempt.ok) {
    record.error = `${attempt.errorCode}: ${attempt.errorMessage}`;
    return done();
  }
  const server = attempt.server;
  const stderr = new StderrTail();
  server.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  server.stdout.on('data', (chunk: Buffer) => stderr.push(chunk));
  server.stdin.end();
  const spawned = await server.spawned;
  if (!spawned.ok) {
    record.error = `${spawned.errorCode}: ${spawned.errorMessage}`;
    return done(server, stderr);
  }
  let exited = false;
  void server.exited.then((status) => {
    exited = true;
    record.exit = status;
  });
  while (!exited && !options.signal?.aborted && Date.now() - started < options.readyDeadlineMs) {
    if (await accepts(target.host, target.port, Math.min(1000, options.readyDeadlineMs))) {
      record.ready = true;
      record.readyAfterMs = Date.now() - started;
      break;
    }
    await sleep(READY_POLL_MS);
  }
  if (!record.ready && !exited) record.error = `the port ${target.port} did not accept connections within ${options.readyDeadlineMs} ms`;
  return done(server, stderr);
}

/** SIGTERM, a wait, SIGKILL; then every descendant is found and killed. */
async function stopTree(server: ServerProcess, waitMs: number): Promise<void> {
  try {
    await server.snapshotDescendants();
    server.signal('SIGTERM');
    if ((await withDeadline(server.exited, waitMs, 'running')) === 'running') {
      server.signal('SIGKILL');
      await withDeadline(server.exited, waitMs, undefined);
    }
    await server.reap();
  } finally {
    server.release();
  }
}

function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function portOf(url: string | undefined): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(url ?? '');
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    return {
      host: host === 'localhost' ? '127.0.0.1' : host,
      port: parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80,
    };
  } catch {
    return undefined;
  }
}

/** Splits a command line into argv: whitespace separates, single and double quotes group, backslash escapes in double quotes. */
export function splitCommandLine(line: string): string[] {
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) argv.push(current);
  return argv;
}
