// The FeedbackStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FEEDBACK_OPTIONS, FEEDBACK_OPEN_MS, FEEDBACK_RECORD_RETENTION_SECONDS, isFeedbackError, type FeedbackStore } from "../../src/feedback";

export interface FeedbackStoreUnderTest {
  store: FeedbackStore;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";
const HOUR = 60 * 60 * 1000;

const errorCodeOf = async (attempt: Promise<unknown>): Promise<string> => {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isFeedbackError(error)) throw new Error(`expected a FeedbackError, got ${String(error)}`);
  return error.code;
};

export function feedbackStoreContract(adapter: string, open: (clock: () => number) => Promise<FeedbackStoreUnderTest>): void {
  describe(`FeedbackStore contract: ${adapter}`, () => {
    let store: FeedbackStore;
    let userId: string;
    let sessionId: string;
    const request = (requestId: string = randomUUID()) => store.create({ requestId, sessionId, userId, reason: "session_end" });

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (store = opened.store) });
    beforeEach(() => {
      userId = `user-${randomUUID()}`;
      sessionId = randomUUID();
    });

    it("writes a request once, open for 48 hours with the default question; a second create returns the first", async () => {
      // Act
      const first = await request(`req-${sessionId}`);
      clock.advance(HOUR);
      const again = await store.create({ requestId: `req-${sessionId}`, sessionId, userId, reason: "admin", question: "Another?" });

      // Assess
      expect(first.created).toBe(true);
      expect(first.request).toMatchObject({ userId, sessionId, status: "open", reason: "session_end", options: [...DEFAULT_FEEDBACK_OPTIONS], requestedAt: START });
      expect(Date.parse(first.request.closesAt) - Date.parse(START)).toBe(FEEDBACK_OPEN_MS);
      expect(first.request.expiresAt).toBe((Date.parse(START) + FEEDBACK_OPEN_MS) / 1000 + FEEDBACK_RECORD_RETENTION_SECONDS);
      expect(again).toEqual({ request: first.request, created: false });
      expect(await store.get(first.request.requestId)).toEqual(first.request);
      expect(await store.get(randomUUID())).toBeUndefined();
    });

    it("lists a session's requests, and a user's open ones only until their deadline", async () => {
      // Arrange
      const early = await request();
      clock.advance(HOUR);
      const later = await request();
      await store.create({ requestId: randomUUID(), sessionId: randomUUID(), userId: `other-${randomUUID()}`, reason: "after_turns" });

      // Act
      const bySession = await store.listBySession(sessionId);
      const openNow = await store.listOpenByUser(userId);
      clock.set(early.request.closesAt);
      const openAtFirstDeadline = await store.listOpenByUser(userId);

      // Assess
      expect(bySession.map((r) => r.requestId).sort()).toEqual([early.request.requestId, later.request.requestId].sort());
      expect(openNow.map((r) => r.requestId).sort()).toEqual([early.request.requestId, later.request.requestId].sort());
      expect(openAtFirstDeadline.map((r) => r.requestId)).toEqual([later.request.requestId]);
    });

    it("keeps the first valid answer and refuses the next; another user's request reads as missing; a choice not offered is refused", async () => {
      // Arrange
      const { request: open } = await request();
      clock.advance(HOUR);

      // Act
      const answered = await store.answer(open.requestId, userId, { choice: "great", comment: "thanks", channel: "websocket", verdict: "allow" });

      // Assess
      expect(answered).toMatchObject({ status: "answered", answer: { choice: "great", comment: "thanks", channel: "websocket", verdict: "allow", answeredAt: "2026-12-04T17:00:00.000Z" } });
      expect(await store.get(open.requestId)).toEqual(answered);
      expect(await errorCodeOf(store.answer(open.requestId, userId, { choice: "okay", channel: "http", verdict: "allow" }))).toBe("FEEDBACK_ALREADY_ANSWERED");
      expect(await errorCodeOf(store.answer(open.requestId, `other-${randomUUID()}`, { choice: "okay", channel: "http", verdict: "allow" }))).toBe("FEEDBACK_NOT_FOUND");
      expect(await errorCodeOf(store.answer(randomUUID(), userId, { choice: "okay", channel: "http", verdict: "allow" }))).toBe("FEEDBACK_NOT_FOUND");
      const { request: another } = await request();
      expect(await errorCodeOf(store.answer(another.requestId, userId, { choice: "meh", channel: "http", verdict: "allow" }))).toBe("INVALID_CHOICE");
      expect((await store.listOpenByUser(userId)).map((r) => r.requestId)).toEqual([another.requestId]);
    });

    it("of answers racing, exactly one is kept", async () => {
      const { request: open } = await request();

      const outcomes = await Promise.allSettled(["great", "okay", "not great"].map((choice) => store.answer(open.requestId, userId, { choice, channel: "http", verdict: "allow" })));

      const kept = outcomes.filter((o) => o.status === "fulfilled");
      expect(kept).toHaveLength(1);
      expect((await store.get(open.requestId))?.answer?.choice).toBe(kept[0]?.status === "fulfilled" ? kept[0].value.answer?.choice : undefined);
    });

    it("refuses an answer at the deadline, and the sweep closes each request past it exactly once", async () => {
      // Arrange
      const { request: due } = await request();
      clock.advance(HOUR);
      const { request: notYet } = await request();
      clock.set(due.closesAt);

      // Act
      const refused = await errorCodeOf(store.answer(due.requestId, userId, { choice: "great", channel: "http", verdict: "allow" }));
      const firstSweep = (await store.expireDue()).filter((r) => r.userId === userId);
      const secondSweep = (await store.expireDue()).filter((r) => r.userId === userId);

      // Assess
      expect(refused).toBe("FEEDBACK_EXPIRED");
      expect(firstSweep.map((r) => [r.requestId, r.status])).toEqual([[due.requestId, "expired"]]);
      expect(secondSweep).toEqual([]);
      expect((await store.get(due.requestId))?.status).toBe("expired");
      expect((await store.get(notYet.requestId))?.status).toBe("open");
    });
  });
}
