// The watchdog fails a turn that has no outcome when it comes due, once, and leaves answered turns alone.
import { InMemoryTurnOutcomes } from "@innerworld/conversation/turns";
import type { ConsumedEvent, EventPublisher, PublishRequest } from "@innerworld/events";
import type { Context, SQSRecord } from "aws-lambda";
import { manualClock } from "@innerworld/platform/clock";
import { describe, expect, it } from "vitest";
import { UNSETTLED_GRACE_MS, createTurnWatchdog } from "./watchTurn";

const NOW = Date.parse("2026-03-02T10:00:00Z");

const dueTurn = (messageId: string): ConsumedEvent<"MessageReceived"> => ({
  envelope: {
    type: "MessageReceived",
    metadata: { eventId: "5f0c6a3e-3a59-4b55-9a53-6c1d2f4e8a10", version: 1, occurredAt: new Date(NOW).toISOString(), correlationId: messageId, userId: "alex", sessionId: "s-1", producer: "gateway" },
    data: { messageId, sessionId: "s-1", seq: 3, personaId: "companion", connectionId: "c-1", content: "are you there?", stream: false, receivedAt: new Date(NOW).toISOString() },
  },
  receiveCount: 1,
  record: {} as SQSRecord,
  context: {} as Context,
});

const prepare = () => {
  const clock = manualClock(new Date(NOW).toISOString());
  const outcomes = new InMemoryTurnOutcomes(clock);
  const published: PublishRequest[] = [];
  const publish = async (...requests: PublishRequest[]) => {
    published.push(...requests);
  };
  const publisher: Pick<EventPublisher, "publish"> = { publish: publish as unknown as EventPublisher["publish"] };
  // Waiting moves the test's clock; `duringWait` lets a test act (settle, say) while the watchdog waits.
  const waits: number[] = [];
  const during = { wait: async () => undefined as void };
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock.advance(ms);
    await during.wait();
  };
  return { clock, outcomes, published, waits, during, watch: createTurnWatchdog({ outcomes, publisher, clock, sleep }) };
};

