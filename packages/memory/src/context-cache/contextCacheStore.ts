// The context-cache port: the cached context block per user, what generation puts in the prompt, rebuilt by context-refresh, 1-hour TTL.
import { epochSeconds } from "@innerworld/platform/clock";

export const CONTEXT_TTL_SECONDS = 60 * 60;

/**
 * How close to its end a block in use is given another hour. More than the idle time after which a session ends
 * (15 minutes), so a block never runs out under a session still talking: it lives an hour past its last use.
 */
export const CONTEXT_KEEP_ALIVE_SECONDS = 20 * 60;

/** A put lost to a newer build of the same user's block (two rebuilds at once): the caller builds again from what is there now. */
export class ContextSupersededError extends Error {
  readonly code = "CONTEXT_SUPERSEDED";
  constructor(
    readonly userId: string,
    readonly version: number,
  ) {
    super(`context version ${version} of ${userId} is not newer than the one stored`);
    this.name = "ContextSupersededError";
  }
}

export const isContextSupersededError = (error: unknown): error is ContextSupersededError =>
  error instanceof Error && (error as { code?: unknown }).code === "CONTEXT_SUPERSEDED";

/** Built within the last hour: fresh enough that a new session need not build it again (its days are said as of then). */
export const isFreshlyBuilt = (cached: Pick<CachedContext, "builtAt">, nowMs: number): boolean => Date.parse(cached.builtAt) + CONTEXT_TTL_SECONDS * 1000 > nowMs;

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
  /**
   * When its builder read the stored version, before it read the graph: a rebuild whose put lost to this one and that
   * began no later needs no second try, since this one read the graph after whatever asked for that rebuild.
   */
  readFrom?: string;
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
  /**
   * Replaces the user's cached context and starts its hour afresh, only with a newer version than the stored one:
   * otherwise throws ContextSupersededError, so a rebuild that read the graph before a newer one cannot overwrite it.
   */
  put(entry: NewContext): Promise<CachedContext>;
  /**
   * Gives the stored block another hour from now, if it is still `version` and would end sooner: a block in use does
   * not run out mid-session. False when a newer build replaced it or it is gone (nothing to keep).
   */
  keepAlive(userId: string, version: number): Promise<boolean>;
  /** The entry whatever its age: for the user's export, which shows what is stored, not what is fresh. */
  read(userId: string): Promise<CachedContext | undefined>;
  delete(userId: string): Promise<void>;
}

/** The vertex ids the first `lines` lines of a cached block speak of, each once, in line order. */
export function factIdsOfLines(cached: Pick<CachedContext, "lineFactIds">, lines: number): string[] {
  return [...new Set((cached.lineFactIds ?? []).slice(0, Math.max(0, lines)).flat())];
}
