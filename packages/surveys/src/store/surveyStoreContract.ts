// One contract suite for every SurveyStore adapter: the in-memory run is in the unit lane, DynamoDB's in the e2e lane.
import { manualClock, type Clock } from "@innerworld/platform/clock";
import { describe, expect, it } from "vitest";
import type { Survey } from "../surveySchema";
import { DEFAULT_QUESTIONS } from "../questions";
import { RESPONSE_RETENTION_SECONDS, type SurveyStore } from "./surveyStore";

let next = 0;
const newSurvey = (overrides: Partial<Survey> = {}): Survey => ({
  surveyId: `survey-${process.pid}-${Date.now()}-${next++}`,
  ownerId: "owner-1",
  subjectName: "Sam",
  questions: [...DEFAULT_QUESTIONS],
  status: "collecting",
  createdAt: "2026-11-18T16:00:00.000Z",
  responseCount: 0,
  droppedCount: 0,
  ...overrides,
});
const response = (respondentKey: string, at = "2026-11-18T16:05:00.000Z") => ({ respondentKey, receivedAt: at, answers: [{ questionId: "three_words", answer: "funny, loyal, kind" }] });
const from = (respondentKey: string, networkKey: string, browserKey: string) => ({ ...response(respondentKey), networkKey, browserKey });
/** The saga's own threshold's shape; responses kept with no network count as a network each. */
const THREE = { responses: 3, networks: 2 };
const LIMITS = { perBrowser: 2, perNetwork: 3 };

/** Longer than the claimant's own attempts: past it, a claim whose SurveyCompleted was never announced is taken over. */
const TAKE_OVER_AFTER_MS = 10 * 60_000;

