// planMerge: deterministic ids, user-rooted edges, mentions for loose entities, invalidations for ended relations.
import { describe, expect, it } from "vitest";
import { isInvalidMutationError } from "./errors";
import { edgeIdOf, slugOf, userVertexIdOf, vertexIdOf } from "./ids";
import type { EntityType, ExtractedEntity, ExtractedRelation, Extraction } from "./model";
import { planMerge, type PlanMergeInput } from "./planMerge";

// Stands in for the extractor's canonicalEntityKey: the graph only needs it to be a function of (type, name).
const keyOf = (_type: EntityType, name: string) => name.toLowerCase().replace(/^(my|the)\s+/, "").trim();

const entity = (type: EntityType, name: string, extra: Partial<ExtractedEntity> = {}): ExtractedEntity => ({ type, name, aliases: [], attributes: {}, ...extra });
const relation = (type: ExtractedRelation["type"], from: string, to: string, extra: Partial<ExtractedRelation> = {}): ExtractedRelation => ({ type, from, to, ...extra });

const plan = (extraction: Extraction, overrides: Partial<PlanMergeInput> = {}) =>
  planMerge({ userId: "u1", sessionId: "s1", observedAt: "2026-11-20T18:30:00Z", extraction, keyOf, ...overrides });

describe("planMerge", () => {
  it("roots the graph at the user and gives entities deterministic ids", () => {
    // Prepare
    const extraction: Extraction = {
      entities: [entity("Person", "Jordan", { attributes: { relation: "best friend" } }), entity("Event", "Math test", { attributes: { date: "2026-11-27" } })],
      relations: [relation("involves", "user", "Math test", { time: "2026-11-27" }), relation("involves", "Math test", "Jordan")],
    };

    // Act
    const mutation = plan(extraction);

    // Assess
    expect(mutation.vertices.map((v) => v.id)).toEqual(["User:u1:self", "Person:u1:jordan", "Event:u1:math-test"]);
    expect(mutation.vertices[1]).toEqual({ id: "Person:u1:jordan", label: "Person", name: "Jordan", aliases: [], attributes: { relation: "best friend" } });
    expect(mutation.edges).toEqual([
      { id: "User:u1:self|involves|Event:u1:math-test", label: "involves", from: "User:u1:self", to: "Event:u1:math-test", validAt: "2026-11-27" },
      { id: "Event:u1:math-test|involves|Person:u1:jordan", label: "involves", from: "Event:u1:math-test", to: "Person:u1:jordan", validAt: "2026-11-20T18:30:00.000Z" },
    ]);
    expect(mutation.invalidations).toEqual([]);
    expect(mutation.observedAt).toBe("2026-11-20T18:30:00.000Z");
  });

  it("gives an entity in no relation a mentions edge from the user", () => {
    const mutation = plan({ entities: [entity("Activity", "soccer"), entity("Thing", "new guitar")], relations: [relation("relates_to", "user", "soccer")] });

    expect(mutation.edges.map((e) => e.id)).toEqual(["User:u1:self|relates_to|Activity:u1:soccer", "User:u1:self|mentions|Thing:u1:new-guitar"]);
    expect(mutation.edges[1]?.validAt).toBe("2026-11-20T18:30:00.000Z");
  });

  it("turns an ended relation into an invalidation, never an upsert", () => {
    const mutation = plan({ entities: [entity("Activity", "soccer")], relations: [relation("relates_to", "user", "soccer", { ended: true, time: "2026-11-18" })] });

    expect(mutation.edges).toEqual([]);
    expect(mutation.invalidations).toEqual([
      { id: "User:u1:self|relates_to|Activity:u1:soccer", label: "relates_to", from: "User:u1:self", to: "Activity:u1:soccer", invalidAt: "2026-11-18" },
    ]);
  });

  it("dates an invalidation with the session when the relation has no time", () => {
    const mutation = plan({ entities: [entity("Activity", "soccer")], relations: [relation("relates_to", "user", "soccer", { ended: true, time: null })] });

    expect(mutation.invalidations[0]?.invalidAt).toBe("2026-11-20T18:30:00.000Z");
  });

  it("merges spellings of one canonical entity into one vertex with aliases, and resolves relations by any of them", () => {
    const mutation = plan({
      entities: [entity("Person", "my mom", { attributes: { relation: "mom" } }), entity("Person", "Mom", { aliases: ["mother"], attributes: { relation: "mother", job: "nurse" } })],
      relations: [relation("supports", "Mom", "user"), relation("conflicts", "user", "mother")],
    });

    expect(mutation.vertices).toHaveLength(2);
    expect(mutation.vertices[1]).toEqual({ id: "Person:u1:mom", label: "Person", name: "my mom", aliases: ["Mom", "mother"], attributes: { relation: "mom", job: "nurse" } });
    expect(mutation.edges.map((e) => e.id)).toEqual(["Person:u1:mom|supports|User:u1:self", "User:u1:self|conflicts|Person:u1:mom"]);
  });

  it("resolves a relation endpoint through the canonical key when the spelling differs from every name", () => {
    const mutation = plan({ entities: [entity("Person", "my sister")], relations: [relation("supports", "the sister", "user")] });

    expect(mutation.unresolved).toEqual([]);
    expect(mutation.edges[0]?.from).toBe("Person:u1:sister");
  });

  it("reports relations it cannot resolve, and self-loops, instead of guessing", () => {
    const dangling = relation("involves", "user", "Prom");
    const loop = relation("relates_to", "soccer", "soccer");
    const mutation = plan({ entities: [entity("Activity", "soccer")], relations: [dangling, loop] });

    expect(mutation.unresolved).toEqual([dangling, loop]);
    // Soccer took part in no resolved relation, so it is still tied to the user by a mention.
    expect(mutation.edges.map((e) => e.label)).toEqual(["mentions"]);
  });

  it("treats first-person pronouns the extractor slipped into as the user", () => {
    const mutation = plan({ entities: [entity("Goal", "make varsity")], relations: [relation("supports", "me", "make varsity")] });

    expect(mutation.edges[0]?.from).toBe(userVertexIdOf("u1"));
  });

  it("keeps the later statement when one session states and retracts the same fact", () => {
    const mutation = plan({
      entities: [entity("Activity", "soccer")],
      relations: [relation("relates_to", "user", "soccer", { ended: true }), relation("relates_to", "user", "soccer")],
    });

    expect(mutation.invalidations).toEqual([]);
    expect(mutation.edges.map((e) => e.id)).toEqual(["User:u1:self|relates_to|Activity:u1:soccer"]);
  });

  it("falls back to the session time when a relation's time is not a date", () => {
    const mutation = plan({ entities: [entity("Event", "prom")], relations: [relation("involves", "user", "prom", { time: "next friday" })] });

    expect(mutation.edges[0]?.validAt).toBe("2026-11-20T18:30:00.000Z");
  });

  it("is pure: the same input plans the same mutation and is left untouched", () => {
    const extraction: Extraction = { entities: [entity("Person", "Jordan"), entity("Person", "jordan", { aliases: ["J"] })], relations: [relation("relates_to", "user", "Jordan")] };
    const before = structuredClone(extraction);

    const first = plan(extraction);
    const second = plan(extraction);

    expect(second).toEqual(first);
    expect(extraction).toEqual(before);
  });

  it("skips entities with blank names and refuses a time that is not a time", () => {
    expect(plan({ entities: [entity("Thing", "   ")], relations: [] }).vertices).toHaveLength(1);
    let caught: unknown;
    try {
      plan({ entities: [], relations: [] }, { observedAt: "yesterday" });
    } catch (error) {
      caught = error;
    }
    expect(isInvalidMutationError(caught)).toBe(true);
  });
});

