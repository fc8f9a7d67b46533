// Time helpers shared by the stores: TTL attributes are epoch seconds, and readers filter expired items themselves.
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
/** TTL deletion is lazy on AWS and absent locally, so an item past its TTL is treated as gone. */
export const isExpired = (item: { expiresAt?: number } | undefined, nowMs: number) =>
  item?.expiresAt !== undefined && item.expiresAt <= epochSeconds(nowMs);
