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

/**
 * Every entry's first match in the text. The words about someone the writer knows are theirs, not the writer's: the
 * other entries are matched with those words left out, so in "my friend keeps saying they want to die" the "want to
 * die" names no one, while in "my friend wants to die and i want to die too" the writer's own words still do.
 */
export function findCrisisLanguage(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  let matches = COMPILED.firstMatches(text.forms);
  const aboutSomeone = matches.filter(({ entry }) => entry.stance === "someone");
  if (aboutSomeone.length > 0) {
    const withoutThem = leaveOutTerms(text.forms, aboutSomeone.map(({ match }) => termOf(match)));
    // Being told to die, a disclosure and joining the friend's words always name the writer: kept as found in the whole text.
    const aboutTheWriter = matches.filter(({ entry }) => entry.stance === "told" || entry.stance === "disclosure" || entry.joinsSomeone);
    const rest = COMPILED.firstMatches(withoutThem).filter(({ entry }) => entry.stance !== "someone" && !aboutTheWriter.some((kept) => kept.entry === entry));
    matches = [...aboutSomeone, ...aboutTheWriter, ...rest];
  }
  return matches.map(({ entry, match }) => ({
    category: entry.category,
    term: termOf(match),
    ruleId: `${entry.category}.${entry.id}`,
    action: direction === "output" ? OUTPUT_ACTION[entry.stance] : entry.stance === "someone" ? "flag" : "crisis",
  }));
}

/** The forms with the matched words left out, each replaced by a clause end: how the writer's own words are read. */
export function leaveOutTerms(forms: readonly string[], terms: readonly string[]): string[] {
  return forms.map((form) => terms.reduce((rest, term) => rest.split(term).join(" . "), form));
}

/** What an entry matched, as a verdict names it. */
const termOf = (match: RegExpExecArray): string => match[0].trim();