export const surveyStoreContract = (adapter: string, makeStoreOn: (clock: Clock) => SurveyStore) => {
  const makeStore = () => makeStoreOn(manualClock("2026-11-18T16:00:00.000Z"));
  describe(`SurveyStore (${adapter})`, () => {
    it("keeps a survey and reads it back", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      expect(await store.get(survey.surveyId)).toEqual(survey);
      expect(await store.get("no-such-survey")).toBeUndefined();
    });

    it("keeps one response per respondent", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      expect(await store.addResponse(survey.surveyId, response("r1"))).toBe("added");
      expect(await store.addResponse(survey.surveyId, response("r1", "2026-11-18T16:06:00.000Z"))).toBe("duplicate");
      expect(await store.addResponse(survey.surveyId, response("r2"))).toBe("added");
      expect((await store.listResponses(survey.surveyId)).map((r) => r.respondentKey).sort()).toEqual(["r1", "r2"]);
    });

    it("keeps no more responses from one browser or one network than the limits allow, and tells a respondent sending again so first", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);

      const results = [];
      for (const [respondent, browser] of [["r1", "phone-a"], ["r2", "phone-a"], ["r3", "phone-a"], ["r4", "phone-b"], ["r5", "phone-c"]] as const) {
        results.push(await store.addResponse(survey.surveyId, from(respondent, "school-wifi", browser), LIMITS));
      }
      const again = await store.addResponse(survey.surveyId, from("r1", "school-wifi", "phone-a"), LIMITS);
      const elsewhere = await store.addResponse(survey.surveyId, from("r6", "home-wifi", "home-laptop"), LIMITS);

      expect(results).toEqual(["added", "added", "source_full", "added", "source_full"]);
      expect(again).toBe("duplicate");
      expect(elsewhere).toBe("added");
      expect((await store.listResponses(survey.surveyId)).map((r) => r.respondentKey).sort()).toEqual(["r1", "r2", "r4", "r6"]);
    });

    it("keeps a source to its limit however many of its responses arrive at once", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);

      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.addResponse(survey.surveyId, from(`r${i}`, "one-network", `browser-${i % 4}`), LIMITS)));

      expect(results.filter((r) => r === "added")).toHaveLength(LIMITS.perNetwork);
      expect(results.filter((r) => r === "source_full")).toHaveLength(12 - LIMITS.perNetwork);
      expect(await store.listResponses(survey.surveyId)).toHaveLength(LIMITS.perNetwork);
    });

    it("claims a survey only once its responses come from enough networks", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      for (const [respondent, browser] of [["a", "phone-a"], ["b", "phone-b"], ["c", "phone-c"]] as const) await store.addResponse(survey.surveyId, from(respondent, "school-wifi", browser), LIMITS);

      expect(await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).toEqual({ count: 3, crossed: false });

      await store.addResponse(survey.surveyId, from("d", "home-wifi", "laptop"), LIMITS);
      expect(await store.claimForSynthesis(survey.surveyId, THREE, "event-d")).toEqual({ count: 4, crossed: true });
    });

    it("refuses a response to a survey that does not exist", async () => {
      await expect(makeStore().addResponse("no-such-survey", response("r1"))).rejects.toMatchObject({ code: "SURVEY_NOT_FOUND" });
    });

    it("lets exactly one of many concurrent callers claim a survey at the threshold", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      await Promise.all(["a", "b"].map((k) => store.addResponse(survey.surveyId, response(k))));
      expect(await store.claimForSynthesis(survey.surveyId, THREE, "event-b")).toEqual({ count: 2, crossed: false });
      await Promise.all(["c", "d", "e", "f"].map((k) => store.addResponse(survey.surveyId, response(k))));
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claimForSynthesis(survey.surveyId, THREE, `event-${i}`)));
      expect(claims.filter((c) => c.crossed)).toHaveLength(1);
      // The winner's event, delivered again, may publish again (same event id); nobody else may.
      const winner = `event-${claims.findIndex((c) => c.crossed)}`;
      expect((await store.claimForSynthesis(survey.surveyId, THREE, winner)).crossed).toBe(true);
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-late")).crossed).toBe(false);
      const after = await store.get(survey.surveyId);
      expect(after).toMatchObject({ status: "synthesizing", responseCount: 6 });
    });

    it("neither starts the saga again nor changes the status when the claiming event comes back after the saga moved on", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b", "c"]) await store.addResponse(survey.surveyId, response(k));
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).crossed).toBe(true);
      await store.setStatus(survey.surveyId, "drawing", { personaId: "persona-1" });
      await store.setStatus(survey.surveyId, "ready", { personaId: "persona-1" });

      // Delivered again (at least once), or replayed from the archive.
      const again = await store.claimForSynthesis(survey.surveyId, THREE, "event-c");

      expect(again).toEqual({ count: 3, crossed: false });
      expect((await store.get(survey.surveyId))?.status).toBe("ready");
    });

    it("lets another claimant take over a claim never announced once it is stale, one taker only, and never one that was announced", async () => {
      // Prepare: the third answer's event claims, then dies before its SurveyCompleted is on the bus.
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b", "c"]) await store.addResponse(survey.surveyId, response(k));
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c", { takeOverAfterMs: TAKE_OVER_AFTER_MS })).crossed).toBe(true);

      // Act and assess: while the claim may still be in progress, a later answer starts nothing.
      await store.addResponse(survey.surveyId, response("d"));
      clock.advance(TAKE_OVER_AFTER_MS - 1);
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-d", { takeOverAfterMs: TAKE_OVER_AFTER_MS })).crossed).toBe(false);
      // Stale: of ten later answers at once, one takes it over; the old claimant no longer holds it.
      clock.advance(1);
      for (const k of ["e", "f", "g"]) await store.addResponse(survey.surveyId, response(k));
      const takers = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claimForSynthesis(survey.surveyId, THREE, `event-late-${i}`, { takeOverAfterMs: TAKE_OVER_AFTER_MS })));
      expect(takers.filter((c) => c.crossed)).toHaveLength(1);
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).crossed).toBe(false);
      // Announced: nobody is told to announce it again, not the taker redelivered, however late.
      await store.markAnnounced(survey.surveyId);
      clock.advance(TAKE_OVER_AFTER_MS * 3);
      const taker = `event-late-${takers.findIndex((c) => c.crossed)}`;
      expect((await store.claimForSynthesis(survey.surveyId, THREE, taker, { takeOverAfterMs: TAKE_OVER_AFTER_MS })).crossed).toBe(false);
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-h", { takeOverAfterMs: TAKE_OVER_AFTER_MS })).crossed).toBe(false);
      expect(await store.get(survey.surveyId)).toMatchObject({ status: "synthesizing", responseCount: 7 });
    });

    it("lists the surveys whose saga nobody else will start: answers enough and settled, or a claim never announced and stale", async () => {
      // Prepare: one survey of each kind, all answered or claimed at the same moment.
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const [enough, tooFew, claimed, announced, ready] = [newSurvey(), newSurvey(), newSurvey(), newSurvey(), newSurvey({ status: "ready" })];
      for (const survey of [enough, tooFew, claimed, announced, ready]) await store.create(survey);
      for (const survey of [enough, claimed, announced, ready]) for (const k of ["a", "b", "c"]) await store.addResponse(survey.surveyId, response(k));
      for (const k of ["a", "b"]) await store.addResponse(tooFew.surveyId, response(k));
      for (const survey of [claimed, announced]) expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).crossed).toBe(true);
      await store.markAnnounced(announced.surveyId);
      const ours = new Set([enough, tooFew, claimed, announced, ready].map((s) => s.surveyId));
      const awaiting = async () => (await store.listAwaitingSagaStart(THREE, TAKE_OVER_AFTER_MS)).filter((s) => ours.has(s.surveyId)).map((s) => s.surveyId).sort();

      // Act and assess: while the answers' own events may still claim, the sweep has nothing to do.
      clock.advance(TAKE_OVER_AFTER_MS - 1000);
      expect(await awaiting()).toEqual([]);
      clock.advance(1000);
      expect(await awaiting()).toEqual([enough.surveyId, claimed.surveyId].sort());
      expect(await store.listAwaitingSagaStart(THREE, TAKE_OVER_AFTER_MS)).toContainEqual({ surveyId: enough.surveyId, ownerId: enough.ownerId });
      // Claimed by the sweep: waiting again only once that claim is stale, and never once it is announced.
      expect((await store.claimForSynthesis(enough.surveyId, THREE, "sweep")).crossed).toBe(true);
      expect(await awaiting()).toEqual([claimed.surveyId]);
      clock.advance(TAKE_OVER_AFTER_MS);
      expect(await awaiting()).toEqual([enough.surveyId, claimed.surveyId].sort());
      for (const survey of [enough, claimed]) await store.markAnnounced(survey.surveyId);
      expect(await awaiting()).toEqual([]);
    });

    it("counts only unexpired answers towards a survey awaiting its saga", async () => {
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b"]) await store.addResponse(survey.surveyId, response(k));
      clock.advance(RESPONSE_RETENTION_SECONDS * 1000 - TAKE_OVER_AFTER_MS);
      await store.addResponse(survey.surveyId, response("c"));

      clock.advance(TAKE_OVER_AFTER_MS);

      expect((await store.listAwaitingSagaStart(THREE, TAKE_OVER_AFTER_MS)).map((s) => s.surveyId)).not.toContain(survey.surveyId);
    });

    it("counts responses without claiming the survey, for a replay that must start nothing", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b", "c"]) await store.addResponse(survey.surveyId, response(k));

      expect(await store.countResponses(survey.surveyId)).toBe(3);

      expect(await store.get(survey.surveyId)).toMatchObject({ status: "collecting", responseCount: 3 });
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).crossed).toBe(true);
    });

    it("moves a survey's status only forward, from where each status may be reached, and ends in ready or failed", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b", "c"]) await store.addResponse(survey.surveyId, response(k));

      expect(await store.setStatus(survey.surveyId, "drawing", { personaId: "persona-1" })).toBe(false);
      expect((await store.claimForSynthesis(survey.surveyId, THREE, "event-c")).crossed).toBe(true);
      const synthesis = { name: "Sam", traits: ["funny", "loyal"], synthesiser: "offline", responseCount: 3, synthesizedAt: "2026-11-18T16:06:00.000Z" };
      expect(await store.setStatus(survey.surveyId, "drawing", { personaId: "persona-1", synthesis })).toBe(true);
      expect(await store.get(survey.surveyId)).toMatchObject({ status: "drawing", synthesis });
      expect(await store.setStatus(survey.surveyId, "synthesizing")).toBe(false);
      expect(await store.setStatus(survey.surveyId, "failed", { failureReason: "PERSONA_DELETED: gone" })).toBe(true);
      // Failed is the end: a late portrait does not make it ready; the same failure told again is no change.
      expect(await store.setStatus(survey.surveyId, "ready", { personaId: "persona-1" })).toBe(false);
      expect(await store.setStatus(survey.surveyId, "failed", { failureReason: "PERSONA_DELETED: gone" })).toBe(true);
      expect(await store.get(survey.surveyId)).toMatchObject({ status: "failed", failureReason: "PERSONA_DELETED: gone", personaId: "persona-1" });

      const done = newSurvey({ status: "drawing" });
      await store.create(done);
      expect(await store.setStatus(done.surveyId, "ready", { personaId: "persona-2" })).toBe(true);
      expect(await store.setStatus(done.surveyId, "failed", { failureReason: "late" })).toBe(false);
      expect(await store.get(done.surveyId)).toMatchObject({ status: "ready" });
      expect(await store.get(done.surveyId)).not.toHaveProperty("failureReason");
    });

    it("stops listing, counting and claiming with a response once it has expired, though nothing deleted it yet", async () => {
      // Prepare: two answers, then a third a day later; TTL deletion is lazy (and absent locally), so the reads decide.
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b"]) await store.addResponse(survey.surveyId, response(k));
      clock.advance(24 * 60 * 60_000);
      await store.addResponse(survey.surveyId, response("c", "2026-11-19T16:00:00.000Z"));

      // Act: the first two reach their retention.
      clock.advance(RESPONSE_RETENTION_SECONDS * 1000 - 24 * 60 * 60_000);

      // Assess: only the third is left to read, count or start a persona with.
      expect((await store.listResponses(survey.surveyId)).map((r) => r.respondentKey)).toEqual(["c"]);
      expect(await store.countResponses(survey.surveyId)).toBe(1);
      expect(await store.claimForSynthesis(survey.surveyId, THREE, "event-late")).toEqual({ count: 1, crossed: false });
      expect(await store.get(survey.surveyId)).toMatchObject({ status: "collecting" });
    });

    it("says how many responses it keeps now: an expired one is no longer counted, though it was counted before", async () => {
      // Prepare: two answers, counted by the saga's event, then a third a day later.
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const survey = newSurvey();
      await store.create(survey);
      for (const k of ["a", "b"]) await store.addResponse(survey.surveyId, response(k));
      expect(await store.countResponses(survey.surveyId)).toBe(2);
      clock.advance(24 * 60 * 60_000);
      await store.addResponse(survey.surveyId, response("c", "2026-11-19T16:00:00.000Z"));
      expect(await store.get(survey.surveyId)).toMatchObject({ responseCount: 3 });

      // Act: the first two reach their retention.
      clock.advance(RESPONSE_RETENTION_SECONDS * 1000 - 24 * 60 * 60_000);

      // Assess: the survey says what is left, wherever it is read.
      expect(await store.get(survey.surveyId)).toMatchObject({ responseCount: 1 });
      expect((await store.listByOwner(survey.ownerId)).find((s) => s.surveyId === survey.surveyId)).toMatchObject({ responseCount: 1 });
      clock.advance(24 * 60 * 60_000);
      expect(await store.get(survey.surveyId)).toMatchObject({ responseCount: 0 });
    });

    it("lets a respondent whose response expired answer again, and gives its browser and network their room back", async () => {
      const clock = manualClock("2026-11-18T16:00:00.000Z");
      const store = makeStoreOn(clock);
      const survey = newSurvey();
      await store.create(survey);
      expect(await store.addResponse(survey.surveyId, from("r1", "home-wifi", "phone-a"), LIMITS)).toBe("added");
      expect(await store.addResponse(survey.surveyId, from("r2", "home-wifi", "phone-a"), LIMITS)).toBe("added");
      expect(await store.addResponse(survey.surveyId, from("r3", "home-wifi", "phone-a"), LIMITS)).toBe("source_full");

      clock.advance(RESPONSE_RETENTION_SECONDS * 1000);

      expect(await store.addResponse(survey.surveyId, from("r1", "home-wifi", "phone-a"), LIMITS)).toBe("added");
      expect(await store.addResponse(survey.surveyId, from("r3", "home-wifi", "phone-a"), LIMITS)).toBe("added");
      expect(await store.addResponse(survey.surveyId, from("r4", "home-wifi", "phone-a"), LIMITS)).toBe("source_full");
      expect(await store.addResponse(survey.surveyId, from("r1", "home-wifi", "phone-a"), LIMITS)).toBe("duplicate");
      expect((await store.listResponses(survey.surveyId)).map((r) => r.respondentKey).sort()).toEqual(["r1", "r3"]);
    });

    it("counts dropped answers without storing them", async () => {
      const store = makeStore();
      const survey = newSurvey();
      await store.create(survey);
      await store.countDropped(survey.surveyId, "abusive");
      await store.countDropped(survey.surveyId, "crisis");
      expect((await store.get(survey.surveyId))?.droppedCount).toBe(2);
      expect(await store.listResponses(survey.surveyId)).toEqual([]);
    });

    it("records status and the persona, lists by owner and deletes everything", async () => {
      const store = makeStore();
      const owner = `owner-${next++}`;
      const survey = newSurvey({ ownerId: owner, status: "synthesizing" });
      await store.create(survey);
      await store.addResponse(survey.surveyId, from("r1", "home-wifi", "laptop"), LIMITS);
      await store.setStatus(survey.surveyId, "drawing", { personaId: "persona-1" });
      expect(await store.get(survey.surveyId)).toMatchObject({ status: "drawing", personaId: "persona-1" });
      expect((await store.listByOwner(owner)).map((s) => s.surveyId)).toEqual([survey.surveyId]);
      await store.delete(survey.surveyId);
      expect(await store.get(survey.surveyId)).toBeUndefined();
      expect(await store.listResponses(survey.surveyId)).toEqual([]);
      await expect(store.setStatus(survey.surveyId, "ready")).rejects.toMatchObject({ code: "SURVEY_NOT_FOUND" });
    });
  });
};
