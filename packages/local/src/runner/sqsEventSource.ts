// Stands in for Lambda's SQS event source mapping: long-polls a queue, invokes the handler, deletes what succeeded.
import type { Message } from "@aws-sdk/client-sqs";
import { lambdaContext } from "@innerworld/emulators/lambda";
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
  /** Parallel pollers, like the concurrent batches Lambda runs for one event source. */
  pollers?: number;
  waitTimeSeconds?: number;
  onError?: (error: unknown) => void;
}

export interface SqsEventSource {
  readonly functionName: string;
  /** Batches handed to the handler so far; tests and benchmarks read it. */
  readonly invocations: number;
  /** Stops polling, lets in-flight batches finish (or reach their timeout) and delete what succeeded. */
  stop(): Promise<void>;
}


/**
 * Lambda ends an invocation at its function's timeout ("Task timed out after 60.00 seconds"): the batch counts as
 * failed and nothing of it is deleted. The local runner cannot stop a handler's code, so it stops waiting for it instead:
 * it reports this error, deletes nothing, and its poller goes on to the next batch while the abandoned call runs out on
 * its own (its records come back after their visibility timeout, as on Lambda).
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

/** The handler's answer, or `timedOut` once the function's timeout has passed; the timer never outlives the call. */
const withinTimeout = async <T>(call: Promise<T>, timeoutSeconds: number): Promise<{ answer: T } | "timedOut"> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timedOut">((resolve) => {
    timer = setTimeout(() => resolve("timedOut"), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([call.then((answer) => ({ answer })), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

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

export const startSqsEventSource = (options: SqsEventSourceOptions): SqsEventSource => {
  const abort = new AbortController();
  let invocations = 0;
  let stopping = false;
  const report = options.onError ?? ((error: unknown) => console.error(`[${options.functionName}]`, error));

  const invoke = async (messages: Message[]): Promise<void> => {
    const records = messages.map((m) => toSqsRecord(m, options.queueArn, options.region));
    let failedIds: Set<string>;
    try {
      invocations += 1;
      const call = options.handler({ Records: records }, lambdaContext(options.functionName, options.functionTimeoutSeconds));
      const outcome = await withinTimeout(call, options.functionTimeoutSeconds);
      if (outcome === "timedOut") {
        // What the abandoned call later throws is not this batch's any more: Lambda would have stopped it.
        call.catch(() => undefined);
        report(new InvocationTimedOutError(options.functionName, options.functionTimeoutSeconds));
        return;
      }
      failedIds = new Set((outcome.answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown handler fails the whole batch: every record returns after its visibility timeout.
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
      let messages: Message[];
      try {
        messages = await options.queue.receive({ queueUrl: options.queueUrl, maxMessages: options.batchSize, waitTimeSeconds: options.waitTimeSeconds ?? 20 }, abort.signal);
      } catch (error) {
        if (stopping) return;
        report(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      // Once received, a batch is always finished, even when stop() arrives meanwhile.
      if (messages.length > 0) await invoke(messages).catch(report);
    }
  };

  const pollers = Array.from({ length: options.pollers ?? 2 }, () => poll());
  return {
    functionName: options.functionName,
    get invocations() {
      return invocations;
    },
    async stop() {
      stopping = true;
      abort.abort();
      await Promise.all(pollers);
    },
  };
};
