// A turn as the operator view gets it: causal order, hop timings, producers, and none of the teen's words.
import type { BusEvent } from "@innerworld/events";
import { describe, expect, it } from "vitest";
import { tapTurnOf } from "./eventTap";

const event = (type: string, producer: string, eventId: string, occurredAt: string, data: Record<string, unknown>, causationId?: string): BusEvent => ({
  version: "0",
  id: `aws-${eventId}`,
  "detail-type": type,
  source: `innerworld.${producer}`,
  account: "000000000000",
  time: occurredAt.replace(/\.\d+Z$/, "Z"),
  region: "us-east-1",
  resources: [],
  detail: { metadata: { eventId, version: 1, occurredAt, correlationId: "m-1", userId: "maya", sessionId: "s-1", producer, ...(causationId ? { causationId } : {}) }, data },
});

describe("tapTurnOf", () => {
  it("orders a turn's events by cause, times each hop, and leaves the words out", () => {
    const received = event("MessageReceived", "gateway", "e1", "2026-03-14T16:02:40.100Z", { seq: 1, content: "my secret crush is Sam", stream: true });
    const screened = event("MessageScreened", "safety", "e2", "2026-03-14T16:02:40.130Z", { seq: 1, verdict: { action: "allow", categories: [] } }, "e1");
    const generated = event("ReplyGenerated", "generation", "e3", "2026-03-14T16:02:40.930Z", { seq: 1, model: "offline", latencyMs: 790, text: "Sam sounds nice" }, "e2");

    const turn = tapTurnOf("m-1", [generated, received, screened]);

    expect(turn).toMatchObject({ correlationId: "m-1", userId: "maya", sessionId: "s-1", startedAt: "2026-03-14T16:02:40.100Z", totalMs: 830 });
    expect(turn.steps.map((s) => [s.producer, s.type, s.depth, s.hopMs])).toEqual([
      ["gateway", "MessageReceived", 0, undefined],
      ["safety", "MessageScreened", 1, 30],
      ["generation", "ReplyGenerated", 2, 800],
    ]);
    expect(JSON.stringify(turn)).not.toMatch(/crush|Sam/);
  });
});
