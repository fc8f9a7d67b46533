// Picks the subject of a user's message ("my math test", "Maya", "the party") so the offline model can reflect it back.
//
// Heuristics, not NLP: the offline model only needs a plausible phrase to echo, and a wrong guess must
// degrade to a topic-less reply rather than nonsense, so every rule is conservative and returns
// undefined when unsure. Tried in order: a phrase containing a name ("my friend Maya", "a YouTube
// channel"), a name in mid-sentence ("Portland"), the first phrase after a possessive, "about" or an
// article ("my parents", "about quitting piano", "the party"), then a known teen-life word ("school").

import { withoutPersonaMentions } from "../personas/mentions.js";

const MAX_WORDS = 3;

/** Words that end a noun phrase: function words, common verbs and adverbs, time words. */
const PHRASE_STOP = new Set(
  (
    "a an the this that these those my our your his her their its me you him them us it i " +
    "and or but so because if when while then than as of to in on at for with from by about into over under after before " +
    "is are was were be been being am has have had do does did will would can could should shall may might must " +
    "isn't aren't wasn't weren't hasn't haven't don't doesn't didn't won't wouldn't can't couldn't shouldn't " +
    "keep keeps kept want wants wanted said says told tell tells think thinks thought got gets get make makes made " +
    "feel feels felt know knows knew go goes went say like likes just really always never still again too very kinda " +
    "sorta also even only maybe probably actually literally basically today tomorrow tonight yesterday now later soon " +
    "lol omg idk tbh rn ngl"
  ).split(/\s+/),
);

const NOT_NAMES = new Set(
  (
    "I I'm I've I'll I'd Im Ive OK Ok Okay Hey Hi Hello Yeah Yes No Lol Omg Idk Tbh Ugh Oh Well So And But " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July " +
    "August September October November December God"
  ).split(/\s+/),
);

/**
 * Topics teens bring up often enough that finding one is a better echo than no topic at all: these
 * read well bare ("school"), and these need an article ("the test").
 */
const KNOWN_TOPICS = new Set(
  (
    "school homework exams grades classes teachers friends parents family practice sleep music art games " +
    "tryouts summer vacation college anxiety stress mom dad"
  ).split(/\s+/),
);
const KNOWN_COUNTED_TOPICS = new Set("test exam quiz essay project game match party concert recital audition".split(/\s+/));

/**
 * Words that introduce a topic phrase, and what replaces them when it is echoed back: "my" becomes
 * "your"; "a math test" becomes "the math test" (it is now a known thing); "about" is dropped.
 */
// A Map, so a teen typing "constructor" meets no inherited function of an object.
const PHRASE_LEADS: ReadonlyMap<string, string> = new Map(Object.entries({ my: "your", our: "your", the: "the", a: "the", an: "the", about: "" }));

const WORD = /^[\p{L}][\p{L}'’-]*$/u;
const NAME = /^\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}*)*$/u;

/** The phrase to echo back, already in the second person ("your math test"), or undefined. */
export function extractTopic(message: string): string | undefined {
  // "@Luna" in a group chat says who should answer; it is not what the message is about.
  const sentences = withoutPersonaMentions(message).split(/(?<=[.!?])\s+|\n+/);
  const tokens: { word: string; sentenceStart: boolean }[] = [];
  for (const sentence of sentences) {
    sentence
      .split(/\s+/)
      .map((raw) => raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’]+$/gu, ""))
      .filter((word) => word.length > 0)
      .forEach((word, index) => tokens.push({ word, sentenceStart: index === 0 }));
  }

  const isName = (index: number) => {
    const token = tokens[index];
    return token !== undefined && !token.sentenceStart && NAME.test(token.word) && !NOT_NAMES.has(token.word);
  };

  // Phrases introduced by a possessive, "about" or an article, in the order they appear.
  const phrases: string[][] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const lower = tokens[index]?.word.toLowerCase() ?? "";
    const lead = PHRASE_LEADS.get(lower);
    if (lead === undefined) continue;
    const phrase = phraseAfter(tokens, index + 1, isName);
    if (phrase.length > 0) phrases.push(lead ? [lead, ...phrase] : phrase);
  }

  const withName = phrases.find((phrase) => phrase.some((word) => NAME.test(word)));
  if (withName) return withName.join(" ");

  for (let index = 0; index < tokens.length; index += 1) {
    if (!isName(index)) continue;
    const name = [tokens[index]?.word ?? ""];
    while (name.length < MAX_WORDS && isName(index + name.length)) name.push(tokens[index + name.length]?.word ?? "");
    return name.join(" ");
  }

  const first = phrases[0];
  if (first) return first.join(" ");
  for (const { word } of tokens) {
    const lower = word.toLowerCase();
    if (KNOWN_TOPICS.has(lower)) return lower;
    if (KNOWN_COUNTED_TOPICS.has(lower)) return `the ${lower}`;
  }
  return undefined;
}

function phraseAfter(
  tokens: readonly { word: string }[],
  start: number,
  isName: (index: number) => boolean,
): string[] {
  const phrase: string[] = [];
  for (let index = start; index < tokens.length && phrase.length < MAX_WORDS; index += 1) {
    const word = tokens[index]?.word ?? "";
    const lower = word.toLowerCase();
    if (!WORD.test(word) || PHRASE_STOP.has(lower)) break;
    // Past tenses and gerunds after the head noun are usually the verb ("my friend Maya stopped ...").
    if (phrase.length > 0 && !isName(index) && /(?:ed|ing|ly)$/.test(lower)) break;
    phrase.push(isName(index) ? word : lower);
  }
  return phrase;
}
