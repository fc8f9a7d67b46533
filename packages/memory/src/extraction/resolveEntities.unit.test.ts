// resolveEntities merges a session's mentions of one entity and rewrites relations to the survivor.
import { describe, expect, it } from "vitest";
import type { ExtractedEntity, Extraction } from "../graph/model.js";
import { resolveEntities } from "./resolveEntities.js";

const person = (name: string, attributes: Record<string, string> = {}): ExtractedEntity => ({ type: "Person", name, aliases: [], attributes });
const event = (name: string, date?: string): ExtractedEntity => ({ type: "Event", name, aliases: [], attributes: date ? { date } : {} });

describe("resolveEntities", () => {
  it("merges entities with one canonical key, keeping the first name and the others as aliases", () => {
    // Act
    const resolved = resolveEntities({
      entities: [person("mom", { relation: "parent" }), person("my mum"), person("Mother")],
      relations: [{ type: "mentions", from: "user", to: "my mum" }],
    });

    // Assess
    expect(resolved.entities).toEqual([{ type: "Person", name: "mom", aliases: ["my mum", "Mother"], attributes: { relation: "parent" } }]);
    expect(resolved.relations).toEqual([{ type: "mentions", from: "user", to: "mom" }]);
  });

  it("resolves a bare first name to the one full name with it", () => {
    // Act
    const resolved = resolveEntities({
      entities: [person("Jordan Lee"), person("Jordan")],
      relations: [{ type: "relates_to", from: "user", to: "Jordan" }],
    });

    // Assess
    expect(resolved.entities).toEqual([{ type: "Person", name: "Jordan Lee", aliases: ["Jordan"], attributes: {} }]);
    expect(resolved.relations).toEqual([{ type: "relates_to", from: "user", to: "Jordan Lee" }]);
  });

  it("leaves a first name alone when two people share it", () => {
    const resolved = resolveEntities({ entities: [person("Jordan Lee"), person("Jordan Smith"), person("Jordan")], relations: [] });
    expect(resolved.entities.map((entity) => entity.name)).toEqual(["Jordan Lee", "Jordan Smith", "Jordan"]);
  });

  it("resolves a first name against people the graph already knows", () => {
    // Act
    const resolved = resolveEntities(
      { entities: [person("Jordan")], relations: [{ type: "mentions", from: "user", to: "Jordan" }] },
      [{ type: "Person", name: "Jordan Lee" }],
    );

    // Assess
    expect(resolved.entities).toEqual([{ type: "Person", name: "Jordan Lee", aliases: ["Jordan"], attributes: {} }]);
    expect(resolved.relations).toEqual([{ type: "mentions", from: "user", to: "Jordan Lee" }]);
  });

  it("folds a bare role into the one named person with that role", () => {
    const resolved = resolveEntities({ entities: [person("Emma", { role: "sister", relation: "sibling" }), person("sister", { role: "sister", relation: "sibling" })], relations: [] });
    expect(resolved.entities.map((entity) => entity.name)).toEqual(["Emma"]);
  });

  it("merges a generic event into the specific one on the same date only", () => {
    // Act
    const sameDay = resolveEntities({ entities: [event("math test", "2026-11-20"), event("test", "2026-11-20")], relations: [] });
    const otherDay = resolveEntities({ entities: [event("math test", "2026-11-20"), event("test", "2026-11-19")], relations: [] });
    const undated = resolveEntities({ entities: [event("math test", "2026-11-20"), event("test")], relations: [] });

    // Assess
    expect(sameDay.entities.map((entity) => entity.name)).toEqual(["math test"]);
    expect(otherDay.entities.map((entity) => entity.name)).toEqual(["math test", "test"]);
    expect(undated.entities.map((entity) => entity.name)).toEqual(["math test", "test"]);
  });

  it("takes an event's later date when the session moves it, and keeps its other attributes' first values", () => {
    // Prepare: "my math test is on friday", then "wait no, my math test got moved to monday".
    const extraction: Extraction = {
      entities: [
        { type: "Event", name: "math test", aliases: [], attributes: { date: "2026-11-20", subject: "math" } },
        { type: "Event", name: "Math test", aliases: [], attributes: { date: "2026-11-23", subject: "algebra" } },
      ],
      relations: [
        { type: "temporal", from: "user", to: "math test", time: "2026-11-20" },
        { type: "temporal", from: "user", to: "Math test", time: "2026-11-23" },
      ],
    };

    // Act
    const resolved = resolveEntities(extraction);

    // Assess
    expect(resolved.entities).toEqual([{ type: "Event", name: "math test", aliases: [], attributes: { date: "2026-11-23", subject: "math" } }]);
    expect(resolved.relations).toEqual([{ type: "temporal", from: "user", to: "math test", time: "2026-11-23" }]);
  });

  it("keeps one relation per edge, the later statement winning, and drops self-loops", () => {
    // Prepare
    const extraction: Extraction = {
      entities: [{ type: "Activity", name: "soccer", aliases: [], attributes: {} }],
      relations: [
        { type: "involves", from: "user", to: "soccer" },
        { type: "involves", from: "user", to: "Soccer", ended: true },
        { type: "relates_to", from: "soccer", to: "soccer" },
      ],
    };

    // Act
    const resolved = resolveEntities(extraction);

    // Assess
    expect(resolved.relations).toEqual([{ type: "involves", from: "user", to: "soccer", ended: true }]);
  });
});
