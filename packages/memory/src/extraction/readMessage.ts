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
 * A season alone is no day: "the spring play", "this summer" would otherwise date an event to the season's first day,
 * nearer to it than the "next monday" that is its date. Such a mention is kept, vague, for what it says of an occasion.
 */
const SEASON = /^(?:(?:this|next|last)\s+)?(?:spring|summer|fall|autumn|winter)$/i;

/** Words that start a new clause: a past verb before one says nothing of a date after it ("i went out and the test is friday"). */
const CLAUSE_STARTS = new Set(["and", "but", "so", "because", "bc", "cuz", "then", "while", "when"]);
/** Words that put a clause in the present or the future, whatever verb it has: "she told me the party is on saturday". */
const NOT_DONE = /^(?:is|are|am|'s|will|won't|gonna|going|next|tomorrow|tonight|upcoming|coming|can't|cant|have to|need|needs|must|should|i'll|we'll|it'll|ill)$|'ll$/;

/** Whether the clause around `at` tells of something done: a past-tense verb, and nothing present or future. */
function toldAsDone(tokens: readonly Token[], at: number): boolean {
  const index = tokens.findIndex((token) => token.end > at);
  if (index === -1) return false;
  let first = index;
  while (first > 0 && !/[.!?;]/.test(tokens[first - 1]?.post ?? "") && !CLAUSE_STARTS.has(tokens[first]?.lower ?? "")) first -= 1;
  let last = index;
  while (last < tokens.length - 1 && !/[.!?;]/.test(tokens[last]?.post ?? "") && !CLAUSE_STARTS.has(tokens[last + 1]?.lower ?? "")) last += 1;
  const clause = tokens.slice(first, last + 1);
  return clause.some((token) => token.tags.has("PastTense")) && !clause.some((token) => NOT_DONE.test(token.lower));
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
      const phrase = text.slice(start, end);
      if (!found.dates?.start || found.dates.repeat || REPEATING.test(phrase.trim())) continue;
      const date = resolveWeekdayPhrase(phrase, found.dates.start.slice(0, 10), said, options.timeZone, toldAsDone(tokens, start));
      dates.push({ start, end, date, ...(SEASON.test(phrase.trim()) ? { vague: true as const } : {}) });
    }
  }

  // What compromise-dates cannot read: Spanish dates, "the 17th", fixed holidays it does not name.
  dates.push(...findSpokenDates(lower, dayIn(said, options.timeZone), dates));
  dates.sort((a, b) => a.start - b.start);

  return { text, lower, tokens, dates, sentOn: dayIn(said, options.timeZone) };
}
