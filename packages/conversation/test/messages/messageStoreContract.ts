// The MessageStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { DISTILLED_MESSAGE_RETENTION_SECONDS, MESSAGE_RETENTION_SECONDS, type MessageRole, type MessageStore, type NewMessage } from "../../src/messages";

export interface MessageStoreUnderTest {
  store: MessageStore;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function messageStoreContract(adapter: string, open: (clock: () => number) => Promise<MessageStoreUnderTest>): void {
  describe(`MessageStore contract: ${adapter}`, () => {
    let store: MessageStore;
    let sessionId: string;
    const message = (seq: number, role: MessageRole, extra: Partial<NewMessage> = {}): NewMessage => ({
      sessionId,
      seq,
      role,
      messageId: `msg-${seq}`,
      userId: "user-maya",
      personaId: "companion",
      content: role === "user" ? `question ${seq}` : `answer ${seq}`,
      status: role === "user" ? "received" : "screened",
      ...extra,
    });
    /** A conversation of `turns` turns, each written answer first, as events may arrive. */
    const conversation = async (turns: number) => {
      for (let seq = 1; seq <= turns; seq += 1) {
        await store.putOnce(message(seq, "assistant"));
        await store.putOnce(message(seq, "user"));
      }
    };

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (store = opened.store) });
    beforeEach(() => {
      sessionId = randomUUID();
    });

    it("writes a message once: a redelivery changes nothing", async () => {
      const first = await store.putOnce(message(1, "user", { createdAt: "2026-12-04T15:59:59.000Z" }));
      clock.advance(1000);
      const again = await store.putOnce(message(1, "user", { content: "changed on redelivery" }));

      expect([first, again]).toEqual([true, false]);
      expect(await store.get(sessionId, 1, "user")).toEqual({
        ...message(1, "user"),
        messageKey: "00000001#0user",
        createdAt: "2026-12-04T15:59:59.000Z",
        updatedAt: START,
        expiresAt: Date.parse(START) / 1000 + MESSAGE_RETENTION_SECONDS,
      });
      expect(await store.get(sessionId, 1, "assistant")).toBeUndefined();
    });

    it("reads a session in turn order, question before answer, after a given turn, within a limit", async () => {
      await conversation(3);

      const all = await store.listSession(sessionId);
      const afterFirst = await store.listSession(sessionId, { afterSeq: 1 });
      const page = await store.listSession(sessionId, { afterSeq: 1, limit: 3 });

      expect(all.map((m) => `${m.seq}${m.role}`)).toEqual(["1user", "1assistant", "2user", "2assistant", "3user", "3assistant"]);
      expect(afterFirst.map((m) => `${m.seq}${m.role}`)).toEqual(["2user", "2assistant", "3user", "3assistant"]);
      expect(page.map((m) => `${m.seq}${m.role}`)).toEqual(["2user", "2assistant", "3user"]);
      expect(await store.listSession(randomUUID())).toEqual([]);
    });

    it("keeps a group turn's replies apart, in reply order, each with its speaker, and lists after the whole turn", async () => {
      // Prepare: turn 1 answered by three personas (arriving out of order), then turn 2.
      await store.putOnce(message(1, "user"));
      await store.putOnce(message(1, "assistant", { replyIndex: 2, personaId: "p-sunny", personaName: "Sunny", content: "third" }));
      await store.putOnce(message(1, "assistant", { personaId: "courage", personaName: "Courage", content: "first" }));
      await store.putOnce(message(1, "assistant", { replyIndex: 1, personaId: "comfort", personaName: "Comfort", content: "second" }));
      await store.putOnce(message(2, "user"));

      // Act
      const all = await store.listSession(sessionId);
      const moved = await store.setStatus(sessionId, 1, "assistant", "delivered", ["screened"], 2);

      // Assess
      expect(all.map((m) => [m.seq, m.role, m.replyIndex ?? 0, m.personaName ?? ""])).toEqual([
        [1, "user", 0, ""],
        [1, "assistant", 0, "Courage"],
        [1, "assistant", 1, "Comfort"],
        [1, "assistant", 2, "Sunny"],
        [2, "user", 0, ""],
      ]);
      expect(all[3]?.messageKey).toBe("00000001#1assistant#2");
      expect(moved).toBe(true);
      expect((await store.get(sessionId, 1, "assistant", 2))?.status).toBe("delivered");
      expect((await store.get(sessionId, 1, "assistant"))?.status).toBe("screened");
      expect((await store.listSession(sessionId, { afterSeq: 1 })).map((m) => `${m.seq}${m.role}`)).toEqual(["2user"]);
    });

    it("gives the most recent messages, oldest first", async () => {
      await conversation(12);

      const recent = await store.recent(sessionId, 3);

      expect(recent.map((m) => `${m.seq}${m.role}`)).toEqual(["11assistant", "12user", "12assistant"]);
      expect(await store.recent(sessionId, 100)).toHaveLength(24);
    });

    it("moves a status forward only from the states allowed, and never on a missing message", async () => {
      await store.putOnce(message(1, "user"));
      clock.advance(5000);

      const screened = await store.setStatus(sessionId, 1, "user", "crisis", ["received"]);
      const late = await store.setStatus(sessionId, 1, "user", "failed", ["received", "screened"]);
      const missing = await store.setStatus(sessionId, 2, "user", "failed");
      const unguarded = await store.setStatus(sessionId, 1, "user", "delivered");

      expect([screened, late, missing, unguarded]).toEqual([true, false, false, true]);
      expect(await store.get(sessionId, 1, "user")).toMatchObject({ status: "delivered", updatedAt: new Date(Date.parse(START) + 5000).toISOString() });
      expect(await store.get(sessionId, 2, "user")).toBeUndefined();
    });

    it("expires a session's messages a day after distillation, never later than their own 30 days", async () => {
      await conversation(2);
      const early = await store.get(sessionId, 1, "user");
      const distilledAt = Date.parse(START) + 60_000;

      expect(await store.expireAfterDistillation(sessionId, distilledAt)).toBe(4);
      expect(await store.expireAfterDistillation(sessionId, distilledAt + 1000)).toBe(0);

      const after = await store.get(sessionId, 1, "user");
      expect(after).toMatchObject({ expiresAt: distilledAt / 1000 + DISTILLED_MESSAGE_RETENTION_SECONDS, distilledAt: new Date(distilledAt).toISOString() });
      expect(after!.expiresAt).toBeLessThan(early!.expiresAt);
      // Distilled on day 29.5, a message keeps its own 30-day end: the later expiry never wins.
      const other = sessionId;
      sessionId = randomUUID();
      await conversation(1);
      const own = (await store.get(sessionId, 1, "user"))!.expiresAt;
      expect(await store.expireAfterDistillation(sessionId, Date.parse(START) + (MESSAGE_RETENTION_SECONDS - 12 * 3600) * 1000)).toBe(0);
      expect((await store.get(sessionId, 1, "user"))!.expiresAt).toBe(own);
      clock.advance((DISTILLED_MESSAGE_RETENTION_SECONDS + 61) * 1000);
      expect(await store.listSession(other)).toEqual([]);
    });

    it("treats messages past their retention as gone, before TTL removes them", async () => {
      await store.putOnce(message(1, "user"));
      clock.advance(MESSAGE_RETENTION_SECONDS * 1000 - 1000);
      await store.putOnce(message(2, "user"));
      clock.advance(1000);

      expect(await store.get(sessionId, 1, "user")).toBeUndefined();
      expect((await store.listSession(sessionId)).map((m) => m.seq)).toEqual([2]);
      expect((await store.recent(sessionId, 5)).map((m) => m.seq)).toEqual([2]);
      // Its key is still taken until TTL removes it: a redelivery does not bring it back.
      expect(await store.putOnce(message(1, "user"))).toBe(false);
    });
  });
}
