// Finds crisis and self-harm language with our own versioned lexicon, and decides what each find means from a teen and from the model.

import { CRISIS_LEXICON, type CrisisLexiconEntry, type CrisisStance } from "./crisisLexicon.data";
import { compileLexiconPattern, firstLexiconMatch } from "./lexiconPattern";
import type { PreparedText } from "./normalize";
import type { RuleHit, SafetyAction, ScreeningDirection } from "./types";

interface CompiledEntry {
  entry: CrisisLexiconEntry;
  regexes: RegExp[];
}

const COMPILED: readonly CompiledEntry[] = CRISIS_LEXICON.map((entry) => ({ entry, regexes: entry.patterns.map(compileLexiconPattern) }));

// A model reply may name the topic or another person's words while it helps; it must never speak as
// the one in crisis, nor describe a method, so those block while the rest is only recorded.
const OUTPUT_ACTION: Readonly<Record<CrisisStance, SafetyAction>> = {
  self: "block",
  method: "block",
  mention: "flag",
  told: "flag",
  disclosure: "flag",
};

export function findCrisisLanguage(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const { entry, regexes } of COMPILED) {
    const match = firstLexiconMatch(text.forms, regexes);
    if (match === undefined) continue;
    hits.push({
      category: entry.category,
      term: match[0].trim(),
      ruleId: `${entry.category}.${entry.id}`,
      action: direction === "input" ? "crisis" : OUTPUT_ACTION[entry.stance],
    });
  }
  return hits;
}
