// Quitting a thing ends what it is part of and the goals about it; nothing else.
import { canonicalEntityKey } from "@innerworld/memory/extraction";
import { planMerge, type GraphEdge, type GraphVertex, type TopEdge } from "@innerworld/memory/graph";
import { describe, expect, it } from "vitest";
import { withImpliedRetractions } from "./impliedRetractions";

const USER = "User:u1:self";
const vertex = (label: GraphVertex["label"], name: string): GraphVertex => ({
  id: `${label}:u1:${canonicalEntityKey(label as never, name)}`,
  label,
  userId: "u1",
  name,
  aliases: [],
  attributes: {},
  firstSeenAt: "2026-11-01T00:00:00Z",
  lastSeenAt: "2026-11-01T00:00:00Z",
  mentionCount: 1,
  sourceSessions: ["s1"],
});
const user = { ...vertex("User", "user"), id: USER };
const edge = (from: GraphVertex, label: GraphEdge["label"], to: GraphVertex, invalidAt?: string): TopEdge => ({
  edge: { id: `${from.id}|${label}|${to.id}`, label, userId: "u1", from: from.id, to: to.id, validAt: "2026-11-01T00:00:00Z", ...(invalidAt ? { invalidAt } : {}), firstSeenAt: "2026-11-01T00:00:00Z", lastSeenAt: "2026-11-01T00:00:00Z", mentionCount: 1, sourceSessions: ["s1"] },
  from,
  to,
});

const team = vertex("Activity", "varsity soccer team");
const goal = vertex("Goal", "make the varsity soccer team");
const piano = vertex("Activity", "piano");
const recent = [edge(user, "involves", team), edge(user, "supports", goal), edge(goal, "about", team), edge(user, "involves", piano)];
const quitSoccer = {
  entities: [{ type: "Activity" as const, name: "soccer", aliases: [], attributes: {} }],
  relations: [{ type: "involves" as const, from: "user", to: "soccer", ended: true }],
};

describe("withImpliedRetractions", () => {
  it("ends the team the quit activity was part of, and the goal about that team", () => {
    const result = withImpliedRetractions(quitSoccer, USER, recent);
    const ended = result.relations.filter((r) => r.ended).map((r) => `${r.type} ${r.to}`);
    expect(ended.sort()).toEqual(["involves soccer", "involves varsity soccer team", "supports make the varsity soccer team"].sort());
    const mutation = planMerge({ userId: "u1", sessionId: "s2", extraction: result, observedAt: "2026-11-20T00:00:00Z", keyOf: canonicalEntityKey });
    expect(mutation.invalidations.map((e) => e.to).sort()).toEqual([team.id, goal.id, "Activity:u1:soccer"].sort());
  });

  it("leaves unrelated facts, closed facts and extractions without retractions alone", () => {
    expect(withImpliedRetractions({ entities: [], relations: [] }, USER, recent)).toEqual({ entities: [], relations: [] });
    const alreadyClosed = [edge(user, "involves", team, "2026-11-10T00:00:00Z")];
    expect(withImpliedRetractions(quitSoccer, USER, alreadyClosed).relations).toHaveLength(1);
    const quitPiano = { entities: [{ type: "Activity" as const, name: "piano", aliases: [], attributes: {} }], relations: [{ type: "involves" as const, from: "user", to: "piano", ended: true }] };
    expect(withImpliedRetractions(quitPiano, USER, recent).relations).toHaveLength(1);
  });
});
