// Finds crisis and self-harm language with our own versioned lexicon, and decides what each find means from a teen and from the model.

import { CRISIS_LEXICON, REPORTED_BY_SOMEONE, WRITER_JOINS, type CrisisLexiconEntry, type CrisisStance } from "./crisisLexicon.data";
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
const SOMEONE_AT_RISK = entryWithId("someone_at_risk");

// What someone the writer knows posted, texted or said, ending where a match starts (REPORTED_BY_SOMEONE).
const REPORTED = REPORTED_BY_SOMEONE.map((source) => new RegExp(`${compileLexiconPattern(source).source} ?$`, "u"));
// The writer joining those words, starting where a match ends (WRITER_JOINS).
const JOINED = WRITER_JOINS.map((source) => new RegExp(`^ ?${compileLexiconPattern(source).source}`, "u"));

function entryWithId(id: string): CrisisLexiconEntry {
  const entry = CRISIS_LEXICON.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`the crisis lexicon has no entry ${id}`);
  return entry;
}

/** Being told to die, a disclosure and joining a friend's words are the writer's wherever they stand in the message. */
const namesTheWriterAnywhere = (entry: CrisisLexiconEntry) => entry.stance === "told" || entry.stance === "disclosure" || entry.joinsSomeone === true;

/** An entry's match, as what it says of whom, and the words that say it. */
interface LexiconFind {
  entry: CrisisLexiconEntry;
  term: string;
}

/**
 * A match read as what it says of the writer, unless someone the writer knows is reported saying it: in "my friend keeps
 * posting stuff like wont be here much longer" the farewell is the friend's, found as someone_at_risk with the words
 * that report it, unless the writer joins them next ("… and so do i"). Only words marked as the friend's report them
 * (REPORTED_BY_SOMEONE), so "my friend posted suicide prevention numbers" names the topic, not a friend at risk.
 */
function readMatch(entry: CrisisLexiconEntry, match: RegExpExecArray): LexiconFind {
  const term = termOf(match);
  if (entry.stance === "someone" || namesTheWriterAnywhere(entry)) return { entry, term };
  const before = match.input.slice(0, match.index).trimEnd();
  const reporting = reportingBefore(before);
  if (reporting === undefined) return { entry, term };
  const after = match.input.slice(match.index + match[0].length);
  if (JOINED.some((joined) => joined.test(after))) return { entry, term };
  return { entry: SOMEONE_AT_RISK, term: match.input.slice(reporting.index, match.index + match[0].length).trim() };
}

/** The words reporting someone the writer knows that end where a match starts, if any do. */
function reportingBefore(before: string): RegExpExecArray | undefined {
  for (const reported of REPORTED) {
    const reporting = reported.exec(before);
    if (reporting) return reporting;
  }
  return undefined;
}

/** The friend's words found once: a term another find holds (or holds already, found earlier) is the same words. */
const withoutRepeatedTerms = (finds: readonly LexiconFind[]): LexiconFind[] =>
  finds.filter((find, index) => !finds.some((other, at) => at !== index && other.term.includes(find.term) && (other.term !== find.term || at < index)));

/** Each entry's first match in the forms, read as what it says of whom. */
const readFirstMatches = (forms: readonly string[]): LexiconFind[] => COMPILED.firstMatches(forms).map(({ entry, match }) => readMatch(entry, match));

/**
 * Every entry's first match in the text. The words about someone the writer knows are theirs, not the writer's: the
 * other entries are matched with those words left out, so in "my friend keeps saying they want to die" the "want to
 * die" names no one, while in "my friend wants to die and i want to die too" the writer's own words still do.
 */
export function findCrisisLanguage(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  let finds = readFirstMatches(text.forms);
  // A friend's words the entry itself found may be found again as reported ("he told me he self harms"): once is enough.
  const aboutSomeone = withoutRepeatedTerms(finds.filter(({ entry }) => entry.stance === "someone"));
  if (aboutSomeone.length > 0) {
    const withoutThem = leaveOutTerms(text.forms, aboutSomeone.map(({ term }) => term));
    const aboutTheWriter = finds.filter(({ entry }) => namesTheWriterAnywhere(entry));
    const rest = readFirstMatches(withoutThem).filter(({ entry }) => entry.stance !== "someone" && !aboutTheWriter.some((kept) => kept.entry === entry));
    // Each of the friend's words stays a hit of its own, a pattern's and a reported one alike: the writer's own words
    // are read with all of them left out (scoreWritersOwnWords).
    finds = [...aboutSomeone, ...aboutTheWriter, ...rest];
  }
  return finds.map(({ entry, term }) => ({
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
