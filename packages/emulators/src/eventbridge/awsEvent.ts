// Turns a PutEvents entry into the event JSON targets receive, and measures entries the way AWS bills the 256 KB limit.
import { randomUUID } from "node:crypto";
import type { AccountScope } from "./arns.js";
import type { AwsEvent } from "./types.js";

/** AWS stamps events to the second: `2026-01-01T00:00:00Z`. */
export const formatEventTime = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");

export const parseEventTime = (time: unknown): number | undefined => {
  if (typeof time !== "string") return undefined;
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? ms : undefined;
};

export interface EventEntry {
  source: string;
  detailType: string;
  detail: string;
  resources: string[];
  /** Epoch ms, when the caller set `Time`. */
  time?: number;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * Entry size as AWS documents it ("Calculating PutEvents event entry size"): 14 bytes for a Time,
 * plus the UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export const entrySize = (entry: { Source?: unknown; DetailType?: unknown; Detail?: unknown; Resources?: unknown; Time?: unknown }): number => {
  let size = entry.Time === undefined || entry.Time === null ? 0 : 14;
  for (const field of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof field === "string") size += utf8Length(field);
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) if (typeof resource === "string") size += utf8Length(resource);
  }
  return size;
};

export const buildAwsEvent = (entry: EventEntry, detail: Record<string, unknown>, scope: AccountScope, now: number): AwsEvent => ({
  version: "0",
  id: randomUUID(),
  "detail-type": entry.detailType,
  source: entry.source,
  account: scope.accountId,
  time: formatEventTime(entry.time ?? now),
  region: scope.region,
  resources: entry.resources,
  detail,
});

/** A replayed copy keeps the original id and time (consumers dedupe on them) and gains `replay-name`. */
export const asReplayedEvent = (event: AwsEvent, replayName: string): AwsEvent => ({ ...event, "replay-name": replayName });
