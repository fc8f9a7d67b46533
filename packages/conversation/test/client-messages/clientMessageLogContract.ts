// The ClientMessageLog contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { CLIENT_MESSAGE_MEMORY_SECONDS, type ClientMessageLog } from "../../src/client-messages";

export interface ClientMessageLogUnderTest {
  log: ClientMessageLog;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function clientMessageLogContract(adapter: string, open: (clock: () => number) => Promise<ClientMessageLogUnderTest>): void {
  describe(`ClientMessageLog contract: ${adapter}`, () => {
    let log: ClientMessageLog;
    let clientMessageId: string;
    const turn = { messageId: "msg-1", sessionId: "session-1", seq: 4 };
    const of = (userId: string, id: string, sessionId = "session-1") => ({ userId, sessionId, clientMessageId: id });

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (log = opened.log) });
    beforeEach(() => {
      clientMessageId = `ios-${randomUUID()}`;
    });

    it("remembers the turn a client message became; the second delivery loses", async () => {
      expect(await log.find(of("user-maya", clientMessageId))).toBeUndefined();

      const first = await log.remember(of("user-maya", clientMessageId), turn);
      const second = await log.remember(of("user-maya", clientMessageId), { messageId: "msg-2", sessionId: "session-1", seq: 5 });

      expect([first, second]).toEqual([true, false]);
      expect(await log.find(of("user-maya", clientMessageId))).toEqual(turn);
    });

    it("keeps users apart: the same clientMessageId from another user is another message", async () => {
      await log.remember(of("user-maya", clientMessageId), turn);

      expect(await log.find(of("user-sam", clientMessageId))).toBeUndefined();
      expect(await log.remember(of("user-sam", clientMessageId), { ...turn, messageId: "msg-sam" })).toBe(true);
      expect(await log.find(of("user-sam", clientMessageId))).toEqual({ ...turn, messageId: "msg-sam" });
    });

    it("keeps sessions apart: a client numbering its messages afresh in each session sends new messages, not resends", async () => {
      await log.remember(of("user-maya", clientMessageId), turn);

      expect(await log.find(of("user-maya", clientMessageId, "session-2"))).toBeUndefined();
      expect(await log.remember(of("user-maya", clientMessageId, "session-2"), { messageId: "msg-9", sessionId: "session-2", seq: 1 })).toBe(true);
      expect(await log.find(of("user-maya", clientMessageId, "session-2"))).toEqual({ messageId: "msg-9", sessionId: "session-2", seq: 1 });
      expect(await log.find(of("user-maya", clientMessageId))).toEqual(turn);
    });

    it("keeps ids holding the separator apart: no user can reach another's record", async () => {
      await log.remember(of("alex#m", clientMessageId), turn);

      expect(await log.find(of("alex", `m#${clientMessageId}`))).toBeUndefined();
      expect(await log.remember(of("alex", `m#${clientMessageId}`), { ...turn, messageId: "msg-alex" })).toBe(true);
      expect(await log.find(of("alex#m", clientMessageId))).toEqual(turn);
    });

    it("forgets a client message after a day", async () => {
      await log.remember(of("user-maya", clientMessageId), turn);

      clock.advance(CLIENT_MESSAGE_MEMORY_SECONDS * 1000);

      expect(await log.find(of("user-maya", clientMessageId))).toBeUndefined();
      expect(await log.remember(of("user-maya", clientMessageId), { ...turn, messageId: "msg-later" })).toBe(true);
      expect(await log.find(of("user-maya", clientMessageId))).toEqual({ ...turn, messageId: "msg-later" });
    });
  });
}
