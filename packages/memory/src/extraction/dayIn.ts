// The calendar day of an instant where the user lives, what "today" and "tomorrow" mean for them, and days counted from it.

/** One formatter per time zone: making one costs far more than formatting with it, and every message read asks. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of `instant` in the IANA `timeZone` (the en-CA locale writes dates in ISO order). */
export function dayIn(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** The calendar day `days` after (or before) a YYYY-MM-DD day, counted in whole days, free of time zones. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
