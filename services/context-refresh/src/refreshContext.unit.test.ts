// Context-refresh rebuilds the cached context after a merge, warms a cold cache when a session starts, and leaves a warm one alone.
import { RecordingPublisher } from "@innerworld/events";
import { TURN_AT, delivered, graphUpdatedRequest, sessionStartedRequest, turn } from "@innerworld/events/factories";
import { CONTEXT_TTL_SECONDS, InMemoryContextCacheStore, rebuildContext } from "@innerworld/memory/context-cache";
import { canonicalEntityKey } from "@innerworld/memory/extraction";
import { InMemoryGraphStore, planMerge, type GraphStore } from "@innerworld/memory/graph";
import { manualClock, type ManualClock } from "@innerworld/platform/clock";
import { beforeEach, describe, expect, it } from "vitest";
import { createContextRefresher } from "./refreshContext";

const USER = "user-maya";

/** What graph-extraction merged from Maya's last session: a chemistry test on Friday and her friend Jordan. */
const rememberSession = (graph: GraphStore, sessionId = "s1") =>
  graph.apply(
    USER,
    planMerge({
      userId: USER,
      sessionId,
      observedAt: "2026-12-03T18:00:00.000Z",
      keyOf: canonicalEntityKey,
      extraction: {
        entities: [
          { type: "Event", name: "chemistry test", aliases: [], attributes: { date: "2026-12-04" } },
          { type: "Person", name: "Jordan", aliases: [], attributes: { relation: "best friend" } },
        ],
        relations: [
          { type: "involves", from: "user", to: "chemistry test", time: "2026-12-04" },
          { type: "relates_to", from: "user", to: "Jordan" },
        ],
      },
    }),
  );

/** A graph whose backend does not answer. */
class UnreachableGraph extends InMemoryGraphStore {
  override async topEdges(): Promise<never> {
    throw new Error("Neptune is unreachable");
  }
}

