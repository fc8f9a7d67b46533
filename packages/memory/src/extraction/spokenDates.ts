// Dates compromise-dates does not read: Spanish ones ("mañana", "el miércoles", "del 19"), an English day of the month
// without its month ("the 17th"), a day said as an owner ("tomorrow's meet"), and holidays on a fixed day it does not
// know ("navidad", "boxing day").
import { addDays } from "./dayIn.js";
import { clauseBounds, spansOverlap, type TextSpan } from "./spans.js";

/** A date phrase in a message and the day it names. */
export interface DateMention {
  start: number;
  end: number;
  /** Day the phrase resolves to, YYYY-MM-DD in the extractor's time zone. */
  date: string;
  /**
   * A time too wide to date anything by: it still says an occasion is near (findEvents), but no event takes its day.
   * "time": said as a time ("this summer", "in the spring"), so an event it is nearest to stays undated. "name": part
   * of a name ("the spring play"), so an event looks past it for its date.
   */
  vague?: "time" | "name";
}

const weekdayOf = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`).getUTCDay();
const pad = (n: number) => String(n).padStart(2, "0");
const dayMs = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`);
/** A real calendar day: "el 31" in a month of 30 days is none. */
const isDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const isoOf = (year: number, month: number, day: number) => (isDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined);

/** Sunday first, as Date.getUTCDay counts; accents optional, as teens type. */
const WEEKDAYS: readonly RegExp[] = [/^domingo$/, /^lunes$/, /^martes$/, /^mi[eé]rcoles$/, /^jueves$/, /^viernes$/, /^s[aá]bado$/];
const WEEKDAY = "(domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)";
const ANY_WEEKDAY = "(?:domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)s?";
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTH = `(${MONTHS.join("|")}|setiembre)`;
const monthNumber = (name: string) => (name === "setiembre" ? 9 : MONTHS.indexOf(name) + 1);
const ENGLISH_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** A month named in a date phrase, English or Spanish: "december 19th", "19 de diciembre", "dec 5". */
const NAMED_MONTH = new RegExp(`\\b(?:${ENGLISH_MONTHS.join("|")})[a-z]*\\b|\\b${MONTH}\\b`);

/** Holidays on the same day every year that compromise-dates does not name: month and day. */
const FIXED_HOLIDAYS: readonly [RegExp, number, number][] = [
  [/\bnochebuena\b/g, 12, 24],
  [/\bnavidad(?:es)?\b/g, 12, 25],
  [/\bboxing day\b/g, 12, 26],
  [/\bnochevieja\b/g, 12, 31],
  // Not "un año nuevo de escuela", not the lunar new year.
  [/(?<!\b(?:un|otro|este|cada)\s+)\ba[ñn]o nuevo\b(?!\s+(?:chino|lunar|jud[ií]o|escolar|de\b))/g, 1, 1],
  [/\bd[ií]a de (?:los )?reyes\b/g, 1, 6],
  [/\bd[ií]a de (?:los )?muertos\b/g, 11, 2],
];

/** How long after a yearly day a mention still means the one just gone ("navidad" in January) rather than the next. */
const JUST_GONE_DAYS = 45;

/** A yearly day: the next one (today included), unless the last one was at most JUST_GONE_DAYS ago. */
function yearlyDay(today: string, month: number, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  const next = [year, year + 1, year + 2].map((y) => isoOf(y, month, day)).find((iso) => iso !== undefined && iso >= today);
  const last = [year, year - 1, year - 2].map((y) => isoOf(y, month, day)).find((iso) => iso !== undefined && iso < today);
  if (last !== undefined && dayMs(today) - dayMs(last) <= JUST_GONE_DAYS * 86_400_000) return last;
  return next;
}

/** A day of the month said without its month: in `month` when one was named before it, else the coming one (today included). */
function comingDayOfMonth(today: string, day: number, month?: { year: number; month: number }): string | undefined {
  if (month) return isoOf(month.year, month.month, day);
  let year = Number(today.slice(0, 4));
  let at = Number(today.slice(5, 7));
  if (day < Number(today.slice(8, 10))) {
    at += 1;
    if (at === 13) {
      at = 1;
      year += 1;
    }
  }
  return isoOf(year, at, day);
}

/** A day of the month said of the past ("fue el 17"): this month's if it has come, else last month's. */
function pastDayOfMonth(today: string, day: number): string | undefined {
  let year = Number(today.slice(0, 4));
  let at = Number(today.slice(5, 7));
  if (day > Number(today.slice(8, 10))) {
    at -= 1;
    if (at === 0) {
      at = 12;
      year -= 1;
    }
  }
  return isoOf(year, at, day);
}

