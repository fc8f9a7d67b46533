// A service's SQS handler: the contract's consumer plus dead letters and StepFailed compensation from the runtime.
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { createEventConsumer, type ConsumedEvent, type EventHandlers, type EventType, type ServiceHandlers, type ServiceName } from "@innerworld/events";
import { TombstoneStore } from "../tombstones/tombstoneStore";
import type { ServiceRuntime } from "./serviceRuntime";

const stringField = (data: unknown, field: string): string | undefined => {
  const value = (data as Record<string, unknown> | null)?.[field];
  return typeof value === "string" ? value : undefined;
};

/** Tells the rest of the saga that this step gave up, so the user hears of it and the turn is marked failed. */
export const publishStepFailed = async (runtime: ServiceRuntime, event: ConsumedEvent, error: unknown): Promise<void> => {
  // A failed StepFailed must not beget another: that way lies an endless loop of compensations.
  if (event.envelope.type === "StepFailed") return;
  const { metadata, data } = event.envelope;
  const messageId = stringField(data, "messageId");
  const seq = (data as { seq?: unknown }).seq;
  const connectionId = stringField(data, "connectionId");
  const surveyId = stringField(data, "surveyId");
  const personaId = stringField(data, "personaId");
  const sessionId = stringField(data, "sessionId") ?? metadata.sessionId;
  await runtime.publisher.publish({
    type: "StepFailed",
    correlationId: metadata.correlationId,
    causationId: metadata.eventId,
    userId: metadata.userId,
    ...(sessionId ? { sessionId } : {}),
    deduplicationKey: metadata.eventId,
    data: {
      step: runtime.service,
      failedEventType: event.envelope.type,
      failedEventId: metadata.eventId,
      ...(messageId ? { messageId } : {}),
      ...(typeof seq === "number" ? { seq } : {}),
      ...(sessionId ? { sessionId } : {}),
      ...(connectionId ? { connectionId } : {}),
      ...(surveyId ? { surveyId } : {}),
      ...(personaId ? { personaId } : {}),
      errorCode: (error as { code?: string }).code ?? "STEP_FAILED",
      errorMessage: error instanceof Error ? error.message : String(error),
      // Whether the client may send the message again; not the same as whether the queue should redeliver it.
      retryable: (error as { clientMayRetry?: boolean }).clientMayRetry ?? (error as { retryable?: boolean }).retryable ?? true,
    },
  });
};

/** How long a handled eventId is remembered: longer than any redelivery or replay of live traffic. */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * Wraps every handler with Powertools idempotency keyed on `metadata.eventId`: a redelivered event finds its
 * completed record and does nothing; a concurrent duplicate finds it in progress and comes back later.
 * A replay carries the original eventIds, and is meant to run the handler again (to rebuild a graph, say),
 * so the replay's name is part of the key; what the handler writes is itself idempotent.
 */
export const idempotentHandlers = (runtime: ServiceRuntime, handlers: EventHandlers): EventHandlers => {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: runtime.tables.idempotency, awsSdkV3Client: runtime.dynamodbClient as never });
  const wrapped: Record<string, (event: ConsumedEvent) => Promise<void>> = {};
  for (const [type, handler] of Object.entries(handlers) as [EventType, (event: ConsumedEvent) => Promise<void>][]) {
    const config = new IdempotencyConfig({ eventKeyJmesPath: "[eventId, replayName]", expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS });
    const once = makeIdempotent(
      async (_key: { eventId: string; replayName: string }, event: ConsumedEvent) => {
        await handler(event);
        return true;
      },
      { persistenceStore, config, keyPrefix: `innerworld-${runtime.service}-${type}` },
    );
    wrapped[type] = async (event) => {
      config.registerLambdaContext(event.context);
      await once({ eventId: event.envelope.metadata.eventId, replayName: event.replayName ?? "" }, event);
    };
  }
  return wrapped as EventHandlers;
};

/**
 * Fields that date what an event carries earlier than the event itself: a turn's `receivedAt` (when the gateway accepted
 * the turn), a session's and its transcript's `endedAt`, and a merge's `transcriptEndedAt` (when the transcript it
 * distilled ended).
 */
const DATA_TIME_FIELDS = ["receivedAt", "endedAt", "transcriptEndedAt"] as const;

/**
 * When what an event carries came in: the earliest of its own time and its DATA_TIME_FIELDS. So a reply published
 * after an erasure, to a message sent before it, still counts from the message, and a transcript of a session that
 * ended before the erasure (the teen ended the chat, then deleted the account) from the session's end, however late
 * storage published it, and the merge made of it too.
 */
export const dataTimeOf = (event: ConsumedEvent): string => {
  const data = event.envelope.data as Record<string, unknown> | null;
  let earliest = event.envelope.metadata.occurredAt;
  for (const field of DATA_TIME_FIELDS) {
    const value = data?.[field];
    if (typeof value === "string" && Date.parse(value) < Date.parse(earliest)) earliest = value;
  }
  return earliest;
};

/**
 * Events that only take data away: they run whatever the tombstone says. UserDeleted is the erasure itself; the
 * PersonaDeleted that DELETE /me publishes for each persona it erases is stamped in the same millisecond as the tombstone
 * (or later), so a guard would drop it and leave the persona's portrait behind. Deleting twice deletes nothing more.
 */
const ERASING_EVENTS: ReadonlySet<EventType> = new Set<EventType>(["UserDeleted", "PersonaDeleted"]);

/**
 * Drops every event about an erased user whose data came in before their erasure, whether it arrives late or from a
 * replay of the archive: what DELETE /me erased stays erased, and a turn in flight at the erasure is not written back by
 * the steps after it. Events that only erase (ERASING_EVENTS) always run. One read of the tombstone per event; it
 * answers "none" for everyone who never asked to be forgotten.
 */
