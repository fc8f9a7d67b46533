// Finds places: schools by their name ("Lincoln High"), places compromise knows (cities, states), listed places in any case ("our trip to seoul", "at target"), everyday places ("the mall").
import { AMBIGUOUS_VENUES, CITIES, COLLEGES, COUNTRIES, FRAMED_PLACE_NOUNS, PLACE_NOUNS, US_STATES, VENUES } from "./gazetteer.js";
import { PLACES, SCHOOL_SUFFIXES } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { PhraseMatcher, type PhraseMatch } from "./phraseMatcher.js";
import type { Token } from "./readMessage.js";
import { alternation, looksLikeName, matchesOf } from "./textPatterns.js";

const SCHOOL = new RegExp(`\\b((?:\\p{Lu}[\\p{L}'.-]*\\s+){1,3}?)(${alternation(SCHOOL_SUFFIXES.map(titleCase))})(?:\\s+School)?\\b`, "gu");
const SCHOOL_LOWER = new RegExp(
  `\\b(?:go to|goes to|going to|went to|attend|attends|transferred to|transferring to|switched to|switching to|from)\\s+((?:(?!the\\b|a\\b|my\\b|our\\b|new\\b|this\\b)\\p{Ll}+\\s+){1,2}(?:${alternation(SCHOOL_SUFFIXES)}))\\b`,
  "gu",
);
const EVERYDAY_PLACE = new RegExp(`\\b(?:the|a|an|at|to|in|from|my|our)\\s+(?:local\\s+|new\\s+)?(${alternation(PLACES.keys())})\\b`, "g");
/** Going, living or moving somewhere named: "going to Disneyland", "we live in Portland". */
const MOTION_TO_NAME = /\b(?:go|goes|going|went|gone|move|moved|moving|fly|flying|flew|drive|driving|drove|travel(?:ing|ed|ling|led)?|trip|vacation|live|lives|living|lived|visit|visiting|visited|been|stay|staying|stayed|from)\s+(?:to|in|at|from)\s+(?=\p{Lu})/gu;

const REGIONS = new PhraseMatcher([...COUNTRIES, ...US_STATES, ...CITIES]);
const VENUE_NAMES = new PhraseMatcher(VENUES);
const COLLEGE_NAMES = new PhraseMatcher(COLLEGES);
const PLACE_NOUN_NAMES = new PhraseMatcher([...PLACE_NOUNS, ...PLACES.keys()]);
/**
 * Region names that are also first names, food or ordinary words ("austin", "turkey", "guinea pig", "la" in Spanish):
 * a place only when capitalised or after a word that puts someone there ("moved to austin").
 */