/**
 * A Spanish weekday, read as the English ones are (weekdays.ts): "el viernes" is the next Friday after today, a week
 * ahead when said on a Friday; "este viernes" said on a Friday is today; "el próximo viernes" and "el viernes que viene"
 * are the coming one, as Spanish speakers mean them (not, as "next Friday" in English, the one of next week); "el
 * viernes pasado" is the last one before today.
 */
function weekdayDate(today: string, weekday: number, how: "coming" | "this" | "past"): string {
  const ahead = (weekday - weekdayOf(today) + 7) % 7;
  if (how === "past") return addDays(today, -(ahead === 0 ? 7 : 7 - ahead));
  if (how === "this") return addDays(today, ahead);
  return addDays(today, ahead === 0 ? 7 : ahead);
}

const weekdayIndex = (name: string | undefined) => WEEKDAYS.findIndex((pattern) => pattern.test(name ?? ""));

/** Words of Spanish seldom seen in English: two of them in a message make its "ayer" and "domingo" Spanish. */
const SPANISH_WORDS =
  /(?<![\p{L}\p{N}_])(?:que|de|del|al|la|el|los|las|mis|en|es|fui|fuimos|nos|eso|esto|pues|ella|ellos|mucho|mucha|est[aá]|estoy|tengo|tiene|hay|voy|vamos|por|con|para|una|pero|porque|muy|tambi[eé]n|fue|hoy|ayer|ma[ñn]ana|anoche|domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)(?![\p{L}\p{N}_])/gu;
export const looksSpanish = (lower: string) => new Set(lower.match(SPANISH_WORDS) ?? []).size >= 2;
/** One word of that list: "para" in "para navidad" is no English word. */
export const isSpanishWord = (word: string) => new RegExp(`^${SPANISH_WORDS.source}$`, "u").test(word);

/** Where a Spanish clause ends: punctuation, a new line, or a word that joins clauses. */
const CLAUSE_BREAK = /[.,!?;:\n]|\b(?:y|pero|porque|que|cuando|aunque|entonces|pq)\b/g;

function clauseAround(lower: string, start: number, end: number): string {
  return lower.slice(...clauseBounds(lower, start, end, CLAUSE_BREAK));
}

/**
 * Verbs in the preterite that tell of something that happened: "el viernes fuimos al cine", "el sábado perdimos". A
 * short list on purpose, as in English (readMessage.ts), of forms that are past and nothing else ("jugamos", "salimos"
 * are present too); a clause that also says something present or to come ("el viernes voy", "tengo examen",
 * "mañana") keeps the coming day. Word edges are Unicode-aware: "salí" and "pasó" end in letters JavaScript's \b does
 * not know.
 */
const HAPPENED_ES = /(?<![\p{L}\p{N}_])(?:fui|fuimos|fue|fueron|tuve|tuvimos|hice|hicimos|jugué|gané|perdí|perdimos|vi|vimos|salí|comí|comimos|estuve|estuvimos|pasó|presenté|reprobé|aprobé)(?![\p{L}\p{N}_])/u;
/** Words that keep a clause present or to come; verbs that are also present ("jugamos", "salimos") are left out of HAPPENED_ES for this reason. */
const NOT_DONE_ES = /(?<![\p{L}\p{N}_])(?:voy|vamos|vas|vais|va|van|viene|vienes|vienen|iré|irá|irás|tengo|tenemos|tiene|hay|es|son|será|ma[ñn]ana|pr[oó]ximo|quiero|puedo|debo|ojal[aá])(?![\p{L}\p{N}_])/u;
const toldAsDoneEs = (clause: string) => HAPPENED_ES.test(clause) && !NOT_DONE_ES.test(clause);
/** A weekday that names a deadline or an event's day ("para el viernes", "la fiesta del viernes") is the coming one, whatever else the clause tells. */
const DAY_OF_SOMETHING = /(?:\bpara|\bdel?|\bhasta|\bantes del?|\bdespu[eé]s del?)\s*$/;

/** What may follow "del 19" or "es el 19": an end, or words that go on after a date, never another number ("del 1 a 10"). */
const SPANISH_DATE_END = "(?![,.:]\\d)(?=\\s*(?:$|[,.!?;:)]|(?:y|que|para|pero|porque|pq|tengo|hay|voy|vamos|entonces|jaja\\w*|ya)\\b(?!\\s+(?:el\\s+)?\\d)))";

/** A rule's reading of its match: a day, or `null` for a span that is no date and must not be read as one (a schedule). */
type Reading = string | null | undefined;

/** What a rule may know of the whole message besides its match. */
interface Context {
  today: string;
  /** The month of the last date before the match whose words name a month. */
  monthBefore: { year: number; month: number } | undefined;
  /** The message has other Spanish in it: its "ayer" is yesterday and its "domingo" Sunday, not a name ("david ayer"). */
  spanish: boolean;
  /** The clause the match stands in: from the last punctuation or joining word before it to the next one after it. */
  clause: string;
  /** The message before the match. */
  before: string;
}

