import fs from 'node:fs';
import { sleep, withDeadline } from '../launch/deadline.js';
import { buildServerEnvironment, lookupEnv, pathEntriesOf, type ServerEnvironmentInput } from '../launch/environment.js';
import type { ServerProcess, SpawnOutcome } from '../launch/launcher.js';
import { isRunnableFile, resolveCommand, type CommandResolution } from '../launch/resolve-command.js';

/** What is decided before a server process exists; shared by the main probe and the short extra sessions. */
export interface PreparedLaunch {
  env: Record<string, string>;
  /** Names (never values) of the variables the server gets. */
  envKeys: string[];
  pathEntries: string[];
  /** Where the command resolves on the server's own PATH. */
  resolution: CommandResolution;
  /** Set when the launch cannot even be attempted (the working directory is missing). */
  refusal?: Extract<SpawnOutcome, { ok: false }>;
}

export function prepareLaunch(command: string, cwd: string, environment: ServerEnvironmentInput): PreparedLaunch {
  const { platform, hostEnv } = environment;
  const env = buildServerEnvironment(environment);
  const resolution = resolveCommand(command, { platform, env, cwd, pathExt: lookupEnv(hostEnv, 'PATHEXT', platform), isRunnableFile });
  return {
    env,
    envKeys: Object.keys(env).sort(),
    pathEntries: pathEntriesOf(env, platform),
    resolution,
    // Node reports a missing cwd as `spawn <command> ENOENT`, which reads like a missing command: say what it is.
    ...(!isDirectory(cwd) && { refusal: { ok: false, errorCode: 'ENOENT', errorMessage: `the working directory does not exist: ${cwd}` } }),
  };
}

/** The OS's answer to the spawn, or ETIMEDOUT when it gives none within the deadline. */
export function spawnOutcome(server: ServerProcess, deadlineMs: number): Promise<SpawnOutcome> {
  return withDeadline(server.spawned, deadlineMs, {
    ok: false as const,
    errorCode: 'ETIMEDOUT',
    errorMessage: 'the operating system did not report the process as started',
  });
}

/**
 * Kills `server` when the run is cancelled: its descendants are listed first (one that left the process group is found
 * only while its parent lives, and `reap` kills what was listed), then the server itself; the session's waits end with
 * its exit. `onCancel` marks the record.
 */
export function killOnCancel(server: ServerProcess, signal: AbortSignal | undefined, onCancel: () => void): void {
  if (!signal) return;
  const stop = () => {
    onCancel();
    void server
      .snapshotDescendants()
      .catch(() => undefined)
      .finally(() => server.signal('SIGKILL'));
  };
  signal.addEventListener('abort', stop, { once: true });
  void server.exited.then(() => signal.removeEventListener('abort', stop));
}

/** How often the tree is listed while a server shuts down. */
const SHUTDOWN_SNAPSHOT_MS = 20;

/**
 * Lists the server's descendants again and again while it shuts down, until it exited (or `stop` is called). A
 * helper the server starts on its way out (`setsid` when stdin closes) is re-parented the moment the server dies and
 * is then no longer linked to it: it is found only if it was seen as the server's descendant before that. Returns
 * `stop`, which resolves once the last listing is over.
 */
export function snapshotWhileShuttingDown(server: ServerProcess): () => Promise<void> {
  let stopped = false;
  void server.exited.then(() => {
    stopped = true;
  });
  const loop = (async () => {
    while (!stopped) {
      await server.snapshotDescendants().catch(() => undefined);
      if (!stopped) await sleep(SHUTDOWN_SNAPSHOT_MS);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
