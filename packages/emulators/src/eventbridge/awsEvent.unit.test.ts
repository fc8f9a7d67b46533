// Unit tests for the event envelope: AWS's time format and its documented entry-size arithmetic.
import { describe, expect, it } from "vitest";
import { asReplayedEvent, buildAwsEvent, entrySize, formatEventTime } from "./awsEvent.js";

describe("formatEventTime", () => {
  it("drops milliseconds, as AWS stamps events", () => {
    expect(formatEventTime(Date.parse("2026-01-01T00:00:00.999Z"))).toBe("2026-01-01T00:00:00Z");
  });
});

describe("entrySize", () => {
  it("adds 14 bytes for Time and the UTF-8 bytes of Source, DetailType, Detail and Resources", () => {
    const size = entrySize({ Time: 1, Source: "src", DetailType: "dt", Detail: '{"a":"é"}', Resources: ["arn:x", "arn:yy"] });

    expect(size).toBe(14 + 3 + 2 + 10 + 5 + 6);
  });

  it("counts nothing for absent members", () => {
    expect(entrySize({})).toBe(0);
  });
});

describe("asReplayedEvent", () => {
  it("keeps the event and adds replay-name last", () => {
    const event = buildAwsEvent({ source: "s", detailType: "d", detail: "{}", resources: [] }, {}, { region: "us-east-1", accountId: "000000000000" }, 0);

    const replayed = asReplayedEvent(event, "r1");

    expect(replayed).toEqual({ ...event, "replay-name": "r1" });
    expect(Object.keys(replayed).at(-1)).toBe("replay-name");
    expect(event["replay-name"]).toBeUndefined();
  });
});
