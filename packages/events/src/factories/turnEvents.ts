// Realistic events of one chat turn and one session end, as their producers publish them, delivered the way a consumer receives them: for unit tests of the services.
import { randomUUID } from "node:crypto";
import type { Context, SQSRecord } from "aws-lambda";
import { EVENT_CATALOG, type EventData, type EventType } from "../catalog";
import { parseRecord, type ConsumedEvent } from "../consumer";
import { sourceOf, type ServiceName } from "../envelope";
import { envelopeOf, type PublishRequest } from "../publisher";
import type { TypedEnvelope } from "../validate";

/** When the turns of these factories happen, unless a test says otherwise: never the wall clock's day. */
export const TURN_AT = "2026-12-04T16:00:00.000Z";

/** The ids one turn's events share; every factory takes a `turn` so that a test can follow one turn through the saga. */
export interface Turn {
  userId: string;
  sessionId: string;
  messageId: string;
  seq: number;
  personaId: string;
  connectionId: string;
}

export const turn = (overrides: Partial<Turn> = {}): Turn => ({
  userId: "user-maya",
  sessionId: randomUUID(),
  messageId: randomUUID(),
  seq: 1,
  personaId: "companion",
  connectionId: "conn-maya-1",
  ...overrides,
});

const turnRequest = <T extends EventType>(type: T, t: Turn, data: EventData<T>, extra: Partial<PublishRequest<T>> = {}): PublishRequest<T> => ({
  type,
  correlationId: t.messageId,
  userId: t.userId,
  sessionId: t.sessionId,
  data,
  ...extra,
});

const turnIds = (t: Turn) => ({ messageId: t.messageId, sessionId: t.sessionId, seq: t.seq, personaId: t.personaId, connectionId: t.connectionId });

export const allowVerdict = { action: "allow" as const, categories: [], lexiconVersion: "2026.03" };

export const sessionStartedRequest = (t: Turn = turn(), at = TURN_AT): PublishRequest<"SessionStarted"> => ({
  type: "SessionStarted",
  correlationId: t.sessionId,
  userId: t.userId,
  sessionId: t.sessionId,
  data: { sessionId: t.sessionId, personaId: t.personaId, connectionId: t.connectionId, startedAt: at, expiresAt: new Date(Date.parse(at) + 24 * 3600_000).toISOString() },
});

export const messageReceivedRequest = (t: Turn = turn(), data: Partial<EventData<"MessageReceived">> = {}): PublishRequest<"MessageReceived"> =>
  turnRequest("MessageReceived", t, { ...turnIds(t), content: "ugh my chem test is on friday and i haven't even started", stream: false, receivedAt: TURN_AT, ...data });

export const messageScreenedRequest = (t: Turn = turn(), data: Partial<EventData<"MessageScreened">> = {}): PublishRequest<"MessageScreened"> =>
  turnRequest("MessageScreened", t, { ...turnIds(t), content: "ugh my chem test is on friday and i haven't even started", stream: false, verdict: allowVerdict, ...data }, { deduplicationKey: t.messageId });

export const replyGeneratedRequest = (t: Turn = turn(), data: Partial<EventData<"ReplyGenerated">> = {}): PublishRequest<"ReplyGenerated"> =>
  turnRequest(
    "ReplyGenerated",
    t,
    {
      ...turnIds(t),
      replyId: `reply-${t.messageId}`,
      text: "That sounds stressful. Want to make a quick plan for the next few days?",
      model: "offline",
      fallbackUsed: false,
      usage: { inputTokens: 180, outputTokens: 18 },
      latencyMs: 40,
      streamed: false,
      ...data,
    },
    { deduplicationKey: t.messageId },
  );

export const replyScreenedRequest = (t: Turn = turn(), data: Partial<EventData<"ReplyScreened">> = {}): PublishRequest<"ReplyScreened"> =>
  turnRequest(
    "ReplyScreened",
    t,
    {
      ...turnIds(t),
      replyId: `reply-${t.messageId}`,
      text: "That sounds stressful. Want to make a quick plan for the next few days?",
      replaced: false,
      verdict: allowVerdict,
      model: "offline",
      streamed: false,
      ...data,
    },
    { deduplicationKey: `reply-${t.messageId}` },
  );

export const replyDeliveredRequest = (t: Turn = turn(), data: Partial<EventData<"ReplyDelivered">> = {}): PublishRequest<"ReplyDelivered"> =>
  turnRequest("ReplyDelivered", t, {
    messageId: t.messageId,
    replyId: `reply-${t.messageId}`,
    sessionId: t.sessionId,
    seq: t.seq,
    connectionId: t.connectionId,
    status: "delivered",
    deliveredAt: TURN_AT,
    // The reply the report carries, as the notifier sends it (storage keeps it from here).
    reply: { personaId: "companion", text: "That sounds stressful. Want to make a quick plan for the next few days?", replaced: false, categories: [], model: "offline" },
    ...data,
  });

