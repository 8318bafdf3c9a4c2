/**
 * The run's own load: how many of its sessions run at once, and a way to measure with none of them. Parallel sessions
 * inflate each other's timings (under `--client all`, servers that start in 4 s alone took 11 s beside the version
 * offers and launch-policy boots of the others), so a time budget is never failed on a measurement the run itself
 * inflated: such a measurement is taken again alone.
 *
 * Sessions are shared holders; a measurement alone is an exclusive one: it waits until no session runs, and holds new
 * ones back meanwhile (waiting exclusive holders go first, so a busy run cannot starve them).
 */

/** How many other sessions of the run overlapped one session, from its start to now. */
export interface LoadMeter {
  others(): number;
}

export class RunLoad {
  private active = 0;
  private started = 0;
  private exclusiveHeld = false;
  private readonly exclusiveQueue: Array<() => void> = [];
  private readonly sharedQueue: Array<() => void> = [];

  /** Runs a session as part of the run's load; `meter` counts the sessions that overlap it. */
  async shared<T>(task: (meter: LoadMeter) => Promise<T>): Promise<T> {
    while (this.exclusiveHeld || this.exclusiveQueue.length > 0) await new Promise<void>((resolve) => this.sharedQueue.push(resolve));
    const before = { active: this.active, started: this.started };
    this.active += 1;
    this.started += 1;
    const meter: LoadMeter = { others: () => before.active + (this.started - before.started - 1) };
    try {
      return await task(meter);
    } finally {
      this.active -= 1;
      this.pump();
    }
  }

  /** Runs `task` with nothing else of the run in flight. Never call it from inside `shared`. */
  async alone<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.exclusiveQueue.push(resolve);
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.exclusiveHeld = false;
      this.pump();
    }
  }

  private pump(): void {
    if (this.exclusiveHeld) return;
    const next = this.exclusiveQueue[0];
    if (next) {
      if (this.active > 0) return;
      this.exclusiveQueue.shift();
      this.exclusiveHeld = true;
      next();
      return;
    }
    for (const wake of this.sharedQueue.splice(0)) wake();
  }
}
