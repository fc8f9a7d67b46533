// Tokens of erased accounts: one issued before its account was erased (DELETE /me) opens nothing, on any surface.
import type { TombstoneStore } from "@innerworld/platform/tombstones";

/** What the check reads: the user's tombstone, one consistent read. */
export type ErasureRecords = Pick<TombstoneStore, "erasedSince">;

/**
 * True when the token was issued at or before its user's erasure: the app still holding it must not reconnect or
 * write again. A token issued after is the same person coming back. A token without `iat` counts as issued at the
 * epoch (the claims policy refuses such a token anyway).
 */
export const issuedBeforeErasure = (tombstones: ErasureRecords, userId: string, issuedAtSeconds: unknown): Promise<boolean> => {
  const issuedAt = Number(issuedAtSeconds);
  return tombstones.erasedSince(userId, new Date(Number.isFinite(issuedAt) ? issuedAt * 1000 : 0).toISOString());
};