export const stepFailedRequest = (t: Turn = turn(), data: Partial<EventData<"StepFailed">> = {}): PublishRequest<"StepFailed"> =>
  turnRequest("StepFailed", t, {
    step: "generation",
    failedEventType: "MessageScreened",
    failedEventId: randomUUID(),
    messageId: t.messageId,
    seq: t.seq,
    sessionId: t.sessionId,
    connectionId: t.connectionId,
    errorCode: "GENERATION_FAILED",
    errorMessage: "every model in the chain failed",
    retryable: true,
    ...data,
  });

export const sessionEndedRequest = (t: Turn = turn(), data: Partial<EventData<"SessionEnded">> = {}): PublishRequest<"SessionEnded"> => ({
  type: "SessionEnded",
  correlationId: t.sessionId,
  userId: t.userId,
  sessionId: t.sessionId,
  data: { sessionId: t.sessionId, personaId: t.personaId, reason: "client_end", endedAt: TURN_AT, ...data },
});

export const transcriptReadyRequest = (t: Turn = turn(), data: Partial<EventData<"TranscriptReady">> = {}): PublishRequest<"TranscriptReady"> => ({
  type: "TranscriptReady",
  correlationId: t.sessionId,
  userId: t.userId,
  sessionId: t.sessionId,
  deduplicationKey: t.sessionId,
  data: { sessionId: t.sessionId, personaId: t.personaId, messageCount: 2, startedAt: new Date(Date.parse(TURN_AT) - 10 * 60_000).toISOString(), endedAt: TURN_AT, ...data },
});

export const graphUpdatedRequest = (t: Turn = turn(), data: Partial<EventData<"GraphUpdated">> = {}): PublishRequest<"GraphUpdated"> => ({
  type: "GraphUpdated",
  correlationId: t.sessionId,
  userId: t.userId,
  sessionId: t.sessionId,
  deduplicationKey: `${t.sessionId}:live`,
  data: { sessionId: t.sessionId, entitiesMerged: 3, relationsMerged: 3, relationsInvalidated: 0, extractor: "offline", ...data },
});

/** The Lambda context a unit test's handler runs in: ten seconds, always. */
const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: "unit-test",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:unit-test",
  memoryLimitInMB: "1024",
  awsRequestId: "unit-test-request",
  logGroupName: "/aws/lambda/unit-test",
  logStreamName: "unit-test",
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

export interface Delivery {
  /** SQS's ApproximateReceiveCount: 2 and up is a redelivery. */
  receiveCount?: number;
  /** Set for an event replayed from the archive. */
  replayName?: string;
  /** When the producer published it. */
  at?: string;
}

/**
 * The event a service's handler receives for a request its producer published: the envelope built and validated by
 * the producer's rules, carried through EventBridge into an SQS record, and parsed back by the consumer's parser.
 */
export const delivered = <T extends EventType>(request: PublishRequest<T>, delivery: Delivery = {}): ConsumedEvent<T> => {
  const producer = EVENT_CATALOG[request.type].producers[0] as ServiceName;
  return deliveredEnvelope(envelopeOf(producer, request, new Date(delivery.at ?? TURN_AT)), delivery);
};

/**
 * The event a handler receives for an envelope already published (by a RecordingPublisher, say, or from another
 * producer than the catalog's first): carried through EventBridge into an SQS record and parsed back as `delivered` does.
 * Delivering the same envelope again, with a higher receiveCount or a replayName, is a redelivery or a replay of it.
 */
export const deliveredEnvelope = <T extends EventType>(envelope: TypedEnvelope<T>, delivery: Omit<Delivery, "at"> = {}): ConsumedEvent<T> => {
  const busEvent = {
    version: "0",
    id: randomUUID(),
    "detail-type": envelope.type,
    source: sourceOf(envelope.metadata.producer),
    account: "000000000000",
    time: envelope.metadata.occurredAt,
    region: "us-east-1",
    resources: [],
    detail: { metadata: envelope.metadata, data: envelope.data },
    ...(delivery.replayName ? { "replay-name": delivery.replayName } : {}),
  };
  const record: SQSRecord = {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: JSON.stringify(busEvent),
    attributes: {
      ApproximateReceiveCount: String(delivery.receiveCount ?? 1),
      SentTimestamp: String(Date.parse(envelope.metadata.occurredAt)),
      SenderId: "events.amazonaws.com",
      ApproximateFirstReceiveTimestamp: String(Date.parse(envelope.metadata.occurredAt)),
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:innerworld-test",
    awsRegion: "us-east-1",
  };
  return { ...parseRecord(record), record, context: lambdaContext } as ConsumedEvent<T>;
};
