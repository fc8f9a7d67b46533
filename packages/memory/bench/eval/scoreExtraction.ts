// Scores extracted entities against labelled ones per type: exact (same type and canonical key) and lenient (same type, key words overlap).
import { canonicalEntityKey } from "../../src/extraction/canonicalEntityKey";
import type { EntityType, Extraction } from "../../src/graph/model";
import type { LabelledEntity, LabelledMessage } from "./labelledSet";

export const ENTITY_TYPES: readonly EntityType[] = ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface MessageScore {
  exact: Map<EntityType, Counts>;
  lenient: Map<EntityType, Counts>;
  /** Labelled temporal relations whose event was found, and how many of those carry the labelled day. */
  dates: { labelled: number; found: number; right: number };
  misses: string[];
}

/** Words that never make two names the same thing on their own. */
const STOP_WORDS = new Set([
  "a", "an", "the", "my", "our", "his", "her", "their", "your", "to", "of", "in", "on", "at", "for", "with", "and", "or", "is", "be",
  "it", "i", "me", "every", "day", "night", "week", "all", "so", "too", "much", "up", "out", "get", "go", "do", "make", "have",
]);

const contentWords = (key: string) => new Set(key.split("-").filter((word) => word.length >= 2 && !STOP_WORDS.has(word)));

/**
 * The lenient rule: a found entity matches a labelled one of the same type when their canonical keys share at least
 * one content word (stop words such as "my", "every", "get" excluded), one to one, best overlap (Jaccard) first,
 * after exact matches are paired. So "scroll tiktok until 2am" matches "scroll tiktok every night", and "chem test"
 * matches "chemistry unit test"; "mom" never matches "dad".
 */
export function lenientMatch(a: string, b: string): number {
  const left = contentWords(a);
  const right = contentWords(b);
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared === 0 ? 0 : shared / (left.size + right.size - shared);
}

const keyOf = (entity: { type: EntityType; name: string }) => canonicalEntityKey(entity.type, entity.name);
const emptyCounts = () => new Map<EntityType, Counts>(ENTITY_TYPES.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));

export function scoreMessage(message: LabelledMessage, extraction: Extraction): MessageScore {
  const exact = emptyCounts();
  const lenient = emptyCounts();
  const misses: string[] = [];
  const pairs = new Map<LabelledEntity, { type: EntityType; name: string }>();

  for (const type of ENTITY_TYPES) {
    const wanted = [...new Map(message.entities.filter((e) => e.type === type).map((e) => [keyOf(e), e])).values()];
    const got = [...new Map(extraction.entities.filter((e) => e.type === type).map((e) => [keyOf(e), e])).values()];
    const wantedKeys = new Set(wanted.map(keyOf));
    const gotKeys = new Set(got.map(keyOf));
    const exactCounts = exact.get(type) as Counts;
    for (const key of wantedKeys) if (gotKeys.has(key)) exactCounts.tp += 1;
    exactCounts.fn += [...wantedKeys].filter((key) => !gotKeys.has(key)).length;
    exactCounts.fp += [...gotKeys].filter((key) => !wantedKeys.has(key)).length;

    // Lenient: exact pairs first, then the best-overlapping remaining pairs.
    const leftWanted = wanted.filter((entity) => {
      const twin = got.find((candidate) => keyOf(candidate) === keyOf(entity));
      if (twin) pairs.set(entity, twin);
      return !twin;
    });
    const leftGot = got.filter((entity) => !wantedKeys.has(keyOf(entity)));
    const candidates = leftWanted
      .flatMap((w) => leftGot.map((g) => ({ w, g, overlap: lenientMatch(keyOf(w), keyOf(g)) })))
      .filter((pair) => pair.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap);
    const usedWanted = new Set<LabelledEntity>();
    const usedGot = new Set<object>();
    for (const { w, g } of candidates) {
      if (usedWanted.has(w) || usedGot.has(g)) continue;
      usedWanted.add(w);
      usedGot.add(g);
      pairs.set(w, g);
    }
    const lenientCounts = lenient.get(type) as Counts;
    lenientCounts.tp += wantedKeys.size - leftWanted.length + usedWanted.size;
    lenientCounts.fn += leftWanted.length - usedWanted.size;
    lenientCounts.fp += leftGot.length - usedGot.size;
    for (const entity of leftWanted) misses.push(`${usedWanted.has(entity) ? "~" : "-"}${type}:${keyOf(entity)}${usedWanted.has(entity) ? `≈${keyOf(pairs.get(entity) as LabelledEntity)}` : ""}`);
    for (const entity of leftGot) if (!usedGot.has(entity)) misses.push(`+${type}:${keyOf(entity)}`);
  }

  const dates = { labelled: 0, found: 0, right: 0 };
  for (const relation of message.relations) {
    if (relation.type !== "temporal" || !relation.time) continue;
    dates.labelled += 1;
    const event = message.entities.find((entity) => entity.name === relation.to);
    const twin = event && pairs.get(event);
    if (!twin) continue;
    dates.found += 1;
    const time = extraction.relations.find((r) => r.type === "temporal" && r.to === twin.name)?.time?.slice(0, 10);
    if (time === relation.time) dates.right += 1;
    else misses.push(`@${relation.to}: ${time ?? "no date"} ≠ ${relation.time}`);
  }
  return { exact, lenient, dates, misses };
}

export function addCounts(into: Map<EntityType, Counts>, from: Map<EntityType, Counts>): void {
  for (const [type, counts] of from) {
    const total = into.get(type) as Counts;
    total.tp += counts.tp;
    total.fp += counts.fp;
    total.fn += counts.fn;
  }
}

export function totalOf(counts: Map<EntityType, Counts>): Counts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of counts.values()) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return total;
}

export function prf({ tp, fp, fn }: Counts): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export { emptyCounts };
