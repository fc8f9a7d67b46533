// The calendar day of an instant where the user lives, what "today" and "tomorrow" mean for them, and days counted from it.

import { boundedMemo } from "@innerworld/platform/memo";

/**
 * One formatter per time zone: making one costs far more than formatting with it, and every message read asks. The zone
 * is the user's own spelling (any case Intl accepts), so only the most recent few hundred are kept rather than one for
 * every spelling sent.
 */
const dayFormatOf = boundedMemo(512, (timeZone) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }));

/** YYYY-MM-DD of `instant` in the IANA `timeZone` (the en-CA locale writes dates in ISO order). */
export function dayIn(instant: Date, timeZone: string): string {
  return dayFormatOf(timeZone).format(instant);
}

/** The calendar day `days` after (or before) a YYYY-MM-DD day, counted in whole days, free of time zones. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** How many formatters are kept now (for the test that they stay few). */
export const dayFormatsHeld = (): number => dayFormatOf.size;
