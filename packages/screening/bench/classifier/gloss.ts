// The Spanish glossary (data/gloss): checking a writer's file, putting both sides of each entry in the normaliser's form, and the classifier's gloss features made from it.

import { readFileSync } from "node:fs";
import type { GlossFeatures } from "../../src/classifier/features";
import { normaliseTerm, prepareText } from "../../src/normalize";
import type { LabelledExample } from "./examples";
import { GLOSS_FILE } from "./paths";

/** The writer's file: {description, author, entries: [{es, en}]}. */
export interface ReceivedGloss {
  description: string;
  author: string;
  entries: { es: string; en: string }[];
}

/** The committed glossary: where it came from, each Spanish matching form's English reading, and what was not kept. */
export interface Gloss {
  source: { author: string; description: string; sha256: string; received: string };
  entriesReceived: number;
  entriesKept: number;
  /** Entries whose Spanish or English side normalised to nothing, or whose Spanish form an earlier entry had already taken. */
  dropped: { es: string; en: string; why: "empty" | "repeated" | "unchanged" }[];
  entries: Record<string, string>;
}

export class GlossError extends Error {
  override readonly name = "GlossError";
  readonly code = "GLOSS_INVALID" as const;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks a writer's glossary entry by entry; a wrong shape is a typed error naming the place. */
export function parseReceivedGloss(value: unknown): ReceivedGloss {
  const invalid = (why: string) => new GlossError(`glossary: ${why}`);
  if (!isObject(value)) throw invalid("not a JSON object");
  const { description, author, entries } = value;
  if (typeof description !== "string" || typeof author !== "string" || author.length === 0) throw invalid("description or author missing");
  if (!Array.isArray(entries) || entries.length === 0) throw invalid("no entries");
  return {
    description,
    author,
    entries: entries.map((entry, index) => {
      if (!isObject(entry) || typeof entry.es !== "string" || typeof entry.en !== "string") throw invalid(`entry ${index} lacks es or en`);
      return { es: entry.es, en: entry.en };
    }),
  };
}

/**
 * Both sides of each entry through the project's normaliser in their own language. The first entry for a Spanish
 * form stands; one that reads the same in English ("no" → "no") is dropped, since reading it adds nothing.
 */
export function normaliseGloss(received: ReceivedGloss, sha256: string, receivedAt: string): Gloss {
  const dropped: Gloss["dropped"] = [];
  const entries = new Map<string, string>();
  for (const { es, en } of received.entries) {
    const spanish = normaliseTerm(es, "es");
    const english = normaliseTerm(en, "en");
    if (spanish.length === 0 || english.length === 0) dropped.push({ es, en, why: "empty" });
    else if (entries.has(spanish)) dropped.push({ es, en, why: "repeated" });
    else if (spanish === english) dropped.push({ es, en, why: "unchanged" });
    else entries.set(spanish, english);
  }
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    source: { author: received.author, description: received.description, sha256, received: receivedAt },
    entriesReceived: received.entries.length,
    entriesKept: entries.size,
    dropped,
    entries: sorted,
  };
}

/** The committed glossary (data/gloss/gloss.json), or the one at `path`. */
export function readGloss(path: string = GLOSS_FILE): Gloss {
  return JSON.parse(readFileSync(path, "utf8")) as Gloss;
}

/** The classifier's gloss features from the committed glossary and the English words of the lines it is trained on: both travel in the model file. */
export function glossFeatures(gloss: Gloss, englishWords: readonly string[]): GlossFeatures {
  return { source: { author: gloss.source.author, sha256: gloss.source.sha256 }, entries: { ...gloss.entries }, englishWords: [...englishWords] };
}

/** Words the English lines use at least twice, in matching form, sorted: once is too often a name or a typo. */
export function englishVocabulary(lines: readonly LabelledExample[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line.lang !== "en") continue;
    for (const word of new Set(prepareText(line.text).forms.flatMap((form) => form.split(" ")))) {
      if (word.length > 0 && word !== ".") counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, count]) => count >= 2)
    .map(([word]) => word)
    .sort();
}
