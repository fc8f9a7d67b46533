// A Lambda context for handlers the local emulators invoke in process, and a call bounded by the function's timeout.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export const lambdaContext = (functionName: string, timeoutSeconds: number): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

export interface TimedCall<TResult> {
  /** The handler's answer or error, or `timedOut()`'s error once `timeoutMs` has passed. */
  result: Promise<TResult>;
  /** Settles when the handler itself has finished, whatever `result` said: nothing can stop a promise. */
  settled: Promise<void>;
}

/**
 * Runs `handler` with `context` and answers with its result, its error, or `timedOut()` after `timeoutMs`, counted from
 * before the call (the handler's synchronous work counts, as on Lambda). A handler that throws synchronously is
 * reported like one that rejects. The handler is not stopped on timeout; `settled` lets the caller wait for it anyway.
 */
export function invokeWithTimeout<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  event: TEvent,
  call: { context: Context; timeoutMs: number; timedOut: () => Error },
): TimedCall<TResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(call.timedOut()), call.timeoutMs);
    timer.unref();
  });
  const run = (async () => handler(event, call.context))();
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  const result = Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  return { result, settled };
}
