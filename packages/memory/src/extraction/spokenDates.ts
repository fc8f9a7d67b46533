// Dates compromise-dates does not read: Spanish ones ("mañana", "el miércoles", "del 19"), an English day of the month
// without its month ("the 17th"), and holidays on a fixed day it does not know ("navidad", "boxing day").
import type { DateMention } from "./readMessage.js";

const addDays = (isoDay: string, days: number) => {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const weekdayOf = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`).getUTCDay();
const pad = (n: number) => String(n).padStart(2, "0");
/** A real calendar day: "el 31" in a month of 30 days is none. */
const isDay = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** Sunday first, as Date.getUTCDay counts; accents optional, as teens type. */
const WEEKDAYS: readonly RegExp[] = [/^domingo$/, /^lunes$/, /^martes$/, /^mi[eé]rcoles$/, /^jueves$/, /^viernes$/, /^s[aá]bado$/];
const WEEKDAY = "(domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)";
const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTH = `(${MONTHS.join("|")}|setiembre)`;
const monthNumber = (name: string) => (name === "setiembre" ? 9 : MONTHS.indexOf(name) + 1);

/** Holidays on the same day every year, that compromise-dates does not name: month and day. */
const FIXED_HOLIDAYS: readonly [RegExp, number, number][] = [
  [/\bnochebuena\b/g, 12, 24],
  [/\bnavidad(?:es)?\b/g, 12, 25],
  [/\bboxing day\b/g, 12, 26],
  [/\bnochevieja\b/g, 12, 31],
  [/\ba[ñn]o nuevo\b/g, 1, 1],
  [/\bd[ií]a de (?:los )?reyes\b/g, 1, 6],
  [/\bd[ií]a de (?:los )?muertos\b/g, 11, 2],
];

/** The occurrence of a month and day nearest to today: "navidad" in December is this one, in January the one just gone. */
function nearest(today: string, month: number, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1].filter((y) => isDay(y, month, day)).map((y) => `${y}-${pad(month)}-${pad(day)}`);
  const distance = (isoDay: string) => Math.abs(Date.parse(`${isoDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`));
  return candidates.sort((a, b) => distance(a) - distance(b))[0];
}

/** A day of the month said without its month: this month's if it is still to come (or today), else next month's. */
function comingDayOfMonth(today: string, day: number): string | undefined {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  if (day < Number(today.slice(8, 10))) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return isDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
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

/** What may follow a day of the month alone: the end of the message or clause, or words that go on after a date. */
const SPANISH_DATE_END = "(?=\\s*(?:$|[,.!?;:)]|(?:y|que|es|a|para|pero|porque|pq|tengo|hay|voy|vamos|va|entonces|jaja\\w*|ya)\\b))";
const ENGLISH_DATE_END = "(?=\\s*(?:$|[,.!?;:)]|(?:and|so|but|at|lol|which|when|i|im|i'm|we|or|if)\\b))";

interface Rule {
  pattern: RegExp;
  /** The day the match names, or undefined for none (a schedule, a count, a morning). */
  date: (match: RegExpExecArray, today: string) => string | undefined;
}

const RULES: readonly Rule[] = [
  // "pasado mañana" before "mañana"; "mañana" is tomorrow unless it is a morning: "esta mañana", "en la mañana", "cada mañana".
  { pattern: /\bpasado ma[ñn]ana\b/g, date: (_, today) => addDays(today, 2) },
  { pattern: /(?<!\b(?:la|las|esta|una|cada|toda|todas|pasado|por|de|en|tu|mi|su|buenas|nuestra)\s+)\bma[ñn]ana\b/g, date: (_, today) => addDays(today, 1) },
  { pattern: /\bhoy\b/g, date: (_, today) => today },
  { pattern: /\b(?:ayer|anoche)\b/g, date: (_, today) => addDays(today, -1) },
  { pattern: /\b(?:antier|anteayer)\b/g, date: (_, today) => addDays(today, -2) },
  // "el 19 de diciembre", "19 de diciembre": the nearest such day.
  { pattern: new RegExp(`\\b(\\d{1,2}) de ${MONTH}\\b`, "g"), date: (match, today) => nearest(today, monthNumber(match[2] ?? ""), Number(match[1])) },
  // "el viernes pasado", then "el próximo viernes" / "el viernes que viene" / "este viernes" / "el viernes".
  { pattern: new RegExp(`\\b(?:el )?${WEEKDAY} pasado\\b`, "g"), date: (match, today) => weekdayDate(today, weekdayIndex(match[1]), "past") },
  { pattern: new RegExp(`\\b(?:el|este) pr[oó]ximo ${WEEKDAY}\\b|\\bel ${WEEKDAY} (?:que viene|pr[oó]ximo)\\b`, "g"), date: (match, today) => weekdayDate(today, weekdayIndex(match[1] ?? match[2]), "coming") },
  { pattern: new RegExp(`\\beste ${WEEKDAY}\\b`, "g"), date: (match, today) => weekdayDate(today, weekdayIndex(match[1]), "this") },
  // A bare "el viernes" or "viernes", not a schedule ("los viernes", "cada viernes", "todos los viernes" never match).
  { pattern: new RegExp(`(?<!\\b(?:los|cada|todos)\\s+)\\b(?:el )?${WEEKDAY}\\b`, "g"), date: (match, today) => weekdayDate(today, weekdayIndex(match[1]), "coming") },
  // "el 19", "del 19", "el día 19", "para el 19": a day of this month or the next. Only where the sentence goes on as it
  // would after a date (an end, "y", "que", "tengo"...), so "saqué el 10 en química" and "el 3 de 5" are no dates.
  { pattern: new RegExp(`\\b(?:el|del|para el|hasta el)\\s+(?:d[ií]a\\s+)?(\\d{1,2})${SPANISH_DATE_END}`, "g"), date: (match, today) => comingDayOfMonth(today, Number(match[1])) },
  // English "is the 17th", "on the 3rd" without a month (compromise-dates reads "the 17th of December" itself), where the
  // sentence goes on as after a date: "the 3rd time she did it" and "the 2nd period" are no dates.
  { pattern: new RegExp(`\\b(?:on|by|until|till|til|before|after|is|it's|its|was) the (\\d{1,2})(?:st|nd|rd|th)${ENGLISH_DATE_END}`, "g"), date: (match, today) => comingDayOfMonth(today, Number(match[1])) },
];

function weekdayIndex(name: string | undefined): number {
  return WEEKDAYS.findIndex((pattern) => pattern.test(name ?? ""));
}

/**
 * Date phrases in `lower` (a message in lower case) that compromise-dates did not read, as days counted from `today`
 * (YYYY-MM-DD where the user lives). Phrases that overlap one already `found`, or an earlier one here, are left out.
 */
export function findSpokenDates(lower: string, today: string, found: readonly DateMention[]): DateMention[] {
  const mentions: DateMention[] = [];
  const taken = (start: number, end: number) => [...found, ...mentions].some((mention) => mention.start < end && start < mention.end);
  const consider = (start: number, end: number, date: string | undefined) => {
    if (date !== undefined && !taken(start, end)) mentions.push({ start, end, date });
  };
  for (const [pattern, month, day] of FIXED_HOLIDAYS) {
    for (const match of lower.matchAll(pattern)) consider(match.index, match.index + match[0].length, nearest(today, month, day));
  }
  for (const { pattern, date } of RULES) {
    for (const match of lower.matchAll(pattern)) consider(match.index, match.index + match[0].length, date(match as RegExpExecArray, today));
  }
  return mentions.sort((a, b) => a.start - b.start);
}