describe("context-refresh: refreshContext", () => {
  let clock: ManualClock;
  let graph: InMemoryGraphStore;
  let cache: InMemoryContextCacheStore;
  let publisher: RecordingPublisher;
  let refresher: ReturnType<typeof createContextRefresher>;

  beforeEach(() => {
    clock = manualClock(TURN_AT);
    graph = new InMemoryGraphStore();
    cache = new InMemoryContextCacheStore(clock);
    publisher = new RecordingPublisher("context-refresh", clock);
    refresher = createContextRefresher({ cache, graph, publisher, clock });
  });

  it("says the block's days in the session's time zone, and keeps that zone when the block is rebuilt without one", async () => {
    // Prepare: 16:00 UTC on Friday 4 Dec is 05:00 on Saturday in Auckland, where Friday's chemistry test is over.
    await rememberSession(graph);

    // Act
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }), { timeZone: "Pacific/Auckland" })));
    const inAuckland = await cache.get(USER);
    await rebuildContext({ graph, cache, userId: USER, now: new Date(clock()) });
    const rebuilt = await cache.get(USER);
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }), { timeZone: "UTC" })));

    // Assess
    expect(inAuckland).toMatchObject({ timeZone: "Pacific/Auckland" });
    expect(inAuckland?.block).toContain("Past event: chemistry test on Fri 4 Dec");
    expect(rebuilt).toMatchObject({ timeZone: "Pacific/Auckland", version: 2 });
    expect(rebuilt?.block).toContain("Past event: chemistry test on Fri 4 Dec");
    expect((await cache.get(USER))?.block).toContain("Upcoming: chemistry test on Fri 4 Dec (today)");
  });

  it("builds a warm block again when a session starts in another zone, and leaves it when the zone is the same", async () => {
    // Prepare
    await rememberSession(graph);
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }), { timeZone: "Pacific/Auckland" })));
    const started = (timeZone: string) => {
      const request = sessionStartedRequest(turn({ userId: USER }));
      return delivered({ ...request, data: { ...request.data, timeZone } });
    };

    // Act
    await refresher.sessionStarted(started("Pacific/Auckland"));
    // A start that names no zone (an archived event from before zones were carried) changes none.
    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: USER }))));
    const same = await cache.get(USER);
    await refresher.sessionStarted(started("UTC"));

    // Assess
    expect(same).toMatchObject({ version: 1, timeZone: "Pacific/Auckland" });
    expect(await cache.get(USER)).toMatchObject({ version: 2, timeZone: "UTC" });
    expect((await cache.get(USER))?.block).toContain("(today)");
  });

  it("rebuilds the user's context from the graph after a merge, one version further each time", async () => {
    // Prepare
    await rememberSession(graph);
    const t = turn({ userId: USER });

    // Act
    await refresher.graphUpdated(delivered(graphUpdatedRequest(t)));
    clock.advance(60_000);
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))));

    // Assess
    const cached = await cache.get(USER);
    expect(cached).toMatchObject({ userId: USER, version: 2, entityCount: 2, builtAt: "2026-12-04T16:01:00.000Z" });
    expect(cached?.block).toMatch(/chemistry test/i);
    expect(cached?.block).toMatch(/Jordan/);
    const refreshed = publisher.ofType("ContextRefreshed");
    expect(refreshed.map((e) => e.data.contextVersion)).toEqual([1, 2]);
    expect(refreshed[0]?.data).toMatchObject({ reason: "graph_updated", entityCount: 2, builtAt: TURN_AT });
    expect(refreshed[0]?.data.tokenCount).toBeGreaterThan(0);
    expect(refreshed[0]?.metadata).toMatchObject({ userId: USER, sessionId: t.sessionId, correlationId: t.sessionId });
  });

  it("drops the user's cached context on UserDeleted", async () => {
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))));
    expect(await cache.read(USER)).toBeDefined();

    await refresher.userDeleted(delivered({ type: "UserDeleted", correlationId: USER, userId: USER, data: { userId: USER, deletedAt: TURN_AT } }));

    expect(await cache.read(USER)).toBeUndefined();
  });

  it("keeps the context within its token budget", async () => {
    await rememberSession(graph);
    const tight = createContextRefresher({ cache, graph, publisher, clock, tokenBudget: 12 });

    await tight.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))));

    expect((await cache.get(USER))?.tokenCount).toBeLessThanOrEqual(12);
  });

  it("warms a cold cache when a session starts, and leaves a warm one alone", async () => {
    await rememberSession(graph);

    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: USER }))));
    clock.advance(30 * 60_000);
    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: USER }))));

    expect(publisher.ofType("ContextRefreshed").map((e) => e.data.reason)).toEqual(["session_started"]);
    expect((await cache.get(USER))?.version).toBe(1);
  });

  it("rebuilds a cache past its hour when a session starts, counting versions on from the stale entry", async () => {
    await rememberSession(graph);
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))));

    clock.advance(CONTEXT_TTL_SECONDS * 1000);
    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: USER }))));

    expect(publisher.ofType("ContextRefreshed").map((e) => [e.data.reason, e.data.contextVersion])).toEqual([
      ["graph_updated", 1],
      ["session_started", 2],
    ]);
  });

  it("builds again for a new session a block built over an hour ago, even one a long chat kept alive", async () => {
    await rememberSession(graph);
    await refresher.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))));
    clock.advance(50 * 60_000);
    expect(await cache.keepAlive(USER, 1)).toBe(true);

    clock.advance(20 * 60_000);
    expect(await cache.get(USER)).toMatchObject({ version: 1 });
    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: USER }))));

    // Its days were said seventy minutes ago: the new session's block says them as of now.
    expect(publisher.ofType("ContextRefreshed").map((e) => [e.data.reason, e.data.contextVersion])).toEqual([
      ["graph_updated", 1],
      ["session_started", 2],
    ]);
  });

  it("caches an empty context for a user the graph knows nothing of", async () => {
    await refresher.sessionStarted(delivered(sessionStartedRequest(turn({ userId: "user-new" }))));

    expect(await cache.get("user-new")).toMatchObject({ entityCount: 0, version: 1 });
  });

  it("publishes the same event for a redelivery and a new one for a replay", async () => {
    await rememberSession(graph);
    const merged = graphUpdatedRequest(turn({ userId: USER }));
    const live = delivered(merged);

    await refresher.graphUpdated(live);
    await refresher.graphUpdated({ ...live, receiveCount: 2 });
    await refresher.graphUpdated(delivered(merged, { replayName: "rebuild-2026-12" }));

    const ids = publisher.ofType("ContextRefreshed").map((e) => e.metadata.eventId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("caches and publishes nothing when the graph cannot be read", async () => {
    const failing = createContextRefresher({ cache, graph: new UnreachableGraph(), publisher, clock });

    await expect(failing.graphUpdated(delivered(graphUpdatedRequest(turn({ userId: USER }))))).rejects.toThrow("Neptune is unreachable");

    expect(await cache.read(USER)).toBeUndefined();
    expect(publisher.published).toEqual([]);
  });
});
