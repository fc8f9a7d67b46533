// Folds rule hits into one verdict: the most severe action wins, categories and matches accumulate.

import { CRISIS_LEXICON_VERSION } from "./crisisLexicon.data";
import type { RuleHit, SafetyAction, SafetyCategory, SafetyMatch, SafetyVerdict } from "./types";

const SEVERITY: Readonly<Record<SafetyAction, number>> = { allow: 0, flag: 1, block: 2, crisis: 3 };

// A fixed order, so equal verdicts compare equal and read the same in every log.
export const CATEGORY_ORDER: readonly SafetyCategory[] = [
  "crisis",
  "self_harm",
  "sexual_minors",
  "sexual",
  "hate",
  "harassment",
  "violence",
  "profanity",
  "personal_data",
];

export function moreSevere(a: SafetyAction, b: SafetyAction): SafetyAction {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export function sortCategories(categories: Iterable<SafetyCategory>): SafetyCategory[] {
  const present = new Set(categories);
  return CATEGORY_ORDER.filter((category) => present.has(category));
}

export function buildVerdict(hits: readonly RuleHit[], redactedText: string | undefined): SafetyVerdict {
  const action = hits.reduce<SafetyAction>((worst, hit) => moreSevere(worst, hit.action), "allow");
  const matches: SafetyMatch[] = hits.map(({ category, term, ruleId }) => ({ category, term, ruleId }));
  const verdict: SafetyVerdict = { action, categories: sortCategories(hits.map((hit) => hit.category)), matches, lexiconVersion: CRISIS_LEXICON_VERSION };
  if (redactedText !== undefined) verdict.redactedText = redactedText;
  return verdict;
}
