// The envelope every InnerWorld event travels in: EventBridge `Detail` = { metadata, data }.
import { z } from "zod";

export const SERVICE_NAMES = [
  "gateway",
  "safety",
  "generation",
  "storage",
  "graph-extraction",
  "context-refresh",
  "notifier",
  "watchdog",
  "persona-synthesis",
  "portrait",
] as const;
export const serviceNameSchema = z.enum(SERVICE_NAMES);
export type ServiceName = z.infer<typeof serviceNameSchema>;

/** EventBridge `Source` of everything a service publishes. */
export const sourceOf = (service: ServiceName): string => `innerworld.${service}`;

export const metadataSchema = z.object({
  /** The idempotency key: a consumer that has seen this id does nothing the second time. */
  eventId: z.string().uuid(),
  /** Schema major; additive changes keep it, breaking ones add a new schema. */
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  /** The turn's messageId, or the sessionId for session-level sagas. */
  correlationId: z.string().min(1),
  /** The eventId that caused this one; absent only for events a client action started. */
  causationId: z.string().min(1).optional(),
  userId: z.string().min(1),
  sessionId: z.string().min(1).optional(),
  producer: serviceNameSchema,
});
export type EventMetadata = z.infer<typeof metadataSchema>;

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  type: TType;
  metadata: EventMetadata;
  data: TData;
}
