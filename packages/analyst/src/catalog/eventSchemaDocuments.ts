// One JSON Schema document per event type and accepted version: the whole envelope (metadata + data) with who sends it.
import {
  EVENT_CATALOG,
  EVENT_UPCASTERS,
  acceptedEventVersions,
  consumersOf,
  envelopeSchemaOf,
  sourceOf,
  toJsonSchema,
  type EventType,
  type JsonSchema,
  type UpcasterRegistry,
} from "@innerworld/events";
import { EVENT_EXAMPLES } from "./eventExamples";

export const eventSchemaPath = (type: EventType, version: number): string => `events/${type}.v${version}.schema.json`;

/** The schema without its `$schema` line, for embedding (AsyncAPI payloads are JSON Schema already). */
export const embeddable = (schema: JsonSchema): JsonSchema => {
  const { $schema: _schema, ...rest } = schema;
  return rest;
};

export interface EventSchemaDocument {
  type: EventType;
  version: number;
  current: boolean;
  path: string;
  schema: JsonSchema;
}

export const eventSchemaDocuments = (registry: UpcasterRegistry = EVENT_UPCASTERS): EventSchemaDocument[] =>
  acceptedEventVersions(registry).map(({ type, version, current }) => {
    const definition = EVENT_CATALOG[type];
    const example = EVENT_EXAMPLES[type];
    const upcaster = current ? undefined : registry.upcasterOf(type, version);
    const envelope = toJsonSchema(envelopeSchemaOf(type, version, registry));
    const schema: JsonSchema = {
      $schema: envelope.$schema,
      $id: `urn:innerworld:event:${type}:v${version}`,
      title: `${type} v${version}`,
      description: current
        ? `${definition.description} The EventBridge Detail of a ${type} event: { metadata, data }.`
        : `${type} as published under v${version}; consumers still accept it and upcast it to v${definition.version}. ${upcaster?.change ?? ""}`.trim(),
      "x-innerworld": {
        eventBridge: { source: definition.producers.map(sourceOf), "detail-type": type },
        version,
        current,
        producers: [...definition.producers],
        consumers: consumersOf(type),
      },
      ...embeddable(envelope),
      ...(current ? { examples: [{ metadata: example.metadata, data: example.data }] } : {}),
    };
    return { type, version, current, path: eventSchemaPath(type, version), schema };
  });
