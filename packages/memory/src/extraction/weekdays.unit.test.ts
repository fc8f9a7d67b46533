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

// The Saturday before each day of the week of Monday 2026-11-16: 11-14 until Saturday 11-21 itself, which means a week back.
const PAST_WEEK = [
  ["Monday", "2026-11-16", "2026-11-14"],
  ["Tuesday", "2026-11-17", "2026-11-14"],
  ["Wednesday", "2026-11-18", "2026-11-14"],
  ["Thursday", "2026-11-19", "2026-11-14"],
  ["Friday", "2026-11-20", "2026-11-14"],
  ["Saturday", "2026-11-21", "2026-11-14"],
  ["Sunday", "2026-11-22", "2026-11-21"],
] as const;

describe("a bare weekday told as done", () => {
  it.each(PAST_WEEK)("said on a %s (%s) means the last Saturday before today", async (_day, said, expected) => {
    expect(await eventDate("i took the ACT on saturday and i think i did bad on science", `${said}T15:00:00Z`)).toBe(expected);
  });

  it("stays the coming one when the clause is in the present or the future, or the past verb is in another clause", async () => {
    expect(await eventDate("she told me the party is on saturday", "2026-11-18T15:00:00Z")).toBe("2026-11-21");
    expect(await eventDate("i went to the mall and the test is on friday", "2026-11-18T15:00:00Z")).toBe("2026-11-20");
    expect(await eventDate("i finished my essay. the test is on friday", "2026-11-18T15:00:00Z")).toBe("2026-11-20");
  });
});

describe("a season", () => {
  it("dates nothing, so an event takes the day its sentence names", async () => {
    expect(await eventDate("tryouts for the spring play are next monday, i really want the lead", "2026-11-23T15:00:00Z")).toBe("2026-11-30");
    const saidAt = "2026-11-18T15:00:00Z";
    const trip = await createOfflineExtractor().extract([{ role: "user", content: "we're going on a ski trip this winter", createdAt: saidAt }], { referenceDate: new Date(saidAt) });
    expect(trip.entities.map((entity) => `${entity.type}:${entity.name}`)).toContain("Event:ski trip");
    expect(trip.relations.filter((relation) => relation.type === "temporal")).toEqual([]);
  });
});
