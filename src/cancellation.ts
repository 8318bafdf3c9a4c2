/**
 * SIGINT and SIGTERM cancel a run, for the CLI (Ctrl-C) and the action (a cancelled job gets SIGINT, then SIGTERM
 * 7.5 s later, then SIGKILL). The first signal stops new servers and has the sessions in flight kill theirs (the
 * engine writes a partial report marked as cancelled); a second one kills every tree the run started at once; a third
 * ends the process there and then. Servers run in process groups of their own, so a terminal's Ctrl-C does not reach
 * them: without this they would outlive the run.
 */
import { killLiveProcessesNow } from './launch/live-processes.js';

export interface RunCancellation {
  /** Fires on the first signal; its `reason` is the signal's name. */
  readonly signal: AbortSignal;
  /** `128 + signal number` of the first signal (130 for SIGINT, 143 for SIGTERM); undefined while none came. */
  exitCode(): number | undefined;
  /**
   * Removes the handlers (the run is over; a later signal gets Node's default behaviour), unless a signal already
   * cancelled the run: then they stay until the process exits, so that the runner's next signal (SIGTERM after SIGINT)
   * cannot end it by Node's default before the partial report, summary and outputs are written.
   */
  dispose(): void;
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
type HandledSignal = keyof typeof SIGNALS;

/** `announce` is told about each signal, to say what is being done about it. */
export function cancelOnSignals(announce: (signal: HandledSignal, count: number) => void = () => undefined): RunCancellation {
  const controller = new AbortController();
  let first: HandledSignal | undefined;
  let count = 0;
  const handle = (signal: HandledSignal) => {
    count++;
    announce(signal, count);
    if (first === undefined) {
      first = signal;
      controller.abort(signal);
    } else {
      killLiveProcessesNow();
      if (count >= 3) process.exit(128 + SIGNALS[first]);
    }
  };
  const handlers = (Object.keys(SIGNALS) as HandledSignal[]).map((signal) => {
    const handler = () => handle(signal);
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return {
    signal: controller.signal,
    exitCode: () => (first === undefined ? undefined : 128 + SIGNALS[first]),
    dispose: () => {
      if (first === undefined) for (const remove of handlers) remove();
    },
  };
}

/** Waits until what was written to `stream` has been handed to the OS (before a `process.exit`). */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}
