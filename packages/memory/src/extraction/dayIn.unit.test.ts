import { describe, expect, it } from "vitest";
import { addDays, dayFormatsHeld, dayIn } from "./dayIn.js";

describe("dayIn", () => {
  // 03:30 UTC on 5 March: still the 4th in Los Angeles, already the 5th in Tokyo.
  const instant = new Date("2026-03-05T03:30:00Z");

  it("gives the day where the user lives, each time zone its own, in any order of asking", () => {
    expect(dayIn(instant, "America/Los_Angeles")).toBe("2026-03-04");
    expect(dayIn(instant, "Asia/Tokyo")).toBe("2026-03-05");
    expect(dayIn(instant, "America/Los_Angeles")).toBe("2026-03-04");
    expect(dayIn(instant, "UTC")).toBe("2026-03-05");
  });

  it("refuses a time zone that is not one, every time it is asked", () => {
    expect(() => dayIn(instant, "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => dayIn(instant, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it("counts whole days across a month's end and a leap day", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("dayIn's formatters", () => {
  it("stay few however many spellings of a zone are sent, and each still answers for its own zone", () => {
    const instant = new Date("2026-03-05T03:30:00Z");
    // Every case of "America/Los_Angeles" that Intl accepts is a distinct key: far more than the cache may hold.
    const letters = "america/los_angeles".split("");
    for (let variant = 0; variant < 1500; variant += 1) {
      const spelling = letters.map((letter, index) => (variant & (1 << index % 11) ? letter.toUpperCase() : letter)).join("");
      expect(dayIn(instant, spelling)).toBe("2026-03-04");
    }
    expect(dayFormatsHeld()).toBeLessThanOrEqual(512);
    expect(dayIn(instant, "Asia/Tokyo")).toBe("2026-03-05");
  });
});
