// Finds crisis and self-harm language with our own versioned lexicon, and decides what each find means from a teen and from the model.

import { CRISIS_LEXICON, REPORTED_BY_SOMEONE, type CrisisLexiconEntry, type CrisisStance } from "./crisisLexicon.data";
import { CompiledLexicon, compileLexiconPattern } from "./lexiconPattern";
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

/** The entry a friend's words are matched by: what a match reported as someone's words is recorded as. */
const SOMEONE_AT_RISK = CRISIS_LEXICON.find((entry) => entry.stance === "someone") as CrisisLexiconEntry;

// What someone the writer knows posted, texted or said, ending where a match starts (REPORTED_BY_SOMEONE).
const REPORTED = REPORTED_BY_SOMEONE.map((source) => new RegExp(`${compileLexiconPattern(source).source} ?$`, "u"));

/** A match of the writer's own kind of words, and the words it matched. */
interface Found {
  entry: CrisisLexiconEntry;
  term: string;
}

/**
 * A match read as what it says of the writer, unless someone the writer knows is reported saying it: in "my friend keeps
 * posting stuff like wont be here much longer" the farewell is the friend's, found as someone_at_risk with the words
 * that report it. Being told to die, a disclosure and joining a friend's words are the writer's wherever they stand.
 */
function readMatch(entry: CrisisLexiconEntry, match: RegExpExecArray): Found {
  const term = termOf(match);
  if (entry.stance === "someone" || entry.stance === "told" || entry.stance === "disclosure" || entry.joinsSomeone) return { entry, term };
  const before = match.input.slice(0, match.index).trimEnd();
  for (const reported of REPORTED) {
    const reporting = reported.exec(before);
    if (reporting) return { entry: SOMEONE_AT_RISK, term: `${reporting[0].trim()} ${term}` };
  }
  return { entry, term };
}

const findAll = (forms: readonly string[]): Found[] => COMPILED.firstMatches(forms).map(({ entry, match }) => readMatch(entry, match));

/**
 * Every entry's first match in the text. The words about someone the writer knows are theirs, not the writer's: the
 * other entries are matched with those words left out, so in "my friend keeps saying they want to die" the "want to
 * die" names no one, while in "my friend wants to die and i want to die too" the writer's own words still do.
 */
export function findCrisisLanguage(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  let found = findAll(text.forms);
  const aboutSomeone = found.filter(({ entry }) => entry.stance === "someone");
  if (aboutSomeone.length > 0) {
    const withoutThem = leaveOutTerms(text.forms, aboutSomeone.map(({ term }) => term));
    // Being told to die, a disclosure and joining the friend's words always name the writer: kept as found in the whole text.
    const aboutTheWriter = found.filter(({ entry }) => entry.stance === "told" || entry.stance === "disclosure" || entry.joinsSomeone);
    const rest = findAll(withoutThem).filter(({ entry }) => entry.stance !== "someone" && !aboutTheWriter.some((kept) => kept.entry === entry));
    // One hit an entry: the friend's words first found stand for all of them.
    found = [aboutSomeone[0] as Found, ...aboutTheWriter, ...rest];
  }
  return found.map(({ entry, term }) => ({
    category: entry.category,
    term,
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