export const tombstoneGuardedHandlers = (runtime: ServiceRuntime, handlers: EventHandlers, unguarded: readonly EventType[] = []): EventHandlers => {
  const tombstones = new TombstoneStore(runtime.dynamodb, runtime.tables.tombstones);
  const guarded: Record<string, (event: ConsumedEvent) => Promise<void>> = {};
  for (const [type, handler] of Object.entries(handlers) as [EventType, (event: ConsumedEvent) => Promise<void>][]) {
    if (unguarded.includes(type)) {
      guarded[type] = handler;
      continue;
    }
    guarded[type] = async (event) => {
      const { userId, eventId } = event.envelope.metadata;
      if (!ERASING_EVENTS.has(type) && (await tombstones.erasedSince(userId, dataTimeOf(event)))) {
        console.info("dropped an event about an erased user", { service: runtime.service, type, eventId, replay: event.replayName ?? null });
        return;
      }
      await handler(event);
    };
  }
  return guarded as EventHandlers;
};

/** The levels that print debug lines: TRACE is below DEBUG. */
const DEBUG_LEVELS: ReadonlySet<string> = new Set(["TRACE", "DEBUG"]);

/**
 * Logs each event with the keys that tie a saga together (correlationId, eventId, sessionId, eventType), through a
 * child logger per event: records of one batch run concurrently, so keys on the shared logger would cross over. The
 * child is made only when something is logged (a failure, or anything at debug): making one per event cost about 3 %
 * of the services' CPU, for lines the usual level does not print.
 */
export const loggedHandlers = (runtime: ServiceRuntime, handlers: EventHandlers): EventHandlers => {
  const wrapped: Record<string, (event: ConsumedEvent) => Promise<void>> = {};
  for (const [type, handler] of Object.entries(handlers) as [EventType, (event: ConsumedEvent) => Promise<void>][]) {
    wrapped[type] = async (event) => {
      const { metadata } = event.envelope;
      let child: ServiceRuntime["logger"] | undefined;
      const log = () =>
        (child ??= runtime.logger.createChild({
          persistentKeys: {
            correlationId: metadata.correlationId,
            eventId: metadata.eventId,
            eventType: type,
            ...(metadata.sessionId ? { sessionId: metadata.sessionId } : {}),
            ...(event.replayName ? { replayName: event.replayName } : {}),
          },
        }));
      const debug = DEBUG_LEVELS.has(runtime.logger.getLevelName());
      const started = performance.now();
      if (debug) log().debug("event received", { receiveCount: event.receiveCount });
      try {
        await handler(event);
        if (debug) log().debug("event handled", { durationMs: Math.round(performance.now() - started) });
      } catch (error) {
        log().warn("event failed", { durationMs: Math.round(performance.now() - started), receiveCount: event.receiveCount, error: error as Error });
        throw error;
      }
    };
  }
  return wrapped as EventHandlers;
};

export interface ServiceConsumerOptions {
  /**
   * false: every handler guards itself (conditional writes keyed by ids, deterministic eventIds downstream), so no
   * idempotency record is kept. Each record costs two writes per delivery (in progress, then completed).
   */
  idempotent?: boolean;
  /** Event types whose handlers guard themselves as above, while the service's other types keep the record. */
  guardsItself?: readonly EventType[];
  /**
   * false for a service that keeps nothing of the user's and sees no replay: the erasure check (one read per
   * delivery) protects what a consumer writes, and such a service writes nothing an erasure must keep gone. What it
   * publishes about a turn carries the turn's `receivedAt`, by which the services that keep data still drop it.
   */
  erasureGuard?: boolean;
  /**
   * Event types whose handlers only change items that already exist (conditional updates), so nothing an erasure
   * removed can come back through them: they skip the erasure check, and read the tombstone themselves if they must.
   */
  erasureCheckedByHandler?: readonly EventType[];
  /** Handle a batch's records one after another, in the order received (see EventConsumerOptions.inOrder). */
  inOrder?: boolean;
}

/** The handlers that need an idempotency record, wrapped; the others as they are. */
const withIdempotency = (runtime: ServiceRuntime, handlers: EventHandlers, options: ServiceConsumerOptions): EventHandlers => {
  if (options.idempotent === false) return handlers;
  const guardsItself = new Set<EventType>(options.guardsItself ?? []);
  const needRecord = Object.fromEntries(Object.entries(handlers).filter(([type]) => !guardsItself.has(type as EventType))) as EventHandlers;
  return { ...handlers, ...idempotentHandlers(runtime, needRecord) };
};

export const createServiceConsumer = <S extends ServiceName>(runtime: ServiceRuntime<S>, serviceHandlers: ServiceHandlers<S>, options: ServiceConsumerOptions = {}) => {
  // Typed per service above; the contract's consumer dispatches on any event type.
  const handlers = withIdempotency(runtime, loggedHandlers(runtime, serviceHandlers as EventHandlers), options);
  const consume = createEventConsumer({
    service: runtime.service,
    handlers: options.erasureGuard === false ? handlers : tombstoneGuardedHandlers(runtime, handlers, options.erasureCheckedByHandler),
    ...(runtime.deadLetters ? { deadLetters: runtime.deadLetters } : {}),
    onExhausted: (event, error) => publishStepFailed(runtime, event, error),
    ...(options.inOrder ? { inOrder: true } : {}),
    logger: {
      warn: (message, extra) => runtime.logger.warn(message, extra ?? {}),
      error: (message, extra) => runtime.logger.error(message, extra ?? {}),
    },
  });
  return async (...args: Parameters<typeof consume>) => {
    try {
      return await consume(...args);
    } finally {
      runtime.metrics.flush();
    }
  };
};
