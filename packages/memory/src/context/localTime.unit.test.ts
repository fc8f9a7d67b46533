// The graph's instants read at the user's wall-clock time: whole-hour, half-hour and quarter-hour zones, daylight saving, before 1970.
import { describe, expect, it } from "vitest";
import { wallClockIso, wallClockMs } from "./localTime";

const at = (iso: string, zone: string) => new Date(wallClockMs(Date.parse(iso), zone)).toISOString();

describe("wallClockMs", () => {
  it.each([
    ["2026-12-06T00:39:00.000Z", "America/Mexico_City", "2026-12-05T18:39:00.000Z"],
    ["2026-12-06T00:39:00.250Z", "Asia/Kolkata", "2026-12-06T06:09:00.250Z"],
    ["2026-12-06T00:39:00.000Z", "Asia/Kathmandu", "2026-12-06T06:24:00.000Z"],
    ["2026-12-06T00:39:00.000Z", "Pacific/Chatham", "2026-12-06T14:24:00.000Z"],
    // New York's clocks go forward at 07:00 UTC on 8 March 2026 and back at 06:00 UTC on 1 November.
    ["2026-03-08T06:59:59.000Z", "America/New_York", "2026-03-08T01:59:59.000Z"],
    ["2026-03-08T07:00:00.000Z", "America/New_York", "2026-03-08T03:00:00.000Z"],
    ["2026-11-01T05:30:00.000Z", "America/New_York", "2026-11-01T01:30:00.000Z"],
    ["2026-11-01T06:30:00.000Z", "America/New_York", "2026-11-01T01:30:00.000Z"],
    // Before 1970 the milliseconds are negative and must not borrow a second.
    ["1969-12-31T23:59:59.500Z", "Asia/Kolkata", "1970-01-01T05:29:59.500Z"],
    ["1969-07-20T20:17:40.250Z", "America/Los_Angeles", "1969-07-20T13:17:40.250Z"],
    ["2026-12-06T00:39:00.000Z", "UTC", "2026-12-06T00:39:00.000Z"],
  ])("reads %s in %s as %s", (instant, zone, wallClock) => {
    expect(at(instant, zone)).toBe(wallClock);
  });
});

describe("wallClockIso", () => {
  it("moves instants and leaves days and anything else as they are", () => {
    expect(wallClockIso("2026-12-06T00:39:00.000Z", "America/Mexico_City")).toBe("2026-12-05T18:39:00.000Z");
    expect(wallClockIso("2026-12-06", "America/Mexico_City")).toBe("2026-12-06");
    expect(wallClockIso("not a time", "America/Mexico_City")).toBe("not a time");
  });
});
