// Turns an SQS batch of EventBridge events into typed envelopes for a service, reporting partial batch failures.
import { BatchProcessor, EventType as BatchEventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { BusEvent } from "./busEvent";
import type { EventType } from "./catalog";
import type { ServiceName } from "./envelope";
import { EventContractError, isExpectedFailure, isPermanentFailure } from "./errors";
import { topologyOf, type ConsumedEventOf } from "./topology";
import { validateEnvelope, type TypedEnvelope } from "./validate";


export interface ConsumedEvent<T extends EventType = EventType> {
  envelope: TypedEnvelope<T>;
  /** Set when the event came from an archive replay rather than live traffic. */
  replayName?: string;
  receiveCount: number;
  record: SQSRecord;
  /** The invocation's Lambda context: idempotency needs its remaining time to bound in-progress records. */
  context: Context;
}

export interface FailureReason {
  service: ServiceName;
  code: string;
  message: string;
  receiveCount: number;
}

/** Where a record goes when retrying cannot help or retries are exhausted; the reason travels with it. */
export interface DeadLetterSink {
  send(record: SQSRecord, reason: FailureReason): Promise<void>;
}

export interface ConsumerLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export type EventHandlers = { [T in EventType]?: (event: ConsumedEvent<T>) => Promise<void> };

/** One handler for each event type the service's topology entry consumes: a missing or an extra one does not compile. */
export type ServiceHandlers<S extends ServiceName> = { [T in ConsumedEventOf<S>]: (event: ConsumedEvent<T>) => Promise<void> };

export interface EventConsumerOptions {
  service: ServiceName;
  handlers: EventHandlers;
  deadLetters?: DeadLetterSink;
  /** Compensation when retries are exhausted, e.g. publishing StepFailed. Not called for malformed records. */
  onExhausted?: (event: ConsumedEvent, error: unknown) => Promise<void>;
  logger?: ConsumerLogger;
  /**
   * Handle a batch's records one after another, in the order received, rather than all at once: for a service whose
   * events build on one another (a delivery report after the notice it reports on), which in parallel could see the
   * later one first, fail it and wait the visibility timeout for its retry.
   */
  inOrder?: boolean;
}

/**
 * How long before its function's timeout an invocation stops waiting for its records (at most a fifth of the time it
 * had). A record still being handled then (a hung call, a model that never answers) is reported failed on its own, and
 * compensated and dead-lettered on its last receive, so the records that finished are deleted; waiting on would let the
 * timeout fail the whole batch and bring every record back after the visibility timeout.
 */
export const RECORD_RESERVE_MS = 2_000;

/** A record still being handled when its invocation neared its timeout: it comes back on its own, as any failure. */
export class RecordTimedOutError extends Error {
  override readonly name = "RecordTimedOutError";
  readonly code = "RECORD_TIMED_OUT";
  readonly retryable = true;
  constructor(service: ServiceName, eventType: string, waitedMs: number) {
    super(`${service} gave up waiting for a ${eventType} record after ${waitedMs} ms, before its function's timeout`);
  }
}

/** The handler's own outcome, or RecordTimedOutError once `cutAt` (a performance.now() time) has come. */
const settleBefore = async (handling: Promise<void>, cutAt: number, timedOut: () => Error): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), Math.max(0, cutAt - performance.now()));
  });
  try {
    await Promise.race([handling, cut]);
  } finally {
    clearTimeout(timer);
    // The handler runs on after the cut (nothing can stop a promise): its late failure is the retry's business.
    handling.catch(() => undefined);
  }
};

export const parseRecord = (record: SQSRecord): Omit<ConsumedEvent, "record" | "context"> => {
  let body: BusEvent;
  try {
    body = JSON.parse(record.body) as BusEvent;
  } catch (cause) {
    throw new EventContractError("MALFORMED_EVENT", `SQS record ${record.messageId} is not JSON`, false, { cause });
  }
  if (typeof body !== "object" || body === null || typeof body["detail-type"] !== "string") {
    throw new EventContractError("MALFORMED_EVENT", `SQS record ${record.messageId} is not an EventBridge event`, false);
  }
  const envelope = validateEnvelope(body["detail-type"], body.detail);
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? "1") || 1;
  return { envelope, receiveCount, ...(body["replay-name"] ? { replayName: body["replay-name"] } : {}) };
};

