// Finds habits: something the user does on a schedule ("every morning I run", "i practice guitar every day").
import nlp from "compromise";
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { clauseEnd, clauseStart, matchesOf } from "./textPatterns.js";

const DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const FREQUENCY = new RegExp(
  `\\b(?:(?:every|each)\\s+(?:single\\s+)?(?:day|morning|night|evening|afternoon|weekend|week|summer|year|${DAYS})|daily|nightly|(?:once|twice|(?:two|three|four|five|\\d)\\s+times)\\s+a\\s+(?:day|week|month))\\b`,
  "g",
);
/** Words between "I" and the habit's verb that do not change it: "I usually run", "I try to journal", "I've been going", "I have to babysit". */
const SKIPPABLE = new Set(["usually", "always", "also", "still", "often", "normally", "like", "try", "to", "literally", "basically", "kind", "of", "just", "really", "been", "have", "got", "need", "gotta"]);
/** Who does the habit: the user as subject, or as object of being made to ("my abuela makes me go to church"). */
const SUBJECTS = new Set(["i", "i've", "i'm"]);
const MADE_TO = new Set(["makes", "make", "made", "lets", "let", "forces", "has"]);
/** Not habits: states and auxiliaries ("I am", "I have", "I think"). */
const NOT_HABIT_VERBS = new Set([
  "am", "i'm", "was", "have", "had", "has", "do", "does", "did", "don't", "didn't", "can", "can't", "will", "won't", "would", "should", "could",
  "think", "feel", "know", "mean", "guess", "get", "got", "need", "want", "wish", "hope", "swear", "used", "hate", "love", "miss", "see",
]);
/** Words that end the habit's object ("I play tennis with my uncle", "I run before school"). */
const OBJECT_STOP = new Set([
  "with", "before", "after", "at", "in", "on", "for", "because", "and", "but", "so", "when", "while", "until", "every", "each", "daily",
  "nightly", "lol", "too", "now", "anymore", "though", "then", "during", "around", "by", "like", "about",
]);
const MAX_OBJECT_WORDS = 3;

export function findHabits(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (const match of matchesOf(FREQUENCY, lower)) {
    const frequency = match[0].replace(/\s+/g, " ").replace(/\bsingle /, "");
    const start = clauseStart(lower, match.index);
    const end = clauseEnd(lower, match.index + match[0].length);
    const subject = tokens.findIndex(
      (token, index) => token.start >= start && token.end <= end && (SUBJECTS.has(token.lower) || (token.lower === "me" && MADE_TO.has(tokens[index - 1]?.lower ?? ""))),
    );
    if (subject === -1) continue;

    let verbIndex = subject + 1;
    while (isSkippable(tokens, verbIndex) && verbIndex - subject < 4) verbIndex += 1;
    const verb = tokens[verbIndex];
    if (!verb || verb.end > end || NOT_HABIT_VERBS.has(verb.lower) || !/^\p{L}+$/u.test(verb.lower) || isFrequencyWord(verb, match.index)) continue;
    // "I'm up every night", "I've a test every week": after I'm / I've only a verb in -ing is something done.
    if ((tokens[subject]?.lower === "i'm" || tokens[subject]?.lower === "i've") && !verb.lower.endsWith("ing")) continue;

    const object = objectAfter(tokens, verbIndex, end, match.index);
    const phrase = [infinitive(verb.lower), ...object.map((token) => token.lower)].join(" ");
    // The verb is the habit's own: a later rule must not also read "I run" as the activity running.
    found.add({ type: "Habit", name: `${phrase} ${frequency}`, start: verb.start, end: verb.end, attributes: { frequency }, userEdges: [{ type: "involves" }] });
  }
}

function objectAfter(tokens: readonly Token[], verbIndex: number, clauseEndAt: number, frequencyStart: number): Token[] {
  const object: Token[] = [];
  for (let index = verbIndex + 1; index < tokens.length && object.length < MAX_OBJECT_WORDS; index += 1) {
    const token = tokens[index] as Token;
    if (token.end > clauseEndAt || token.start === frequencyStart) break;
    if (OBJECT_STOP.has(token.lower) || token.tags.has("Date") || (token.tags.has("Pronoun") && token.lower !== "my")) break;
    object.push(token);
    if (/[,.!?;]/.test(token.post)) break;
  }
  // "my" is kept only inside ("walk my dog"), never as the last word.
  while (object.length > 0 && ["my", "the", "a", "an"].includes(object[object.length - 1]?.lower ?? "")) object.pop();
  return object;
}

/** "have", "got", "need" are skipped only as "have to": "I have a test every week" is no habit of "a". */
function isSkippable(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]?.lower ?? "";
  if (!SKIPPABLE.has(word)) return false;
  return !["have", "got", "need"].includes(word) || tokens[index + 1]?.lower === "to";
}

/** "going" -> "go", "running" -> "run": a habit is named by what the user does, not the tense it was told in. */
function infinitive(verb: string): string {
  if (!verb.endsWith("ing") || verb.length <= 4) return verb;
  const base = nlp(verb).verbs().toInfinitive().text().trim().toLowerCase();
  return base && base !== verb ? base : verb;
}

function isFrequencyWord(token: Token, frequencyStart: number): boolean {
  return token.start >= frequencyStart && token.tags.has("Date");
}
