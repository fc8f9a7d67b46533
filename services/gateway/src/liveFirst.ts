// Live frames first: background work (a burst of $disconnects) runs a task at a time and steps aside for live frames.
import { setTimeout as sleep } from "node:timers/promises";
import { concurrencyLimit } from "./concurrencyLimit";

export interface LiveFirstOptions {
  /** Background tasks running at once. */
  backgroundConcurrency: number;
  /** The longest a background step waits for live frames in flight before it goes ahead anyway. */
  yieldMs: number;
  /** Resolves after `ms`; unit tests pass one they control. */
  delay?: (ms: number) => Promise<void>;
}

export interface LiveFirst {
  /** Runs a live frame's work; background steps wait while any is in flight. */
  live<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Queues background work. It starts once no live frame is in flight (or after the yield), and calls `between` between
   * its own store calls, so that each of them too waits for the live frames that arrived meanwhile.
   */
  background<T>(task: (between: () => Promise<void>) => Promise<T>): Promise<T>;
  readonly liveInFlight: number;
}

export const liveFirst = (options: LiveFirstOptions): LiveFirst => {
  const delay = options.delay ?? ((ms: number) => sleep(ms));
  const limit = concurrencyLimit(options.backgroundConcurrency);
  let liveFrames = 0;
  const idle: (() => void)[] = [];
  const whenLiveIdle = (): Promise<void> =>
    liveFrames === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          let done = false;
          const wake = () => {
            if (done) return;
            done = true;
            resolve();
          };
          idle.push(wake);
          void delay(options.yieldMs).then(wake);
        });
  return {
    async live(work) {
      liveFrames += 1;
      try {
        return await work();
      } finally {
        liveFrames -= 1;
        if (liveFrames === 0) for (const wake of idle.splice(0)) wake();
      }
    },
    background: (task) =>
      limit(async () => {
        await whenLiveIdle();
        return task(whenLiveIdle);
      }),
    get liveInFlight() {
      return liveFrames;
    },
  };
};
