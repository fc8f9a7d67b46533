// One contract every PersonaStore adapter passes: the in-memory one in the unit lane, DynamoDB (dynalite) in the e2e lane.
import { describe, expect, it } from "vitest";
import { BUILT_IN_OWNER, builtInRecords, isPersonaExistsError, isPersonaLimitError, newPersonaRecord, seedBuiltInPersonas, type PersonaStore } from "../src/store";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 14, 16, minute));

export function personaStoreContract(name: string, makeStore: () => Promise<PersonaStore>) {
  describe(`${name} persona store`, () => {
    it("creates once, gets, and refuses a second create with the same id", async () => {
      const store = await makeStore();
      const record = newPersonaRecord({ personaId: "p-1", ownerId: "ana", now: at(0), fields: { name: "Sunny", topics: ["music"] } });

      await store.create(record);

      expect(await store.get("p-1")).toEqual(record);
      expect(record).toMatchObject({ status: "ready", description: "", avatar: { kind: "generated", seed: "p-1" } });
      await expect(store.create(record)).rejects.toSatisfy(isPersonaExistsError);
      expect(await store.get("nope")).toBeUndefined();
    });

    it("lists an owner's personas oldest first, and nobody else's", async () => {
      const store = await makeStore();
      await store.create(newPersonaRecord({ personaId: "p-b", ownerId: "ana", now: at(2), fields: { name: "B" } }));
      await store.create(newPersonaRecord({ personaId: "p-a", ownerId: "ana", now: at(1), fields: { name: "A" } }));
      await store.create(newPersonaRecord({ personaId: "p-c", ownerId: "ben", now: at(0), fields: { name: "C" } }));

      expect((await store.listByOwner("ana")).map((r) => r.personaId)).toEqual(["p-a", "p-b"]);
      expect((await store.listByOwner("ben")).map((r) => r.personaId)).toEqual(["p-c"]);
      expect(await store.listByOwner("cleo")).toEqual([]);
    });

    it("updates fields and status, keeps the rest, and says when there is nothing to update", async () => {
      const store = await makeStore();
      // A survey saga starts a persona while answers are still coming in, then fills it in.
      await store.create(newPersonaRecord({ personaId: "p-s", ownerId: "ana", now: at(0), fields: { name: "Survey friend" }, status: "collecting" }));

      const updated = await store.update("p-s", { status: "drawing", personality: "patient and curious" }, at(5));

      expect(updated).toMatchObject({ status: "drawing", personality: "patient and curious", name: "Survey friend", ownerId: "ana", updatedAt: at(5).toISOString(), createdAt: at(0).toISOString() });
      expect(await store.get("p-s")).toEqual(updated);
      expect(await store.update("missing", { status: "ready" }, at(6))).toBeUndefined();
      expect(await store.get("missing")).toBeUndefined();
    });

    it("deletes and returns what was there", async () => {
      const store = await makeStore();
      await store.create(newPersonaRecord({ personaId: "p-d", ownerId: "ana", now: at(0), fields: { name: "Gone soon" } }));

      expect((await store.delete("p-d"))?.name).toBe("Gone soon");
      expect(await store.get("p-d")).toBeUndefined();
      expect(await store.delete("p-d")).toBeUndefined();
    });

    it("seeds the five built-ins under one owner, idempotently", async () => {
      const store = await makeStore();
      await seedBuiltInPersonas(store);
      await seedBuiltInPersonas(store);

      const seeded = await store.listByOwner(BUILT_IN_OWNER);
      expect(seeded.map((r) => r.personaId).sort()).toEqual(["comfort", "companion", "compass", "courage", "creative"]);
      expect(seeded.every((r) => r.builtIn && r.prompt !== undefined)).toBe(true);
      expect(await store.get("courage")).toEqual(builtInRecords().find((r) => r.personaId === "courage"));
    });

    it("writes on a second seed only the built-ins that are missing or were changed", async () => {
      const store = await makeStore();
      expect((await seedBuiltInPersonas(store)).sort()).toEqual(["comfort", "companion", "compass", "courage", "creative"]);
      expect(await seedBuiltInPersonas(store)).toEqual([]);

      await store.update("courage", { name: "Edited by hand" }, at(7));
      await store.delete("comfort");
      expect((await seedBuiltInPersonas(store)).sort()).toEqual(["comfort", "courage"]);
      expect(await store.get("courage")).toEqual(builtInRecords().find((r) => r.personaId === "courage"));
      expect(await store.get("comfort")).toEqual(builtInRecords().find((r) => r.personaId === "comfort"));
    });

    it("holds an owner's limit when creates race, counts personas made without a limit, and frees a deleted one's place", async () => {
      const store = await makeStore();
      const persona = (id: string, minute = 0) => newPersonaRecord({ personaId: id, ownerId: "limited", now: at(minute), fields: { name: id } });
      // A persona from a survey is written with no limit, and still counts toward the owner's.
      await store.create(persona("from-survey"));

      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.create(persona(`own-${i}`), { perOwner: 5 })));

      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
      expect(outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : [])).every(isPersonaLimitError)).toBe(true);
      expect(await store.listByOwner("limited")).toHaveLength(5);
      await store.delete("from-survey");
      await store.create(persona("after-delete", 1), { perOwner: 5 });
      await expect(store.create(persona("one-too-many", 1), { perOwner: 5 })).rejects.toSatisfy(isPersonaLimitError);
      expect(await store.listByOwner("limited")).toHaveLength(5);
    });
  });
}
