// Calls a handler the way API Gateway's Lambda integration does: a fresh Lambda Context and a 29 s deadline.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { IntegrationTimeoutError } from "./errors.js";

export interface LambdaTarget {
  functionName: string;
  region: string;
  accountId: string;
}

export function createLambdaContext(target: LambdaTarget, deadline: number): Context {
  const awsRequestId = randomUUID();
  const context: Context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: target.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${target.region}:${target.accountId}:function:${target.functionName}`,
    memoryLimitInMB: "128",
    awsRequestId,
    logGroupName: `/aws/lambda/${target.functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, "/")}/[$LATEST]${awsRequestId.replace(/-/g, "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // The callback-era functions exist on the real Context; async handlers never call them, so they do nothing.
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  return context;
}

/**
 * Runs `handler` and settles with its result, its error, or an IntegrationTimeoutError after `timeoutMs`.
 * The handler itself is not stopped on timeout (nothing can stop a promise); `settled` lets the caller
 * wait for it anyway, so shutting down never leaves work running behind its back.
 */
export function invokeWithTimeout<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  event: TEvent,
  target: LambdaTarget & { routeKey: string; timeoutMs: number },
): { result: Promise<TResult>; settled: Promise<void> } {
  const deadline = Date.now() + target.timeoutMs;
  const context = createLambdaContext(target, deadline);
  // A handler that throws synchronously must be reported like one that rejects, not crash the caller.
  const run = (async () => handler(event, context))();
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeoutError(target.routeKey, target.timeoutMs)), target.timeoutMs);
    timer.unref();
  });
  const result = Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  return { result, settled };
}
