// What an upcaster is: the data schema of one older major of an event, and how to lift its data one major up.
import type { z } from "zod";
import type { EventType } from "../catalog";

/** What an upcaster may read besides the old data, e.g. to fill a new required field from when the event happened. */
export interface UpcastContext {
  eventId: string;
  occurredAt: string;
  userId: string;
  sessionId?: string;
}

export interface Upcaster<TSchema extends z.ZodTypeAny = z.ZodTypeAny> {
  type: EventType;
  /** The major this upcaster reads; it produces data of major `fromVersion + 1`. */
  fromVersion: number;
  /** The data schema of `fromVersion` as it was published; archived events are checked against it before they are lifted. */
  schema: TSchema;
  /** What changed in the next major, in a sentence: it goes into the event catalog. */
  change: string;
  upcast(data: z.infer<TSchema>, context: UpcastContext): unknown;
}

export interface UpcastResult {
  /** The catalog's version for the type: what the data now conforms to (once validated). */
  version: number;
  data: unknown;
  /** The version the event was published under, when it was older than the catalog's. */
  upcastFrom?: number;
}
