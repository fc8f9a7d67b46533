// The calendar day of an instant where the user lives: what "today" and "tomorrow" mean for them.

/** YYYY-MM-DD of `instant` in the IANA `timeZone` (the en-CA locale writes dates in ISO order). */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
