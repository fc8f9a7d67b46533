// The GraphStore contract: one suite every adapter must pass (in memory and DynamoDB always, Gremlin when a server is configured).
//
// Re-opening, as decided: "I rejoined soccer" after "I quit soccer" re-opens the same edge (one edge per pair and
// label). The closed period moves to `pastPeriods`, `validAt` becomes the time of the new assertion and `invalidAt`
// is removed, so current facts are exactly the edges without invalidAt and the history is still there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SOURCE_SESSIONS, userVertexIdOf, type GraphStore } from "../../src/graph";
import { T1, T2, T3, entity, firstSession, mutationFor, newUserId, quitSession, rejoinSession, relation } from "./graphFactories";

export interface GraphStoreUnderTest {
  store: GraphStore;
  close(): Promise<void>;
}

const SOCCER = (userId: string) => `${userVertexIdOf(userId)}|relates_to|Activity:${userId}:soccer`;

/** `skip`: the adapter's backend is not reachable here (Gremlin without INNERWORLD_GREMLIN_ENDPOINT); the suite shows as skipped. */
export function graphStoreContract(adapter: string, open: () => Promise<GraphStoreUnderTest>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`GraphStore contract: ${adapter}`, () => {
    let subject: GraphStoreUnderTest;
    let store: GraphStore;
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close();
    });

    it("merges a session into vertices and edges rooted at the user", async () => {
      // Prepare
      const userId = newUserId();
      const mutation = mutationFor(userId, "s1", T1, firstSession);

      // Act
      const result = await store.apply(userId, mutation);

      // Assess
      expect(result).toEqual({ entitiesMerged: 5, relationsMerged: 5, relationsInvalidated: 0 });
      expect(await store.counts(userId)).toEqual({ vertices: 6, edges: 5 });
      const graph = await store.getUserGraph(userId);
      expect(graph.vertices.find((v) => v.label === "Person")).toEqual({
        id: `Person:${userId}:jordan`,
        label: "Person",
        userId,
        name: "Jordan",
        aliases: [],
        attributes: { relation: "best friend" },
        firstSeenAt: T1,
        lastSeenAt: T1,
        mentionCount: 1,
        sourceSessions: ["s1"],
        sessionTimes: { s1: T1 },
      });
      expect(graph.edges.find((e) => e.to === `Event:${userId}:math-test` && e.from === userVertexIdOf(userId))).toEqual({
        id: `${userVertexIdOf(userId)}|involves|Event:${userId}:math-test`,
        label: "involves",
        userId,
        from: userVertexIdOf(userId),
        to: `Event:${userId}:math-test`,
        validAt: "2026-11-27",
        firstSeenAt: T1,
        lastSeenAt: T1,
        mentionCount: 1,
        sourceSessions: ["s1"],
        sessionTimes: { s1: T1 },
      });
      // The goal was in no relation: the user mentions it.
      expect(graph.edges.map((e) => e.label).sort()).toEqual(["felt_during", "involves", "mentions", "relates_to", "relates_to"]);
    });

    it("leaves the graph exactly as it was when the same session is applied again", async () => {
      const userId = newUserId();
      const mutation = mutationFor(userId, "s1", T1, firstSession);
      await store.apply(userId, mutation);
      await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));
      const before = { graph: await store.getUserGraph(userId), counts: await store.counts(userId) };

      const again = await store.apply(userId, mutation);
      const twice = await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));

      expect(again).toEqual({ entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 });
      expect(twice).toEqual({ entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 });
      expect(await store.counts(userId)).toEqual(before.counts);
      expect(await store.getUserGraph(userId)).toEqual(before.graph);
    });

    it("closes the contradicted edge with invalidAt and keeps it", async () => {
      const userId = newUserId();
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));

      const result = await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));

      expect(result).toEqual({ entitiesMerged: 3, relationsMerged: 2, relationsInvalidated: 1 });
      const soccer = (await store.getUserGraph(userId)).edges.find((e) => e.id === SOCCER(userId));
      expect(soccer).toMatchObject({ validAt: T1, invalidAt: "2026-11-24", firstSeenAt: T1, lastSeenAt: T2, mentionCount: 2, sourceSessions: ["s1", "s2"] });
      expect(await store.counts(userId)).toEqual({ vertices: 7, edges: 6 });
    });

    it("re-opens a closed edge when the fact is asserted again later, keeping the closed period", async () => {
      const userId = newUserId();
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));

      const result = await store.apply(userId, mutationFor(userId, "s3", T3, rejoinSession));

      expect(result).toEqual({ entitiesMerged: 1, relationsMerged: 1, relationsInvalidated: 0 });
      const soccer = (await store.getUserGraph(userId)).edges.find((e) => e.id === SOCCER(userId));
      expect(soccer?.invalidAt).toBeUndefined();
      expect(soccer).toMatchObject({ validAt: T3, pastPeriods: [{ validAt: T1, invalidAt: "2026-11-24" }], mentionCount: 3, lastSeenAt: T3 });
      // And it closes again on the next "I quit".
      await store.apply(userId, mutationFor(userId, "s4", "2027-01-10T10:00:00.000Z", { entities: [entity("Activity", "soccer")], relations: [relation("relates_to", "user", "soccer", { ended: true })] }));
      const closedAgain = (await store.getUserGraph(userId)).edges.find((e) => e.id === SOCCER(userId));
      expect(closedAgain).toMatchObject({ validAt: T3, invalidAt: "2027-01-10T10:00:00.000Z", pastPeriods: [{ validAt: T1, invalidAt: "2026-11-24" }] });
    });

    it("counts mentions once per session across sessions, whatever order they arrive in", async () => {
      const userId = newUserId();
      const jordan = `Person:${userId}:jordan`;

      // The later session is delivered first.
      await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));

      const graph = await store.getUserGraph(userId);
      expect(graph.vertices.find((v) => v.id === jordan)).toMatchObject({ mentionCount: 2, sourceSessions: ["s2", "s1"], firstSeenAt: T1, lastSeenAt: T2 });
      expect(graph.vertices.find((v) => v.id === userVertexIdOf(userId))).toMatchObject({ mentionCount: 2, firstSeenAt: T1, lastSeenAt: T2 });
      expect(graph.edges.find((e) => e.to === jordan)).toMatchObject({ mentionCount: 2, validAt: T1, firstSeenAt: T1, lastSeenAt: T2 });
    });

    it("counts a session once when it comes again after more sessions than an element keeps pushed it out", async () => {
      // Prepare: soccer in s0, then in one more session than an element keeps, one a day.
      const userId = newUserId();
      const day = (n: number) => new Date(Date.parse(T1) + n * 24 * 60 * 60 * 1000).toISOString();
      const s0 = mutationFor(userId, "s0", T1, rejoinSession);
      await store.apply(userId, s0);
      for (let n = 1; n <= MAX_SOURCE_SESSIONS + 1; n += 1) await store.apply(userId, mutationFor(userId, `s${n}`, day(n), rejoinSession));
      const before = await store.getUserGraph(userId);

      // Act: a replay of the archive brings s0 again, twice.
      const again = await store.apply(userId, s0);
      await store.apply(userId, s0);

      // Assess
      expect(again).toEqual({ entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 });
      expect(await store.getUserGraph(userId)).toEqual(before);
      expect(before.vertices.find((v) => v.id === `Activity:${userId}:soccer`)).toMatchObject({ mentionCount: MAX_SOURCE_SESSIONS + 2, sessionsDroppedThrough: day(1) });
    });

    it("counts both of two sessions applied at the same time (conditional writes, no lost update)", async () => {
      const userId = newUserId();
      const sessions = ["a", "b", "c"].map((id, i) => mutationFor(userId, id, `2026-11-2${i}T10:00:00.000Z`, quitSession));

      await Promise.all(sessions.map((m) => store.apply(userId, m)));

      const jordan = (await store.getUserGraph(userId)).vertices.find((v) => v.id === `Person:${userId}:jordan`);
      expect(jordan?.mentionCount).toBe(3);
      expect([...(jordan?.sourceSessions ?? [])].sort()).toEqual(["a", "b", "c"]);
    });

    it("keeps users apart", async () => {
      const alex = newUserId("alex");
      const sam = newUserId("sam");
      await store.apply(alex, mutationFor(alex, "s1", T1, firstSession));
      await store.apply(sam, mutationFor(sam, "s9", T2, quitSession));

      const [alexGraph, samGraph] = await Promise.all([store.getUserGraph(alex), store.getUserGraph(sam)]);
      expect(alexGraph.vertices.every((v) => v.userId === alex) && alexGraph.edges.every((e) => e.userId === alex)).toBe(true);
      expect(samGraph.vertices.every((v) => v.userId === sam) && samGraph.edges.every((e) => e.userId === sam)).toBe(true);
      expect(await store.counts(sam)).toEqual({ vertices: 4, edges: 3 });
      expect((await store.topEdges(sam, 50)).every((t) => t.edge.userId === sam && t.from.userId === sam && t.to.userId === sam)).toBe(true);
      expect(await store.counts(newUserId("nobody"))).toEqual({ vertices: 0, edges: 0 });
      // A mutation planned for one user cannot be written into another's graph.
      await expect(store.apply(alex, mutationFor(sam, "s10", T3, rejoinSession))).rejects.toMatchObject({ code: "GRAPH_INVALID_MUTATION" });
    });

    it("returns the most recently seen edges first, with their endpoints", async () => {
      const userId = newUserId();
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));

      const top = await store.topEdges(userId, 3);
      const all = await store.topEdges(userId, 100);

      expect(top).toHaveLength(3);
      expect(all).toHaveLength(6);
      expect(top.map((t) => t.edge.lastSeenAt)).toEqual([T2, T2, T2]);
      expect(all.map((t) => t.edge.id)).toEqual(
        [...(await store.getUserGraph(userId)).edges].sort((a, b) => (a.lastSeenAt !== b.lastSeenAt ? (a.lastSeenAt < b.lastSeenAt ? 1 : -1) : a.id < b.id ? 1 : -1)).map((e) => e.id),
      );
      for (const { edge, from, to } of all) {
        expect(from.id).toBe(edge.from);
        expect(to.id).toBe(edge.to);
      }
      expect(all.find((t) => t.edge.id === SOCCER(userId))?.edge.invalidAt).toBe("2026-11-24");
      expect(await store.topEdges(userId, 0)).toEqual([]);
    });

    it("forgets one entity with every edge touching it, only in its owner's graph, once", async () => {
      const userId = newUserId();
      const other = newUserId("other");
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      await store.apply(other, mutationFor(other, "s1", T1, firstSession));
      const jordan = `Person:${userId}:jordan`;

      expect(await store.deleteVertex(other, jordan, T2)).toBe(false);
      expect(await store.deleteVertex(userId, jordan, T2)).toBe(true);
      expect(await store.deleteVertex(userId, jordan, T2)).toBe(false);
      expect(await store.deleteVertex(userId, userVertexIdOf(userId), T2)).toBe(false);

      const graph = await store.getUserGraph(userId);
      expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
      expect(graph.edges.filter((e) => e.from === jordan || e.to === jordan)).toEqual([]);
      expect((await store.topEdges(userId, 100)).some((t) => t.to.id === jordan || t.from.id === jordan)).toBe(false);
      expect(await store.counts(other)).toEqual({ vertices: 6, edges: 5 });
    });

    it("keeps a forgotten entity forgotten when words said before the forgetting are merged again, and remembers it from words said after", async () => {
      // Prepare: Jordan is forgotten at T2, after the first session (T1) and before the third (T3).
      const userId = newUserId();
      const other = newUserId("other");
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      await store.apply(other, mutationFor(other, "s1", T1, firstSession));
      const jordan = `Person:${userId}:jordan`;
      expect(await store.deleteVertex(userId, jordan, T2)).toBe(true);

      // Act: the first session again (a replay of the archive), and another session observed before the forgetting.
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      const replayed = await store.apply(userId, mutationFor(userId, "s2", T1, quitSession));

      // Assess: Jordan and his edges stay gone; the rest of those sessions is merged (the guitar is new).
      let graph = await store.getUserGraph(userId);
      expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
      expect(graph.edges.filter((e) => e.from === jordan || e.to === jordan)).toEqual([]);
      expect(graph.vertices.map((v) => v.name)).toContain("new guitar");
      expect(replayed.entitiesMerged).toBe(2);
      // Nothing of Jordan's name is kept, and the other user's Jordan was never touched.
      expect(JSON.stringify(graph)).not.toContain("jordan");
      expect(await store.counts(other)).toEqual({ vertices: 6, edges: 5 });

      // Act: the teen brings Jordan up again after forgetting him.
      await store.apply(userId, mutationFor(userId, "s3", T3, quitSession));

      // Assess
      graph = await store.getUserGraph(userId);
      expect(graph.vertices.find((v) => v.id === jordan)).toMatchObject({ firstSeenAt: T3, sourceSessions: ["s3"] });

      // Act: the old words replayed once more. Assess: the new mention stays, the old one is still left out.
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      expect((await store.getUserGraph(userId)).vertices.find((v) => v.id === jordan)).toMatchObject({ firstSeenAt: T3, sourceSessions: ["s3"] });
    });

    it("erases what the user forgot with the rest of their graph", async () => {
      // Prepare
      const userId = newUserId();
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      const jordan = `Person:${userId}:jordan`;
      expect(await store.deleteVertex(userId, jordan, T2)).toBe(true);

      // Act
      const erased = await store.deleteUser(userId);
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));

      // Assess: the 10 elements left after forgetting Jordan (the User vertex, 4 entities, 4 edges of the 5) and the
      // marker; the same words merged after the erasure are a new user's, with no memory of the forgetting.
      expect(erased).toBe(10);
      expect((await store.getUserGraph(userId)).vertices.map((v) => v.id)).toContain(jordan);
    });

    it("erases a user's whole graph and nobody else's", async () => {
      const userId = newUserId();
      const other = newUserId("other");
      await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
      await store.apply(other, mutationFor(other, "s1", T1, firstSession));

      expect(await store.deleteUser(userId)).toBe(11);

      expect(await store.counts(userId)).toEqual({ vertices: 0, edges: 0 });
      expect(await store.topEdges(userId, 100)).toEqual([]);
      expect(await store.deleteUser(userId)).toBe(0);
      expect(await store.counts(other)).toEqual({ vertices: 6, edges: 5 });
    });
  });
}
