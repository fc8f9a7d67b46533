// The portrait service over an in-memory bucket: the picture is stored under the persona's key, then announced.
import { RecordingPublisher, type ConsumedEvent } from "@innerworld/events";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { createOfflinePainter, type PortraitPainter } from "@innerworld/surveys/portrait";
import { InMemoryPortraitStore, type PortraitStore } from "@innerworld/surveys/portrait-store";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPortraitEraser, createPortraitPainter, PAINTING_RESERVE_MS } from "./paintPortrait";

const synthesized = async () =>
  deliveredEnvelope(
    await new RecordingPublisher("persona-synthesis").publishOne({
        type: "PersonaSynthesized",
        correlationId: "survey-1",
        userId: "owner-1",
        data: { surveyId: "survey-1", personaId: "survey-abc", name: "Maya", traits: ["funny", "loyal"], synthesiser: "offline", responseCount: 3, synthesizedAt: "2026-11-18T16:00:00Z" },
      }),
  );

const personaDeleted = async () =>
  deliveredEnvelope(
    await new RecordingPublisher("gateway").publishOne({
      type: "PersonaDeleted",
      correlationId: "survey-abc",
      userId: "owner-1",
      data: { personaId: "survey-abc", name: "Maya", endedSessionIds: [], deletedAt: "2026-11-19T09:00:00Z" },
    }),
  );

/** The persona store with the synthesised persona in it, as persona-synthesis left it. */
const personasWithMaya = async () => {
  const personas = new InMemoryPersonaStore();
  await personas.create(newPersonaRecord({ personaId: "survey-abc", ownerId: "owner-1", now: new Date("2026-11-18T16:00:00Z"), status: "drawing", fields: { name: "Maya" } }));
  return personas;
};

/** The same delivery in an invocation with `remainingMs` left before the function's timeout. */
const withTimeLeft = <T extends ConsumedEvent>(event: T, remainingMs: number): T => ({ ...event, context: { ...event.context, getRemainingTimeInMillis: () => remainingMs } });

describe("the portrait service", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stores the persona's SVG and announces it, the same picture each time", async () => {
    const portraits = new InMemoryPortraitStore();
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: createOfflinePainter(), portraits, personas: await personasWithMaya(), publisher, clock: () => Date.parse("2026-11-18T16:00:05Z") });
    await paint(await synthesized());
    const stored = portraits.objects.get("portraits/survey-abc.svg");
    expect(stored?.contentType).toBe("image/svg+xml");
    expect(stored?.body).toMatch(/^<svg/);
    expect(publisher.ofType("PersonaPortraitReady")[0]?.data).toEqual({ surveyId: "survey-1", personaId: "survey-abc", portraitKey: "portraits/survey-abc.svg", contentType: "image/svg+xml", painter: "offline-svg", readyAt: "2026-11-18T16:00:05.000Z" });
    const first = stored?.body;
    await paint(await synthesized());
    expect(portraits.objects.get("portraits/survey-abc.svg")?.body).toBe(first);
  });

  it("repaints from a replay of the archive, and announces only a persona its owner has not heard of yet", async () => {
    // Prepare: one persona announced and settled ready long ago, one still drawing when its first painting failed.
    const personas = await personasWithMaya();
    await personas.update("survey-abc", { status: "ready" }, new Date("2026-11-18T16:00:06Z"));
    await personas.create(newPersonaRecord({ personaId: "survey-def", ownerId: "owner-1", now: new Date("2026-11-18T16:00:00Z"), status: "drawing", fields: { name: "Leo" } }));
    const portraits = new InMemoryPortraitStore();
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: createOfflinePainter(), portraits, personas, publisher, clock: () => Date.parse("2026-11-25T09:00:00Z") });
    const replayed = (event: ConsumedEvent<"PersonaSynthesized">): ConsumedEvent<"PersonaSynthesized"> => ({ ...event, replayName: "restore-portraits" });
    const leo = await synthesized();
    leo.envelope.data = { ...leo.envelope.data, personaId: "survey-def", name: "Leo" };

    // Act
    await paint(replayed(await synthesized()));
    await paint(replayed(leo));

    // Assess: both pictures are back; only Leo's persona is announced. Maya's announcement would reach the notifier as a
    // live event and push persona_ready to her owner's open app once its idempotency record (24 h) has lapsed.
    expect([...portraits.objects.keys()].sort()).toEqual(["portraits/survey-abc.svg", "portraits/survey-def.svg"]);
    expect(publisher.ofType("PersonaPortraitReady").map((event) => event.data.personaId)).toEqual(["survey-def"]);
  });

  it("announces nothing when the picture cannot be stored, so the queue retries it", async () => {
    const broken: PortraitStore = { put: () => Promise.reject(Object.assign(new Error("bucket gone"), { name: "NoSuchBucket" })), get: async () => undefined, delete: async () => undefined };
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: createOfflinePainter(), portraits: broken, personas: await personasWithMaya(), publisher, clock: () => 0 });
    await expect(paint(await synthesized())).rejects.toThrow("bucket gone");
    expect(publisher.published).toEqual([]);
  });

  it("deletes a deleted persona's picture, and takes a second deletion calmly", async () => {
    const portraits = new InMemoryPortraitStore();
    await portraits.put("portraits/survey-abc.svg", { contentType: "image/svg+xml", body: "<svg/>" });
    await portraits.put("portraits/survey-other.svg", { contentType: "image/svg+xml", body: "<svg/>" });
    const deleted = await personaDeleted();
    const forget = createPortraitEraser({ portraits });
    await forget(deleted);
    await forget(deleted);
    expect([...portraits.objects.keys()]).toEqual(["portraits/survey-other.svg"]);
  });

  it("keeps no picture of a persona deleted while it was being painted, and announces none", async () => {
    const portraits = new InMemoryPortraitStore();
    const personas = await personasWithMaya();
    const publisher = new RecordingPublisher("portrait");
    const forget = createPortraitEraser({ portraits });
    const deleted = await personaDeleted();
    // An image model takes tens of seconds; the persona's deletion is handled by another invocation meanwhile.
    const slow: PortraitPainter = {
      name: "image-model:slow",
      paint: async (persona) => {
        await personas.delete("survey-abc");
        await forget(deleted);
        return createOfflinePainter().paint(persona);
      },
    };
    const paint = createPortraitPainter({ painter: slow, portraits, personas, publisher, clock: () => 0 });
    await paint(await synthesized());
    expect([...portraits.objects.keys()]).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it("gives the painter until shortly before the function's timeout, and no longer", async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const waitsForever: PortraitPainter = {
      name: "image-model:stuck",
      paint: (_persona, options) => {
        signal = options?.signal;
        return new Promise((_resolve, reject) => options?.signal?.addEventListener("abort", () => reject(options.signal?.reason as Error)));
      },
    };
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: waitsForever, portraits: new InMemoryPortraitStore(), personas: await personasWithMaya(), publisher, clock: () => 0 });
    const outcome = paint(withTimeLeft(await synthesized(), 60_000)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(60_000 - PAINTING_RESERVE_MS - 1);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ code: "INVOCATION_TIME_RUNNING_OUT" });
    expect(publisher.published).toEqual([]);
  });
});
