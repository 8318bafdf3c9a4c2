/** Runs at most `limit` tasks at a time, in the order they were scheduled. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Schedule {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
