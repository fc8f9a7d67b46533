// The features the span tagger reads for each token of a message: its words and their neighbours, shapes, compromise's tags, word-list hits and cue phrases.
import { COUNTRIES, CITIES, US_STATES, VENUES, COLLEGES, PLACE_NOUNS, APPS, GAMES, SHOWS, POSSESSIONS, BRAND_THINGS, ANIMALS, FIRST_NAMES } from "../gazetteer.js";
import { ACTIVITIES, EVENTS, FEELINGS, INTEREST_TOPICS, PLACES, SUBJECTS } from "../lexicon.js";
import { PERSON_ROLES } from "../personRoles.js";
import type { MessageText, Token } from "../readMessage.js";
import { spansOverlap } from "../spans.js";
import { phraseClassesOf, wordClassesOf } from "./wordClasses.js";

/** compromise tags worth reading on the neighbours too; the token itself gets all of its tags. */
const NEIGHBOUR_TAGS = ["Noun", "Verb", "Adjective", "Adverb", "Person", "Place", "Organization", "Date", "Value", "Possessive", "Preposition", "Determiner", "Gerund", "Infinitive", "PastTense", "Pronoun", "ProperNoun", "Plural", "Conjunction"] as const;

/**
 * Word lists by the kind of thing they name. Only the kind reaches the tagger ("in:place"), so the tagger learns how far
 * to trust a list, not its words one by one; multi-word entries mark every word they cover.
 */
const LISTS: readonly [string, Iterable<string>][] = [
  ["place", [...COUNTRIES, ...CITIES, ...US_STATES, ...VENUES, ...COLLEGES, ...PLACES.keys()]],
  ["placenoun", PLACE_NOUNS],
  ["thing", [...APPS, ...GAMES, ...SHOWS, ...POSSESSIONS, ...BRAND_THINGS, ...ANIMALS]],
  ["name", FIRST_NAMES],
  ["role", PERSON_ROLES.keys()],
  ["activity", ACTIVITIES.keys()],
  ["event", EVENTS.keys()],
  ["feeling", FEELINGS.keys()],
  ["subject", [...SUBJECTS.keys(), ...INTEREST_TOPICS.keys()]],
];
const LONGEST_ENTRY = 4;
let listIndex: Map<string, string[]> | undefined;

function listsOf(phrase: string): string[] | undefined {
  if (!listIndex) {
    listIndex = new Map();
    for (const [kind, entries] of LISTS) {
      for (const entry of entries) {
        const key = entry.toLowerCase().replace(/\s+/g, " ");
        const kinds = listIndex.get(key) ?? [];
        if (!kinds.includes(kind)) kinds.push(kind);
        listIndex.set(key, kinds);
      }
    }
  }
  return listIndex.get(phrase);
}

