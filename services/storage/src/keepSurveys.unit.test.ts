// Storage's part of the persona saga over in-memory stores: one SurveyCompleted per survey, statuses that only move forward.
import { RecordingPublisher, deterministicEventId } from "@innerworld/events";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { manualClock } from "@innerworld/platform/clock";
import { DEFAULT_QUESTIONS, personaIdForSurvey, type SurveyStatus } from "@innerworld/surveys";
import { InMemorySurveyStore } from "@innerworld/surveys/store";
import { deliveredEnvelope } from "@innerworld/events/factories";
import { describe, expect, it } from "vitest";
import { CLAIM_TAKEOVER_AFTER_MS, createSurveyKeeper } from "./keepSurveys";

const NOW = Date.parse("2026-11-18T16:00:00Z");
const SURVEY = "5b0c4f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

/** The bus as storage sees it: it takes events, or, while `down`, refuses every one. */
class FlakyBus extends RecordingPublisher {
  down = false;
  override async publish(...requests: Parameters<RecordingPublisher["publish"]>) {
    if (this.down) throw Object.assign(new Error("PutEvents failed"), { code: "PUBLISH_FAILED" });
    return super.publish(...requests);
  }
}

const setUp = async (status: SurveyStatus = "collecting") => {
  const clock = manualClock(new Date(NOW).toISOString());
  const surveys = new InMemorySurveyStore(clock);
  const personas = new InMemoryPersonaStore();
  const publisher = new FlakyBus("storage", clock);
  await surveys.create({ surveyId: SURVEY, ownerId: "owner-1", subjectName: "Maya", questions: [...DEFAULT_QUESTIONS], status, createdAt: "2026-11-18T15:00:00Z", responseCount: 0, droppedCount: 0 });
  return { surveys, personas, publisher, clock, keeper: createSurveyKeeper({ surveys, personas, publisher, clock }) };
};

/** A friend's response kept as the gateway keeps it, each from a network of their own. */
const keepAnswer = (surveys: InMemorySurveyStore, respondentKey: string) =>
  surveys.addResponse(SURVEY, { respondentKey, networkKey: `network-${respondentKey}`, answers: [{ questionId: "three_words", answer: "kind" }], receivedAt: "2026-11-18T16:00:00Z" });

/** Storage's own StepFailed for an answer's event it gave up on, delivered back to storage (the `receiveCount`th time). */
const storageGaveUpOn = async (failedEventId: string, receiveCount = 1) =>
  deliveredEnvelope(
    await new RecordingPublisher("storage").publishOne({
      type: "StepFailed",
      correlationId: SURVEY,
      userId: "owner-1",
      deduplicationKey: failedEventId,
      data: { step: "storage", failedEventType: "SurveyResponseAccepted", failedEventId, surveyId: SURVEY, errorCode: "PUBLISH_FAILED", errorMessage: "PutEvents failed", retryable: true },
    }),
    { receiveCount },
  );

