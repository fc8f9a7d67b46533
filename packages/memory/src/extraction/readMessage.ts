// Reads one user message once with compromise: tokens with their tags and offsets, and the dates it names (compromise-dates, and spokenDates for what it cannot read).
import nlp from "compromise";
import datesPlugin, { type DatesMethods } from "compromise-dates";
import { dayIn } from "./dayIn.js";
import { normaliseSlang } from "./normaliseSlang.js";
import { findSpokenDates, type DateMention } from "./spokenDates.js";
import { resolveWeekdayPhrase } from "./weekdays.js";

nlp.plugin(datesPlugin);

export interface Token {
  text: string;
  /** Lower case, apostrophes straightened, surrounding punctuation removed. */
  lower: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  /** First word of its sentence: a capital there says nothing about being a name. */
  sentenceStart: boolean;
  /** Punctuation and spaces after the word, so rules can stop a phrase at a comma. */
  post: string;
}

export type { DateMention };

export interface MessageText {
  /** The message after slang normalisation: every offset below points into it. */
  text: string;
  /** `text` in lower case, same length, for the pattern rules. */
  lower: string;
  tokens: Token[];
  dates: DateMention[];
  /** Day the message was sent (YYYY-MM-DD), for facts that hold "now". */
  sentOn: string;
}

