// How single entities, relations and dates read in the context block.
import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphVertex, VertexLabel } from "../graph/model";
import { formatDay, formatMonth, relativeDays } from "./dates";
import { displayName, entityLine, eventDateOf, relationLine } from "./phrasing";

const NOW = Date.parse("2026-11-20T19:00:00Z");
const SEEN = "2026-11-20T18:30:00.000Z";

const vertex = (label: VertexLabel, name: string, attributes: Record<string, string> = {}): GraphVertex => ({
  id: `${label}:u1:${name}`,
  label,
  userId: "u1",
  name,
  aliases: [],
  attributes,
  firstSeenAt: SEEN,
  lastSeenAt: SEEN,
  mentionCount: 1,
  sourceSessions: ["s1"],
});
const USER = vertex("User", "user");
const edge = (from: GraphVertex, label: GraphEdge["label"], to: GraphVertex, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${from.id}|${label}|${to.id}`,
  label,
  userId: "u1",
  from: from.id,
  to: to.id,
  validAt: SEEN,
  firstSeenAt: SEEN,
  lastSeenAt: SEEN,
  mentionCount: 1,
  sourceSessions: ["s1"],
  ...extra,
});

describe("dates", () => {
  it("formats days with weekday, adding the year only when it is not this one", () => {
    expect(formatDay(Date.parse("2026-11-27"), NOW)).toBe("Fri 27 Nov");
    expect(formatDay(Date.parse("2027-01-04"), NOW)).toBe("Mon 4 Jan 2027");
    expect(formatMonth(Date.parse("2026-11-18T23:59:00Z"))).toBe("Nov 2026");
  });

  it("says the next fortnight relatively", () => {
    expect([0, 1, 5, 14, 15, -1].map(relativeDays)).toEqual(["today", "tomorrow", "in 5 days", "in 14 days", undefined, undefined]);
  });
});

describe("entityLine", () => {
  it("says each kind of entity as a current fact", () => {
    const line = (v: GraphVertex, label: GraphEdge["label"] = "relates_to") => entityLine(v, edge(USER, label, v), undefined, NOW);

    expect(line(vertex("Person", "Jordan", { relation: "best friend" }))).toBe("Person: Jordan (best friend)");
    expect(line(vertex("Person", "my mom", { relation: "mom" }))).toBe("Person: their mom");
    expect(line(vertex("Goal", "learn guitar"))).toBe("Goal: learn guitar");
    expect(line(vertex("Activity", "soccer"))).toBe("Activity: soccer");
    expect(line(vertex("Habit", "journaling"))).toBe("Habit: journaling");
    expect(line(vertex("Value", "honesty"))).toBe("Values honesty");
    expect(line(vertex("Topic", "Minecraft"))).toBe("Interested in Minecraft");
    expect(line(vertex("Place", "Lincoln High"))).toBe("Place: Lincoln High");
    expect(line(vertex("Thing", "new guitar"), "mentions")).toBe("Mentioned new guitar");
    expect(line(vertex("Feeling", "stressed"))).toBe("Felt stressed (Fri 20 Nov)");
    expect(line(vertex("Person", "Alex"), "conflicts")).toBe("In conflict with Alex");
  });

  it("says events with their date, relative when close, and as past once over", () => {
    const test = vertex("Event", "Math test");
    const at = (iso: string) => entityLine(test, edge(USER, "involves", test), Date.parse(iso), NOW);

    expect(at("2026-11-21")).toBe("Upcoming: Math test on Sat 21 Nov (tomorrow)");
    expect(at("2026-11-20")).toBe("Upcoming: Math test on Fri 20 Nov (today)");
    expect(at("2026-12-24")).toBe("Upcoming: Math test on Thu 24 Dec");
    expect(at("2026-11-13")).toBe("Past event: Math test on Fri 13 Nov");
    expect(entityLine(test, edge(USER, "involves", test), undefined, NOW)).toBe("Event: Math test");
  });

  it("says a closed fact in the past tense with when it stopped", () => {
    const closed = (v: GraphVertex, label: GraphEdge["label"] = "relates_to") => entityLine(v, edge(USER, label, v, { invalidAt: "2026-11-18" }), undefined, NOW);

    expect(closed(vertex("Activity", "soccer"))).toBe("Used to be into soccer (quit Nov 2026)");
    expect(closed(vertex("Habit", "vaping"))).toBe("Former habit: vaping (stopped Nov 2026)");
    expect(closed(vertex("Goal", "make varsity"))).toBe("Former goal: make varsity (dropped Nov 2026)");
    expect(closed(vertex("Person", "Chris", { relation: "boyfriend" }))).toBe("Past: Chris (boyfriend) (until Nov 2026)");
    expect(closed(vertex("Person", "Alex"), "conflicts")).toBe("Conflict with Alex is over (since Nov 2026)");
    expect(closed(vertex("Feeling", "lonely"))).toBe("No longer feels lonely (since Nov 2026)");
    expect(closed(vertex("Place", "the skate park"))).toBe("Used to go to the skate park (until Nov 2026)");
    const party = vertex("Event", "party");
    expect(entityLine(party, edge(USER, "involves", party, { invalidAt: "2026-11-18" }), Date.parse("2026-11-28"), NOW)).toBe("Called off: party on Sat 28 Nov");
  });
});

describe("relationLine", () => {
  it("links two entities, or an entity and the user, in the third person", () => {
    const mom = vertex("Person", "my mom", { relation: "mom" });
    const jordan = vertex("Person", "Jordan", { relation: "best friend" });
    const test = vertex("Event", "Math test");
    const anxious = vertex("Feeling", "anxious");

    expect(relationLine(edge(mom, "supports", USER), mom, USER)).toBe("Their mom supports them");
    expect(relationLine(edge(test, "involves", jordan), test, jordan)).toBe("Math test involves Jordan (best friend)");
    expect(relationLine(edge(anxious, "felt_during", test), anxious, test)).toBe("Felt anxious during Math test");
    expect(relationLine(edge(jordan, "conflicts", mom, { invalidAt: "2026-10-02" }), jordan, mom)).toBe("Jordan (best friend) conflicts with their mom (until Oct 2026)");
  });
});

describe("eventDateOf and displayName", () => {
  it("takes an event's date from its attribute, else from a dated edge, else not at all", () => {
    const prom = vertex("Event", "prom", { date: "2027-05-14" });
    const dance = vertex("Event", "dance");

    expect(eventDateOf(prom, [])).toBe(Date.parse("2027-05-14"));
    expect(eventDateOf(dance, [edge(USER, "involves", dance, { validAt: "2026-12-05" })])).toBe(Date.parse("2026-12-05"));
    expect(eventDateOf(dance, [edge(USER, "involves", dance)])).toBeUndefined();
  });

  it("keeps names on one line and short", () => {
    expect(displayName(vertex("Thing", "a\u0000b\u200b\tc"))).toBe("a b c");
    expect(displayName(vertex("Thing", "x".repeat(200)))).toHaveLength(60);
  });
});