describe("ids", () => {
  it("slugs any script, drops separators and bounds the length", () => {
    expect(slugOf("Café  Olé!")).toBe("cafe-ole");
    expect(slugOf("Lincoln|High:School")).toBe("lincoln-high-school");
    expect(slugOf("李明")).toBe("李明");
    expect(slugOf("🎸")).toMatch(/^x-[0-9a-f]{10}$/);
    expect(slugOf("🎸")).not.toBe(slugOf("⚽"));
    const long = slugOf("a very long name ".repeat(10));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(slugOf("a very long name ".repeat(11)));
  });

  it("builds vertex and edge ids in the documented formats", () => {
    expect(vertexIdOf("Goal", "u1", "make varsity")).toBe("Goal:u1:make-varsity");
    expect(userVertexIdOf("u1")).toBe("User:u1:self");
    expect(edgeIdOf("User:u1:self", "mentions", "Goal:u1:make-varsity")).toBe("User:u1:self|mentions|Goal:u1:make-varsity");
  });

  it("keeps an entity's first attribute values within a session, except its date, where the later mention wins", () => {
    // Prepare: an extractor that did not fold the two mentions itself.
    const extraction: Extraction = {
      entities: [
        entity("Event", "Math test", { attributes: { date: "2026-11-20", subject: "math" } }),
        entity("Event", "math test", { attributes: { when: "2026-11-23", subject: "algebra" } }),
      ],
      relations: [relation("temporal", "user", "Math test", { time: "2026-11-20" }), relation("temporal", "user", "math test", { time: "2026-11-23" })],
    };

    // Act
    const mutation = plan(extraction);

    // Assess
    expect(mutation.vertices[1]?.attributes).toEqual({ subject: "math", when: "2026-11-23" });
    expect(mutation.edges).toEqual([expect.objectContaining({ label: "temporal", validAt: "2026-11-23" })]);
  });
});