const personaDeleted = async (personaId: string) =>
  deliveredEnvelope(
    await new RecordingPublisher("gateway").publishOne({
      type: "PersonaDeleted",
      correlationId: personaId,
      userId: "owner-1",
      data: { personaId, name: "Maya", endedSessionIds: [], deletedAt: "2026-11-18T16:01:00Z" },
    }),
  );

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
    // Nor does it claim the survey, which nobody would then announce: the next live answer starts the saga.
    expect(await surveys.get(SURVEY)).toMatchObject({ status: "collecting", responseCount: 3 });
    await keeper.surveyResponseAccepted(await accepted("r3"));
    expect(publisher.ofType("SurveyCompleted")).toHaveLength(1);
  });

  it("moves the survey to drawing, then the persona and survey to ready when the portrait is stored", async () => {
    const { surveys, personas, keeper } = await setUp("synthesizing");
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
    const { surveys, personas, keeper } = await setUp("drawing");
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

    // A late failure of synthesis (a redelivery's) leaves the ready survey as it ended, and its persona.
    await keeper.stepFailed(await failed("persona-synthesis"));
    expect((await surveys.get(SURVEY))?.status).toBe("ready");

    const synthesizing = await setUp("synthesizing");
    await synthesizing.keeper.stepFailed(await failed("persona-synthesis"));
    expect(await synthesizing.surveys.get(SURVEY)).toMatchObject({ status: "failed", failureReason: "NoSuchBucket: gone" });
    // Failed is where the saga ends: a portrait announced late does not make the survey ready.
    await synthesizing.personas.create(newPersonaRecord({ personaId: "survey-x", ownerId: "owner-1", now: new Date(NOW), status: "drawing", fields: { name: "Maya" } }));
    await synthesizing.keeper.stepFailed(await failed("portrait"));
    expect((await synthesizing.surveys.get(SURVEY))?.status).toBe("failed");
  });

  it("takes away the persona synthesis wrote before it gave up, which could never be chatted with, with the failed survey", async () => {
    const { surveys, personas, keeper } = await setUp("synthesizing");
    const personaId = personaIdForSurvey(SURVEY);
    await personas.create(newPersonaRecord({ personaId, ownerId: "owner-1", now: new Date(NOW), status: "drawing", fields: { name: "Maya" } }));
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

  it("announces SurveyCompleted when storage gave up on the answer that claimed the survey and could not announce it", async () => {
    // Prepare: the third answer claims the survey; the bus refuses its SurveyCompleted on every attempt.
    const { surveys, publisher, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    const third = await accepted("r3");
    publisher.down = true;
    await expect(keeper.surveyResponseAccepted(third)).rejects.toMatchObject({ code: "PUBLISH_FAILED" });
    expect((await surveys.get(SURVEY))?.status).toBe("synthesizing");

    // Act: the bus is back; storage's StepFailed for that answer comes back to storage.
    publisher.down = false;
    await keeper.stepFailed(await storageGaveUpOn(third.envelope.metadata.eventId));

    // Assess: the saga starts, once; a copy of the StepFailed, or the answer's event redriven, announces nothing more.
    expect(publisher.ofType("SurveyCompleted").map((e) => e.data)).toEqual([expect.objectContaining({ surveyId: SURVEY, responseCount: 3 })]);
    await keeper.stepFailed(await storageGaveUpOn(third.envelope.metadata.eventId, 2));
    await keeper.surveyResponseAccepted(third);
    expect(publisher.ofType("SurveyCompleted")).toHaveLength(1);
  });

  it("starts the saga when storage gave up on the third answer before it could claim the survey", async () => {
    const { surveys, publisher, keeper } = await setUp();
    // Three answers kept; the third's event never counted (dead-lettered before its claim).
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    const third = await accepted("r3");

    await keeper.stepFailed(await storageGaveUpOn(third.envelope.metadata.eventId));

    expect(publisher.ofType("SurveyCompleted")).toHaveLength(1);
    expect(await surveys.get(SURVEY)).toMatchObject({ status: "synthesizing", responseCount: 3 });
  });

  it("fails the survey, saying why, when even its StepFailed's last attempt cannot announce it", async () => {
    const { surveys, publisher, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    const third = await accepted("r3");
    publisher.down = true;
    await expect(keeper.surveyResponseAccepted(third)).rejects.toMatchObject({ code: "PUBLISH_FAILED" });

    // Before the last attempt the failure goes back to the queue; on the last one the survey ends.
    await expect(keeper.stepFailed(await storageGaveUpOn(third.envelope.metadata.eventId, 4))).rejects.toMatchObject({ code: "PUBLISH_FAILED" });
    expect((await surveys.get(SURVEY))?.status).toBe("synthesizing");
    await keeper.stepFailed(await storageGaveUpOn(third.envelope.metadata.eventId, 5));

    expect(await surveys.get(SURVEY)).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/^SURVEY_NOT_STARTED: /) });
  });

  it("lets a later answer announce a claim never announced once it is stale, and none while it may still be in progress", async () => {
    // Prepare: the claiming answer's handler dies after its claim (no StepFailed: a crash, a timeout).
    const { surveys, publisher, clock, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    publisher.down = true;
    await expect(keeper.surveyResponseAccepted(await accepted("r3"))).rejects.toMatchObject({ code: "PUBLISH_FAILED" });
    publisher.down = false;

    // Act: friends answer while the claim is fresh; then one more once it is stale.
    const later = ["r4", "r5", "r6", "r7", "r8"];
    for (const key of later) await keepAnswer(surveys, key);
    await Promise.all((await Promise.all(later.map(accepted))).map((e) => keeper.surveyResponseAccepted(e)));
    expect(publisher.ofType("SurveyCompleted")).toEqual([]);
    clock.advance(CLAIM_TAKEOVER_AFTER_MS);
    await keepAnswer(surveys, "r9");
    await Promise.all([keeper.surveyResponseAccepted(await accepted("r9")), keeper.surveyResponseAccepted(await accepted("r4"))]);

    // Assess: one SurveyCompleted, with every answer counted.
    expect(publisher.ofType("SurveyCompleted").map((e) => e.data.responseCount)).toEqual([9]);
  });

  it("sweeps a survey whose answers reached the threshold while storage gave up on all their events before it claimed", async () => {
    // Prepare: three answers kept; their events dead-lettered (the claim's write kept failing) and no StepFailed came back.
    const { surveys, publisher, clock, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);

    // Act and assess: while the answers' own events may still claim, the sweep starts nothing; once they settled, it does.
    expect(await keeper.sweep()).toBe(0);
    clock.advance(CLAIM_TAKEOVER_AFTER_MS - 1000);
    expect(await keeper.sweep()).toBe(0);
    expect(publisher.ofType("SurveyCompleted")).toEqual([]);
    clock.advance(1000);
    expect(await keeper.sweep()).toBe(1);

    // Once, traced to the survey and its owner; neither a later sweep nor the answer's event redriven announces it again.
    const [completed] = publisher.ofType("SurveyCompleted");
    expect(completed).toMatchObject({ metadata: { correlationId: SURVEY, userId: "owner-1", eventId: deterministicEventId("storage", "SurveyCompleted", `survey-completed:${SURVEY}`) }, data: { surveyId: SURVEY, responseCount: 3 } });
    clock.advance(CLAIM_TAKEOVER_AFTER_MS * 3);
    expect(await keeper.sweep()).toBe(0);
    await keeper.surveyResponseAccepted(await accepted("r3"));
    expect(publisher.ofType("SurveyCompleted")).toHaveLength(1);
    expect((await surveys.get(SURVEY))?.status).toBe("synthesizing");
  });

  it("sweeps a claim whose claimant died before announcing it, with no StepFailed and no answer after it", async () => {
    const { surveys, publisher, clock, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    publisher.down = true;
    const third = await accepted("r3");
    await expect(keeper.surveyResponseAccepted(third)).rejects.toMatchObject({ code: "PUBLISH_FAILED" });
    publisher.down = false;

    clock.advance(CLAIM_TAKEOVER_AFTER_MS - 1000);
    expect(await keeper.sweep()).toBe(0);
    clock.advance(1000);
    expect(await keeper.sweep()).toBe(1);

    // The claimant's event, redriven from the dead-letter queue, finds the claim taken over and announced.
    await keeper.surveyResponseAccepted(third);
    expect(publisher.ofType("SurveyCompleted").map((e) => e.data.responseCount)).toEqual([3]);
  });

  it("leaves a survey it could not announce claimed for the next sweep, and says which, without stopping at it", async () => {
    const { surveys, publisher, clock, keeper } = await setUp();
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(surveys, key);
    clock.advance(CLAIM_TAKEOVER_AFTER_MS);

    publisher.down = true;
    await expect(keeper.sweep()).rejects.toMatchObject({ code: "SURVEY_SWEEP_INCOMPLETE", surveyIds: [SURVEY] });
    publisher.down = false;
    // Its own claim is fresh: the next sweeps wait for it as an answer's event would.
    expect(await keeper.sweep()).toBe(0);
    clock.advance(CLAIM_TAKEOVER_AFTER_MS);
    expect(await keeper.sweep()).toBe(1);

    expect(publisher.ofType("SurveyCompleted")).toHaveLength(1);
    expect((await surveys.get(SURVEY))?.status).toBe("synthesizing");
  });

  it("sweeps nothing from a survey still short of answers, or whose saga has moved on", async () => {
    const short = await setUp();
    for (const key of ["r1", "r2"]) await keepAnswer(short.surveys, key);
    const drawing = await setUp("drawing");
    for (const key of ["r1", "r2", "r3"]) await keepAnswer(drawing.surveys, key);
    short.clock.advance(CLAIM_TAKEOVER_AFTER_MS);
    drawing.clock.advance(CLAIM_TAKEOVER_AFTER_MS);

    expect(await short.keeper.sweep()).toBe(0);
    expect(await drawing.keeper.sweep()).toBe(0);

    expect([...short.publisher.ofType("SurveyCompleted"), ...drawing.publisher.ofType("SurveyCompleted")]).toEqual([]);
  });

  it("fails a survey whose persona was deleted before it was ready, and leaves a ready one ready", async () => {
    const drawing = await setUp("drawing");
    await drawing.keeper.personaDeleted(await personaDeleted(personaIdForSurvey(SURVEY)));
    expect(await drawing.surveys.get(SURVEY)).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/^PERSONA_DELETED: /) });

    const ready = await setUp("ready");
    await ready.keeper.personaDeleted(await personaDeleted(personaIdForSurvey(SURVEY)));
    await ready.keeper.personaDeleted(await personaDeleted("a-persona-made-by-hand"));
    expect((await ready.surveys.get(SURVEY))?.status).toBe("ready");
  });
});
