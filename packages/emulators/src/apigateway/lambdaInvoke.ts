// Calls a handler the way API Gateway's Lambda integration does: a fresh Lambda Context and a 29 s deadline.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { invokeWithTimeout, type TimedCall } from "../lambdaContext.js";
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

/** Calls a route's handler as API Gateway does: its own Lambda context, an IntegrationTimeoutError after `timeoutMs`. */
export function invokeIntegration<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  event: TEvent,
  target: LambdaTarget & { routeKey: string; timeoutMs: number },
): TimedCall<TResult> {
  const context = createLambdaContext(target, Date.now() + target.timeoutMs);
  return invokeWithTimeout(handler, event, { context, timeoutMs: target.timeoutMs, timedOut: () => new IntegrationTimeoutError(target.routeKey, target.timeoutMs) });
}
