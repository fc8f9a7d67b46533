// The notifier tells the owner their persona from friends is ready, and only once it can be chatted with.
import { RecordingPublisher } from "@innerworld/events";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { RecordingPusher } from "@innerworld/platform/delivery";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { describe, expect, it } from "vitest";
import { createPersonaReadyNotifier } from "./notifyPersonaReady";

const NOW = Date.parse("2026-11-18T16:05:00Z");
const PERSONA = "survey-5b0c4f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

const setUp = async () => {
  const personas = new InMemoryPersonaStore();
  const pusher = new RecordingPusher();
  await personas.create(newPersonaRecord({ personaId: PERSONA, ownerId: "owner-1", now: new Date(NOW - 60_000), fields: { name: "Maya" }, status: "drawing" }));
  const notifier = createPersonaReadyNotifier({ connectionsOf: async (userId) => (userId === "owner-1" ? ["conn-phone"] : []), personas, pusher, clock: () => NOW });
  const portraitReady = deliveredEnvelope(
    await new RecordingPublisher("portrait", () => NOW).publishOne({
      type: "PersonaPortraitReady",
      correlationId: PERSONA,
      userId: "owner-1",
      data: { personaId: PERSONA, surveyId: "5b0c4f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", portraitKey: `portraits/${PERSONA}.svg`, contentType: "image/svg+xml", painter: "offline", readyAt: new Date(NOW).toISOString() },
    }),
  );
  return { personas, pusher, notifier, portraitReady };
};

describe("persona ready notifier", () => {
  it("settles the persona ready before telling the owner, so a tap on it at once finds it chattable", async () => {
    const { personas, pusher, notifier, portraitReady } = await setUp();
    let statusWhenPushed: string | undefined;
    const push = pusher.push.bind(pusher);
    pusher.push = async (connectionId, frame) => {
      statusWhenPushed = (await personas.get(PERSONA))?.status;
      return push(connectionId, frame);
    };

    await notifier.personaPortraitReady(portraitReady);

    expect(statusWhenPushed).toBe("ready");
    expect(pusher.framesTo("conn-phone")).toEqual([{ type: "persona_ready", payload: { personaId: PERSONA, surveyId: "5b0c4f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", name: "Maya", portrait: true } }]);
  });

  it("tells no one of a persona deleted before it was ready, and brings nothing back", async () => {
    const { personas, pusher, notifier, portraitReady } = await setUp();
    await personas.delete(PERSONA);

    await notifier.personaPortraitReady(portraitReady);

    expect(pusher.pushed).toEqual([]);
    expect(await personas.get(PERSONA)).toBeUndefined();
  });
});
