// Validates an envelope against the catalog, on publish and on consume alike.
import { EVENT_CATALOG, isEventType, type EventData, type EventType } from "./catalog";
import { metadataSchema, type EventEnvelope } from "./envelope";
import { EventContractError } from "./errors";
import { upcastEnvelope } from "./versions/upcastEnvelope";
import type { UpcasterRegistry } from "./versions/UpcasterRegistry";

export type TypedEnvelope<T extends EventType> = EventEnvelope<T, EventData<T>>;

export interface ValidateOptions {
  /** The older majors accepted and how to lift them; the consumers' registry (EVENT_UPCASTERS) when not given. */
  upcasters?: UpcasterRegistry;
}

/** An event published under a registered older major is upcast to the catalog's version first, then validated as any other. */
export const validateEnvelope = (type: string, detail: unknown, options: ValidateOptions = {}): TypedEnvelope<EventType> => {
  if (!isEventType(type)) throw new EventContractError("UNKNOWN_EVENT_TYPE", `Unknown event type "${type}"`, false);
  if (typeof detail !== "object" || detail === null) {
    throw new EventContractError("MALFORMED_EVENT", `${type}: detail must be an object with metadata and data`, false);
  }
  const { metadata, data } = upcastEnvelope(type, detail as { metadata?: unknown; data?: unknown }, options.upcasters);
  const parsedMetadata = metadataSchema.safeParse(metadata);
  if (!parsedMetadata.success) {
    throw new EventContractError("EVENT_VALIDATION_FAILED", `${type}.metadata: ${describeIssues(parsedMetadata.error.issues)}`, false);
  }
  const definition = EVENT_CATALOG[type];
  if (parsedMetadata.data.version !== definition.version) {
    throw new EventContractError(
      "EVENT_VALIDATION_FAILED",
      `${type}: schema version ${parsedMetadata.data.version} is not accepted (expected ${definition.version})`,
      false,
    );
  }
  const parsedData = definition.schema.safeParse(data);
  if (!parsedData.success) {
    throw new EventContractError("EVENT_VALIDATION_FAILED", `${type}.data: ${describeIssues(parsedData.error.issues)}`, false);
  }
  return { type, metadata: parsedMetadata.data, data: parsedData.data } as TypedEnvelope<EventType>;
};

const describeIssues = (issues: { path: (string | number)[]; message: string }[]): string =>
  issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
