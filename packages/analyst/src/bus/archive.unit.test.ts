// The archive's timing caveat on AWS: recent events may not be archived yet, so recent windows get a warning.
import { describe, expect, it } from "vitest";
import { AWS_TIMINGS, LOCAL_TIMINGS, type AnalystTarget } from "../target/connect";
import { archiveDelayWarning, retentionText } from "./archive";

const targetOf = (kind: AnalystTarget["kind"]) => ({ kind, timings: kind === "aws" ? AWS_TIMINGS : LOCAL_TIMINGS }) as AnalystTarget;
const NOW = Date.parse("2026-03-14T16:00:00.000Z");

describe("archiveDelayWarning", () => {
  it("warns on AWS when the window ends less than 10 minutes ago", () => {
    expect(archiveDelayWarning(targetOf("aws"), new Date(NOW - 5 * 60_000), NOW)).toMatch(/less than 10 minutes ago/);
    expect(archiveDelayWarning(targetOf("aws"), new Date(NOW - 11 * 60_000), NOW)).toBeUndefined();
  });

  it("never warns locally: the emulator archives before PutEvents answers", () => {
    expect(archiveDelayWarning(targetOf("local"), new Date(NOW), NOW)).toBeUndefined();
  });
});

it("says how long an archive keeps events", () => {
  expect(retentionText(0)).toBe("kept forever");
  expect(retentionText(365)).toBe("kept 365 days");
});
