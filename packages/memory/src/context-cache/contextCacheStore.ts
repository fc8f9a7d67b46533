// The context-cache port: the cached context block per user, what generation puts in the prompt, rebuilt by context-refresh, 1-hour TTL.
import { epochSeconds } from "@innerworld/platform/clock";

export const CONTEXT_TTL_SECONDS = 60 * 60;

export interface CachedContext {
  userId: string;
  block: string;
  version: number;
  tokenCount: number;
  entityCount: number;
  /** Per line of `block`, the graph vertex ids it speaks of (ContextBlock.lineFactIds); absent on entries built before. */
  lineFactIds?: string[][];
  /** The IANA time zone the block says its days in; absent on entries built before (UTC). */
  timeZone?: string;
  builtAt: string;
  expiresAt: number;
}

export type NewContext = Omit<CachedContext, "expiresAt" | "builtAt">;

/** The stored entry of a context built at `nowMs`: the same in every adapter. */
export const cachedContextOf = (entry: NewContext, nowMs: number): CachedContext => ({
  ...entry,
  builtAt: new Date(nowMs).toISOString(),
  expiresAt: epochSeconds(nowMs) + CONTEXT_TTL_SECONDS,
});

export interface ContextCacheStore {
  /** The user's cached context, unless it is past its hour. */
  get(userId: string): Promise<CachedContext | undefined>;
  /** Replaces the user's cached context and starts its hour afresh. */
  put(entry: NewContext): Promise<CachedContext>;
  /** The entry whatever its age: for the user's export, which shows what is stored, not what is fresh. */
  read(userId: string): Promise<CachedContext | undefined>;
  delete(userId: string): Promise<void>;
}

/** The vertex ids the first `lines` lines of a cached block speak of, each once, in line order. */
export function factIdsOfLines(cached: Pick<CachedContext, "lineFactIds">, lines: number): string[] {
  return [...new Set((cached.lineFactIds ?? []).slice(0, Math.max(0, lines)).flat())];
}
