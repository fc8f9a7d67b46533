// Times analysts type: ISO with an offset, dates, "now", durations ago; a window that ends in the future is cut at now.
import { describe, expect, it } from "vitest";
import { isAnalystError } from "./errors";
import { formatDuration, parseDuration, parseTime, timeWindow } from "./timeWindow";

const NOW = new Date("2026-03-14T16:00:00.000Z");

describe("parseTime", () => {
  it.each([
    ["now", "2026-03-14T16:00:00.000Z"],
    ["90m", "2026-03-14T14:30:00.000Z"],
    ["6h", "2026-03-14T10:00:00.000Z"],
    ["7d", "2026-03-07T16:00:00.000Z"],
    ["1w", "2026-03-07T16:00:00.000Z"],
    ["2h-ago", "2026-03-14T14:00:00.000Z"],
    ["2026-03-01", "2026-03-01T00:00:00.000Z"],
    ["2026-03-14T09:30:00Z", "2026-03-14T09:30:00.000Z"],
    ["2026-03-14T09:30:00.250+02:00", "2026-03-14T07:30:00.250Z"],
  ])("reads %s", (text, iso) => {
    expect(parseTime(text, "--from", NOW).toISOString()).toBe(iso);
  });

  it.each(["yesterday", "2026-03-14T09:30:00", "14/03/2026", "-1h", "", "2026-02-30", "2026-04-31T10:00:00Z", "2026-13-01"])("refuses %j with a typed error and a hint", (text) => {
    let error: unknown;
    try {
      parseTime(text, "--from", NOW);
    } catch (caught) {
      error = caught;
    }
    expect(isAnalystError(error)).toBe(true);
    expect((error as { code: string }).code).toBe("INVALID_TIME");
    expect((error as { hint?: string }).hint).toMatch(/ISO time with an offset/);
  });
});

describe("parseDuration", () => {
  it.each([
    ["0s", 0],
    ["90m", 5_400_000],
    ["1.5h", 5_400_000],
    ["7d", 604_800_000],
    ["2w", 1_209_600_000],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text, "--older-than")).toBe(ms);
  });

  it.each(["2026-03-14", "now", "-1h", "1h-ago", ""])("refuses %j, which is no length of time", (text) => {
    expect(() => parseDuration(text, "--older-than")).toThrow(expect.objectContaining({ code: "INVALID_TIME", message: `--older-than "${text}" is not a duration` }));
  });
});

describe("timeWindow", () => {
  it("clamps the end to now and keeps the start", () => {
    const window = timeWindow("1h", "2026-03-15T00:00:00Z", { from: "1h", to: "now" }, NOW);
    expect(window.from.toISOString()).toBe("2026-03-14T15:00:00.000Z");
    expect(window.to).toEqual(NOW);
  });

  it("refuses a window that ends before it starts", () => {
    expect(() => timeWindow("2026-03-14T12:00:00Z", "2026-03-14T11:00:00Z", { from: "1h", to: "now" }, NOW)).toThrow(/must be before --to/);
  });
});

describe("formatDuration", () => {
  it.each([
    [734, "734 ms"],
    [2310, "2.31 s"],
    [61_000, "1 min 1 s"],
    [3 * 3_600_000 + 5 * 60_000, "3 h 5 min"],
    [-250, "-250 ms"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
