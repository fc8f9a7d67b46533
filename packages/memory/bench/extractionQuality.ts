// Prints precision, recall and F1 of the offline extractor per entity type and overall, on the hand-labelled teen messages.
// Run: npx tsx packages/memory/bench/extractionQuality.ts [--verbose]
//
// An extracted entity matches a labelled one when type and canonicalEntityKey agree. Each message is
// extracted alone, as a one-message session dated the fixture's referenceDate. Three sets are scored:
// - labelled-messages.json and labelled-messages-holdout.json were written before the rules, by the
//   rules' author, who had their phrasings in mind while writing the rules: their scores are optimistic.
// - labelled-messages-blind.json was written after the rules, in phrasings they were not built for, and
//   scored once: overall P 0.857, R 0.761, F1 0.806. Its misses then led to general fixes (lower-case
//   titled names, "me n jake", "is literally my best friend", habits after "I've been"), so its score
//   since is no longer blind.
// All three were written by the rules' author (test/fixtures/extraction/PROVENANCE.md): none is an estimate. The
// estimate is `pnpm eval:extraction`, on the frozen test split of 561 messages written by two other writers.
// Relations are scored too, but their labels are partial ("where clear"), so their precision is a floor.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityType, Extraction } from "../src/graph/model";
import { canonicalEntityKey } from "../src/extraction/index";
import { createOfflineExtractor } from "../src/extraction/offlineExtractor";

interface LabelledEntity {
  type: EntityType;
  name: string;
}
interface LabelledRelation {
  type: string;
  from: string;
  to: string;
  time?: string;
  ended?: boolean;
}
interface LabelledMessage {
  id: string;
  text: string;
  entities: LabelledEntity[];
  relations: LabelledRelation[];
}
interface Fixture {
  referenceDate: string;
  messages: LabelledMessage[];
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/extraction");
const verbose = process.argv.includes("--verbose");
const TYPES: readonly EntityType[] = ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"];

async function score(file: string): Promise<void> {
  const fixture = JSON.parse(readFileSync(join(fixtures, file), "utf8")) as Fixture;
  const referenceDate = new Date(fixture.referenceDate);
  const extractor = createOfflineExtractor();
  const perType = new Map<EntityType, Counts>(TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));
  const relations: Counts = { tp: 0, fp: 0, fn: 0 };

  for (const message of fixture.messages) {
    const extraction = await extractor.extract([{ role: "user", content: message.text, createdAt: fixture.referenceDate }], { referenceDate });
    const expected = new Set(message.entities.map((entity) => `${entity.type}|${canonicalEntityKey(entity.type, entity.name)}`));
    const actual = new Set(extraction.entities.map((entity) => `${entity.type}|${canonicalEntityKey(entity.type, entity.name)}`));
    const misses: string[] = [];
    for (const key of new Set([...expected, ...actual])) {
      const counts = perType.get(key.split("|")[0] as EntityType) as Counts;
      if (expected.has(key) && actual.has(key)) counts.tp += 1;
      else if (actual.has(key)) {
        counts.fp += 1;
        misses.push(`+${key}`);
      } else {
        counts.fn += 1;
        misses.push(`-${key}`);
      }
    }
    const relationMisses = scoreRelations(message, extraction, relations);
    if (verbose && (misses.length > 0 || relationMisses.length > 0)) {
      console.log(`${message.id} ${JSON.stringify(message.text)}\n    entities ${misses.join("  ") || "ok"}\n    relations ${relationMisses.join("  ") || "ok"}`);
    }
  }

  console.log(`\n${file} (${fixture.messages.length} messages)`);
  console.log(`${"type".padEnd(10)} ${"labelled".padStart(8)} ${"found".padStart(6)} ${"precision".padStart(9)} ${"recall".padStart(7)} ${"F1".padStart(6)}`);
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const [type, counts] of perType) {
    total.tp += counts.tp;
    total.fp += counts.fp;
    total.fn += counts.fn;
    if (counts.tp + counts.fp + counts.fn > 0) console.log(row(type, counts));
  }
  console.log(row("overall", total));
  console.log(row("relations", relations), " (labels partial: precision is a floor)");
}

/** A relation matches on label, both ends' canonical keys and `ended`; a labelled time must match too. */
function scoreRelations(message: LabelledMessage, extraction: Extraction, counts: Counts): string[] {
  const keyOf = (name: string, entities: readonly LabelledEntity[]) => {
    if (name === "user") return "user";
    const entity = entities.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    return entity ? `${entity.type}:${canonicalEntityKey(entity.type, name)}` : name.toLowerCase();
  };
  const expected = message.relations.map((relation) => ({
    key: `${relation.type}|${keyOf(relation.from, message.entities)}|${keyOf(relation.to, message.entities)}|${relation.ended === true}`,
    time: relation.time,
  }));
  const actual = extraction.relations.map((relation) => ({
    key: `${relation.type}|${keyOf(relation.from, extraction.entities)}|${keyOf(relation.to, extraction.entities)}|${relation.ended === true}`,
    time: relation.time ?? undefined,
  }));
  const misses: string[] = [];
  const unmatched = [...actual];
  for (const wanted of expected) {
    const index = unmatched.findIndex((found) => found.key === wanted.key && (wanted.time === undefined || found.time === wanted.time));
    if (index === -1) {
      counts.fn += 1;
      misses.push(`-${wanted.key}${wanted.time ? `@${wanted.time}` : ""}`);
    } else {
      counts.tp += 1;
      unmatched.splice(index, 1);
    }
  }
  counts.fp += unmatched.length;
  misses.push(...unmatched.map((found) => `+${found.key}${found.time ? `@${found.time}` : ""}`));
  return misses;
}

function row(label: string, { tp, fp, fn }: Counts): string {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return `${label.padEnd(10)} ${String(tp + fn).padStart(8)} ${String(tp + fp).padStart(6)} ${precision.toFixed(3).padStart(9)} ${recall.toFixed(3).padStart(7)} ${f1.toFixed(3).padStart(6)}`;
}

await score("labelled-messages.json");
await score("labelled-messages-holdout.json");
await score("labelled-messages-blind.json");
