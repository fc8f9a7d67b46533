// The schema of a whole envelope (metadata + data) for one event type at one of its accepted majors, and JSON Schema of it.
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import { EVENT_CATALOG, type EventType } from "../catalog";
import { metadataSchema } from "../envelope";
import { EVENT_UPCASTERS } from "./registry";
import type { UpcasterRegistry } from "./UpcasterRegistry";

/** Every (type, version) a consumer accepts, types in catalog order and versions oldest first. */
export const acceptedEventVersions = (registry: UpcasterRegistry = EVENT_UPCASTERS): { type: EventType; version: number; current: boolean }[] =>
  (Object.keys(EVENT_CATALOG) as EventType[]).flatMap((type) =>
    registry.acceptedVersions(type).map((version) => ({ type, version, current: version === EVENT_CATALOG[type].version })),
  );

/** `{ metadata, data }` as `type` travels at `version`: the version is fixed and the producer is one of the type's producers. */
export const envelopeSchemaOf = (type: EventType, version: number, registry: UpcasterRegistry = EVENT_UPCASTERS): z.ZodTypeAny => {
  const data = registry.schemaOf(type, version);
  if (!data) throw new Error(`${type} v${version} is not an accepted version`);
  const [first, ...rest] = EVENT_CATALOG[type].producers;
  if (!first) throw new Error(`${type} has no producer`);
  return z.object({
    metadata: metadataSchema.extend({ version: z.literal(version), producer: z.enum([first, ...rest]) }),
    data,
  });
};

export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft-07) of a contract schema. Objects are open (`additionalProperties` is not false) because zod strips
 * unknown fields rather than rejecting them: within a major, a producer may add an optional field and older consumers
 * still accept the event. That is the additive half of the versioning rule, and the published schemas say so.
 */
export const toJsonSchema = (schema: z.ZodTypeAny): JsonSchema =>
  zodToJsonSchema(schema, { $refStrategy: "none", target: "jsonSchema7", removeAdditionalStrategy: "strict" }) as JsonSchema;
