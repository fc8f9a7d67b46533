// "A test on Friday" said on each day of one week, with a fixed clock: the date the offline extractor stores for it.
import { describe, expect, it } from "vitest";
import { createOfflineExtractor } from "./offlineExtractor.js";

const eventDate = async (text: string, saidAt: string, timeZone = "UTC") => {
  const extraction = await createOfflineExtractor({ timeZone }).extract([{ role: "user", content: text, createdAt: saidAt }], { referenceDate: new Date(saidAt) });
  const test = extraction.entities.find((e) => e.type === "Event");
  return extraction.relations.find((r) => r.type === "temporal" && r.to === test?.name)?.time?.slice(0, 10);
};

// Monday 2026-11-16 to Sunday 2026-11-22; the Friday in question is 11-20 when said before it, else 11-27.
const WEEK = [
  ["Monday", "2026-11-16", "2026-11-20"],
  ["Tuesday", "2026-11-17", "2026-11-20"],
  ["Wednesday", "2026-11-18", "2026-11-20"],
  ["Thursday", "2026-11-19", "2026-11-20"],
  ["Friday", "2026-11-20", "2026-11-27"],
  ["Saturday", "2026-11-21", "2026-11-27"],
  ["Sunday", "2026-11-22", "2026-11-27"],
] as const;

describe("a bare weekday", () => {
  it.each(WEEK)("said on a %s (%s) means the next Friday after today", async (_day, said, expected) => {
    expect(await eventDate("we have a chemistry test on Friday", `${said}T15:00:00Z`)).toBe(expected);
  });

  it("said late on Thursday evening in Los Angeles (already Friday in UTC) still means tomorrow there", async () => {
    expect(await eventDate("chem test on friday", "2026-11-20T05:30:00Z", "America/Los_Angeles")).toBe("2026-11-20");
  });

  it("'today' on a Friday stays today", async () => {
    expect(await eventDate("we have a chemistry test today", "2026-11-20T15:00:00Z")).toBe("2026-11-20");
  });
});
