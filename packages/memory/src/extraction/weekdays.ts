// What a bare weekday means: "a test on Friday" is the next Friday after today, a week ahead when said on a Friday; "I took the ACT on Saturday" is the last one.
import { addDays, dayIn } from "./dayIn.js";

/**
 * A teen who means today says "today"; said on a Friday, "on Friday" means the coming week's. "this Friday" said on
 * a Friday stays today, and "next Friday" keeps compromise-dates' reading (the Friday of next week).
 */
const BARE_WEEKDAY = /^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;

/**
 * The calendar day a date phrase names, given the day compromise-dates resolved it to (the coming one, today
 * included) and when it was said. `past`: its clause tells of something done ("I took the ACT on Saturday"), so a bare
 * weekday is the last such day before today, a week back when said on that day.
 */
export function resolveWeekdayPhrase(phrase: string, resolvedDay: string, referenceDate: Date, timeZone: string, past = false): string {
  if (!BARE_WEEKDAY.test(phrase.trim())) return resolvedDay;
  if (past) return addDays(resolvedDay, -7);
  return resolvedDay === dayIn(referenceDate, timeZone) ? addDays(resolvedDay, 7) : resolvedDay;
}
