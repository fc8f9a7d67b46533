// A saga read back from the archive in any order comes out in causal order, with each hop timed.
import { describe, expect, it } from "vitest";
import type { BusEvent } from "../busEvent";
import { formatSaga } from "./formatSaga";
import { orderSaga } from "./orderSaga";

const TURN = "b7e4a1c2-3d5f-4e68-8a9b-0c1d2e3f4a5b";

/** An archived event as EventBridge holds it, built the way our publisher builds them. */
const archived = (type: string, producer: string, eventId: string, occurredAt: string, causationId?: string, data: Record<string, unknown> = {}): BusEvent => ({
  version: "0",
  id: `eb-${eventId}`,
  "detail-type": type,
  source: `innerworld.${producer}`,
  account: "123456789012",
  time: occurredAt.replace(/\.\d+Z$/, "Z"),
  region: "eu-west-1",
  resources: [],
  detail: { metadata: { eventId, version: 1, occurredAt, correlationId: TURN, userId: "teen-maya", producer, ...(causationId ? { causationId } : {}) }, data },
});

const received = archived("MessageReceived", "gateway", "e1", "2026-03-14T16:02:40.918Z", undefined, { seq: 1, content: "ugh my chem test is on friday", stream: false });
const screened = archived("MessageScreened", "safety", "e2", "2026-03-14T16:02:41.102Z", "e1", { seq: 1, verdict: { action: "allow", categories: [] } });
const generated = archived("ReplyGenerated", "generation", "e3", "2026-03-14T16:02:42.870Z", "e2", { seq: 1, model: "gpt-4o-mini", latencyMs: 1741, usage: { inputTokens: 812, outputTokens: 21 }, text: "That sounds stressful." });
const replyScreened = archived("ReplyScreened", "safety", "e4", "2026-03-14T16:02:42.991Z", "e3", { seq: 1, verdict: { action: "allow", categories: [] }, replaced: false, text: "That sounds stressful." });
const delivered = archived("ReplyDelivered", "notifier", "e5", "2026-03-14T16:02:43.050Z", "e4", { seq: 1, status: "delivered" });

describe("orderSaga", () => {
  it("orders a chat turn by cause, whatever order the archive gave, and times each hop", () => {
    // Act
    const trace = orderSaga(TURN, [delivered, screened, replyScreened, received, generated]);

    // Assess
    expect(trace.steps.map((s) => s.event["detail-type"])).toEqual(["MessageReceived", "MessageScreened", "ReplyGenerated", "ReplyScreened", "ReplyDelivered"]);
    expect(trace.steps.map((s) => s.depth)).toEqual([0, 1, 2, 3, 4]);
    expect(trace.steps.map((s) => s.hopMs)).toEqual([undefined, 184, 1768, 121, 59]);
    expect(trace.totalMs).toBe(2132);
  });

  it("shows a branch as siblings under their cause, earliest first", () => {
    const stored = archived("StepFailed", "storage", "e6", "2026-03-14T16:02:41.500Z", "e2");
    const trace = orderSaga(TURN, [received, generated, screened, stored]);
    expect(trace.steps.map((s) => [s.event["detail-type"], s.depth])).toEqual([
      ["MessageReceived", 0],
      ["MessageScreened", 1],
      ["StepFailed", 2],
      ["ReplyGenerated", 2],
    ]);
  });

  it("keeps an event whose cause is outside the window as a root, and says so", () => {
    const trace = orderSaga(TURN, [replyScreened, delivered]);
    expect(trace.steps[0]).toMatchObject({ eventId: "e4", depth: 0, missingCause: "e3" });
    expect(trace.steps[1]).toMatchObject({ eventId: "e5", depth: 1, hopMs: 59 });
  });

  it("counts archived copies of one eventId (a producer retried) instead of listing them twice", () => {
    const again = { ...screened, id: "eb-e2-retry" };
    const trace = orderSaga(TURN, [received, screened, again]);
    expect(trace.steps).toHaveLength(2);
    expect(trace.steps[1]?.copies).toBe(2);
  });

  it("marks a step that ran again for the same cause (a replay) and leaves it out of the slowest hop", () => {
    const transcript = archived("TranscriptReady", "storage", "t1", "2026-03-14T16:19:05.811Z");
    const live = archived("GraphUpdated", "graph-extraction", "g1", "2026-03-14T16:19:07.402Z", "t1", { entitiesMerged: 6 });
    const replayed = archived("GraphUpdated", "graph-extraction", "g2", "2026-03-15T09:00:00.000Z", "t1", { entitiesMerged: 0 });
    const trace = orderSaga(TURN, [replayed, transcript, live]);
    expect(trace.steps.map((s) => [s.eventId, s.rerun])).toEqual([
      ["t1", false],
      ["g1", false],
      ["g2", true],
    ]);
    const lines = formatSaga(trace);
    expect(lines.join("\n")).toContain("ran again for the same cause: a replay, or a redelivery");
    expect(lines.at(-1)).toBe("slowest hop: TranscriptReady → GraphUpdated, 1.59 s");
  });

  it("reads a group turn's replies, one per persona from the same verdict, as replies of their own, not as the step running again", () => {
    const reply = (eventId: string, at: string, replyIndex: number, personaName: string) =>
      archived("ReplyGenerated", "generation", eventId, at, "e2", { seq: 1, replyIndex, personaName, model: "offline", latencyMs: 1, usage: { inputTokens: 500, outputTokens: 30 }, text: "hi" });
    const trace = orderSaga(TURN, [received, screened, reply("r1", "2026-03-14T16:02:41.200Z", 0, "Courage"), reply("r2", "2026-03-14T16:02:41.300Z", 1, "Comfort"), reply("r3", "2026-03-14T16:02:41.400Z", 2, "Compass")]);

    expect(trace.steps.map((s) => [s.eventId, s.rerun])).toEqual([
      ["e1", false],
      ["e2", false],
      ["r1", false],
      ["r2", false],
      ["r3", false],
    ]);
    const printed = formatSaga(trace).join("\n");
    expect(printed).not.toContain("ran again");
    expect(printed).toContain("seq 1, reply 3 (Compass), model offline");
    expect(formatSaga(trace).at(-1)).toBe("slowest hop: MessageScreened → ReplyGenerated, 298 ms");
  });

  it("lists events caught in a causation cycle rather than losing them", () => {
    const a = archived("GraphUpdated", "graph-extraction", "c1", "2026-03-14T16:19:07.402Z", "c2");
    const b = archived("ContextRefreshed", "context-refresh", "c2", "2026-03-14T16:19:07.655Z", "c1");
    expect(orderSaga(TURN, [a, b]).steps.map((s) => s.eventId).sort()).toEqual(["c1", "c2"]);
  });
});

describe("formatSaga", () => {
  it("prints the tree with hop times, and keeps teens' words out unless asked", () => {
    const trace = orderSaga(TURN, [received, screened, generated, replyScreened, delivered]);
    const lines = formatSaga(trace);
    expect(lines[0]).toMatch(/^saga b7e4a1c2-.*: 5 events, 2.13 s from the first to the last/);
    expect(lines.join("\n")).toContain("└ MessageScreened by safety — seq 1, allow");
    expect(lines.join("\n")).not.toContain("chem test");
    expect(formatSaga(trace, true).join("\n")).toContain('"ugh my chem test is on friday"');
    expect(lines.at(-1)).toBe("slowest hop: MessageScreened → ReplyGenerated, 1.77 s");
  });

  it("says so when nothing matched", () => {
    expect(formatSaga(orderSaga("nope", []))).toEqual(["no archived event has correlationId nope in that window"]);
  });
});
