// Clocks for tests: a date chosen by the test, never the wall clock's, so no result depends on the day it runs.

/** A clock that starts at `iso` and advances with real time, for tests where timeouts and TTLs must still move. */
export const clockStartingAt = (iso: string) => {
  const anchor = Date.parse(iso);
  if (Number.isNaN(anchor)) throw new Error(`not a date: ${iso}`);
  const realStart = Date.now();
  return () => anchor + (Date.now() - realStart);
};

/**
 * The system clock, which a test can stop and then move on by hand: while held no time passes for whoever reads it
 * (token buckets do not refill, sessions do not idle), however slowly a loaded machine gets through the test's requests.
 */
export const holdableClock = () => {
  let heldAt: number | undefined;
  const clock = () => heldAt ?? Date.now();
  return Object.assign(clock, {
    hold: () => {
      heldAt = Date.now();
    },
    /** Moves a held clock on, as if `ms` had passed. */
    advance: (ms: number) => {
      if (heldAt === undefined) throw new Error("only a held clock is moved on by hand");
      heldAt += ms;
    },
    release: () => {
      heldAt = undefined;
    },
  });
};
