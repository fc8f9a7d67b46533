// The portrait service over an in-memory bucket: the picture is stored under the persona's key, then announced.
import { RecordingPublisher } from "@innerworld/events";
import { createOfflinePainter } from "@innerworld/surveys/portrait";
import { InMemoryPortraitStore, type PortraitStore } from "@innerworld/surveys/portrait-store";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { describe, expect, it } from "vitest";
import { createPortraitEraser, createPortraitPainter } from "./paintPortrait";

const synthesized = async () =>
  deliveredEnvelope(
    await new RecordingPublisher("persona-synthesis").publishOne({
        type: "PersonaSynthesized",
        correlationId: "survey-1",
        userId: "owner-1",
        data: { surveyId: "survey-1", personaId: "survey-abc", name: "Maya", traits: ["funny", "loyal"], synthesiser: "offline", responseCount: 3, synthesizedAt: "2026-11-18T16:00:00Z" },
      }),
  );

describe("the portrait service", () => {
  it("stores the persona's SVG and announces it, the same picture each time", async () => {
    const portraits = new InMemoryPortraitStore();
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: createOfflinePainter(), portraits, publisher, clock: () => Date.parse("2026-11-18T16:00:05Z") });
    await paint(await synthesized());
    const stored = portraits.objects.get("portraits/survey-abc.svg");
    expect(stored?.contentType).toBe("image/svg+xml");
    expect(stored?.body).toMatch(/^<svg/);
    expect(publisher.ofType("PersonaPortraitReady")[0]?.data).toEqual({ surveyId: "survey-1", personaId: "survey-abc", portraitKey: "portraits/survey-abc.svg", contentType: "image/svg+xml", painter: "offline-svg", readyAt: "2026-11-18T16:00:05.000Z" });
    const first = stored?.body;
    await paint(await synthesized());
    expect(portraits.objects.get("portraits/survey-abc.svg")?.body).toBe(first);
  });

  it("announces nothing when the picture cannot be stored, so the queue retries it", async () => {
    const broken: PortraitStore = { put: () => Promise.reject(Object.assign(new Error("bucket gone"), { name: "NoSuchBucket" })), get: async () => undefined, delete: async () => undefined };
    const publisher = new RecordingPublisher("portrait");
    const paint = createPortraitPainter({ painter: createOfflinePainter(), portraits: broken, publisher, clock: () => 0 });
    await expect(paint(await synthesized())).rejects.toThrow("bucket gone");
    expect(publisher.published).toEqual([]);
  });

  it("deletes a deleted persona's picture, and takes a second deletion calmly", async () => {
    const portraits = new InMemoryPortraitStore();
    await portraits.put("portraits/survey-abc.svg", { contentType: "image/svg+xml", body: "<svg/>" });
    await portraits.put("portraits/survey-other.svg", { contentType: "image/svg+xml", body: "<svg/>" });
    const deleted = deliveredEnvelope(
      await new RecordingPublisher("gateway").publishOne({
        type: "PersonaDeleted",
        correlationId: "survey-abc",
        userId: "owner-1",
        data: { personaId: "survey-abc", name: "Maya", endedSessionIds: [], deletedAt: "2026-11-19T09:00:00Z" },
      }),
    );
    const forget = createPortraitEraser({ portraits });
    await forget(deleted);
    await forget(deleted);
    expect([...portraits.objects.keys()]).toEqual(["portraits/survey-other.svg"]);
  });
});
