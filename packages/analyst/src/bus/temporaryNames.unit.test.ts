// Temporary names fit AWS's limits for the longest stage name and carry their creation time for `cleanup`.
import { describe, expect, it } from "vitest";
import { sidOf } from "./queuePolicy";
import { createdAtOfTemporary, defaultReplayName, REPLAY_NAME_PATTERN, temporaryName, temporaryPrefix } from "./temporaryNames";

const LONGEST_BUS = `innerworld-${"s".repeat(24)}`;
const NOW = Date.parse("2026-03-14T16:00:00.000Z");

describe("temporary names", () => {
  it("fit a rule name (64) with a route suffix, on the longest stage's bus", () => {
    const name = `${temporaryName(LONGEST_BUS, NOW)}-9`;
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[.\-_A-Za-z0-9]+$/);
    expect(name.startsWith(temporaryPrefix(LONGEST_BUS))).toBe(true);
  });

  it("give back when they were made, and nothing for other names", () => {
    expect(createdAtOfTemporary("innerworld", temporaryName("innerworld", NOW))?.toISOString()).toBe("2026-03-14T16:00:00.000Z");
    expect(createdAtOfTemporary("innerworld", `${temporaryName("innerworld", NOW)}-0`)?.getTime()).toBe(NOW);
    expect(createdAtOfTemporary("innerworld", "innerworld-storage")).toBeUndefined();
    expect(createdAtOfTemporary("innerworld", "innerworld-analyst-notes")).toBeUndefined();
  });

  it("make valid replay names and policy Sids", () => {
    expect(defaultReplayName("export", new Date(NOW))).toMatch(/^export-20260314T160000Z-[0-9a-f]{4}$/);
    expect(REPLAY_NAME_PATTERN.test(defaultReplayName("saga"))).toBe(true);
    expect(sidOf("innerworld-prod-analyst-mwrmy1s1-d5cf-0")).toBe("innerworldprodanalystmwrmy1s1d5cf0");
  });
});
