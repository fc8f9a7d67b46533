// The Clock port and time helpers shared by the stores: TTL attributes are epoch seconds, and readers filter expired items themselves.
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
/** TTL deletion is lazy on AWS and absent locally, so an item past its TTL is treated as gone. */
export const isExpired = (item: { expiresAt?: number } | undefined, nowMs: number) =>
  item?.expiresAt !== undefined && item.expiresAt <= epochSeconds(nowMs);

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Jumps to `iso`. */
  set(iso: string): void;
}

/** A clock that stands still at `iso` until moved: in-memory adapters and unit tests see TTLs, idling and refills happen exactly when told. */
export const manualClock = (iso: string): ManualClock => {
  let now = Date.parse(iso);
  if (Number.isNaN(now)) throw new Error(`not a date: ${iso}`);
  return Object.assign(() => now, {
    advance: (ms: number) => {
      now += ms;
    },
    set: (to: string) => {
      const next = Date.parse(to);
      if (Number.isNaN(next)) throw new Error(`not a date: ${to}`);
      now = next;
    },
  });
};
