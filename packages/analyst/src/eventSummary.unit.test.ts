// A turn's prompt context in the analysts' summaries: version and fact count always, the lines only when content is asked for.
import { describe, expect, it } from "vitest";
import type { BusEvent } from "./busEvent";
import { describeData } from "./eventSummary";

const replyGenerated = (context?: unknown): BusEvent => ({
  version: "0",
  id: "e1",
  "detail-type": "ReplyGenerated",
  source: "innerworld.generation",
  account: "000000000000",
  time: "2026-11-18T16:00:00Z",
  region: "us-east-1",
  resources: [],
  detail: {
    metadata: { producer: "generation" },
    data: { seq: 1, model: "offline", latencyMs: 3, usage: { inputTokens: 10, outputTokens: 5 }, text: "How did the chemistry test go?", ...(context ? { context } : {}) },
  },
});

describe("ReplyGenerated summary", () => {
  const context = { version: 3, factIds: ["Event:u1:chemistry-test", "Person:u1:maya"], lines: ["Recently on their mind: chemistry test, Maya.", "Upcoming: chemistry test on Fri 20 Nov (in 2 days)"] };

  it("names the context version and fact count, keeping the teen's words out by default", () => {
    const line = describeData(replyGenerated(context));
    expect(line).toContain("context v3 with 2 facts");
    expect(line).not.toContain("Maya");
  });

  it("shows the fact ids and the context lines with --content", () => {
    const line = describeData(replyGenerated(context), true);
    expect(line).toContain("Person:u1:maya");
    expect(line).toContain("| Upcoming: chemistry test on Fri 20 Nov (in 2 days)");
  });

  it("says when the prompt carried no user context", () => {
    expect(describeData(replyGenerated())).toContain("no user context");
  });
});
