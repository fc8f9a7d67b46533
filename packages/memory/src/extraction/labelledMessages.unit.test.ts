// The labelled fixtures the quality benchmark scores against are well formed: valid types, enough messages, consistent relations.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EDGE_LABELS, VERTEX_LABELS } from "../graph/model.js";

interface Fixture {
  referenceDate: string;
  messages: { id: string; text: string; entities: { type: string; name: string }[]; relations: { type: string; from: string; to: string; time?: string }[] }[];
}

const folder = join(import.meta.dirname, "../../test/fixtures/extraction");
const load = (file: string) => JSON.parse(readFileSync(join(folder, file), "utf8")) as Fixture;

describe.each(["labelled-messages.json", "labelled-messages-holdout.json", "labelled-messages-blind.json"])("%s", (file) => {
  const fixture = load(file);

  it("has a reference date, unique ids and messages with nothing to extract among them", () => {
    expect(Number.isNaN(Date.parse(fixture.referenceDate))).toBe(false);
    expect(new Set(fixture.messages.map((message) => message.id)).size).toBe(fixture.messages.length);
    expect(fixture.messages.some((message) => message.entities.length === 0)).toBe(true);
  });

  it("uses only graph types and labels, and relations name labelled entities or the user", () => {
    for (const message of fixture.messages) {
      const names = new Set(message.entities.map((entity) => entity.name));
      for (const entity of message.entities) expect(VERTEX_LABELS, `${message.id} ${entity.type}`).toContain(entity.type);
      for (const relation of message.relations) {
        expect(EDGE_LABELS, `${message.id} ${relation.type}`).toContain(relation.type);
        expect(relation.from === "user" || names.has(relation.from), `${message.id} from ${relation.from}`).toBe(true);
        expect(names.has(relation.to), `${message.id} to ${relation.to}`).toBe(true);
        if (relation.time !== undefined) expect(relation.time).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});

describe("labelled-messages.json", () => {
  it("has at least 60 messages", () => {
    expect(load("labelled-messages.json").messages.length).toBeGreaterThanOrEqual(60);
  });
});
