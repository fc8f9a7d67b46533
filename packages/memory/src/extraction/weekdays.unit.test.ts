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

  it("is the last one for other things that happened, whatever punctuation ends the date", async () => {
    expect(await eventDate("we had practice on monday, i was so tired", "2026-11-18T15:00:00Z")).toBe("2026-11-16");
    expect(await eventDate("we lost the game on saturday!!", "2026-11-18T15:00:00Z")).toBe("2026-11-14");
  });

  it("stays the coming one when the clause tells of a day still to come, or the past verb is in another clause", async () => {
    const coming = { friday: "2026-11-20", saturday: "2026-11-21" };
    for (const [text, expected] of [
      ["she told me the party is on saturday", coming.saturday],
      ["i'm excited for the dance on saturday", coming.saturday],
      ["i was so excited for the dance on saturday", coming.saturday],
      ["she invited me to her party on saturday", coming.saturday],
      ["i bought tickets for the concert on saturday", coming.saturday],
      ["i finally finished studying for the test on friday", coming.friday],
      ["i asked if we have practice on friday", coming.friday],
      ["my mom said we could go to the fair on saturday", coming.saturday],
      ["i found out there's a test on friday", coming.friday],
      // The clause split alone decides these: the past verb is in a clause of its own, and nothing else says "to come".
      ["i ran home. test on friday", coming.friday],
      ["i ran home, test on friday lol", coming.friday],
    ] as const) {
      const said = await createOfflineExtractor().extract([{ role: "user", content: text, createdAt: "2026-11-18T15:00:00Z" }], { referenceDate: new Date("2026-11-18T15:00:00Z") });
      const dates = said.relations.filter((relation) => relation.type === "temporal").map((relation) => relation.time);
      expect(dates, text).toContain(expected);
      expect(dates, text).not.toContain(expected === coming.friday ? "2026-11-13" : "2026-11-14");
    }
  });

  it("is read from when the message was sent, not from when the session ended", async () => {
    // Said at 23:30 on Saturday 2026-11-21 in Los Angeles; the session ended at 01:10 on Sunday there.
    const extraction = await createOfflineExtractor({ timeZone: "America/Los_Angeles" }).extract(
      [{ role: "user", content: "we played the final on saturday and won", createdAt: "2026-11-22T07:30:00.000Z" }],
      { referenceDate: new Date("2026-11-22T09:10:00.000Z") },
    );
    expect(extraction.relations.filter((relation) => relation.type === "temporal").map((relation) => relation.time)).toEqual(["2026-11-14"]);
  });
});

describe("a season", () => {
  it("said as a time leaves the event nearest to it undated, whatever follows it, and hands it no farther day", async () => {
    const saidAt = "2026-11-18T15:00:00Z";
    for (const text of ["we're going on a ski trip this winter!", "we're going on a ski trip this winter, i'm so excited", "we have a ski trip in the spring", "a ski trip this winter and a test on friday"]) {
      const trip = await createOfflineExtractor().extract([{ role: "user", content: text, createdAt: saidAt }], { referenceDate: new Date(saidAt) });
      expect(trip.entities.map((entity) => `${entity.type}:${entity.name}`), text).toContain("Event:ski trip");
      expect(trip.relations.filter((relation) => relation.type === "temporal" && relation.to === "ski trip"), text).toEqual([]);
    }
  });

  it("said as a time keeps an event from the day of another nearby", async () => {
    const saidAt = "2026-11-18T15:00:00Z";
    const both = await createOfflineExtractor().extract([{ role: "user", content: "i have a recital this winter and a test on friday", createdAt: saidAt }], { referenceDate: new Date(saidAt) });
    expect(both.entities.filter((entity) => entity.type === "Event").map((entity) => entity.name).sort()).toEqual(["recital", "test"]);
    expect(both.relations.filter((relation) => relation.type === "temporal").map((relation) => `${relation.to}@${relation.time}`)).toEqual(["test@2026-11-20"]);
  });

  it("that names something dates nothing, so an event takes the day its sentence names", async () => {
    expect(await eventDate("tryouts for the spring play are next monday, i really want the lead", "2026-11-23T15:00:00Z")).toBe("2026-11-30");
    const saidAt = "2026-11-18T15:00:00Z";
    const trip = await createOfflineExtractor().extract([{ role: "user", content: "we're going on a ski trip this winter", createdAt: saidAt }], { referenceDate: new Date(saidAt) });
    expect(trip.entities.map((entity) => `${entity.type}:${entity.name}`)).toContain("Event:ski trip");
    expect(trip.relations.filter((relation) => relation.type === "temporal")).toEqual([]);
  });
});
