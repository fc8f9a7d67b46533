// The persona routes when the bus refuses their announcement: nothing half done, and the client's retry finishes the job.
import { RecordingPublisher, type PublishRequest } from "@innerworld/events";
import { TURN_AT } from "@innerworld/events/factories";
import { InMemoryPersonaStore, seedBuiltInPersonas } from "@innerworld/personas/store";
import { manualClock } from "@innerworld/platform/clock";
import { describe, expect, it } from "vitest";
import { createPersonaApi } from "./personaApi";

const OWNER = "user-maya";
const sunny = JSON.stringify({ name: "Sunny", description: "A cheerful study buddy." });

/** A bus that refuses the next `failures` publishes (EventBridge throttling, say), then takes every one. */
class RefusingPublisher extends RecordingPublisher {
  constructor(public failures: number) {
    super("gateway", manualClock(TURN_AT));
  }
  override async publish(...requests: PublishRequest[]) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("ThrottlingException");
    }
    return super.publish(...requests);
  }
}

const setUp = (failures: number) => {
  const store = new InMemoryPersonaStore();
  const publisher = new RefusingPublisher(failures);
  const ended: string[] = [];
  const api = createPersonaApi({
    store,
    publisher,
    clock: manualClock(TURN_AT),
    allowedModels: [],
    endSessionsWithPersona: async (_userId, personaId) => (ended.push(personaId), []),
  });
  return { api, store, publisher, ended };
};

describe("persona routes: a refused announcement", () => {
  it("keeps no persona it could not announce, so the client's retry makes one, not two", async () => {
    const { api, store, publisher } = setUp(1);

    await expect(api({ routeKey: "POST /personas", userId: OWNER, body: sunny })).rejects.toThrow("ThrottlingException");
    expect(await store.listByOwner(OWNER)).toEqual([]);

    const retried = await api({ routeKey: "POST /personas", userId: OWNER, body: sunny });
    expect(retried.statusCode).toBe(201);
    expect((await store.listByOwner(OWNER)).map((p) => p.name)).toEqual(["Sunny"]);
    expect(publisher.ofType("PersonaCreated")).toHaveLength(1);
  });

  it("deletes nothing it could not announce, so the client's retry deletes and announces it", async () => {
    const { api, store, publisher, ended } = setUp(0);
    const created = JSON.parse(String((await api({ routeKey: "POST /personas", userId: OWNER, body: sunny })).body)) as { id: string };
    publisher.failures = 1;

    await expect(api({ routeKey: "DELETE /personas/{personaId}", userId: OWNER, personaId: created.id })).rejects.toThrow("ThrottlingException");
    expect(await store.get(created.id)).toBeDefined();

    const retried = await api({ routeKey: "DELETE /personas/{personaId}", userId: OWNER, personaId: created.id });
    expect(retried.statusCode).toBe(204);
    expect(await store.get(created.id)).toBeUndefined();
    expect(publisher.ofType("PersonaDeleted").map((e) => e.data.personaId)).toEqual([created.id]);
    // Its sessions were ended on each try (ending them again ends nothing more).
    expect(ended).toEqual([created.id, created.id]);
  });

  it("still refuses to delete a built-in, and another user's persona is not found, announcing neither", async () => {
    const { api, store, publisher } = setUp(0);
    await seedBuiltInPersonas(store);
    const created = JSON.parse(String((await api({ routeKey: "POST /personas", userId: OWNER, body: sunny })).body)) as { id: string };
    expect((await api({ routeKey: "DELETE /personas/{personaId}", userId: OWNER, personaId: "companion" })).statusCode).toBe(403);
    expect((await api({ routeKey: "DELETE /personas/{personaId}", userId: "user-sam", personaId: created.id })).statusCode).toBe(404);
    expect(publisher.ofType("PersonaDeleted")).toEqual([]);
    expect(await store.get("companion")).toBeDefined();
  });
});
