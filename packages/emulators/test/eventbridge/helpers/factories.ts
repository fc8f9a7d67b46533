// Realistic InnerWorld events and rule patterns for the EventBridge emulator tests.
import { randomUUID } from "node:crypto";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";

/** A PutEvents entry shaped like the design's envelope: Source innerworld.<service>, Detail {metadata, data}. */
export const innerWorldEntry = (
  service: string,
  detailType: string,
  data: Record<string, unknown> = {},
  overrides: Partial<PutEventsRequestEntry> = {},
): PutEventsRequestEntry => {
  const eventId = randomUUID();
  return {
    Source: `innerworld.${service}`,
    DetailType: detailType,
    Detail: JSON.stringify({
      metadata: {
        eventId,
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        causationId: eventId,
        userId: "user-1",
        sessionId: "session-1",
        producer: service,
      },
      data,
    }),
    ...overrides,
  };
};

export const messageReceived = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry =>
  innerWorldEntry("gateway", "MessageReceived", { messageId: randomUUID(), seq: 1, content: "hi there" }, overrides);

export const sessionEnded = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry =>
  innerWorldEntry("gateway", "SessionEnded", { reason: "end_frame" }, overrides);

export const patternFor = (source: string, detailTypes: string[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ source: [source], "detail-type": detailTypes, ...extra });

/** What a consumer with live side effects adds so replays never reach it (docs/architecture.md, the event envelope). */
export const NO_REPLAYS = { "replay-name": [{ exists: false }] };
