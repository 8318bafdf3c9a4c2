import { spawnSync } from 'node:child_process';

/**
 * The server processes this run started and has not finished with. Should the run end before a session could shut its
 * server down (an uncaught error, `process.exit`, a handled signal), whatever is left is killed on the way out: each
 * POSIX process group with SIGKILL, each Windows tree with `taskkill /T /F`. A dying runner cannot wait, so it is
 * synchronous and forceful.
 */
const live = new Set<number>();
let hooked = false;

/** Remembers a started server (on POSIX the leader of its own process group). */
export function trackLiveProcess(pid: number): void {
  live.add(pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', killLiveProcessesNow);
  }
}

/** The session has shut the server down and reaped what it left: nothing more to do on exit. */
export function untrackLiveProcess(pid: number): void {
  live.delete(pid);
}

export function killLiveProcessesNow(): void {
  for (const pid of live) {
    if (process.platform === 'win32') {
      spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { windowsHide: true, stdio: 'ignore', timeout: 5000 });
    } else {
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  }
  live.clear();
}
