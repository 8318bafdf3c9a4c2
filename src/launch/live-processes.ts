import { spawnSync } from 'node:child_process';

/**
 * What this run started and has not finished with: server process groups, sandboxes, containers. Each launcher
 * registers a synchronous, forceful way to end what it started. Should the run end before a session could shut its
 * server down (an uncaught error, `process.exit`, a handled signal), every registered kill runs on the way out: a dying
 * runner cannot wait.
 */
const live = new Set<() => void>();
let hooked = false;

/** Registers `kill` until the returned function is called (the session has ended and reaped what it started). */
export function trackLive(kill: () => void): () => void {
  live.add(kill);
  if (!hooked) {
    hooked = true;
    process.once('exit', killLiveProcessesNow);
  }
  return () => {
    live.delete(kill);
  };
}

/** Runs every registered kill now (synchronously) and forgets them. */
export function killLiveProcessesNow(): void {
  for (const kill of [...live]) {
    live.delete(kill);
    try {
      kill();
    } catch {
      // Best effort: the others must still run.
    }
  }
}

/** Kills a POSIX process group and its leader, or a Windows process tree, without waiting. */
export function killTreeNow(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { windowsHide: true, stdio: 'ignore', timeout: 5000 });
    return;
  }
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}
