// The calendar day of an instant where the user lives, what "today" and "tomorrow" mean for them, and days counted from it.

/** YYYY-MM-DD of `instant` in the IANA `timeZone` (the en-CA locale writes dates in ISO order). */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The calendar day `days` after (or before) a YYYY-MM-DD day, counted in whole days, free of time zones. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
