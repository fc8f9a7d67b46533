// Lifts an event published under an older major to the catalog's, before the envelope is validated.
import { z } from "zod";
import { EVENT_CATALOG, type EventType } from "../catalog";
import { metadataSchema } from "../envelope";
import { EVENT_UPCASTERS } from "./registry";
import type { UpcasterRegistry } from "./UpcasterRegistry";
import type { UpcastContext } from "./types";

/** Metadata as any major wrote it: the same fields, and a version that may be older (0 was the pre-release major). */
const anyVersionMetadataSchema = metadataSchema.extend({ version: z.number().int().nonnegative() });

export interface EnvelopeParts {
  metadata?: unknown;
  data?: unknown;
}

/**
 * Returns the envelope with its data upcast and its metadata.version set to the catalog's when it was published under
 * a registered older major. A version the registry cannot lift (unregistered, or newer than the catalog's) is refused
 * here, naming the versions that are accepted; an envelope whose metadata is malformed is returned unchanged, so
 * validation reports what is wrong with it as before.
 */
export const upcastEnvelope = (type: EventType, detail: EnvelopeParts, registry: UpcasterRegistry = EVENT_UPCASTERS): EnvelopeParts => {
  const metadata = anyVersionMetadataSchema.safeParse(detail.metadata);
  if (!metadata.success) return detail;
  const { version } = metadata.data;
  if (version === EVENT_CATALOG[type].version) return detail;
  const context: UpcastContext = {
    eventId: metadata.data.eventId,
    occurredAt: metadata.data.occurredAt,
    userId: metadata.data.userId,
    ...(metadata.data.sessionId ? { sessionId: metadata.data.sessionId } : {}),
  };
  const lifted = registry.upcast(type, version, detail.data, context);
  return { metadata: { ...(detail.metadata as object), version: lifted.version }, data: lifted.data };
};

/** `upcast(type, version, data)`: data of an older major lifted to the current one, with the consumers' registry. */
export const upcast = (type: EventType, version: number, data: unknown, context: UpcastContext, registry: UpcasterRegistry = EVENT_UPCASTERS): unknown =>
  registry.upcast(type, version, data, context).data;
