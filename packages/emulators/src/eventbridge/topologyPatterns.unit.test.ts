// The topology's rule patterns as the emulator's matcher reads them: a replay-only subscription takes replays, never live events.
import { eventPatternOf, sourceOf, topologyOf } from "@innerworld/events";
import { describe, expect, it } from "vitest";
import { testEventPattern } from "./eventPattern.js";

const busEvent = (detailType: string, source: string, replayName?: string) => ({
  version: "0",
  id: "5f0c6a3e-3a59-4b55-9a53-6c1d2f4e8a10",
  "detail-type": detailType,
  source,
  account: "000000000000",
  time: "2026-12-05T03:00:00Z",
  region: "us-east-1",
  resources: [],
  detail: { metadata: {}, data: {} },
  ...(replayName ? { "replay-name": replayName } : {}),
});

describe("storage's rule", () => {
  const pattern = eventPatternOf(topologyOf("storage"));

  it("takes a MessageReceived only from a replay of the archive: the gateway keeps live ones itself", () => {
    expect(testEventPattern(pattern, busEvent("MessageReceived", sourceOf("gateway")))).toBe(false);
    expect(testEventPattern(pattern, busEvent("MessageReceived", sourceOf("gateway"), "rebuild-messages"))).toBe(true);
  });

  it("takes its other events live and replayed", () => {
    for (const replayName of [undefined, "rebuild-messages"]) {
      expect(testEventPattern(pattern, busEvent("ReplyDelivered", sourceOf("notifier"), replayName))).toBe(true);
      expect(testEventPattern(pattern, busEvent("SessionEnded", sourceOf("gateway"), replayName))).toBe(true);
    }
  });
});

describe("the watchdog's and safety's rules", () => {
  it("take every live MessageReceived and no replayed one", () => {
    for (const service of ["safety", "watchdog"] as const) {
      const pattern = eventPatternOf(topologyOf(service));
      expect(testEventPattern(pattern, busEvent("MessageReceived", sourceOf("gateway"))), service).toBe(true);
      expect(testEventPattern(pattern, busEvent("MessageReceived", sourceOf("gateway"), "rebuild-messages")), service).toBe(false);
    }
  });
});

describe("the rules of the services that keep a user's data", () => {
  // Replayed, a UserDeleted would find nothing of the erasure to undo (the tombstone drops every replayed event from
  // before it) and would erase what the same account built after coming back.
  it("take a live UserDeleted and never a replayed one, and their other events both ways", () => {
    for (const service of ["storage", "graph-extraction", "context-refresh", "persona-synthesis"] as const) {
      const pattern = eventPatternOf(topologyOf(service));
      expect(testEventPattern(pattern, busEvent("UserDeleted", sourceOf("gateway"))), service).toBe(true);
      expect(testEventPattern(pattern, busEvent("UserDeleted", sourceOf("gateway"), "rebuild-graphs")), service).toBe(false);
    }
    expect(testEventPattern(eventPatternOf(topologyOf("graph-extraction")), busEvent("TranscriptReady", sourceOf("storage"), "rebuild-graphs"))).toBe(true);
  });
});
