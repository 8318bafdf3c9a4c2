/**
 * Waiting with a bound. Every timer here is cleared as soon as the wait is over, so none outlives its wait and the
 * runner exits as soon as the work is done. (They are not unref'd: an unref'd timer that is the only thing awaited
 * would let Node exit in the middle of a probe.)
 */

/** The longest delay a Node.js timer takes (2^31 - 1 ms, 24.8 days): a longer one overflows and fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A delay a timer can hold: negative ones are 0, and ones past the ceiling (a timeout plus a margin) are the ceiling. */
function timerDelay(ms: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, timerDelay(ms)));
}

/** Resolves with the promise's value, or with `fallback` once `ms` passed; never rejects if `promise` does not. */
export function withDeadline<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timerDelay(ms));
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
