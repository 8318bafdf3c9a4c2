/**
 * Waiting with a bound. Every timer here is cleared as soon as the wait is over, so none outlives its wait and the
 * runner exits as soon as the work is done. (They are not unref'd: an unref'd timer that is the only thing awaited
 * would let Node exit in the middle of a probe.)
 */

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves with the promise's value, or with `fallback` once `ms` passed; never rejects if `promise` does not. */
export function withDeadline<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, ms));
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
