// Runs at most N tasks at once and queues the rest in order: a burst of background work must not crowd out live turns.

export type Limited = <T>(task: () => Promise<T>) => Promise<T>;

export const concurrencyLimit = (max: number): Limited & { readonly active: number; readonly queued: number } => {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, not ${max}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    active -= 1;
    queue.shift()?.();
  };
  const limited = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active += 1;
        task().then(resolve, reject).finally(next);
      };
      if (active < max) run();
      else queue.push(run);
    });
  return Object.defineProperties(limited, {
    active: { get: () => active },
    queued: { get: () => queue.length },
  }) as Limited & { readonly active: number; readonly queued: number };
};
