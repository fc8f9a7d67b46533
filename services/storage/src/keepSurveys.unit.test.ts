// Storage's part of the persona saga over in-memory stores: one SurveyCompleted per survey, statuses that only move forward.
import { RecordingPublisher } from "@innerworld/events";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { DEFAULT_QUESTIONS, personaIdForSurvey } from "@innerworld/surveys";
import { InMemorySurveyStore } from "@innerworld/surveys/store";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { describe, expect, it } from "vitest";
import { createSurveyKeeper } from "./keepSurveys";

const NOW = Date.parse("2026-11-18T16:00:00Z");
const SURVEY = "5b0c4f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

const setUp = async () => {
  const surveys = new InMemorySurveyStore();
  const personas = new InMemoryPersonaStore();
  const publisher = new RecordingPublisher("storage");
  await surveys.create({ surveyId: SURVEY, ownerId: "owner-1", subjectName: "Maya", questions: [...DEFAULT_QUESTIONS], status: "collecting", createdAt: "2026-11-18T15:00:00Z", responseCount: 0, droppedCount: 0 });
  return { surveys, personas, publisher, keeper: createSurveyKeeper({ surveys, personas, publisher, clock: () => NOW }) };
};

const gateway = new RecordingPublisher("gateway");
const accepted = async (respondentKey: string) =>
  deliveredEnvelope(
    await gateway.publishOne({
        type: "SurveyResponseAccepted",
        correlationId: SURVEY,
        userId: "owner-1",
        deduplicationKey: `${SURVEY}:${respondentKey}`,
        data: { surveyId: SURVEY, respondentKey, answerCount: 2, droppedAnswers: { abusive: 0, crisis: 0 }, receivedAt: "2026-11-18T16:00:00Z" },
      }),
  );

