// Reads the times analysts type (ISO, "now", or a duration ago like 90m, 6h, 7d) into the window a replay covers.
import { AnalystError } from "./errors";

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Date.parse rolls a day the month lacks over into the next month (2026-02-30 is 2 March): such a date is a typo, not a time. */
const isCalendarDay = (text: string): boolean => {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** `2026-03-14T16:00:00Z`, `2026-03-14` (midnight UTC), `now`, or `90m` / `6h` / `7d` / `2w` meaning that long ago. */
export const parseTime = (text: string, flag: string, now: Date = new Date()): Date => {
  const trimmed = text.trim();
  if (trimmed === "now") return now;
  const ago = /^(\d+(?:\.\d+)?)([smhdw])(?:-ago)?$/.exec(trimmed);
  if (ago) return new Date(now.getTime() - Number(ago[1]) * (UNIT_MS[ago[2] ?? "s"] ?? 0));
  // A date or date-time: Date.parse reads a bare date as UTC midnight; a date-time without an offset would be local time,
  // which surprises everyone, so insist on one.
  if ((/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) && isCalendarDay(trimmed)) {
    const ms = Date.parse(trimmed);
    if (Number.isFinite(ms)) return new Date(ms);
  }
  throw new AnalystError("INVALID_TIME", `${flag} "${text}" is not a time`, {
    hint: `Use an ISO time with an offset (2026-03-14T16:00:00Z), a date (2026-03-14), "now", or a duration ago (90m, 6h, 7d).`,
  });
};

/** A length of time (`0s`, `90m`, `6h`, `7d`, `2w`) in milliseconds, for flags that mean an age rather than a moment. */
export const parseDuration = (text: string, flag: string): number => {
  const duration = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim());
  if (!duration) throw new AnalystError("INVALID_TIME", `${flag} "${text}" is not a duration`, { hint: "Use a number and a unit: 0s, 90m, 6h, 7d, 2w." });
  return Number(duration[1]) * (UNIT_MS[duration[2] ?? "s"] ?? 0);
};

export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * The window [from, to) a replay covers. `to` is clamped to now (an archive holds nothing from the future, and AWS
 * refuses an end time after the present); `from` must come before it.
 */
export const timeWindow = (fromText: string | undefined, toText: string | undefined, defaults: { from: string; to: string }, now: Date = new Date()): TimeWindow => {
  const from = parseTime(fromText ?? defaults.from, "--from", now);
  let to = parseTime(toText ?? defaults.to, "--to", now);
  if (to.getTime() > now.getTime()) to = now;
  if (from.getTime() >= to.getTime()) {
    throw new AnalystError("INVALID_TIME", `--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
  }
  return { from, to };
};

export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms)) return "?";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(abs < 10_000 ? 2 : 1)} s`;
  if (abs < 3_600_000) return `${sign}${Math.floor(abs / 60_000)} min ${Math.round((abs % 60_000) / 1000)} s`;
  return `${sign}${Math.floor(abs / 3_600_000)} h ${Math.round((abs % 3_600_000) / 60_000)} min`;
};

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};
