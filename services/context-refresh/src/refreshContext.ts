// Context-refresh's logic: rebuilds the user's cached context block from the graph, and warms it when a session starts.
import { isFreshlyBuilt, rebuildContext, type ContextCacheStore } from "@innerworld/memory/context-cache";
import type { GraphStore } from "@innerworld/memory/graph";
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";

export interface ContextRefreshPorts {
  cache: ContextCacheStore;
  graph: GraphStore;
  publisher: Publisher;
  clock: Clock;
  tokenBudget?: number;
}

export const CONTEXT_TOKEN_BUDGET = 400;

export const createContextRefresher = (ports: ContextRefreshPorts) => {
  const { cache } = ports;
  const now = () => new Date(ports.clock());

  const rebuild = async (event: ConsumedEvent<"GraphUpdated" | "SessionStarted">, reason: "graph_updated" | "session_started") => {
    const { metadata, data } = event.envelope;
    const userId = metadata.userId;
    // The block says its days in the user's zone: the session's, or else the one the last block was built in.
    // A replayed day's GraphUpdated events were asked long ago: whichever of their rebuilds puts first holds them all.
    const stored = await rebuildContext({
      graph: ports.graph,
      cache,
      userId,
      now: now(),
      askedAt: new Date(metadata.occurredAt),
      tokenBudget: ports.tokenBudget ?? CONTEXT_TOKEN_BUDGET,
      ...(data.timeZone ? { timeZone: data.timeZone } : {}),
    });
    await ports.publisher.publish({
      type: "ContextRefreshed",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId,
      ...(metadata.sessionId ? { sessionId: metadata.sessionId } : {}),
      deduplicationKey: `${metadata.eventId}:${event.replayName ?? "live"}`,
      data: { contextVersion: stored.version, tokenCount: stored.tokenCount, entityCount: stored.entityCount, builtAt: stored.builtAt, reason },
    });
  };

  return {
    graphUpdated: (event: ConsumedEvent<"GraphUpdated">) => rebuild(event, "graph_updated"),
    /** The cached block is the user's words distilled: it goes with them. */
    async userDeleted(event: ConsumedEvent<"UserDeleted">) {
      await cache.delete(event.envelope.data.userId);
    },
    /**
     * A warm cache (built within the hour) in the session's zone is left alone; a cold one, or one that says its days
     * in another zone (the teen travelled, or changed the setting), is built before the first message needs it. Warm
     * is told by when the block was built, not by its expiry, which a session in progress keeps pushing on: a block
     * kept alive through a long chat still says its days as of then, and a new session gets one said as of now.
     */
    async sessionStarted(event: ConsumedEvent<"SessionStarted">) {
      const stored = await cache.read(event.envelope.metadata.userId);
      const warm = stored && isFreshlyBuilt(stored, ports.clock()) ? stored : undefined;
      // A start that names no zone (an event from before zones were carried) changes none, as rebuildContext keeps the last.
      const zone = event.envelope.data.timeZone;
      if (warm && (zone === undefined || (warm.timeZone ?? "UTC") === zone)) return;
      await rebuild(event, "session_started");
    },
  };
};