describe("storage in the persona saga", () => {
  it("publishes SurveyCompleted once, when the third kept response is counted, however often events arrive", async () => {
    // Prepare
    const { surveys, publisher, keeper } = await setUp();
    const keep = (key: string) => surveys.addResponse(SURVEY, { respondentKey: key, answers: [{ questionId: "three_words", answer: "kind" }], receivedAt: "2026-11-18T16:00:00Z" });
    // Act: the first arrives alone, below the threshold; three more are kept and their events arrive at once, one twice.
    await keep("r1");
    await keeper.surveyResponseAccepted(await accepted("r1"));
    expect(publisher.ofType("SurveyCompleted")).toHaveLength(0);
    for (const key of ["r2", "r3", "r4"]) await keep(key);
    const [r2, r3, r4] = await Promise.all(["r2", "r3", "r4"].map(accepted));
    await Promise.all([r2!, r3!, r4!, r3!].map((e) => keeper.surveyResponseAccepted(e)));
    // Assess: one event id on the bus, even if its winner was delivered twice.
    const completed = publisher.ofType("SurveyCompleted");
    expect(new Set(completed.map((e) => e.metadata.eventId)).size).toBe(1);
    expect(completed[0]?.data).toMatchObject({ surveyId: SURVEY, responseCount: 4 });
    expect((await surveys.get(SURVEY))?.status).toBe("synthesizing");
  });

  it("starts no saga from a replayed SurveyResponseAccepted, though it counts the response", async () => {
    const { surveys, publisher, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await surveys.addResponse(SURVEY, { respondentKey: key, answers: [{ questionId: "three_words", answer: "kind" }], receivedAt: "2026-11-18T16:00:00Z" });
    await keeper.surveyResponseAccepted({ ...(await accepted("r3")), replayName: "rebuild-1" });
    expect(publisher.ofType("SurveyCompleted")).toEqual([]);
    expect((await surveys.get(SURVEY))?.responseCount).toBe(3);
  });

  it("moves the survey to drawing, then the persona and survey to ready when the portrait is stored", async () => {
    const { surveys, personas, keeper } = await setUp();
    await personas.create(newPersonaRecord({ personaId: "survey-x", ownerId: "owner-1", now: new Date(NOW), status: "drawing", fields: { name: "Maya" } }));
    const synthesis = new RecordingPublisher("persona-synthesis");
    const synthesized = await synthesis.publishOne({
      type: "PersonaSynthesized",
      correlationId: SURVEY,
      userId: "owner-1",
      data: { surveyId: SURVEY, personaId: "survey-x", name: "Maya", traits: ["kind"], synthesiser: "offline", responseCount: 3, synthesizedAt: "2026-11-18T16:00:01Z" },
    });
    await keeper.personaSynthesized(deliveredEnvelope(synthesized));
    expect(await surveys.get(SURVEY)).toMatchObject({ status: "drawing", personaId: "survey-x" });

    const portrait = new RecordingPublisher("portrait");
    const ready = await portrait.publishOne({
      type: "PersonaPortraitReady",
      correlationId: SURVEY,
      userId: "owner-1",
      data: { surveyId: SURVEY, personaId: "survey-x", portraitKey: "portraits/survey-x.svg", contentType: "image/svg+xml", painter: "offline-svg", readyAt: "2026-11-18T16:00:02Z" },
    });
    await keeper.personaPortraitReady(deliveredEnvelope(ready));
    expect((await surveys.get(SURVEY))?.status).toBe("ready");
    expect((await personas.get("survey-x"))?.status).toBe("ready");
    // A late, replayed PersonaSynthesized does not take the survey back.
    await keeper.personaSynthesized(deliveredEnvelope(synthesized, { replayName: "rebuild" }));
    expect((await surveys.get(SURVEY))?.status).toBe("ready");
  });

  it("leaves a ready persona when the portrait step gave up, and a failed survey when synthesis did", async () => {
    const { surveys, personas, keeper } = await setUp();
    await personas.create(newPersonaRecord({ personaId: "survey-x", ownerId: "owner-1", now: new Date(NOW), status: "drawing", fields: { name: "Maya" } }));
    const failed = async (step: "portrait" | "persona-synthesis") =>
      deliveredEnvelope(
        await new RecordingPublisher(step).publishOne({
            type: "StepFailed",
            correlationId: SURVEY,
            userId: "owner-1",
            data: { step, failedEventType: "PersonaSynthesized", failedEventId: "e-1", surveyId: SURVEY, personaId: "survey-x", errorCode: "NoSuchBucket", errorMessage: "gone", retryable: true },
          }),
      );
    await keeper.stepFailed(await failed("portrait"));
    expect((await personas.get("survey-x"))?.status).toBe("ready");
    expect((await surveys.get(SURVEY))?.status).toBe("ready");

    await surveys.setStatus(SURVEY, "synthesizing");
    await keeper.stepFailed(await failed("persona-synthesis"));
    expect(await surveys.get(SURVEY)).toMatchObject({ status: "failed", failureReason: "NoSuchBucket: gone" });
  });

  it("takes away the persona synthesis wrote before it gave up, which could never be chatted with, with the failed survey", async () => {
    const { surveys, personas, keeper } = await setUp();
    const personaId = personaIdForSurvey(SURVEY);
    await personas.create(newPersonaRecord({ personaId, ownerId: "owner-1", now: new Date(NOW), status: "drawing", fields: { name: "Maya" } }));
    await surveys.setStatus(SURVEY, "synthesizing");
    const gaveUp = deliveredEnvelope(
      await new RecordingPublisher("persona-synthesis").publishOne({
        type: "StepFailed",
        correlationId: SURVEY,
        userId: "owner-1",
        data: { step: "persona-synthesis", failedEventType: "SurveyCompleted", failedEventId: "e-2", surveyId: SURVEY, errorCode: "PUBLISH_FAILED", errorMessage: "throttled", retryable: true },
      }),
    );

    await keeper.stepFailed(gaveUp);

    expect((await surveys.get(SURVEY))?.status).toBe("failed");
    expect(await personas.get(personaId)).toBeUndefined();
  });
});
