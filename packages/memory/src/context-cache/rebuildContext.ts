// Rebuilds a user's cached context block from their graph: after a merge (context-refresh) and after a fact is forgotten (the HTTP API).
import { buildContextBlock } from "../context/buildContextBlock";
import { DEFAULT_TOP_EDGES, type GraphStore } from "../graph/graphStore";
import { isContextSupersededError, type CachedContext, type ContextCacheStore } from "./contextCacheStore";

export const DEFAULT_CONTEXT_BUDGET_TOKENS = 400;

export interface RebuildContextInput {
  graph: GraphStore;
  cache: ContextCacheStore;
  userId: string;
  now: Date;
  tokenBudget?: number;
  /** The user's IANA time zone (their session's); absent: the one the stored block was built in, else UTC. */
  timeZone?: string;
  /**
   * Vertices just deleted, left out whatever the read returns: the DynamoDB store reads the newest edges through an
   * index that DynamoDB only reads eventually consistently, so for a moment after a delete it may still list them.
   */
  without?: readonly string[];
  /**
   * When what asks for this rebuild happened (the merge a GraphUpdated reports, a fact forgotten); default `now`. A
   * block whose builder began after it already holds it.
   */
  askedAt?: Date;
}

/** How often a rebuild that lost to newer ones builds again before it gives up (and its event is retried). */
const REBUILD_ATTEMPTS = 5;

/**
 * Reads the newest edges, builds the block and caches it under the next version (counting on from any stored entry,
 * fresh or not). The stored version is read before the graph and the put holds only over it: a rebuild that read the
 * graph before another rebuild wrote (a merge's refresh racing a forgotten fact, two sessions' merges) loses its put
 * and builds again from what is there now, rather than putting back what the other one left out. It is done instead
 * when the block that won began after what asked for this rebuild (`askedAt`): that builder read the graph later, so
 * it holds the change, and many rebuilds at once (a replayed day) settle in one put rather than one each.
 */
export async function rebuildContext(input: RebuildContextInput): Promise<CachedContext> {
  for (let attempt = 1; ; attempt++) {
    const readFrom = input.now.toISOString();
    try {
      return await buildAndCache(input, readFrom);
    } catch (error) {
      if (!isContextSupersededError(error)) throw error;
      const winner = await input.cache.read(input.userId);
      if (winner?.readFrom !== undefined && winner.readFrom >= (input.askedAt ?? input.now).toISOString()) return winner;
      if (attempt >= REBUILD_ATTEMPTS) throw error;
    }
  }
}

async function buildAndCache({ graph, cache, userId, now, tokenBudget = DEFAULT_CONTEXT_BUDGET_TOKENS, timeZone, without = [] }: RebuildContextInput, readFrom: string): Promise<CachedContext> {
  const previous = await cache.read(userId);
  const read = await graph.topEdges(userId, DEFAULT_TOP_EDGES);
  const gone = new Set(without);
  const edges = gone.size === 0 ? read : read.filter((edge) => !gone.has(edge.from.id) && !gone.has(edge.to.id));
  const zone = timeZone ?? previous?.timeZone ?? "UTC";
  const built = buildContextBlock({ userId, edges, now, tokenBudget, timeZone: zone });
  return cache.put({
    userId,
    block: built.block,
    version: (previous?.version ?? 0) + 1,
    tokenCount: built.tokenCount,
    entityCount: built.entityCount,
    lineFactIds: built.lineFactIds,
    timeZone: zone,
    readFrom,
  });
}
