// Turns an SQS batch of EventBridge events into typed envelopes for a service, reporting partial batch failures.
import { BatchProcessor, EventType as BatchEventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { BusEvent } from "./busEvent";
import type { EventType } from "./catalog";
import type { ServiceName } from "./envelope";
import { EventContractError, isExpectedFailure, isPermanentFailure } from "./errors";
import { invocationDeadline, type InvocationDeadline } from "./invocationDeadline";
import { leaveRunning } from "./workLeftRunning";
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
 * How long before its function's timeout an invocation of several records stops waiting for them (at most a fifth of
 * the time it had). Records still being handled then (a hung call, a model that never answers) are reported failed on
 * their own, so the records that finished are deleted; waiting on would let the timeout fail the whole batch and bring
 * every record back after the visibility timeout. The services' own deadlines come earlier (generation gives its
 * models up 5 s before the timeout), so this only catches what nothing else bounds.
 */
export const RECORD_RESERVE_MS = 1_000;

/**
 * A record still being handled (or, in order, not yet begun) when its invocation neared its timeout. It is left to SQS
 * as a timed-out invocation's records are: it comes back after the visibility timeout, and past the queue's receive
 * limit SQS's redrive moves it to the dead-letter queue. It is not compensated here: its handler may still be running
 * (nothing can stop a promise; on Lambda it is frozen and may finish in a later invocation; a local runner is told of it
 * through `leaveRunning`), and a StepFailed published now could be followed by the step's own success.
 */
export class RecordTimedOutError extends Error {
  override readonly name = "RecordTimedOutError";
  readonly code = "RECORD_TIMED_OUT";
  readonly retryable = true;
  constructor(service: ServiceName, eventType: string, begun: boolean) {
    super(`${service} ${begun ? "gave up waiting for" : "did not begin"} a ${eventType} record before its function's timeout`);
  }
}

const isRecordTimedOut = (error: unknown): error is RecordTimedOutError => error instanceof RecordTimedOutError;

/**
 * One invocation's cut: its deadline (whose signal says the cut has come), a promise that settles with it, and the
 * handlers the cut left running.
 */
interface InvocationCut {
  deadline: InvocationDeadline;
  reached: Promise<void>;
  leftRunning: Promise<void>[];
}

/**
 * The cut of an invocation of `records` records with `remainingMs` left, or none: a batch of one gains nothing from it
 * (its record is the whole batch, and a timeout ends it as before), nor does a context that gives no time.
 */
const cutFor = (records: number, context: Context): InvocationCut | undefined => {
  const remainingMs = context.getRemainingTimeInMillis();
  if (records < 2 || !(remainingMs > 0)) return undefined;
  const deadline = invocationDeadline(context, Math.min(RECORD_RESERVE_MS, remainingMs / 5));
  const reached = new Promise<void>((resolve) => deadline.signal.addEventListener("abort", () => resolve(), { once: true }));
  return { deadline, reached, leftRunning: [] };
};

/**
 * The handler's own outcome, or RecordTimedOutError once the invocation's cut comes; a handler still running then is
 * left running, kept on the cut for the runtime to be told of when the invocation answers.
 */
const settleBefore = async (handling: Promise<void>, cut: InvocationCut | undefined, timedOut: () => Error): Promise<void> => {
  if (!cut) return handling;
  let settled = false;
  const watched = handling.finally(() => {
    settled = true;
  });
  await Promise.race([
    watched,
    cut.reached.then(() => {
      // The cut comes for every record of the invocation; one that already finished has lost the race and is left be.
      if (settled) return;
      cut.leftRunning.push(handling.then(() => undefined, () => undefined));
      throw timedOut();
    }),
  ]);
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

  const handleRecord = async (record: SQSRecord, context: Context, cut: InvocationCut | undefined): Promise<void> => {
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
      // In order, a record whose turn comes after the cut is not begun: it comes back whole.
      if (cut?.deadline.signal.aborted) throw new RecordTimedOutError(options.service, event.envelope.type, false);
      await settleBefore(handler(event), cut, () => new RecordTimedOutError(options.service, event.envelope.type, true));
    } catch (error) {
      // A record cut at the deadline is never handled as exhausted here (RecordTimedOutError says why).
      const exhausted = !isRecordTimedOut(error) && (isPermanentFailure(error) || event.receiveCount >= maxReceiveCount);
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
    const cut = cutFor(event.Records.length, context);
    try {
      return await processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context, cut), processor, { context, throwOnFullBatchFailure: false, processInParallel: options.inOrder !== true });
    } finally {
      cut?.deadline.release();
      // One piece of work for the whole invocation, as a timed-out call is one: however many of its records hung, a
      // local runner's limit on work left running counts invocations, not records.
      if (cut && cut.leftRunning.length > 0) leaveRunning(context, Promise.all(cut.leftRunning));
    }
  };
};
