// An event as EventBridge delivers it (and as the archive holds it), read leniently: analysts must see malformed events too.
import type { BusEvent, EventMetadata } from "@innerworld/events";

export type { BusEvent };

export const isBusEvent = (value: unknown): value is BusEvent =>
  typeof value === "object" && value !== null && typeof (value as BusEvent).id === "string" && typeof (value as BusEvent)["detail-type"] === "string";

/** The envelope's metadata where it has the expected fields; missing ones are undefined rather than an error. */
export const metadataOf = (event: BusEvent): Partial<EventMetadata> => {
  const metadata = (event.detail as { metadata?: unknown } | null)?.metadata;
  return typeof metadata === "object" && metadata !== null ? (metadata as Partial<EventMetadata>) : {};
};

export const dataOf = (event: BusEvent): Record<string, unknown> => {
  const data = (event.detail as { data?: unknown } | null)?.data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
};

/** When the event happened: the envelope's occurredAt (milliseconds) when it has one, else EventBridge's time. */
export const occurredAtOf = (event: BusEvent): number => {
  const occurredAt = metadataOf(event).occurredAt;
  const ms = typeof occurredAt === "string" ? Date.parse(occurredAt) : NaN;
  return Number.isFinite(ms) ? ms : Date.parse(event.time);
};

/** Archive order: EventBridge time, then the envelope's occurredAt, then id, so an export reads the same every time. */
export const byOccurrence = (a: BusEvent, b: BusEvent): number =>
  Date.parse(a.time) - Date.parse(b.time) || occurredAtOf(a) - occurredAtOf(b) || a.id.localeCompare(b.id);

/** The archived event itself: a replayed copy minus the `replay-name` the replay added. */
export const withoutReplayName = (event: BusEvent): BusEvent => {
  const { "replay-name": _replayName, ...archived } = event;
  return archived;
};
