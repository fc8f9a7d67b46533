// Training-time variants that name an idea in other words: one concept term the classifier's concept features find in a train line, swapped for another term of the same concept and language.

import { readFileSync } from "node:fs";
import { findConceptTerms, type ConceptFeatures } from "../../src/classifier/features";
import { normaliseTerm, prepareText } from "../../src/normalize";
import { parseReceivedLexicon } from "./concepts";
import type { LabelledExample } from "./examples";
import { CONCEPTS_RECEIVED_FILE } from "./paths";

type Language = "en" | "es";

/**
 * Each concept's terms per language, in the normaliser's form. The committed lexicon merges a concept's English and
 * Spanish terms into one list; a swap must stay in the term's language ("kms" for "kill myself", not for "matarme"),
 * so the languages are read again from the writer's file, through the same normaliser.
 */
export type ConceptTermsByLanguage = Readonly<Record<string, Readonly<Record<Language, readonly string[]>>>>;

export function conceptTermsByLanguage(received: unknown): ConceptTermsByLanguage {
  const out: Record<string, Record<Language, string[]>> = {};
  for (const [name, concept] of Object.entries(parseReceivedLexicon(received).concepts)) {
    const terms = (lang: Language) => [...new Set(concept[lang].map((term) => normaliseTerm(term, lang)).filter((form) => form.length > 0))].sort();
    out[name] = { en: terms("en"), es: terms("es") };
  }
  return out;
}

export function readConceptTermsByLanguage(path: string = CONCEPTS_RECEIVED_FILE): ConceptTermsByLanguage {
  return conceptTermsByLanguage(JSON.parse(readFileSync(path, "utf8")));
}

export interface ConceptSwapLexicon {
  /** The concept features the model reads: their matcher decides which words are a term. */
  features: ConceptFeatures;
  byLanguage: ConceptTermsByLanguage;
}

/** A concept and language take part only with at least this many terms, so a swap has others to choose from. */
const MIN_TERMS = 3;

/**
 * Concepts of grammar rather than of an idea: their terms are not interchangeable in a sentence ("i" and "myself",
 * "not" and "never", "how to" and "how do you"), and they are most of the terms found (SELF alone a sixth of the
 * swaps over the train lines), so they would spend the variants on broken sentences instead of other words for an idea.
 */
const GRAMMAR_CONCEPTS: ReadonlySet<string> = new Set(["SELF", "OTHER_PERSON", "NEGATION", "QUESTION_HOW"]);

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T | undefined => items[Math.floor(random() * items.length)];

/** The terms a matched term may become: others of one of its concepts, in the term's language (the line's when the term is both). */
function alternatives(term: string, concepts: readonly string[], lineLanguage: string, lexicon: ConceptSwapLexicon, random: Random): readonly string[] {
  const options: string[][] = [];
  for (const concept of concepts) {
    if (GRAMMAR_CONCEPTS.has(concept)) continue;
    const terms = lexicon.byLanguage[concept];
    if (terms === undefined) continue;
    const languages = (["en", "es"] as const).filter((lang) => terms[lang].includes(term));
    const language = languages.length === 2 && (lineLanguage === "en" || lineLanguage === "es") ? lineLanguage : pick(languages, random);
    if (language === undefined || terms[language].length < MIN_TERMS) continue;
    options.push(terms[language].filter((other) => other !== term));
  }
  return pick(options, random) ?? [];
}

/**
 * `perLine` variants of each train line that names a term of an idea, each with one matched term swapped for another
 * of its concept and language, in the line's matching form (the lexicon holds only matching forms, and the pipeline
 * reads that form again as it is). Ordinary lines get them as much as risk lines: a trap ("dying of laughter") must
 * meet the rarer synonyms too, or a rare synonym alone would read as risk.
 */
export function swapConceptTerms(train: readonly LabelledExample[], lexicon: ConceptSwapLexicon, perLine: number, random: Random): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const example of train) {
    const words = (prepareText(example.text).forms[0] ?? "").split(" ");
    const matches = findConceptTerms(words, lexicon.features).filter((match) => match.concepts.some((concept) => !GRAMMAR_CONCEPTS.has(concept)));
    for (let n = 0; n < perLine && matches.length > 0; n += 1) {
      const match = pick(matches, random);
      if (match === undefined) continue;
      const replacement = pick(alternatives(match.term, match.concepts, example.lang, lexicon, random), random);
      if (replacement === undefined) continue;
      const text = [...words.slice(0, match.start), replacement, ...words.slice(match.end)].join(" ");
      out.push({ ...example, id: `${example.id}~swapped${n}`, text, source: `${example.source} (concept term swapped)` });
    }
  }
  return out;
}
