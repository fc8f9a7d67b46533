// The concept lexicon (data/concepts): checking a writer's file, putting its terms in the normaliser's form, and the classifier's concept features made from it.

import { readFileSync } from "node:fs";
import type { ConceptFeatures } from "../../src/classifier/features";
import { normaliseTerm } from "../../src/normalize";
import { CONCEPTS_FILE } from "./paths";

/** The writer's file: {description, author, concepts: {NAME: {about, en: [terms], es: [terms]}}}. */
export interface ReceivedConceptLexicon {
  description: string;
  author: string;
  concepts: Record<string, { about: string; en: string[]; es: string[] }>;
}

/** The committed lexicon: where it came from, each concept's terms in matching form, and what normalised to nothing. */
export interface ConceptLexicon {
  source: { author: string; description: string; sha256: string; received: string };
  /** Terms in the writer's file, and how many distinct matching forms are left once normalised (duplicates merged, empty ones dropped). */
  termsReceived: number;
  termsKept: number;
  /** Terms that normalised to nothing, with their concept and language. */
  dropped: { concept: string; lang: "en" | "es"; term: string }[];
  concepts: Record<string, { about: string; terms: string[] }>;
}

export class ConceptLexiconError extends Error {
  override readonly name = "ConceptLexiconError";
  readonly code = "CONCEPT_LEXICON_INVALID" as const;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isTermList = (value: unknown): value is string[] => Array.isArray(value) && value.every((term) => typeof term === "string");

/** Checks a writer's lexicon field by field; a wrong shape is a typed error naming the place. */
export function parseReceivedLexicon(value: unknown): ReceivedConceptLexicon {
  const invalid = (why: string) => new ConceptLexiconError(`concept lexicon: ${why}`);
  if (!isObject(value)) throw invalid("not a JSON object");
  const { description, author, concepts } = value;
  if (typeof description !== "string" || typeof author !== "string" || author.length === 0) throw invalid("description or author missing");
  if (!isObject(concepts) || Object.keys(concepts).length === 0) throw invalid("no concepts");
  const out: ReceivedConceptLexicon["concepts"] = {};
  for (const [name, concept] of Object.entries(concepts)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw invalid(`concept name ${JSON.stringify(name)} is not an upper-case name`);
    if (!isObject(concept) || typeof concept.about !== "string" || !isTermList(concept.en) || !isTermList(concept.es)) throw invalid(`concept ${name} lacks about, en or es`);
    out[name] = { about: concept.about, en: [...concept.en], es: [...concept.es] };
  }
  return { description, author, concepts: out };
}

/** Every term through the project's normaliser in its own language; terms that normalise to nothing are dropped and listed. */
export function normaliseLexicon(received: ReceivedConceptLexicon, sha256: string, receivedAt: string): ConceptLexicon {
  const dropped: ConceptLexicon["dropped"] = [];
  const concepts: ConceptLexicon["concepts"] = {};
  let termsReceived = 0;
  let termsKept = 0;
  for (const [name, concept] of Object.entries(received.concepts)) {
    const terms = new Set<string>();
    for (const lang of ["en", "es"] as const) {
      for (const term of concept[lang]) {
        termsReceived += 1;
        const form = normaliseTerm(term, lang);
        if (form.length === 0) dropped.push({ concept: name, lang, term });
        else terms.add(form);
      }
    }
    termsKept += terms.size;
    concepts[name] = { about: concept.about, terms: [...terms].sort() };
  }
  return { source: { author: received.author, description: received.description, sha256, received: receivedAt }, termsReceived, termsKept, dropped, concepts };
}

export function readConceptLexicon(path: string = CONCEPTS_FILE): ConceptLexicon {
  return JSON.parse(readFileSync(path, "utf8")) as ConceptLexicon;
}

/** The classifier's concept features from the committed lexicon: its terms (they travel in the model file) and the spans chosen on dev. */
export function conceptFeatures(lexicon: ConceptLexicon, spans: { pairSpan: number; wordSpan: number }): ConceptFeatures {
  const terms: Record<string, string[]> = {};
  for (const [name, concept] of Object.entries(lexicon.concepts)) if (concept.terms.length > 0) terms[name] = [...concept.terms];
  return { source: { author: lexicon.source.author, sha256: lexicon.source.sha256 }, terms, ...spans };
}
