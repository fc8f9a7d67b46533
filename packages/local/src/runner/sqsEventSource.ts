// Stands in for Lambda's SQS event source mapping: long-polls a queue, invokes the handler, deletes what succeeded.
import { setTimeout as sleepFor } from "node:timers/promises";
import type { Message } from "@aws-sdk/client-sqs";
import { invokeWithTimeout, lambdaContext } from "@innerworld/emulators/lambda";
import type { WorkLeftRunningContext } from "@innerworld/events";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { RunnerQueue } from "./runnerQueue";

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface SqsEventSourceOptions {
  /** The queue's SQS (`wireRunnerQueue` for the local one). */
  queue: RunnerQueue;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  handler: SqsHandler;
  batchSize: number;
  functionTimeoutSeconds: number;
  /** Parallel long polls of the queue. */
  pollers?: number;
  /**
   * Batches handled at once across the pollers (default: one per poller). Lambda scales an event source's invocations
   * up while messages wait, so one slow batch (a model that hangs) does not hold the queue: a poller hands its batch
   * over and polls on while fewer than this many are running, and waits for one to end once this many are.
   */
  maxConcurrency?: number;
  waitTimeSeconds?: number;
  onError?: (error: unknown) => void;
}

export interface SqsEventSource {
  readonly functionName: string;
  /** Batches handed to the handler so far; tests and benchmarks read it. */
  readonly invocations: number;
  /** Stops polling, lets in-flight batches finish (or reach their timeout) and delete what succeeded, and gives work left running (abandoned calls, records a consumer stopped waiting for) one more timeout to end. */
  stop(): Promise<void>;
}


/**
 * Lambda ends an invocation at its function's timeout ("Task timed out after 60.00 seconds"): the batch counts as
 * failed and nothing of it is deleted. Lambda also stops the handler's code; the local runner cannot, so it stops
 * waiting instead: it reports this error, deletes nothing, and its poller goes on to the next batch while the abandoned
 * call runs out on its own. Unlike on Lambda, what that call still does (a write, an event) is done, and may be done
 * again when the batch comes back after its visibility timeout; the services' idempotency is what keeps that harmless.
 */
export class InvocationTimedOutError extends Error {
  readonly code = "INVOCATION_TIMED_OUT";
  constructor(
    readonly functionName: string,
    readonly timeoutSeconds: number,
  ) {
    super(`${functionName}: task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = "InvocationTimedOutError";
  }
}

export const isInvocationTimedOutError = (error: unknown): error is InvocationTimedOutError => error instanceof InvocationTimedOutError;

export const toSqsRecord = (message: Message, queueArn: string, region: string): SQSRecord => {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? "1",
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? "local",
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { dataType: value.DataType ?? "String", ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}) },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

/**
 * How many invocations a poller lets run on past their answer before it stops taking batches: calls past their timeout,
 * and invocations that answered while some of their records were still being handled (one each, however many records).
 */
const ABANDONED_CALLS_PER_POLLER = 4;

/** A wait that does not keep the process alive by itself. */
const sleep = (ms: number) => sleepFor(ms, undefined, { ref: false });

export const startSqsEventSource = (options: SqsEventSourceOptions): SqsEventSource => {
  const abort = new AbortController();
  let invocations = 0;
  let stopping = false;
  const report = options.onError ?? ((error: unknown) => console.error(`[${options.functionName}]`, error));
  const pollerCount = options.pollers ?? 2;
  const maxConcurrency = Math.max(pollerCount, options.maxConcurrency ?? pollerCount);
  const scales = maxConcurrency > pollerCount;
  /** Batches handed to the handler and not yet finished. */
  const inFlight = new Set<Promise<void>>();
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  /**
   * Work that outlived its invocation and still runs: calls past their timeout, and records the contract's consumer
   * stopped waiting for before the timeout (it tells of them through the context's `onWorkLeftRunning`). Lambda would
   * have stopped or frozen them; here they hold what they use, so the pollers' limit and stop() count them.
   */
  const abandoned = new Set<Promise<void>>();
  const abandon = (settled: Promise<void>) => {
    abandoned.add(settled);
    void settled.then(() => abandoned.delete(settled));
  };

  const invoke = async (messages: Message[]): Promise<void> => {
    const records = messages.map((m) => toSqsRecord(m, options.queueArn, options.region));
    let failedIds: Set<string>;
    invocations += 1;
    const { functionName, functionTimeoutSeconds } = options;
    const context: WorkLeftRunningContext = { ...lambdaContext(functionName, functionTimeoutSeconds), onWorkLeftRunning: abandon };
    const call = invokeWithTimeout(options.handler, { Records: records }, {
      context,
      timeoutMs: functionTimeoutSeconds * 1000,
      timedOut: () => new InvocationTimedOutError(functionName, functionTimeoutSeconds),
    });
    try {
      const response = await call.result;
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown handler fails the whole batch: every record returns after its visibility timeout. So does a timeout,
      // and the call it abandoned is kept until it ends, for the pollers' limit and for stop().
      if (isInvocationTimedOutError(error)) abandon(call.settled);
      report(error);
      return;
    }
    const succeeded = records.filter((r) => !failedIds.has(r.messageId));
    if (succeeded.length === 0) return;
    const failed = await options.queue.deleteBatch(options.queueUrl, succeeded.map((r) => r.receiptHandle));
    if (failed) report(new Error(`delete failed for ${failed} message(s)`));
  };

  const poll = async (): Promise<void> => {
    while (!stopping) {
      // On Lambda a timed-out call is stopped and frees its slot. Here it runs on, so a hung dependency could pile up
      // calls without end: past a few per poller, a poller waits for one of them to end (or for stop()).
      while (abandoned.size >= pollerCount * ABANDONED_CALLS_PER_POLLER && !stopping) await Promise.race([...abandoned, stopped]);
      if (stopping) return;
      let messages: Message[];
      try {
        messages = await options.queue.receive({ queueUrl: options.queueUrl, maxMessages: options.batchSize, waitTimeSeconds: options.waitTimeSeconds ?? 20 }, abort.signal);
      } catch (error) {
        if (stopping) return;
        report(error);
        await sleep(500);
        continue;
      }
      // Once received, a batch is always finished, even when stop() arrives meanwhile (stop() waits for it).
      if (messages.length > 0) {
        const running: Promise<void> = invoke(messages)
          .catch(report)
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
        // A service that does not scale takes one batch per poller at a time, in the order its poller received them.
        if (!scales) await running;
      }
      // One that scales polls on while fewer than maxConcurrency batches run (a receive already waiting may add one more).
      while (scales && inFlight.size >= maxConcurrency && !stopping) await Promise.race([...inFlight, stopped]);
    }
  };

  const pollers = Array.from({ length: pollerCount }, () => poll());
  return {
    functionName: options.functionName,
    get invocations() {
      return invocations;
    },
    async stop() {
      stopping = true;
      markStopped();
      abort.abort();
      await Promise.all(pollers);
      await Promise.all(inFlight);
      // Abandoned calls get one more timeout to end, so the clients they use are not closed under them; past that, a
      // call that never ends (a hung socket) is left behind rather than holding the shutdown for ever.
      if (abandoned.size > 0) await Promise.race([Promise.all(abandoned), sleep(options.functionTimeoutSeconds * 1000)]);
    },
  };
};
