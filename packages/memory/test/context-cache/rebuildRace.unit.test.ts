// Two rebuilds of one user's block at once: the one that read the graph first cannot put back what the later one left out.
import { describe, expect, it } from "vitest";
import { InMemoryContextCacheStore } from "../../src/context-cache/memory/inMemoryContextCacheStore";
import { rebuildContext } from "../../src/context-cache";
import { forgetFact, rememberedFacts } from "../../src/facts";
import { InMemoryGraphStore, type GraphStore, type TopEdge } from "../../src/graph";
import { firstSession, mutationFor, newUserId } from "../graph/graphFactories";

const NOW = new Date("2026-11-20T18:00:00.000Z");

/** A graph whose next newest-edges read answers with what it held then, but only when the test lets it go on. */
class HeldReadGraphStore extends InMemoryGraphStore implements GraphStore {
  private hold: { reached: () => void; release: Promise<void> } | undefined;
  holdNextRead(): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    this.hold = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
    return { reached: reachedPromise, release };
  }
  override async topEdges(userId: string, limit?: number): Promise<TopEdge[]> {
    const read = await super.topEdges(userId, limit);
    const hold = this.hold;
    if (!hold) return read;
    this.hold = undefined;
    hold.reached();
    await hold.release;
    return read;
  }
}

describe("rebuildContext racing another rebuild", () => {
  it("a merge's rebuild that read Jordan before he was forgotten builds again instead of putting him back", async () => {
    const graph = new HeldReadGraphStore();
    const cache = new InMemoryContextCacheStore();
    const userId = newUserId();
    await graph.apply(userId, mutationFor(userId, "session-1", "2026-11-20T17:00:00.000Z", firstSession));
    await rebuildContext({ graph, cache, userId, now: NOW });
    const jordan = rememberedFacts(await graph.getUserGraph(userId), NOW).find((fact) => fact.name === "Jordan");
    expect(jordan).toBeDefined();

    // A refresh after a merge reads the graph, Jordan in it, and waits there.
    const held = graph.holdNextRead();
    const refresh = rebuildContext({ graph, cache, userId, now: NOW });
    await held.reached;
    // Meanwhile the teen forgets Jordan: the block is rebuilt without him.
    expect(await forgetFact({ graph, cache, userId, factId: jordan!.id, now: NOW })).toBe(true);
    expect((await cache.read(userId))?.block).not.toContain("Jordan");
    held.release();
    const after = await refresh;

    expect(after.block).not.toContain("Jordan");
    expect((await cache.read(userId))?.block).not.toContain("Jordan");
    // Built once, then by the forget (2); the refresh lost its put to a build that began no earlier, and kept it.
    expect((await cache.read(userId))?.version).toBe(2);
  });

  it("settles ten rebuilds of one user's block at once (a replayed day) without a failure", async () => {
    const graph = new InMemoryGraphStore();
    const cache = new InMemoryContextCacheStore();
    const userId = newUserId();
    await graph.apply(userId, mutationFor(userId, "session-1", "2026-11-20T17:00:00.000Z", firstSession));

    const built = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => rebuildContext({ graph, cache, userId, now: new Date(NOW.getTime() + i), askedAt: NOW })));

    expect(built.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect((await cache.read(userId))?.block).toContain("Jordan");
  });

  it("builds again when the block that won its put began before it did", async () => {
    const graph = new HeldReadGraphStore();
    const cache = new InMemoryContextCacheStore();
    const userId = newUserId();
    await graph.apply(userId, mutationFor(userId, "session-1", "2026-11-20T17:00:00.000Z", firstSession));
    const earlier = new Date(NOW.getTime() - 60_000);

    // A later rebuild reads the graph and waits; one that began earlier, but read after it, puts first.
    const held = graph.holdNextRead();
    const later = rebuildContext({ graph, cache, userId, now: NOW });
    await held.reached;
    await rebuildContext({ graph, cache, userId, now: earlier });
    held.release();

    expect(await later).toMatchObject({ version: 2, readFrom: NOW.toISOString() });
  });
});
