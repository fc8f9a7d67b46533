// What InnerWorld remembers about a user, one fact per entity of their graph, as GET /me/memory lists it and DELETE /me/memory/{factId} forgets it.
import { graphIn, wallClockMs } from "../context/localTime";
import { entityLine, eventDateOf } from "../context/phrasing";
import type { ContextCacheStore } from "../context-cache/contextCacheStore";
import { rebuildContext } from "../context-cache/rebuildContext";
import type { GraphStore } from "../graph/graphStore";
import type { EntityType, GraphEdge, UserGraph } from "../graph/model";

export interface RememberedFact {
  /** The graph vertex id: what DELETE /me/memory/{factId} takes. */
  id: string;
  type: EntityType;
  name: string;
  /** The line the context block would say about it ("Upcoming: chemistry test on Fri 20 Nov (in 2 days)"). */
  summary: string;
  firstMentionedAt: string;
  lastMentionedAt: string;
  sessionIds: string[];
}

/**
 * Every entity of the graph except the user's own root, most recently mentioned first. Summaries say their days in
 * `timeZone` (the user's, as the context block does); the mention times stay instants in UTC.
 */
export function rememberedFacts(graph: UserGraph, now: Date, timeZone = "UTC"): RememberedFact[] {
  const at = wallClockMs(now.getTime(), timeZone);
  const local = graphIn(graph, timeZone);
  return graph.vertices
    .map((vertex, index) => ({ vertex, localVertex: local.vertices[index] ?? vertex }))
    .filter(({ vertex }) => vertex.label !== "User")
    .map(({ vertex, localVertex }) => {
      const own = local.edges.filter((edge) => edge.to === vertex.id && edge.from.startsWith("User:"));
      const eventAt = vertex.label === "Event" ? eventDateOf(localVertex, local.edges) : undefined;
      return {
        id: vertex.id,
        type: vertex.label as EntityType,
        name: vertex.name,
        summary: entityLine(localVertex, representative(own), eventAt, at),
        firstMentionedAt: vertex.firstSeenAt,
        lastMentionedAt: vertex.lastSeenAt,
        sessionIds: vertex.sourceSessions,
      };
    })
    .sort((a, b) => (a.lastMentionedAt < b.lastMentionedAt ? 1 : a.lastMentionedAt > b.lastMentionedAt ? -1 : a.id < b.id ? -1 : 1));
}

/** Of the user's edges to one entity: one that still holds, a specific one over a bare mention, the newest. */
function representative(edges: GraphEdge[]): GraphEdge | undefined {
  const rank = (e: GraphEdge) => (e.invalidAt === undefined ? 2 : 0) + (e.label === "mentions" ? 0 : 1);
  return [...edges].sort((a, b) => rank(b) - rank(a) || (a.lastSeenAt < b.lastSeenAt ? 1 : -1))[0];
}

export interface ForgetFactInput {
  graph: GraphStore;
  cache: ContextCacheStore;
  userId: string;
  factId: string;
  now: Date;
  /** The user's zone, for the rebuilt block's days; absent: the one the block was last built in. */
  timeZone?: string;
}

/**
 * Forgets one fact and rebuilds the cached context at once, so the very next prompt no longer carries it. False when
 * the caller's graph has no such fact (unknown, already forgotten, or another user's): the API answers 404.
 */
export async function forgetFact({ graph, cache, userId, factId, now, timeZone }: ForgetFactInput): Promise<boolean> {
  const removed = await graph.deleteVertex(userId, factId, now.toISOString());
  if (removed) await rebuildContext({ graph, cache, userId, now, without: [factId], ...(timeZone ? { timeZone } : {}) });
  return removed;
}

/** Erases everything memory holds of a user: the whole graph and the cached context (DELETE /me, UserDeleted). */
export async function eraseUserMemory({ graph, cache, userId }: { graph: GraphStore; cache: ContextCacheStore; userId: string }): Promise<number> {
  const elements = await graph.deleteUser(userId);
  await cache.delete(userId);
  return elements;
}
