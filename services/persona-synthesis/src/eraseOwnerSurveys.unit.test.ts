// Persona-synthesis on UserDeleted, over in-memory stores: what a synthesis in flight wrote after the erasure is deleted too.
import { RecordingPublisher } from "@innerworld/events";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { DEFAULT_QUESTIONS } from "@innerworld/surveys";
import { InMemorySurveyStore } from "@innerworld/surveys/store";
import { describe, expect, it } from "vitest";
import { createOwnerSurveyEraser } from "./eraseOwnerSurveys";

const NOW = new Date("2026-11-18T16:00:00Z");
const DELETED_AT = "2026-11-18T16:00:30.000Z";

const setUp = async () => {
  const surveys = new InMemorySurveyStore();
  const personas = new InMemoryPersonaStore();
  const publisher = new RecordingPublisher("persona-synthesis");
  for (const [surveyId, ownerId] of [["survey-erased", "owner-1"], ["survey-kept", "owner-2"]] as const) {
    await surveys.create({ surveyId, ownerId, subjectName: "Maya", questions: [...DEFAULT_QUESTIONS], status: "drawing", createdAt: "2026-11-18T15:00:00Z", responseCount: 3, droppedCount: 0 });
    await surveys.addResponse(surveyId, { respondentKey: "a", answers: [{ questionId: "three_words", answer: "funny" }], receivedAt: "2026-11-18T15:30:00Z" });
    await personas.create(newPersonaRecord({ personaId: `persona-of-${surveyId}`, ownerId, now: NOW, status: "drawing", fields: { name: "Maya" } }));
  }
  const userDeleted = deliveredEnvelope(
    await new RecordingPublisher("gateway", () => Date.parse(DELETED_AT)).publishOne({ type: "UserDeleted", correlationId: "owner-1", userId: "owner-1", data: { userId: "owner-1", deletedAt: DELETED_AT } }),
  );
  return { surveys, personas, publisher, userDeleted, erase: createOwnerSurveyEraser({ surveys, personas, publisher }) };
};

describe("persona synthesis on an erasure", () => {
  it("deletes the erased owner's surveys with their answers, and their personas", async () => {
    const { surveys, personas, userDeleted, erase } = await setUp();
    await erase(userDeleted);
    expect(await surveys.listByOwner("owner-1")).toEqual([]);
    expect(await surveys.listResponses("survey-erased")).toEqual([]);
    expect(await personas.listByOwner("owner-1")).toEqual([]);
    expect((await surveys.listByOwner("owner-2")).map((s) => s.surveyId)).toEqual(["survey-kept"]);
    expect((await personas.listByOwner("owner-2")).map((p) => p.personaId)).toEqual(["persona-of-survey-kept"]);
  });

  it("announces each persona it deletes, so the portrait service deletes its picture, under the same event id each time", async () => {
    const { personas, publisher, userDeleted, erase } = await setUp();
    await erase(userDeleted);
    await personas.create(newPersonaRecord({ personaId: "persona-of-survey-erased", ownerId: "owner-1", now: NOW, status: "drawing", fields: { name: "Maya" } }));
    await erase(userDeleted);
    const deleted = publisher.ofType("PersonaDeleted");
    expect(deleted.map((e) => e.data)).toEqual([
      { personaId: "persona-of-survey-erased", name: "Maya", endedSessionIds: [], deletedAt: DELETED_AT },
      { personaId: "persona-of-survey-erased", name: "Maya", endedSessionIds: [], deletedAt: DELETED_AT },
    ]);
    expect(deleted[0]?.metadata.eventId).toBe(deleted[1]?.metadata.eventId);
  });
});
