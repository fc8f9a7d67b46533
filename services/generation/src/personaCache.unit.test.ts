import { describe, expect, it } from "vitest";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { PERSONA_CACHE_MS, PersonaCache } from "./personaCache";

describe("PersonaCache", () => {
  it("reads a persona once a minute, and again at once after it is forgotten", async () => {
    // Prepare: a store that counts reads, and a clock the test moves.
    const store = new InMemoryPersonaStore();
    let reads = 0;
    const counting = Object.assign(Object.create(store) as InMemoryPersonaStore, {
      get: (id: string) => ((reads += 1), store.get(id)),
    });
    let now = Date.UTC(2026, 2, 14, 16);
    const cache = new PersonaCache(counting, () => now);
    await store.create(newPersonaRecord({ personaId: "p-1", ownerId: "ana", now: new Date(now), fields: { name: "Sunny" } }));

    // Act / Assess
    expect((await cache.get("p-1"))?.name).toBe("Sunny");
    await store.update("p-1", { name: "Sunny 2" }, new Date(now));
    expect((await cache.get("p-1"))?.name).toBe("Sunny");
    expect(reads).toBe(1);

    now += PERSONA_CACHE_MS;
    expect((await cache.get("p-1"))?.name).toBe("Sunny 2");
    await store.update("p-1", { name: "Sunny 3" }, new Date(now));
    cache.forget("p-1");
    expect((await cache.get("p-1"))?.name).toBe("Sunny 3");
    expect(reads).toBe(3);
  });

  it("does not remember a persona that is not there", async () => {
    const store = new InMemoryPersonaStore();
    const cache = new PersonaCache(store, () => 0);

    expect(await cache.get("p-2")).toBeUndefined();
    await store.create(newPersonaRecord({ personaId: "p-2", ownerId: "ana", now: new Date(0), fields: { name: "Late" } }));
    expect((await cache.get("p-2"))?.name).toBe("Late");
  });
});