interface Rule {
  pattern: RegExp;
  date: (match: RegExpExecArray, context: Context) => Reading;
}

const RULES: readonly Rule[] = [
  // Spans that are no dates, taken first so nothing later reads them: schedules ("los lunes y miércoles", "de lunes a
  // viernes", "cada martes"), "hoy en día" (nowadays), early mornings ("muy de mañana", "de mañana temprano").
  { pattern: new RegExp(`\\b(?:los(?:\\s+d[ií]as)?|cada|todos\\s+los)\\s+${ANY_WEEKDAY}(?:\\s*(?:,|y|e|o)\\s*(?:los\\s+)?${ANY_WEEKDAY})*\\b`, "g"), date: () => null },
  { pattern: new RegExp(`\\b(?:de|desde)\\s+(?:el\\s+)?${ANY_WEEKDAY}\\s+(?:a|al|hasta(?:\\s+el)?)\\s+${ANY_WEEKDAY}\\b`, "g"), date: () => null },
  { pattern: /\bhoy en d[ií]a\b|\bmuy de ma[ñn]ana\b|\bde ma[ñn]ana temprano\b/g, date: () => null },
  // "pasado mañana" before "mañana"; "mañana" is tomorrow ("el examen de mañana" too) unless it is a morning ("esta
  // mañana", "por la mañana", "a media mañana", "qué mañana") or the future ("el mañana").
  { pattern: /\bpasado ma[ñn]ana\b/g, date: (_, { today }) => addDays(today, 2) },
  {
    pattern: /(?<!\b(?:la|las|esta|esa|aquella|una|otra|cada|toda|todas|pasado|media|el|cualquier|por|en|tu|mi|su|buenas|nuestra)\s+)(?<!qué\s+)\bma[ñn]ana\b/g,
    date: (_, { today }) => addDays(today, 1),
  },
  { pattern: /\bhoy\b/g, date: (_, { today }) => today },
  { pattern: /\banoche\b/g, date: (_, { today }) => addDays(today, -1) },
  { pattern: /\bayer\b/g, date: (_, { today, spanish }) => (spanish ? addDays(today, -1) : undefined) },
  { pattern: /\b(?:antier|anteayer)\b/g, date: (_, { today }) => addDays(today, -2) },
  // "el sábado 28", "el viernes 27 de noviembre": the number and month say the day; the weekday only confirms it.
  {
    pattern: new RegExp(`\\b(?:el\\s+)?${WEEKDAY}\\s+(\\d{1,2})(?:\\s+de\\s+${MONTH})?\\b(?![,.:]\\d)`, "g"),
    date: (match, { today, monthBefore }) => {
      if (match[3]) return yearlyDay(today, monthNumber(match[3]), Number(match[2]));
      const day = Number(match[2]);
      // "el viernes 13 fuimos al cine": of the coming and the last day of that number, the one that is that weekday.
      const candidates = [comingDayOfMonth(today, day, monthBefore), pastDayOfMonth(today, day)];
      return candidates.find((iso) => iso !== undefined && weekdayOf(iso) === weekdayIndex(match[1])) ?? candidates[0];
    },
  },
  // "el 19 de diciembre", "19 de diciembre": the next such day, or the one just gone.
  { pattern: new RegExp(`\\b(\\d{1,2}) de ${MONTH}\\b`, "g"), date: (match, { today }) => yearlyDay(today, monthNumber(match[2] ?? ""), Number(match[1])) },
  // "el viernes pasado", "el pasado viernes", then "el próximo viernes" / "el viernes que viene" / "este viernes" / "el viernes".
  { pattern: new RegExp(`\\b(?:el )?${WEEKDAY} pasado\\b|\\bel pasado ${WEEKDAY}\\b`, "g"), date: (match, { today }) => weekdayDate(today, weekdayIndex(match[1] ?? match[2]), "past") },
  { pattern: new RegExp(`\\b(?:el|este) pr[oó]ximo ${WEEKDAY}\\b|\\bel ${WEEKDAY} (?:que viene|pr[oó]ximo)\\b`, "g"), date: (match, { today }) => weekdayDate(today, weekdayIndex(match[1] ?? match[2]), "coming") },
  { pattern: new RegExp(`\\beste ${WEEKDAY}\\b`, "g"), date: (match, { today }) => weekdayDate(today, weekdayIndex(match[1]), "this") },
  // A bare "el viernes" or "viernes" (schedules were taken above); not a place ("santo domingo") or a name's ("domingo's").
  {
    pattern: new RegExp(`(?<!\\b(?:santo|san)\\s+)\\b(?:el )?${WEEKDAY}\\b(?!['’]s\\b)`, "g"),
    date: (match, { today, spanish, clause, before }) =>
      match[1] === "domingo" && !spanish ? undefined : weekdayDate(today, weekdayIndex(match[1]), toldAsDoneEs(clause) && !DAY_OF_SOMETHING.test(before) ? "past" : "coming"),
  },
  // A day of the month alone, where Spanish says it as a date: "fue el 17" (gone), "es el 19", "para el 3", "del 19",
  // "el día 6". "el 2 es mi favorito", "vivo en el 3", "saqué el 10" are no dates.
  { pattern: new RegExp(`\\b(?:fue|fueron|era|eran)\\s+el\\s+(?:d[ií]a\\s+)?(\\d{1,2})${SPANISH_DATE_END}`, "g"), date: (match, { today }) => pastDayOfMonth(today, Number(match[1])) },
  {
    pattern: new RegExp(`(?:\\b(?:es|ser[aá]|para|hasta|desde|antes del?|despu[eé]s del?)\\s+el\\s+(?:d[ií]a\\s+)?|\\bdel\\s+(?:d[ií]a\\s+)?|\\bel\\s+d[ií]a\\s+)(\\d{1,2})${SPANISH_DATE_END}`, "g"),
    date: (match, { today, monthBefore }) => comingDayOfMonth(today, Number(match[1]), monthBefore),
  },
  // English days said as owners, which compromise-dates passes over: "tomorrow's meet", "tonight's show", "yesterday's
  // quiz". A weekday's ("saturday's game") is left alone: whether it is the last or the coming one needs the clause's tense.
  {
    pattern: /\b(today|tonight|tomorrow|tmrw|tmr|yesterday)['’]s\b/g,
    date: (match, { today }) => addDays(today, match[1] === "yesterday" ? -1 : match[1] === "today" || match[1] === "tonight" ? 0 : 1),
  },
  // English "is the 17th", "on the 3rd" without a month (compromise-dates reads "the 17th of December" itself), only where
  // the sentence goes on as after a date: "she is the 1st and only", "the 2nd and 3rd floor", "the 3rd i've seen" are no dates.
  {
    pattern: /\b(?:on|by|until|till|til|before|after) the (\d{1,2})(?:st|nd|rd|th)(?![,.:]\d)(?=\s*(?:$|[,.!?;:)]|(?:so|but|at|lol|which|when|i|im|i'm|we|or|if)\b(?!')|and\s+(?!(?:the\s+)?\d|only\b)))/g,
    date: (match, { today, monthBefore }) => comingDayOfMonth(today, Number(match[1]), monthBefore),
  },
  {
    pattern: /\b(?:is|it's|its) the (\d{1,2})(?:st|nd|rd|th)(?![,.:]\d)(?=\s*(?:$|[,.!?;:)]|(?:so|lol|but)\b|and\s+(?:i|im|i'm|my|we)\b(?!')))/g,
    date: (match, { today, monthBefore }) => comingDayOfMonth(today, Number(match[1]), monthBefore),
  },
];

/**
 * Date phrases in `lower` (a message in lower case) that compromise-dates did not read, as days counted from `today`
 * (YYYY-MM-DD where the user lives). Phrases that overlap one already `found`, or an earlier one here, are left out.
 * A day of the month said alone after a named month ("december 19th and the party is the 20th") is in that month.
 */
export function findSpokenDates(lower: string, today: string, found: readonly DateMention[]): DateMention[] {
  const mentions: DateMention[] = [];
  const blocked: TextSpan[] = [];
  const overlaps = (spans: readonly TextSpan[], start: number, end: number) => spans.some((span) => spansOverlap(span, { start, end }));
  const taken = (start: number, end: number) => overlaps(found, start, end) || overlaps(mentions, start, end) || overlaps(blocked, start, end);
  const spanish = looksSpanish(lower);
  /** The month of the last date before `at` whose words name a month. */
  const monthBefore = (at: number) => {
    const named = [...found, ...mentions].filter((mention) => mention.end <= at && NAMED_MONTH.test(lower.slice(mention.start, mention.end))).sort((a, b) => b.end - a.end)[0];
    return named ? { year: Number(named.date.slice(0, 4)), month: Number(named.date.slice(5, 7)) } : undefined;
  };
  for (const [pattern, month, day] of FIXED_HOLIDAYS) {
    for (const match of lower.matchAll(pattern)) {
      const date = yearlyDay(today, month, day);
      if (date !== undefined && !taken(match.index, match.index + match[0].length)) mentions.push({ start: match.index, end: match.index + match[0].length, date });
    }
  }
  for (const rule of RULES) {
    for (const match of lower.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken(start, end)) continue;
      const date = rule.date(match as RegExpExecArray, { today, monthBefore: monthBefore(start), spanish, clause: clauseAround(lower, start, end), before: lower.slice(0, start) });
      if (date === null) blocked.push({ start, end });
      else if (date !== undefined) mentions.push({ start, end, date });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}
