// Forgetting a fact rebuilds the cached context without it, even from a store whose newest-edges read lags a delete.
import { describe, expect, it } from "vitest";
import { InMemoryContextCacheStore } from "../../src/context-cache/memory/inMemoryContextCacheStore";
import { forgetFact, rememberedFacts } from "../../src/facts";
import { InMemoryGraphStore, type GraphStore, type TopEdge } from "../../src/graph";
import { firstSession, mutationFor, newUserId } from "../graph/graphFactories";

const NOW = new Date("2026-11-20T18:00:00.000Z");

/**
 * The DynamoDB store reads the newest edges through a global secondary index, which DynamoDB reads only eventually
 * consistently: right after a delete it may still list what was deleted. This store answers topEdges with what it
 * held before the last delete, as such an index would for a moment.
 */
class LaggingIndexGraphStore extends InMemoryGraphStore implements GraphStore {
  private before: TopEdge[] | undefined;
  override async deleteVertex(userId: string, vertexId: string, forgottenAt: string): Promise<boolean> {
    this.before = await super.topEdges(userId);
    return super.deleteVertex(userId, vertexId, forgottenAt);
  }
  override async topEdges(userId: string, limit?: number): Promise<TopEdge[]> {
    return this.before ?? super.topEdges(userId, limit);
  }
}

describe("forgetFact", () => {
  it("leaves the forgotten fact out of the rebuilt block although the store's index still lists it", async () => {
    const graph = new LaggingIndexGraphStore();
    const cache = new InMemoryContextCacheStore();
    const userId = newUserId();
    await graph.apply(userId, mutationFor(userId, "session-1", "2026-11-20T17:00:00.000Z", firstSession));
    const jordan = rememberedFacts(await graph.getUserGraph(userId), NOW).find((fact) => fact.name === "Jordan");
    expect(jordan).toBeDefined();

    expect(await forgetFact({ graph, cache, userId, factId: jordan!.id, now: NOW })).toBe(true);

    // The index still lists Jordan's edges, as the lagging read shows; the block does not carry them.
    expect((await graph.topEdges(userId)).some((edge) => edge.to.id === jordan!.id)).toBe(true);
    const cached = await cache.read(userId);
    expect(cached?.block).not.toContain("Jordan");
    expect(cached?.block).toContain("soccer");
  });
});