describe("turn watchdog", () => {
  it("fails a turn with no outcome by its deadline, retryably, and records the timeout as its outcome", async () => {
    const { outcomes, published, watch } = prepare();

    await watch(dueTurn("m-silent"));

    expect(published).toEqual([
      expect.objectContaining({
        type: "StepFailed",
        sessionId: "s-1",
        data: expect.objectContaining({ step: "watchdog", messageId: "m-silent", seq: 3, connectionId: "c-1", errorCode: "TURN_TIMED_OUT", retryable: true }),
      }),
    ]);
    expect((await outcomes.get("m-silent"))?.outcome).toBe("timed_out");
  });

  it.each(["replied", "noticed", "failed"] as const)("leaves a turn that already %s, and showed it, alone", async (outcome) => {
    const { outcomes, published, watch } = prepare();
    await outcomes.claim("m-answered", outcome, "reply-1");
    await outcomes.settle("m-answered");

    await watch(dueTurn("m-answered"));

    expect(published).toEqual([]);
    expect((await outcomes.get("m-answered"))?.outcome).toBe(outcome);
  });

  it("reads an answered turn's outcome once and writes nothing: the common case costs one read", async () => {
    const { outcomes, published, watch } = prepare();
    await outcomes.claim("m-shown", "replied", "reply-1");
    await outcomes.settle("m-shown");
    const calls: string[] = [];
    for (const method of ["claim", "get", "settle", "takeOver"] as const) {
      const original = outcomes[method].bind(outcomes) as (...args: unknown[]) => Promise<unknown>;
      (outcomes as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        calls.push(method);
        return original(...args);
      };
    }

    await watch(dueTurn("m-shown"));

    expect(calls).toEqual(["get"]);
    expect(published).toEqual([]);
  });

  it("takes over a turn whose decider claimed it but never showed it (it died in between), so the turn still ends on screen", async () => {
    const { clock, outcomes, published, watch } = prepare();
    await outcomes.claim("m-orphan", "replied", "reply-1");
    clock.advance(UNSETTLED_GRACE_MS);

    await watch(dueTurn("m-orphan"));

    expect(published).toEqual([expect.objectContaining({ type: "StepFailed", data: expect.objectContaining({ step: "watchdog", messageId: "m-orphan", errorCode: "TURN_TIMED_OUT" }) })]);
    expect(await outcomes.get("m-orphan")).toMatchObject({ outcome: "timed_out", decidedBy: "watchdog" });
    // The decider's redelivery now finds the watchdog's claim, not its own, and withholds its reply.
    expect(await outcomes.claim("m-orphan", "replied", "reply-1")).toMatchObject({ won: false, existing: { decidedBy: "watchdog" } });
  });

  it("never replaces a safety notice its decider has not shown yet with a timeout: the notifier pushes it again", async () => {
    const { clock, outcomes, published, waits, watch } = prepare();
    await outcomes.claim("m-crisis", "noticed", "notice-m-crisis");
    clock.advance(UNSETTLED_GRACE_MS);

    await watch(dueTurn("m-crisis"));

    expect(published).toEqual([]);
    expect(waits).toEqual([]);
    expect(await outcomes.get("m-crisis")).toMatchObject({ outcome: "noticed", decidedBy: "notice-m-crisis" });
  });

  it("waits out the grace of a claim made moments ago and leaves it once its decider has shown it", async () => {
    const { clock, outcomes, published, waits, during, watch } = prepare();
    await outcomes.claim("m-pushing", "replied", "reply-1");
    clock.advance(UNSETTLED_GRACE_MS - 1_000);
    during.wait = async () => void (await outcomes.settle("m-pushing"));

    await watch(dueTurn("m-pushing"));

    expect(waits).toEqual([1_000]);
    expect(published).toEqual([]);
    expect(await outcomes.get("m-pushing")).toMatchObject({ outcome: "replied", decidedBy: "reply-1" });
  });

  it("takes over a claim made just before the deadline whose decider died before showing it, once the grace is over", async () => {
    const { clock, outcomes, published, waits, watch } = prepare();
    await outcomes.claim("m-died-late", "replied", "reply-1");
    clock.advance(500);

    await watch(dueTurn("m-died-late"));

    expect(waits).toEqual([UNSETTLED_GRACE_MS - 500]);
    expect(published).toEqual([expect.objectContaining({ type: "StepFailed", data: expect.objectContaining({ step: "watchdog", messageId: "m-died-late", errorCode: "TURN_TIMED_OUT" }) })]);
    expect(await outcomes.get("m-died-late")).toMatchObject({ outcome: "timed_out", decidedBy: "watchdog" });
  });

  it("does not wait for a claim already past its grace, nor for a turn with no claim", async () => {
    const { clock, outcomes, waits, watch } = prepare();
    await outcomes.claim("m-old", "replied", "reply-1");
    clock.advance(UNSETTLED_GRACE_MS + 1);

    await watch(dueTurn("m-old"));
    await watch(dueTurn("m-none"));

    expect(waits).toEqual([]);
  });

  it("does not take over a turn its decider settled between the watchdog's claim and its takeover", async () => {
    const { clock, outcomes, published, watch } = prepare();
    await outcomes.claim("m-racing", "replied", "reply-1");
    clock.advance(UNSETTLED_GRACE_MS);
    const settleFirst = outcomes.takeOver.bind(outcomes);
    outcomes.takeOver = async (...args) => {
      await outcomes.settle("m-racing");
      return settleFirst(...args);
    };

    await watch(dueTurn("m-racing"));

    expect(published).toEqual([]);
    expect(await outcomes.get("m-racing")).toMatchObject({ outcome: "replied", decidedBy: "reply-1" });
  });

  it("publishes the same failure again when its deadline message is delivered twice, so the bus can drop the copy", async () => {
    const { published, watch } = prepare();

    await watch(dueTurn("m-twice"));
    await watch(dueTurn("m-twice"));

    expect(published).toHaveLength(2);
    expect(published[0]?.deduplicationKey).toBe(published[1]?.deduplicationKey);
  });

  it("lets a late reply lose to the timeout: the claim it makes afterwards does not win", async () => {
    const { outcomes, watch } = prepare();

    await watch(dueTurn("m-late"));
    const late = await outcomes.claim("m-late", "replied", "reply-late");

    expect(late).toMatchObject({ won: false, existing: { outcome: "timed_out", decidedBy: "watchdog" } });
  });
});