/** Phrases that announce a type nearby: a goal after "i want to", a habit around "every night", a value before "matters". */
const CUES: readonly [string, RegExp][] = [
  ["goal", /\b(?:want(?:s)?\s+to|wanna|tryna|trying\s+to|hope\s+to|hoping\s+to|(?:i'd|id|would)\s+love\s+to|dream\s+is|goal\s+is|plan(?:ning)?\s+to|gonna|going\s+to|need\s+to|have\s+to|determined\s+to|saving\s+(?:up\s+)?for|working\s+(?:on|toward|towards))\b/g],
  ["habit", /\b(?:every|each|always|usually|keep|keeps|daily|nightly|weekends|all\s+the\s+time|too\s+much|whenever|every\s+time|before\s+bed|after\s+school|since|lately|quit|stop(?:ped)?)\b/g],
  ["value", /\b(?:matters?|important|believe\s+in|means\s+(?:a\s+lot|everything)|care\s+about|values?|respect|honest(?:y)?|loyal(?:ty)?|faith)\b/g],
  ["feeling", /\b(?:feel(?:ing|s)?|felt|so|lowkey|kinda|really|super|am|i'm|im)\b/g],
  ["event", /\b(?:next|this|last|on|tomorrow|tonight|yesterday|coming\s+up|is\s+on|week|weekend)\b/g],
];

const shapeOf = (text: string) =>
  text
    .replace(/\p{Lu}+/gu, "X")
    .replace(/\p{Ll}+/gu, "x")
    .replace(/\p{N}+/gu, "d")
    .slice(0, 6);

const wordOf = (token: Token | undefined, fallback: string) => (token ? token.lower || token.text.toLowerCase() : fallback);

/** A span the offline rules found, as the tagger reads it: its type and where it lies in the text. */
export interface RuleSpan {
  type: string;
  start: number;
  end: number;
}

/** Per token, what the rules said of it: B-/I-<type> of each finding covering it, so the tagger learns when to trust them. */
function ruleTagsOf(message: MessageText, spans: readonly RuleSpan[]): string[][] {
  return message.tokens.map((token) => {
    const tags: string[] = [];
    for (const span of spans) {
      if (!spansOverlap(token, span)) continue;
      tags.push(`${token.start <= span.start ? "B" : "I"}-${span.type}`);
    }
    return tags.length === 0 ? ["O"] : tags;
  });
}

/** The text's own features of each message read: both taggers tag the same message, and these are the same for both. */
const textFeaturesRead = new WeakMap<MessageText, string[][]>();

/**
 * Feature strings for every token of the message, without the previous tags (the tagger adds those as it decodes):
 * the text's own, and, for a tagger that reads them, what the rules found there.
 */
export function tokenFeatures(message: MessageText, ruleSpans?: readonly RuleSpan[]): string[][] {
  let text = textFeaturesRead.get(message);
  if (!text) {
    text = textFeatures(message);
    textFeaturesRead.set(message, text);
  }
  if (!ruleSpans) return text;
  const ruleTags = ruleTagsOf(message, ruleSpans);
  return text.map((features, index) => {
    const word = wordOf(message.tokens[index], "");
    const read = [...features];
    for (const tag of ruleTags[index] ?? []) read.push(`r:${tag}`, `rw:${tag}|${word}`);
    for (const tag of ruleTags[index - 1] ?? ["<s>"]) read.push(`pr:${tag}`);
    for (const tag of ruleTags[index + 1] ?? ["</s>"]) read.push(`nr:${tag}`);
    return read;
  });
}

function textFeatures(message: MessageText): string[][] {
  const { tokens, lower } = message;
  const words = tokens.map((token) => wordOf(token, ""));
  const inLists: Set<string>[] = tokens.map(() => new Set());
  for (let start = 0; start < tokens.length; start += 1) {
    for (let length = 1; length <= LONGEST_ENTRY && start + length <= tokens.length; length += 1) {
      const kinds = listsOf(words.slice(start, start + length).join(" "));
      if (!kinds) continue;
      for (let at = start; at < start + length; at += 1) {
        for (const kind of kinds) inLists[at]?.add(`${length === 1 ? "in" : at === start ? "inB" : "inI"}:${kind}`);
      }
    }
  }
  // Cue phrases: each token learns which cues came before it in its sentence and which follow within it.
  const cuesBefore: Set<string>[] = tokens.map(() => new Set());
  const cuesAfter: Set<string>[] = tokens.map(() => new Set());
  const sentenceOf = sentenceIndexes(tokens);
  for (const [kind, pattern] of CUES) {
    for (const match of lower.matchAll(pattern)) {
      const at = match.index;
      const cueSentence = sentenceOf[tokens.findIndex((token) => token.end > at)] ?? -1;
      tokens.forEach((token, index) => {
        if (sentenceOf[index] !== cueSentence) return;
        if (token.start >= at + match[0].length && token.start - at < 40) cuesBefore[index]?.add(`cb:${kind}`);
        else if (token.end <= at && at - token.end < 40) cuesAfter[index]?.add(`ca:${kind}`);
      });
    }
  }

  // WordNet's classes of each word, and of two-word lemmas over the word and its neighbour ("video game", "ice cream").
  const classes: string[][] = words.map((word) => wordClassesOf(word).map((name) => `wc:${name}`));
  for (let index = 0; index + 1 < words.length; index += 1) {
    for (const name of phraseClassesOf(words[index] ?? "", words[index + 1] ?? "")) {
      classes[index]?.push(`wcB:${name}`);
      classes[index + 1]?.push(`wcI:${name}`);
    }
  }

  return tokens.map((token, index) => {
    const word = words[index] ?? "";
    const previous = wordOf(tokens[index - 1], "<s>");
    const next = wordOf(tokens[index + 1], "</s>");
    const features = [
      "bias",
      `w:${word}`,
      `p1:${previous}`,
      `n1:${next}`,
      `p2:${wordOf(tokens[index - 2], "<s>")}`,
      `n2:${wordOf(tokens[index + 2], "</s>")}`,
      `p1w:${previous}|${word}`,
      `wn1:${word}|${next}`,
      `s3:${word.slice(-3)}`,
      `s2:${word.slice(-2)}`,
      `pre3:${word.slice(0, 3)}`,
      `sh:${shapeOf(token.text)}`,
      `len:${Math.min(word.length, 8)}`,
    ];
    if (/^\p{Lu}/u.test(token.text) && !token.sentenceStart) features.push("capital-inside");
    if (token.sentenceStart) features.push("sentence-start");
    if (/[,.!?;]/.test(token.post)) features.push("punct-after");
    if (/[,.!?;]/.test(tokens[index - 1]?.post ?? ".")) features.push("punct-before");
    for (const tag of token.tags) features.push(`t:${tag}`);
    for (const tag of NEIGHBOUR_TAGS) {
      if (tokens[index - 1]?.tags.has(tag)) features.push(`pt1:${tag}`);
      if (tokens[index + 1]?.tags.has(tag)) features.push(`nt1:${tag}`);
    }
    for (const hit of inLists[index] ?? []) features.push(hit);
    for (const hit of inLists[index - 1] ?? []) features.push(`p:${hit}`);
    for (const hit of inLists[index + 1] ?? []) features.push(`n:${hit}`);
    for (const name of classes[index] ?? []) features.push(name);
    for (const name of classes[index - 1] ?? []) features.push(`p:${name}`);
    for (const name of classes[index + 1] ?? []) features.push(`n:${name}`);
    for (const cue of cuesBefore[index] ?? []) features.push(cue);
    for (const cue of cuesAfter[index] ?? []) features.push(cue);
    // A short window of the words before: "i want to [get a lead]", "i always [cry in the shower]".
    for (let back = 1; back <= 4; back += 1) {
      const before = tokens[index - back];
      if (!before) break;
      features.push(`bw:${wordOf(before, "")}`);
    }
    return features;
  });
}

function sentenceIndexes(tokens: readonly Token[]): number[] {
  let sentence = -1;
  return tokens.map((token) => {
    if (token.sentenceStart) sentence += 1;
    return Math.max(sentence, 0);
  });
}