interface TermJson {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface SentenceJson {
  terms: TermJson[];
}
interface DateJson {
  offset: { start: number; length: number };
  dates?: { start: string | null; repeat?: unknown };
}

/**
 * A season alone is no day: "the spring play", "in the spring", "this summer" would otherwise date an event to the
 * season's first day, nearer to it than the "next monday" that is its date. Such a mention is kept, vague, for what it
 * says of an occasion.
 */
const SEASON = /^(?:(?:in|during|over|by|early|late|mid|the|this|next|last)\s+)*(?:spring|summer|fall|autumn|winter)(?:\s+\d{4})?$/i;

/** A season right before a noun names something ("the spring play"); otherwise it says when ("this summer"). */
function seasonUse(tokens: readonly Token[], end: number): "time" | "name" {
  const last = tokens.findIndex((token) => token.end >= end);
  const next = tokens[last + 1];
  return next && !/[.,!?;:\n]/.test(tokens[last]?.post ?? "") && next.tags.has("Noun") && !next.tags.has("Pronoun") ? "name" : "time";
}

/** Words that start a new clause: a past verb before one says nothing of a date after it ("i went out and the test is friday"). */
const CLAUSE_STARTS = new Set(["and", "but", "because", "bc", "cuz", "then", "while", "when", "if", "that", "who", "which", "after", "before", "or"]);
/**
 * Verbs that tell of something that happened, said of a day: "i took the ACT on saturday", "we lost on friday". A short
 * list on purpose: "i told her about the party on saturday", "i bought tickets for the concert on saturday", "i was so
 * excited for the dance on saturday" tell of a day still to come.
 */
const HAPPENED = new Set(["went", "took", "had", "won", "lost", "played", "did", "saw", "came", "met", "tried", "failed", "passed", "ran", "watched", "ate", "spent", "visited", "wrestled", "performed", "finished"]);
/** Words that put a clause in the present or the future, whatever verb it has, modals and contractions included. */
const NOT_DONE = /^(?:is|are|am|be|will|won't|wont|gonna|going|next|tomorrow|tonight|upcoming|coming|can|can't|cant|could|would|might|may|must|should|have|has|need|needs|want|wants|hope|get|got|for|about)$|'(?:m|re|s|d|ll|ve)$/;

/**
 * Whether the clause around `at` tells of something that happened: one of the HAPPENED verbs and nothing present or
 * future. Clauses end at punctuation (commas too), at a new line, and before a word that starts a clause; "so" starts
 * one only before a pronoun ("i studied so hard" is one clause, "…, so we won" two).
 */
function toldAsDone(tokens: readonly Token[], at: number): boolean {
  const index = tokens.findIndex((token) => token.end > at);
  if (index === -1) return false;
  const ends = (token: Token | undefined) => /[.,!?;:\n]/.test(token?.post ?? "");
  const starts = (position: number) => {
    const word = tokens[position]?.lower ?? "";
    return CLAUSE_STARTS.has(word) || (word === "so" && /^(?:i|we|he|she|they|it|my|our)$/.test(tokens[position + 1]?.lower ?? ""));
  };
  let first = index;
  while (first > 0 && !ends(tokens[first - 1]) && !starts(first)) first -= 1;
  let last = index;
  while (last < tokens.length - 1 && !ends(tokens[last]) && !starts(last + 1)) last += 1;
  const clause = tokens.slice(first, last + 1);
  return clause.some((token) => HAPPENED.has(token.lower)) && !clause.some((token) => NOT_DONE.test(token.lower));
}

/** Words that start repeating schedules, not dates: "every morning" is a habit, not 2026-11-18. */
const REPEATING = /^(?:every|each|on weekends|weekends|daily|nightly|always|sometimes|usually)\b/i;

export function readMessage(content: string, options: { referenceDate: Date; timeZone: string; sentAt?: string }): MessageText {
  const text = normaliseSlang(content.normalize("NFC"));
  // toLowerCase can change length for a few scripts; offsets must stay valid, so fall back per character.
  const lowered = text.toLowerCase();
  const lower = lowered.length === text.length ? lowered : [...text].map((char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char)).join("");
  const doc = nlp<DatesMethods>(text);

  const tokens: Token[] = [];
  for (const sentence of doc.json({ offset: true, terms: { offset: true } }) as SentenceJson[]) {
    let first = true;
    for (const term of sentence.terms) {
      // Contractions add implicit terms ("I'm" -> "am") with no text of their own.
      if (term.text.length === 0) continue;
      const start = term.offset.start;
      const end = start + term.offset.length;
      tokens.push({
        text: term.text,
        lower: lower.slice(start, end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, ""),
        start,
        end,
        tags: new Set(term.tags),
        sentenceStart: first,
        post: term.post,
      });
      first = false;
    }
  }

  // "tomorrow" is the day after the message was sent, not after the session ended: a session that runs past midnight
  // (or ends at the idle sweep) must not move its dates. Without a usable send time, the reference date stands in.
  const sentAt = options.sentAt ? new Date(options.sentAt) : undefined;
  const said = sentAt && !Number.isNaN(sentAt.getTime()) ? sentAt : options.referenceDate;
  const dates: DateMention[] = [];
  // compromise-dates costs most of the parse: only ask it when compromise tagged something date-like.
  if (tokens.some((token) => token.tags.has("Date") || token.tags.has("Holiday"))) {
    // A fresh context per call: compromise-dates replaces `today` in the object it is given. Epoch
    // milliseconds, not an ISO string: it reads "...Z" as wall-clock time in `timezone`, a day off at night.
    const context = { today: said.getTime(), timezone: options.timeZone };
    for (const found of doc.dates(context).json({ offset: true }) as DateJson[]) {
      const start = found.offset.start;
      const end = start + found.offset.length;
      // compromise's phrase may carry the punctuation after it ("this winter!", "on monday,").
      const phrase = text.slice(start, end).trim().replace(/[^\p{L}\p{N}]+$/u, "");
      if (!found.dates?.start || found.dates.repeat || REPEATING.test(phrase)) continue;
      const date = resolveWeekdayPhrase(phrase, found.dates.start.slice(0, 10), said, options.timeZone, toldAsDone(tokens, start));
      dates.push({ start, end, date, ...(SEASON.test(phrase) ? { vague: seasonUse(tokens, end) } : {}) });
    }
  }

  // What compromise-dates cannot read: Spanish dates, "the 17th", fixed holidays it does not name.
  dates.push(...findSpokenDates(lower, dayIn(said, options.timeZone), dates));
  dates.sort((a, b) => a.start - b.start);

  return { text, lower, tokens, dates, sentOn: dayIn(said, options.timeZone) };
}
