// Finds crisis and self-harm language with our own versioned lexicon, and decides what each find means from a teen and from the model.

import { CRISIS_LEXICON, type CrisisLexiconEntry, type CrisisStance } from "./crisisLexicon.data";
import { CompiledLexicon } from "./lexiconPattern";
import type { PreparedText } from "./normalize";
import type { RuleHit, SafetyAction, ScreeningDirection } from "./types";

const COMPILED = new CompiledLexicon<CrisisLexiconEntry>(CRISIS_LEXICON);

// A model reply may name the topic or another person's words while it helps; it must never speak as
// the one in crisis, nor describe a method, so those block while the rest is only recorded.
const OUTPUT_ACTION: Readonly<Record<CrisisStance, SafetyAction>> = {
  self: "block",
  method: "block",
  mention: "flag",
  told: "flag",
  disclosure: "flag",
  someone: "flag",
};

export function findCrisisLanguage(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const { entry, match } of COMPILED.firstMatches(text.forms)) {
    hits.push({
      category: entry.category,
      term: match[0].trim(),
      ruleId: `${entry.category}.${entry.id}`,
      action: direction === "output" ? OUTPUT_ACTION[entry.stance] : entry.stance === "someone" ? "flag" : "crisis",
    });
  }
  return hits;
}
