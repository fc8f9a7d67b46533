// The AsyncAPI 3.0 document of the event bus: a channel per event type, who publishes and who consumes, example messages.
import { createHash } from "node:crypto";
import { BUS_NAME, EVENT_CATALOG, TOPOLOGY, ANALYST_ONLY_EVENTS, eventPatternOf, ruleNameOf, sourceOf, type EventType } from "@innerworld/events";
import { REPLAY_BEHAVIOUR } from "../replayBehaviour";
import { EVENT_EXAMPLES } from "./eventExamples";
import { embeddable, type EventSchemaDocument } from "./eventSchemaDocuments";

const messageKey = (type: EventType, version: number) => `${type}V${version}`;

/** A version for the document that changes exactly when a schema does. */
export const catalogFingerprint = (documents: readonly EventSchemaDocument[]): string =>
  createHash("sha256")
    .update(JSON.stringify(documents.map((d) => [d.path, d.schema])))
    .digest("hex")
    .slice(0, 12);

export const busAsyncApi = (documents: readonly EventSchemaDocument[]): Record<string, unknown> => {
  const types = Object.keys(EVENT_CATALOG) as EventType[];
  const versionsOf = (type: EventType) => documents.filter((d) => d.type === type);

  const channels = Object.fromEntries(
    types.map((type) => [
      type,
      {
        address: type,
        title: type,
        description: `${EVENT_CATALOG[type].description} EventBridge events with detail-type "${type}" and source ${EVENT_CATALOG[type].producers.map(sourceOf).join(" or ")}.`,
        messages: Object.fromEntries(versionsOf(type).map((d) => [messageKey(type, d.version), { $ref: `#/components/messages/${messageKey(type, d.version)}` }])),
      },
    ]),
  );

  const operations: Record<string, unknown> = {};
  for (const topology of TOPOLOGY) {
    for (const type of topology.publishes) {
      operations[`${topology.service}-publishes-${type}`] = {
        action: "send",
        channel: { $ref: `#/channels/${type}` },
        title: `${topology.service} publishes ${type}`,
        messages: versionsOf(type)
          .filter((d) => d.current)
          .map((d) => ({ $ref: `#/channels/${type}/messages/${messageKey(type, d.version)}` })),
      };
    }
    for (const subscription of topology.consumes) {
      const type = subscription.eventType;
      operations[`${topology.service}-consumes-${type}`] = {
        action: "receive",
        channel: { $ref: `#/channels/${type}` },
        title: `${topology.service} consumes ${type}`,
        description: `Through rule ${ruleNameOf(topology.service)} into queue ${BUS_NAME}-${topology.service}. ${REPLAY_BEHAVIOUR[topology.service]}`,
        messages: versionsOf(type).map((d) => ({ $ref: `#/channels/${type}/messages/${messageKey(type, d.version)}` })),
        "x-innerworld": {
          rule: ruleNameOf(topology.service),
          ...(subscription.detailFilter ? { detailFilter: subscription.detailFilter } : {}),
          ...(subscription.replayOnly ? { replayOnly: true } : {}),
          ...(subscription.liveOnly ? { liveOnly: true } : {}),
          acceptsReplay: topology.acceptsReplay,
          rulePattern: eventPatternOf(topology),
        },
      };
    }
  }

  const messages = Object.fromEntries(
    documents.map((d) => {
      const example = EVENT_EXAMPLES[d.type];
      return [
        messageKey(d.type, d.version),
        {
          name: d.type,
          title: `${d.type} v${d.version}${d.current ? "" : " (older major, upcast on consume)"}`,
          summary: EVENT_CATALOG[d.type].description,
          contentType: "application/json",
          headers: {
            type: "object",
            description: "The EventBridge fields around the Detail, as targets receive them.",
            properties: {
              source: { type: "string", enum: EVENT_CATALOG[d.type].producers.map(sourceOf) },
              "detail-type": { type: "string", const: d.type },
              "replay-name": { type: "string", description: "Present only on replayed events." },
            },
            required: ["source", "detail-type"],
          },
          payload: embeddable(d.schema),
          ...(d.current
            ? {
                examples: [
                  {
                    name: `${d.type}Example`,
                    summary: example.summary,
                    headers: { source: sourceOf(example.metadata.producer), "detail-type": d.type },
                    payload: { metadata: example.metadata, data: example.data },
                  },
                ],
              }
            : {}),
          "x-innerworld": { version: d.version, current: d.current, schemaFile: d.path },
        },
      ];
    }),
  );

  return {
    asyncapi: "3.0.0",
    info: {
      title: "InnerWorld event bus",
      version: catalogFingerprint(documents),
      description: [
        `Every event InnerWorld services exchange on the EventBridge bus \`${BUS_NAME}\` (on AWS \`${BUS_NAME}-<stage>\`), generated from the zod schemas in packages/events by \`pnpm catalog\`.`,
        "Each service reads what it consumes from its own SQS queue, fed by its own rule; the queue is an implementation detail of delivery, the contract is the event.",
        `Every event is archived. Services with live side effects (${TOPOLOGY.filter((t) => t.queue && !t.acceptsReplay).map((t) => t.service).join(", ")}) never see replayed events.`,
        `Published for analysts only: ${ANALYST_ONLY_EVENTS.join(", ")}.`,
        "The info.version is a fingerprint of the schemas: it changes exactly when one does.",
      ].join("\n\n"),
    },
    defaultContentType: "application/json",
    servers: {
      aws: {
        host: "events.{region}.amazonaws.com",
        protocol: "https",
        title: "Amazon EventBridge",
        description: `PutEvents onto the bus ${BUS_NAME}-<stage>; consumers receive from their SQS queues.`,
        variables: { region: { default: "us-east-1" } },
      },
      local: {
        host: "127.0.0.1:4511",
        protocol: "http",
        title: "The local cloud's EventBridge emulator",
        description: `\`pnpm start\` runs it with the bus ${BUS_NAME}, the same rules and an archive.`,
      },
    },
    channels,
    operations,
    components: { messages },
  };
};