const AMBIGUOUS_REGIONS = new Set(
  ("la sf dc georgia virginia carolina austin charlotte madison aurora jackson savannah phoenix dallas lincoln henderson augusta mobile " +
    "buffalo irving richmond glendale gilbert lexington paris london sydney santiago cali kingston rio victoria mesa reno durham " +
    "turkey chile china guinea niger mali india holland trinidad queens manchester birmingham orlando denver chandler tyler norfolk " +
    "fremont garland plano burlington hollywood amazon jersey america asia georgia columbus laredo toledo").split(" "),
);
/** Words right before a name that put someone in, at or on the way to a place. */
const PLACE_FRAME = new Set([
  "in", "to", "from", "at", "near", "outside", "around", "into", "visit", "visiting", "visited", "leaving", "left", "across", "toward", "towards",
  "back", "through", "via", "of", "for", "attend", "attending", "attended", "tour", "touring", "toured", "off", "drove", "flew",
]);
/** Words before an everyday place noun that make it a particular place ("the library", "at church", "my gym"). */
const PLACE_DETERMINERS = new Set(["the", "a", "an", "at", "to", "in", "from", "my", "our", "this", "that", "his", "her", "their", "local", "new", "old", "same", "whole", "public", "into", "outside", "near"]);
/** Place nouns that stand for something else in these frames: "after school" is a time, "the house" too vague alone. */
const NOT_ALONE = new Set(["school", "house", "elementary", "field", "court", "bus", "store", "studio", "theater", "cages", "trailer", "campus", "trail", "woods", "ocean", "track", "room"]);
/** "Jess's house", "my aunt's apartment": someone's home is a place, named with its owner. */
const SOMEONES_HOME = /\b(?:(?:my|our)\s+)?((?:\p{L}+)['’]s\s+(?:house|place|apartment|apt|farm|ranch|trailer|church|restaurant|shop))\b/gu;

const framed = (match: PhraseMatch) => match.before !== undefined && PLACE_FRAME.has(match.before.lower);
const isPersonToken = (token: Token | undefined) => token !== undefined && (token.tags.has("Person") || token.tags.has("FirstName")) && !token.tags.has("Place");

export function findPlaces(found: MessageFindings): void {
  const { text, lower, tokens } = found.message;

  for (const match of matchesOf(SCHOOL, text)) {
    const [start] = match.indices[1] ?? [match.index];
    const end = match.index + match[0].length;
    const name = text.slice(start, end).trim();
    // "I Love High school" is not a school: every word before the suffix must look like a name.
    const words = (match[1] ?? "").trim().split(/\s+/);
    if (words.some((word) => !looksLikeName(word.replace(/\.$/, "")) || /^(?:I|I'm|My|The|A|Our|This|That)$/.test(word))) continue;
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end, attributes: { kind: "school" }, userEdges: [{ type: "mentions" }] });
  }
  for (const match of matchesOf(SCHOOL_LOWER, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (!found.isTaken(start, end)) found.add({ type: "Place", name: text.slice(start, end), start, end, attributes: { kind: "school" }, userEdges: [{ type: "mentions" }] });
  }

  // compromise tags cities, states and countries; runs of tagged words are one place ("New York").
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token?.tags.has("Place") || token.tags.has("Person") || !/^\p{Lu}/u.test(token.text)) continue;
    let last = index;
    while (tokens[last + 1]?.tags.has("Place") && /^\p{Lu}/u.test(tokens[last + 1]?.text ?? "")) last += 1;
    const start = token.start;
    const end = tokens[last]?.end ?? token.end;
    index = last;
    const name = text.slice(start, end).replace(/['’]s$|[^\p{L}\p{N}]+$/gu, "");
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end: start + name.length, userEdges: [{ type: "mentions" }] });
  }

  findListedPlaces(found);

  for (const match of matchesOf(EVERYDAY_PLACE, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (!found.isTaken(start, end)) found.add({ type: "Place", name: text.slice(start, end), start, end, userEdges: [{ type: "mentions" }] });
  }

  findTownsOfPlaces(found);

  for (const match of matchesOf(MOTION_TO_NAME, text)) {
    const start = match.index + match[0].length;
    const nameMatch = /^(?:\p{Lu}[\p{L}'-]*)(?:\s+\p{Lu}[\p{L}'-]*){0,2}/u.exec(text.slice(start));
    if (!nameMatch) continue;
    const name = nameMatch[0].replace(/['’]s$/, "");
    const end = start + name.length;
    const first = tokens.find((token) => token.start === start);
    // A person's name after "to" is a visit to someone ("going to Jordan's"), not a place.
    if (first && (first.tags.has("Person") || first.tags.has("FirstName") || first.tags.has("Date") || first.tags.has("Pronoun"))) continue;
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end, userEdges: [{ type: "mentions" }] });
  }
}

/** Words after "in" that are no town: "my aunt's house in the hills", "the clinic in town". */
const NOT_TOWNS = new Set(["the", "a", "an", "my", "our", "town", "city", "there", "here", "it", "which", "that", "this", "person", "general", "particular", "case", "order", "front", "back", "between", "time", "public", "private", "secret", "fact", "class", "school", "bed", "trouble", "love", "charge", "line", "person", "advance", "half", "total", "return"]);

/**
 * A town nobody listed, told by where a place is: "my aunt's house in clayton", "the clinic in chinle", "a ranch
 * outside lubbock". The place before it is already found; the word after "in" is a town when it is a bare noun.
 */
function findTownsOfPlaces(found: MessageFindings): void {
  const { text, tokens } = found.message;
  for (const place of found.entities.filter((entity) => entity.type === "Place")) {
    const index = tokens.findIndex((token) => token.start >= place.end);
    const preposition = tokens[index];
    const town = tokens[index + 1];
    if (!preposition || !town || !/^(?:in|outside|near)$/.test(preposition.lower) || /[,.!?;]/.test(tokens[index - 1]?.post ?? "")) continue;
    const word = town.lower.replace(/['’]s$/, "");
    if (word.length < 3 || NOT_TOWNS.has(word) || !town.tags.has("Noun") || ["Pronoun", "Date", "Determiner", "Adjective", "Verb", "Value", "Plural"].some((tag) => town.tags.has(tag))) continue;
    // One word, or two when the second is capitalised like the first ("Rio Rancho") or is a known place word.
    const next = tokens[index + 2];
    const two = next && !/[,.!?;]/.test(town.post) && /^\p{Lu}/u.test(town.text) && /^\p{Lu}/u.test(next.text);
    const end = two ? next.end : town.start + word.length;
    if (found.isTaken(town.start, end)) continue;
    found.add({ type: "Place", name: text.slice(town.start, end).replace(/[^\p{L}\p{N}]+$/u, ""), start: town.start, end, attributes: { kind: "town" }, userEdges: [{ type: "mentions" }] });
  }
}

/** Countries, states, cities, stores and colleges by name, in any case; ordinary-word names only where a place is meant. */
function findListedPlaces(found: MessageFindings): void {
  const { message } = found;
  const add = (match: PhraseMatch, kind: string) => {
    const name = match.surface.replace(/['’]s$/u, (suffix) => (/mcdonald|buster|joe|lowe|dick|wendy|arby|denny|applebee|chili|knott|cane|domino|sam/i.test(match.surface) ? suffix : ""));
    if (!found.isTaken(match.start, match.end)) found.add({ type: "Place", name, start: match.start, end: match.end, attributes: { kind }, userEdges: [{ type: "mentions" }] });
  };
  for (const match of REGIONS.matches(message)) {
    const first = message.tokens[match.firstToken];
    if (AMBIGUOUS_REGIONS.has(match.phrase) && !framed(match) && !(match.capitalised && !isPersonToken(first))) continue;
    if (framed(match) && isPersonToken(first) && !first?.tags.has("Place") && !AMBIGUOUS_REGIONS.has(match.phrase)) continue;
    add(match, "region");
  }
  for (const match of VENUE_NAMES.matches(message)) {
    if (AMBIGUOUS_VENUES.has(match.phrase) && !framed(match) && !match.capitalised) continue;
    add(match, "venue");
  }
  for (const match of COLLEGE_NAMES.matches(message)) {
    // "ut", "penn", "rice": a college only when capitalised or after "into", "to", "at", "from"...
    if (!framed(match) && !(match.capitalised && match.phrase.length > 3) && !/^\p{Lu}{2,}$/u.test(match.surface)) continue;
    add(match, "college");
  }
  for (const match of matchesOf(SOMEONES_HOME, message.lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    const owner = (match[1] ?? "").split(/['’]/)[0] ?? "";
    if (["it", "that", "there", "what", "who", "he", "she"].includes(owner)) continue;
    // The span is the home's noun alone: the owner ("Jess", "my aunt") is still found as a person.
    const nounStart = start + (/\s(\S+)$/u.exec(match[1] ?? "")?.index ?? 0) + 1;
    if (!found.isTaken(nounStart, end)) found.add({ type: "Place", name: message.text.slice(start, end), start: nounStart, end, attributes: { kind: "home" }, userEdges: [{ type: "mentions" }] });
  }
  for (const match of PLACE_NOUN_NAMES.matches(message)) {
    if (!match.before || !PLACE_DETERMINERS.has(match.before.lower)) continue;
    if (NOT_ALONE.has(match.phrase) || (FRAMED_PLACE_NOUNS.has(match.phrase) && !["at", "to", "in", "from"].includes(message.tokens[match.firstToken - 2]?.lower ?? match.before.lower))) continue;
    // "the mall" is a place; "the gym class" and "the library book" are not.
    const after = message.tokens[match.firstToken + match.phrase.split(" ").length];
    if (after && after.start >= match.end && ["class", "book", "books", "card", "team", "teacher", "kids", "food", "bill", "bills"].includes(after.lower)) continue;
    if (!found.isTaken(match.start, match.end)) found.add({ type: "Place", name: match.surface, start: match.start, end: match.end, userEdges: [{ type: "mentions" }] });
  }
}

function titleCase(phrase: string): string {
  return phrase.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}