/**
 * Builds a Lambda SQS handler. A record that fails for good (bad JSON, failed validation) or on its
 * last allowed receive is dead-lettered with its reason and acknowledged; any other failure is
 * reported in batchItemFailures so only that record comes back after the visibility timeout.
 */
export const createEventConsumer = (options: EventConsumerOptions) => {
  const topology = topologyOf(options.service);
  const maxReceiveCount = topology.queue?.maxReceiveCount ?? 1;
  const consumed = new Set(topology.consumes.map((s) => s.eventType));
  const logger: ConsumerLogger = options.logger ?? {
    warn: (message, extra) => console.warn(message, extra ?? ""),
    error: (message, extra) => console.error(message, extra ?? ""),
  };

  const deadLetter = async (record: SQSRecord, error: unknown, receiveCount: number): Promise<boolean> => {
    if (!options.deadLetters) return false;
    const reason: FailureReason = {
      service: options.service,
      code: (error as { code?: string }).code ?? (error as Error).name ?? "Error",
      message: error instanceof Error ? error.message : String(error),
      receiveCount,
    };
    await options.deadLetters.send(record, reason);
    // "service" and "message" are the logger's own keys (Powertools drops them from extras): the reason goes under its own.
    logger.error("record dead-lettered", { messageId: record.messageId, code: reason.code, reason: reason.message, receiveCount });
    return true;
  };

  const handleRecord = async (record: SQSRecord, context: Context, cutAt: number): Promise<void> => {
    let event: ConsumedEvent;
    try {
      event = { ...parseRecord(record), record, context };
      if (!consumed.has(event.envelope.type)) {
        throw new EventContractError("UNKNOWN_EVENT_TYPE", `${options.service} does not consume ${event.envelope.type}`, false);
      }
    } catch (error) {
      if (await deadLetter(record, error, 1)) return;
      throw error;
    }
    const handler = options.handlers[event.envelope.type] as ((e: ConsumedEvent) => Promise<void>) | undefined;
    try {
      if (!handler) throw new EventContractError("UNKNOWN_EVENT_TYPE", `${options.service} has no handler for ${event.envelope.type}`, false);
      const started = performance.now();
      // In order, a record whose turn comes after the cut is not begun: it comes back whole.
      if (started >= cutAt) throw new RecordTimedOutError(options.service, event.envelope.type, 0);
      await settleBefore(handler(event), cutAt, () => new RecordTimedOutError(options.service, event.envelope.type, Math.round(performance.now() - started)));
    } catch (error) {
      const exhausted = isPermanentFailure(error) || event.receiveCount >= maxReceiveCount;
      logger.warn("record failed", {
        messageId: record.messageId,
        eventType: event.envelope.type,
        eventId: event.envelope.metadata.eventId,
        receiveCount: event.receiveCount,
        exhausted,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!exhausted) throw error;
      if (options.onExhausted) await options.onExhausted(event, error);
      // Told to the client by onExhausted's StepFailed, and nothing an operator could redrive: the record is done.
      if (options.onExhausted && isExpectedFailure(error)) return;
      if (await deadLetter(record, error, event.receiveCount)) return;
      throw error;
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // A processor per invocation: the local runner invokes one handler for several batches at once, and a
    // processor keeps the batch it is working on as state.
    const processor = new BatchProcessor(BatchEventType.SQS);
    const remainingMs = context.getRemainingTimeInMillis();
    const cutAt = performance.now() + remainingMs - Math.min(RECORD_RESERVE_MS, remainingMs / 5);
    return processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context, cutAt), processor, { context, throwOnFullBatchFailure: false, processInParallel: options.inOrder !== true });
  };
};
