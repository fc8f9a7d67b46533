// The TurnOutcomes contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { describe, expect, it } from "vitest";
import type { TurnOutcomes } from "../../src/turns/turnOutcomes";

export interface TurnOutcomesUnderTest {
  outcomes: TurnOutcomes;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function turnOutcomesContract(adapter: string, open: (clock: () => number) => Promise<TurnOutcomesUnderTest>): void {
  describe(`TurnOutcomes contract: ${adapter}`, () => {
    let outcomes: TurnOutcomes;
    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (outcomes = opened.outcomes) });

    it("begins a step once while its attempt may run, and again once that attempt's time is over", async () => {
      const messageId = randomUUID();

      expect(await outcomes.beginStep(messageId, "generation", 60)).toBe("first");
      clock.advance(59_999);
      expect(await outcomes.beginStep(messageId, "generation", 60)).toBe("under_way");
      // Another step of the same turn, and the turn's outcome, are apart from it.
      expect(await outcomes.beginStep(messageId, "screening", 60)).toBe("first");
      expect(await outcomes.get(messageId)).toBeUndefined();
      clock.advance(1);
      expect(await outcomes.beginStep(messageId, "generation", 60)).toBe("again");
      // The attempt that began again has its own time.
      clock.advance(30_000);
      expect(await outcomes.beginStep(messageId, "generation", 60)).toBe("under_way");
    });

    it("hands the claimer where a resume moved the turn's session, and keeps it with the outcome; a move alone decides nothing", async () => {
      const messageId = randomUUID();
      await outcomes.moveTo(messageId, "conn-1");
      await outcomes.moveTo(messageId, "conn-2");

      expect(await outcomes.get(messageId)).toBeUndefined();
      await outcomes.settle(messageId);
      expect(await outcomes.get(messageId)).toBeUndefined();
      expect(await outcomes.claim(messageId, "replied", "reply-1")).toEqual({ won: true, movedTo: "conn-2" });
      expect(await outcomes.claim(messageId, "timed_out", "watchdog")).toEqual({
        won: false,
        existing: { messageId, outcome: "replied", decidedBy: "reply-1", decidedAt: START, movedTo: "conn-2" },
      });
      // A claim with no move says nothing of one.
      expect(await outcomes.claim(randomUUID(), "replied", "reply-2")).toEqual({ won: true });
    });

    it("lets the first claim decide a turn and shows later claimers what decided it", async () => {
      const messageId = randomUUID();

      expect(await outcomes.claim(messageId, "replied", "reply-1")).toEqual({ won: true });
      expect(await outcomes.claim(messageId, "timed_out", "watchdog")).toEqual({ won: false, existing: { messageId, outcome: "replied", decidedBy: "reply-1", decidedAt: START } });
    });

    it("settles a claim once shown, and a settled claim cannot be taken over", async () => {
      const messageId = randomUUID();
      await outcomes.claim(messageId, "replied", "reply-1");
      clock.advance(1_000);

      await outcomes.settle(messageId);

      expect(await outcomes.get(messageId)).toEqual({ messageId, outcome: "replied", decidedBy: "reply-1", decidedAt: START, settledAt: "2026-12-04T16:00:01.000Z", settledAs: "shown" });
      expect(await outcomes.takeOver(messageId, "reply-1", "timed_out", "watchdog")).toBe(false);
      expect((await outcomes.get(messageId))?.outcome).toBe("replied");
    });

    it("keeps how a claim settled: with nowhere to show it, as a push to a gone connection leaves it", async () => {
      const messageId = randomUUID();
      await outcomes.claim(messageId, "noticed", "notice-1");

      await outcomes.settle(messageId, "nowhere");

      expect(await outcomes.get(messageId)).toMatchObject({ outcome: "noticed", settledAs: "nowhere" });
    });

    it("lets an unsettled claim be taken over only from the decider named, once", async () => {
      const messageId = randomUUID();
      await outcomes.claim(messageId, "replied", "reply-1");

      expect(await outcomes.takeOver(messageId, "reply-other", "timed_out", "watchdog")).toBe(false);
      expect(await outcomes.takeOver(messageId, "reply-1", "timed_out", "watchdog")).toBe(true);
      expect(await outcomes.takeOver(messageId, "reply-1", "timed_out", "watchdog")).toBe(false);
      expect(await outcomes.get(messageId)).toMatchObject({ outcome: "timed_out", decidedBy: "watchdog" });
    });

    it("hands a resume's move the outcome as it stood before, and a settling the move made before it", async () => {
      const messageId = randomUUID();
      expect(await outcomes.moveTo(messageId, "conn-1")).toBeUndefined();
      await outcomes.claim(messageId, "replied", "reply-1");

      // The claim settled with nowhere to show it, then a resume came: the move is told so (the reply will not look again).
      expect(await outcomes.settle(messageId, "nowhere")).toEqual({ settled: true, movedTo: "conn-1" });
      expect(await outcomes.moveTo(messageId, "conn-2")).toEqual({ messageId, outcome: "replied", decidedBy: "reply-1", decidedAt: START, settledAt: START, settledAs: "nowhere", movedTo: "conn-1" });
      // A settling with no move says nothing of one.
      const unmoved = randomUUID();
      await outcomes.claim(unmoved, "replied", "reply-2");
      expect(await outcomes.settle(unmoved)).toEqual({ settled: true });
    });

    it("settles only for the decider named, when one is named", async () => {
      const messageId = randomUUID();
      await outcomes.claim(messageId, "timed_out", "watchdog");
      expect(await outcomes.takeOver(messageId, "watchdog", "replied", "reply-1")).toBe(true);

      expect(await outcomes.settle(messageId, "shown", "watchdog")).toEqual({ settled: false });
      expect((await outcomes.get(messageId))?.settledAt).toBeUndefined();
      expect(await outcomes.settle(messageId, "shown", "reply-1")).toEqual({ settled: true });
      expect(await outcomes.get(messageId)).toMatchObject({ outcome: "replied", decidedBy: "reply-1", settledAs: "shown" });
    });

    it("settles nothing and takes nothing over for a turn with no outcome", async () => {
      const messageId = randomUUID();

      expect(await outcomes.settle(messageId)).toEqual({ settled: false });

      expect(await outcomes.get(messageId)).toBeUndefined();
      expect(await outcomes.takeOver(messageId, "reply-1", "timed_out", "watchdog")).toBe(false);
    });
  });
}
