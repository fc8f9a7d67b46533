// normaliseExtraction turns whatever a model answered into a valid Extraction, dropping what cannot be trusted.
import { describe, expect, it } from "vitest";
import type { RecordUserGraph } from "./extractionSchema.js";
import { normaliseExtraction } from "./normaliseExtraction.js";

const entity = (type: string, name: string, extra: Partial<RecordUserGraph["entities"][number]> = {}) => ({ type, name, aliases: null, attributes: null, ...extra });
const relation = (type: string, from: string, to: string, extra: Partial<RecordUserGraph["relations"][number]> = {}) => ({ type, from, to, time: null, ended: null, ...extra });

describe("normaliseExtraction", () => {
  it("trims names, coerces type spellings and synonyms, and drops unknown types", () => {
    // Act
    const extraction = normaliseExtraction({
      entities: [entity("person", "  Jordan\n "), entity("EMOTION", "nervous"), entity("hobby", "piano"), entity("Spaceship", "Enterprise"), entity("Person", "   "), entity("Person", "me")],
      relations: [],
    });

    // Assess
    expect(extraction.entities.map((found) => [found.type, found.name])).toEqual([
      ["Person", "Jordan"],
      ["Feeling", "nervous"],
      ["Activity", "piano"],
    ]);
  });

  it("turns attribute pairs into a record and drops aliases equal to the name", () => {
    const extraction = normaliseExtraction({
      entities: [entity("Person", "mom", { aliases: ["Mom", "my mum", " my mum "], attributes: [{ key: "relation", value: "parent" }, { key: " ", value: "x" }] })],
      relations: [],
    });
    expect(extraction.entities).toEqual([{ type: "Person", name: "mom", aliases: ["my mum"], attributes: { relation: "parent" } }]);
  });

  it("keeps relations between known names or the user, coercing labels, and drops the rest", () => {
    // Act
    const extraction = normaliseExtraction({
      entities: [entity("Person", "Jordan", { aliases: ["Jordy"] }), entity("Event", "math test")],
      relations: [
        relation("RELATES_TO", "User", "Jordy"),
        relation("temporal", "me", "Math Test", { time: "2026-11-20" }),
        relation("mentions", "user", "Jordan", { time: "next friday", ended: false }),
        relation("befriends", "user", "Jordan"),
        relation("mentions", "user", "Captain Nova"),
        relation("involves", "user", "user"),
      ],
    });

    // Assess
    expect(extraction.relations).toEqual([
      { type: "relates_to", from: "user", to: "Jordan" },
      { type: "temporal", from: "user", to: "math test", time: "2026-11-20" },
      { type: "mentions", from: "user", to: "Jordan" },
    ]);
  });

  it("marks a retraction ended only when the model said true", () => {
    const extraction = normaliseExtraction({
      entities: [entity("Activity", "soccer")],
      relations: [relation("involves", "user", "soccer", { ended: true })],
    });
    expect(extraction.relations).toEqual([{ type: "involves", from: "user", to: "soccer", ended: true }]);
  });
});
