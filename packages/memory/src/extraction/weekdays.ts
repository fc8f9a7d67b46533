// What a bare weekday means: "a test on Friday" is the next Friday after today, a week ahead when said on a Friday.
import { dayIn } from "./dayIn.js";

/**
 * A teen who means today says "today"; said on a Friday, "on Friday" means the coming week's. "this Friday" said on
 * a Friday stays today, and "next Friday" keeps compromise-dates' reading (the Friday of next week).
 */
const BARE_WEEKDAY = /^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;

const addDays = (isoDay: string, days: number) => {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** The calendar day a date phrase names, given the day compromise-dates resolved it to and when it was said. */
export function resolveWeekdayPhrase(phrase: string, resolvedDay: string, referenceDate: Date, timeZone: string): string {
  if (!BARE_WEEKDAY.test(phrase.trim())) return resolvedDay;
  return resolvedDay === dayIn(referenceDate, timeZone) ? addDays(resolvedDay, 7) : resolvedDay;
}
