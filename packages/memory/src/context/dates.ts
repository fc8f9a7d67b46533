// Dates as the context block says them: counted in UTC over instants already read at the user's wall-clock time (localTime.ts), in English, with no locale data, so a build is deterministic.

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds of an ISO date or date-time, or undefined for anything else. */
export function timeOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** UTC midnight of the day containing `ms`. */
export const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Whole calendar days from `now` to `ms` (negative in the past, 0 today). */
export const calendarDaysUntil = (ms: number, now: number) => Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);

/** Fractional days elapsed since `ms` (never negative). */
export const daysSince = (ms: number, now: number) => Math.max(0, (now - ms) / DAY_MS);

/** "Fri 27 Nov", with the year when it is not the current one ("Mon 4 Jan 2027"). */
export function formatDay(ms: number, now: number): string {
  const date = new Date(ms);
  const day = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return date.getUTCFullYear() === new Date(now).getUTCFullYear() ? day : `${day} ${date.getUTCFullYear()}`;
}

/** "Nov 2026": for when a fact stopped holding, where the day is rarely meaningful. */
export function formatMonth(ms: number): string {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "today", "tomorrow", "in 5 days": only for the coming fortnight, where a weekday alone could be misread. */
export function relativeDays(days: number): string | undefined {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days > 1 && days <= 14) return `in ${days} days`;
  return undefined;
}
