// Finds events ("a test on Friday", "the dance next Saturday", "my birthday") and dates each from the date nearest it.
import { ACTIVITIES, CAPITALISED_EVENTS, CLASS_ONLY_SUBJECTS, DETERMINED_EVENTS, EVENT_MODIFIERS, EVENTS, SUBJECTS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { personRole } from "./personRoles.js";
import { isSpanishWord, looksSpanish } from "./spokenDates.js";
import type { DateMention, MessageText, Token } from "./readMessage.js";
import { clauseBounds, spansOverlap } from "./spans.js";
import { alternation, matchesOf, sentenceAround, tokenIndexAt } from "./textPatterns.js";

const EVENT_NOUN = new RegExp(`\\b(${alternation(EVENTS.keys())})\\b`, "g");
const DETERMINERS = new Set(["the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "next", "that", "first", "big", "last", "upcoming", "whole"]);
/** Nouns after an event word that make it a modifier instead: "test scores", "party dress", "birthday present". */
const NOT_AN_EVENT_AFTER = new Set(["score", "scores", "grade", "grades", "result", "results", "prep", "dress", "outfit", "present", "presents", "gift", "gifts", "card", "cake", "plan", "plans", "tube", "subject"]);
/** Holidays are dates themselves: the date compromise found on their own words is theirs. */
const HOLIDAYS = new Set(["thanksgiving", "christmas", "halloween", "easter", "hanukkah", "diwali", "eid", "navidad", "nochebuena", "nochevieja", "año nuevo", "dia de los muertos"]);
const MAX_MODIFIERS = 2;
/** Event nouns that name an occasion only with a modifier: "hockey season", not "this season". */
const MODIFIED_ONLY = new Set(["season", "release"]);
/** "my first shift is tuesday", "the quince rehearsal on saturday": a noun phrase of one to three words right before "is"/"on" and a date. */
const DATED_PHRASE = /(?:^|\s)(?:my|our|the|his|her|their|a|an)\s+((?:[\p{L}'-]+\s+){0,2}[\p{L}'-]+)\s+(?:is|are|was|were|'s)\s+(?:on\s+|this\s+|next\s+|till\s+|til\s+|until\s+)?$/u;
/** "i have a job interview at the mall tomorrow", "we have parent teacher conferences tmrw". */
const HAD_PHRASE = /\b(?:have|has|got|had|there's|theres|there\s+is)\s+(?:a|an|my|our|the|)\s*((?:[\p{L}'-]+\s+){0,2}[\p{L}'-]+)\s+(?:(?:at|in)\s+(?:the\s+)?[\p{L}'-]+\s+)?(?:on\s+|this\s+|next\s+)?$/u;
/** Nouns that have dates without being occasions: "my birthday is..." is listed already; "my phone is due", "the weather". */
const NOT_DATED_HEADS = new Set(["weather", "phone", "it", "that", "this", "time", "day", "days", "week", "school", "homework", "hw", "work", "class", "mom", "dad", "life", "plan", "plans", "thing", "things", "stuff", "deadline", "due", "one", "family", "house", "car"]);

/** Moving home: a form of "move" going somewhere ("moved to", "moving back", "move in with", "moving away"). */
const MOVE = /\b(mov(?:e|ed|es|ing))\s+(?:back\s+|out\s+|away\s+|in\s+with\b|in\s+w\b|across\b|here\b|there\b|to\b|from\b)/g;
/** A meeting or practice moved to another time is rescheduled, nobody moves: "got moved to monday", "was moved to 6am". */
const RESCHEDULED = /(?:\b(?:got|been|was|were|is|are|get|gets|getting)\s+(?:re)?moved\s+$)|(?:^moved\s+to\s+(?:\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next|this|after|before|the\s+\d))/;

/**
 * What happens in a family, told by its verb, named as the writers name it: "my parents are splitting up", "dad got
 * remarried" (a wedding), "my sister had her baby" (a birth), "my brother gets out of prison" (a release), "my parents
 * are screaming at each other" (a fight), "since the move".
 */
const LIFE_EVENTS: readonly { pattern: RegExp; name: (match: RegExpExecArray) => string }[] = [
  { pattern: /\b(?:(my\s+parents|my\s+mom\s+and\s+dad|they)\s+(?:are|r|were|is)\s+)(splitting\s+up|getting\s+divorced|separating)\b/g, name: (m) => `${(m[1] ?? "").replace(/^my\s+/, "").replace(/^they$/, "parents")} ${(m[2] ?? "").replace(/\s+/g, " ")}` },
  { pattern: /\b(?:got|getting|is\s+getting|are\s+getting)\s+(?:re)?married\b/g, name: () => "wedding" },
  { pattern: /\b(?:had|having|is\s+having)\s+(?:her|the|a|their|his)\s+baby\b/g, name: () => "birth" },
  { pattern: /\b(?:gets|got|getting|get)\s+out\s+of\s+(?:prison|jail|juvie|rehab|detention)\b/g, name: () => "release" },
  { pattern: /\b(?:screaming|yelling|fighting)\s+at\s+each\s+other\b|\b(?:got|get|getting)\s+(?:in|into)\s+(?:a|another|this|the)\s+(?:huge\s+|big\s+)?fight\b/g, name: () => "fight" },
  { pattern: /\b(?:since|after|before)\s+the\s+move\b/g, name: () => "move" },
];

export function findEvents(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, tokens } = message;
  // Right to left: the head noun comes last ("birthday party"), and takes its modifiers before they are found alone.
  const matches = [...matchesOf(EVENT_NOUN, lower)].reverse();
  for (const match of matches) {
    const headStart = match.index;
    const headEnd = headStart + match[0].length;
    const surface = match[0].replace(/\s+/g, " ");
    if (found.isTaken(headStart, headEnd)) continue;
    if (CAPITALISED_EVENTS.has(surface) && text.slice(headStart, headEnd) !== surface.toUpperCase()) continue;

    // "that's not fair", "my final answer": the same word as an adjective is no occasion.
    const head = tokens[tokenIndexAt(message, headStart)];
    const after = tokens[tokenIndexAt(message, headEnd)];
    if (after && after.start >= headEnd && NOT_AN_EVENT_AFTER.has(after.lower)) continue;
    // "can u quiz me", "test me on it": the word as a verb with its object is no occasion.
    if (after && after.start >= headEnd && /^(?:me|us|him|her|them|you|u)$/.test(after.lower) && !hasDeterminerBefore(tokens, tokenIndexAt(message, headStart))) continue;
    // "that's not fair", "my final answer": the same word as an adjective is no occasion, unless an occasion's
    // modifier comes before it and no noun after it ("the winter formal", "my chem final", "the spring musical").
    if (head && head.tags.has("Adjective") && !head.tags.has("Noun")) {
      const modified = isModifier(tokens[tokenIndexAt(message, headStart) - 1]?.lower, tokens[tokenIndexAt(message, headStart) - 1]?.post);
      const nounAfter = after !== undefined && after.start >= headEnd && after.start - headEnd <= 1 && after.tags.has("Noun") && !after.tags.has("Pronoun");
      if (!modified || nounAfter) continue;
    }

    // Modifiers before the head: "math test", "band concert", "piano recital".
    const headIndex = tokenIndexAt(message, headStart);
    let firstIndex = headIndex;
    while (headIndex - firstIndex < MAX_MODIFIERS && isModifier(tokens[firstIndex - 1]?.lower, tokens[firstIndex - 1]?.post)) firstIndex -= 1;
    // "new years party", "christmas party", "thanksgiving dinner": a holiday before the head is part of the occasion's name.
    let holidayInside = false;
    while (headIndex - firstIndex < 3 && isHoliday(tokens[firstIndex - 1]) && !/[,.!?;]/.test(tokens[firstIndex - 1]?.post ?? "")) {
      firstIndex -= 1;
      holidayInside = true;
    }
    const before = tokens[firstIndex - 1];
    const determined = before !== undefined && (DETERMINERS.has(before.lower) || /['’]s$/.test(before.text) || before.tags.has("Possessive"));
    if (DETERMINED_EVENTS.has(surface) && !determined && firstIndex === headIndex) continue;
    // "this season" is a time; "hockey season" is the occasion.
    if (MODIFIED_ONLY.has(surface) && firstIndex === headIndex) continue;
    // "watching a show", "a video game": the thing watched or played, not an occasion.
    if (tokens.slice(Math.max(0, firstIndex - 3), firstIndex).some((token) => /^(?:watch|watching|watched|binge|binged|video)$/.test(token.lower))) continue;

    const start = tokens[firstIndex]?.start ?? headStart;
    const name = text.slice(start, headEnd);
    const time = dateFor(message, start, headEnd, holidayInside || HOLIDAYS.has(EVENTS.get(surface) ?? surface));
    found.add({
      type: "Event",
      name,
      start,
      end: headEnd,
      ...(time ? { attributes: { date: time } } : {}),
      // An event with no date still needs an edge, or its vertex is unreachable from the user.
      userEdges: [time ? { type: "temporal", time } : { type: "mentions" }],
    });
  }

  // Anything with a date is an occasion: "my first shift is tuesday", "weigh ins are tomorrow", "i have a job
  // interview at the mall tomorrow" name events no list holds.
  for (const mention of message.dates) {
    const [sentenceStart] = sentenceAround(message, mention.start);
    const before = lower.slice(sentenceStart, mention.start);
    const named = DATED_PHRASE.exec(before) ?? HAD_PHRASE.exec(before);
    if (!named?.[1]) continue;
    const phraseStart = sentenceStart + (named.index ?? 0) + named[0].indexOf(named[1]);
    const phraseEnd = phraseStart + named[1].length;
    const words = tokens.filter((token) => token.start >= phraseStart && token.end <= phraseEnd);
    const head = words[words.length - 1];
    if (!head || found.isTaken(phraseStart, phraseEnd) || !head.tags.has("Noun") || NOT_DATED_HEADS.has(head.lower)) continue;
    if (words.some((token) => ["Person", "Pronoun", "Place", "Date", "Possessive", "Value", "Adverb"].some((tag) => token.tags.has(tag)) || /['’]s$/.test(token.text))) continue;
    const name = text.slice(phraseStart, phraseEnd);
    // A vague time ("this summer") says there is an occasion, not its day.
    found.add({ type: "Event", name, start: phraseStart, end: phraseEnd, ...(mention.vague ? { userEdges: [{ type: "mentions" }] } : { attributes: { date: mention.date }, userEdges: [{ type: "temporal", time: mention.date }] }) });
  }

  // A move, told by its verb: "she's moving back to the philippines", "my cousin moved to austin", "we might have to move in w".
  for (const match of matchesOf(MOVE, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (found.isTaken(start, end) || RESCHEDULED.test(lower.slice(Math.max(0, start - 20), start + 1 + (match[1] ?? "").length)) || RESCHEDULED.test(lower.slice(start, start + 30))) continue;
    const time = dateFor(message, start, end, false);
    found.add({ type: "Event", name: "move", start, end, attributes: { kind: "move", ...(time ? { date: time } : {}) }, userEdges: [time ? { type: "temporal", time } : { type: "mentions" }] });
  }

  for (const { pattern, name } of LIFE_EVENTS) {
    for (const match of matchesOf(pattern, lower)) {
      // The span is the happening's own words, so the people in it ("my parents") are still found as people.
      const [start, end] = match.indices[2] ?? [match.index, match.index + match[0].length];
      if (found.isTaken(start, end)) continue;
      const time = dateFor(message, start, end, false);
      found.add({ type: "Event", name: name(match), start, end, attributes: { kind: "life", ...(time ? { date: time } : {}) }, userEdges: [time ? { type: "temporal", time } : { type: "mentions" }] });
    }
  }

  // Other holidays compromise knows ("Valentine's Day", "New Year's Eve").
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token?.tags.has("Holiday")) continue;
    let last = index;
    while (tokens[last + 1]?.tags.has("Holiday")) last += 1;
    const start = token.start;
    const end = tokens[last]?.end ?? token.end;
    index = last;
    if (found.isTaken(start, end)) continue;
    const name = text.slice(start, end).replace(/[^\p{L}\p{N}'’]+$/u, "");
    const time = dateFor(message, start, start + name.length, true);
    found.add({ type: "Event", name, start, end: start + name.length, ...(time ? { attributes: { date: time } } : {}), userEdges: [time ? { type: "temporal", time } : { type: "mentions" }] });
  }
}

function hasDeterminerBefore(tokens: readonly { lower: string }[], index: number): boolean {
  return DETERMINERS.has(tokens[index - 1]?.lower ?? "");
}

function isHoliday(token: { lower: string; tags: ReadonlySet<string> } | undefined): boolean {
  return token !== undefined && (token.tags.has("Holiday") || HOLIDAYS.has(token.lower.replace(/['’]?s$/, "")));
}

function isModifier(word: string | undefined, post: string | undefined): boolean {
  if (word === undefined || (post !== undefined && /[,.!?;]/.test(post))) return false;
  return EVENT_MODIFIERS.has(word) || SUBJECTS.has(word) || CLASS_ONLY_SUBJECTS.has(word) || ACTIVITIES.has(word) || word === "ap" || word === "honors";
}

/** Where a clause ends inside a sentence: a comma, semicolon, colon or dash, or a word that joins clauses. */
const CLAUSE_BREAK = /[,;:]|\s[-–—]\s|\s(?:and|but|so|then|bc|because|cuz|while|y|pero|porque|pq|entonces)\s/gi;

/**
 * The date of an event is the date phrase nearest to it in its clause, or else in its sentence ("a test on Friday",
 * "tomorrow we have a quiz", "we have a quiz and it's tomorrow"): in "i felt anxious today, my math test is tomorrow"
 * the test is tomorrow's, though "today" is nearer. A date inside the event's own words belongs to it only for
 * holidays: "winter" in "winter break" is part of the name, "Thanksgiving" is the date.
 */
export function dateFor(message: MessageText, start: number, end: number, ownDate: boolean): string | undefined {
  const [sentenceStart, sentenceEnd] = sentenceAround(message, start);
  const [clauseStart, clauseEnd] = clauseBounds(message.lower, start, end, CLAUSE_BREAK, sentenceStart, sentenceEnd);
  const nearest = (from: number, to: number): DateMention | "own" | undefined => {
    let best: DateMention | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const mention of message.dates) {
      if (mention.vague === "name" || mention.end <= from || mention.start >= to) continue;
      if (spansOverlap(mention, { start, end })) {
        if (ownDate) return mention.vague ? "own" : mention;
        continue;
      }
      const distance = mention.start >= end ? mention.start - end : start - mention.end;
      if (distance < bestDistance) {
        best = mention;
        bestDistance = distance;
      }
    }
    return best;
  };
  const found = nearest(clauseStart, clauseEnd) ?? nearest(sentenceStart, sentenceEnd);
  // A vague time nearest ("a trip this summer") dates nothing; it does not hand the event a farther day either. A season
  // that is part of a name ("the spring play") was passed over above; a holiday's own vague words date nothing.
  return found === undefined || found === "own" || found.vague ? undefined : found.date;
}

/** A day said as an event's owner, at the start of its name: "tomorrow's cheer comp", "saturday's game", "last night's show". */
const OWNING_DAY = /^(?:today|tonight|tomorrow|tmrw|tmr|yesterday|last night|this morning|this week|next week|last week|this weekend|next weekend|last weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)['’]s\s+/i;

/**
 * After the taggers: an event named with the day that owns it ("tomorrow's cheer comp", as a tagger draws it) is named
 * without it, as the writers name events ("cheer comp"), and takes that day as its date when it has none and the day
 * is one ("tomorrow's" is, spokenDates.ts; "saturday's" is not read, for want of the clause's tense).
 */
export function dropDaysOwningEvents(found: MessageFindings): void {
  for (const event of found.entities) {
    if (event.type !== "Event") continue;
    const owner = OWNING_DAY.exec(event.name);
    if (!owner || owner[0].length >= event.name.length) continue;
    const ownerSpan = { start: event.start, end: event.start + owner[0].trimEnd().length };
    event.start += owner[0].length;
    event.name = event.name.slice(owner[0].length);
    if (event.attributes.date !== undefined) continue;
    const day = found.message.dates.find((mention) => !mention.vague && spansOverlap(mention, ownerSpan));
    if (!day) continue;
    event.attributes.date = day.date;
    event.userEdges = [{ type: "temporal", time: day.date }, ...event.userEdges.filter((edge) => edge.type !== "mentions" && edge.type !== "temporal")];
  }
}

/** Possessive pronouns: "my birthday" is the teen's, and the writers leave "my" out of an event's name. */
const OWN_POSSESSIVES = new Set(["my", "our", "your", "his", "her", "their", "its", "mi", "su", "tu"]);
const LONGEST_MODIFIERS = 3;

/**
 * An event is named with the nouns that say what kind it is, as the writers name it: "the robotics competition", "honor
 * band auditions", not "competition", "auditions". After the taggers, an event that starts right after such a noun
 * takes it in, up to three words, and stops at a determiner, a pronoun, a verb, an adjective, a date, a person or
 * whose it is, or punctuation.
 */
export function extendEventsOverModifiers(found: MessageFindings): void {
  const { tokens, text, lower } = found.message;
  // Spanish names what an event is after it ("la cena de navidad del equipo"): nothing before it is its name.
  if (looksSpanish(lower)) return;
  for (const event of found.entities) {
    if (event.type !== "Event") continue;
    let first = tokens.findIndex((token) => token.start === event.start);
    // An event told by its verb ("broke down") has its subject before it, not a kind.
    if (first === -1 || tokens[first]?.tags.has("Verb") || tokens[first]?.tags.has("Person")) continue;
    let taken = 0;
    while (taken < LONGEST_MODIFIERS && first > 0) {
      const previous = tokens[first - 1] as Token;
      if (/[.,!?;:()\n]/.test(previous.post) || !namesWhichEvent(found, previous)) break;
      first -= 1;
      taken += 1;
    }
    if (taken === 0) continue;
    const start = (tokens[first] as Token).start;
    event.name = `${text.slice(start, event.start)}${event.name}`;
    event.start = start;
  }
}

function namesWhichEvent(found: MessageFindings, token: Token): boolean {
  const { tags, lower } = token;
  if (OWN_POSSESSIVES.has(lower) || tags.has("Pronoun") || tags.has("Determiner") || tags.has("Verb") || tags.has("Preposition") || tags.has("Conjunction")) return false;
  if (tags.has("Date") || found.message.dates.some((date) => spansOverlap(date, token))) return false;
  if (tags.has("Adjective") && !tags.has("Noun")) return false;
  // Whose it is the writers mostly leave out ("grandma's surgery" is the surgery, "marcus's birthday" the birthday), and
  // "first" as often as not; what kind it is they keep ("model un conference", "jazz band gig").
  const holder = found.at(token.start);
  if (holder && holder.type !== "Activity" && holder.type !== "Topic" && holder.type !== "Thing") return false;
  if (tags.has("Person") || tags.has("Possessive") || personRole(lower.replace(/'s$/, "")) !== undefined || /'s$/.test(lower)) return false;
  // A plural before an event is mostly whose it is without its apostrophe ("jaylas", "dogs birthday"); a people's name
  // says whose tradition it is ("dominican christmas"), which the writers leave out.
  if (tags.has("Plural") || tags.has("Demonym") || isSpanishWord(lower)) return false;
  return tags.has("Noun") || tags.has("ProperNoun");
}
