// Counts the AWS API calls that reach the local cloud's emulators over HTTP, whoever makes them (services, the bus's
// deliveries to SQS, in process or not, the Lambda-like pollers), by part and operation, from node's diagnostics channels.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { IN_PROCESS_SEND_CHANNEL } from "@innerworld/emulators/eventbridge";
import type { LocalEndpoints } from "@innerworld/local";
import type { ServiceRuntime } from "@innerworld/platform/runtime";

/** A request carrying this header is the meter's own (or a test's probe) and is not counted. */
export const UNMETERED_HEADER = "x-innerworld-unmetered";

export type AwsPart = "dynamodb" | "sqs" | "eventbridge" | "connections" | "s3";

export interface CallCounts {
  /** Per part, per operation (DynamoDB GetItem, SQS SendMessage, EventBridge PutEvents, @connections PostToConnection). */
  byPart: Record<AwsPart, Record<string, number>>;
  total: number;
}

interface ServerRequestStart {
  request: IncomingMessage;
  response: ServerResponse;
}

const portOf = (url: string): number => Number(new URL(url).port);

/** The operation of one request, as the service's wire protocol names it. */
const operationOf = (part: AwsPart, request: IncomingMessage): string => {
  if (part === "connections") {
    const method = request.method ?? "GET";
    return method === "POST" ? "PostToConnection" : method === "DELETE" ? "DeleteConnection" : "GetConnection";
  }
  if (part === "s3") return `${request.method ?? "GET"} object`;
  // DynamoDB, SQS (JSON protocol) and EventBridge name the operation in X-Amz-Target: "DynamoDB_20120810.PutItem".
  const target = request.headers["x-amz-target"];
  const name = Array.isArray(target) ? target[0] : target;
  return name ? (name.split(".").pop() ?? name) : `${request.method ?? "?"} ${request.url ?? ""}`;
};

const emptyCounts = (): CallCounts => ({ byPart: { dynamodb: {}, sqs: {}, eventbridge: {}, connections: {}, s3: {} }, total: 0 });

export const countsBetween = (before: CallCounts, after: CallCounts): CallCounts => {
  const difference = emptyCounts();
  for (const part of Object.keys(after.byPart) as AwsPart[]) {
    for (const [operation, n] of Object.entries(after.byPart[part])) {
      const delta = n - (before.byPart[part][operation] ?? 0);
      if (delta === 0) continue;
      difference.byPart[part][operation] = delta;
      difference.total += delta;
    }
  }
  return difference;
};

export interface AwsCallMeter {
  /** A copy of the counts so far. */
  snapshot(): CallCounts;
  /** Calls begun and not yet answered, long polls (ReceiveMessage) left out: they wait whether or not work comes. */
  inFlight(): number;
  stop(): void;
}

/**
 * Starts counting. Only requests arriving at the ports of `endpoints` count, so a meter sees one local cloud, in this
 * process, whatever else listens. ReceiveMessage is counted too; a caller that wants only the receives that returned
 * work (what Lambda's poller bills per batch) reads the event sources' invocations instead.
 */
export const startAwsCallMeter = (endpoints: LocalEndpoints): AwsCallMeter => {
  const parts = new Map<number, AwsPart>([
    [portOf(endpoints.dynamodbEndpoint), "dynamodb"],
    [portOf(endpoints.sqsEndpoint), "sqs"],
    [portOf(endpoints.eventBridgeEndpoint), "eventbridge"],
    [portOf(endpoints.connectionsUrl.replace(/^ws/, "http")), "connections"],
    [portOf(endpoints.s3Endpoint), "s3"],
  ]);
  const counts = emptyCounts();
  let pending = 0;
  const onRequest = (message: unknown) => {
    const { request, response } = message as ServerRequestStart;
    const part = parts.get(request.socket.localPort ?? -1);
    if (!part || request.headers[UNMETERED_HEADER]) return;
    // The WebSocket API's port also takes the clients' upgrades; only @connections calls are AWS API calls.
    if (part === "connections" && !(request.url ?? "").includes("/@connections/")) return;
    const operation = operationOf(part, request);
    counts.byPart[part][operation] = (counts.byPart[part][operation] ?? 0) + 1;
    counts.total += 1;
    if (operation === "ReceiveMessage") return;
    pending += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      pending -= 1;
    };
    response.once("finish", settle);
    response.once("close", settle);
  };
  // The bus delivers to an SQS in its own process without a request on the SQS port: still a SendMessage per delivery.
  const onInProcessSend = (message: unknown) => {
    if ((message as { sqsEndpoint?: string }).sqsEndpoint !== endpoints.sqsEndpoint) return;
    counts.byPart.sqs.SendMessage = (counts.byPart.sqs.SendMessage ?? 0) + 1;
    counts.total += 1;
  };
  subscribe("http.server.request.start", onRequest);
  subscribe(IN_PROCESS_SEND_CHANNEL, onInProcessSend);
  return {
    snapshot: () => ({ byPart: structuredClone(counts.byPart), total: counts.total }),
    inFlight: () => pending,
    stop: () => {
      unsubscribe("http.server.request.start", onRequest);
      unsubscribe(IN_PROCESS_SEND_CHANNEL, onInProcessSend);
    },
  };
};

/** "dynamodb GetItem 2, PutItem 1; sqs SendMessage 8": counts as one line, for test failures and the cost report. */
export const describeCounts = (counts: CallCounts): string =>
  (Object.entries(counts.byPart) as [AwsPart, Record<string, number>][])
    .filter(([, operations]) => Object.keys(operations).length > 0)
    .map(([part, operations]) => `${part} ${Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`).join(", ")}`)
    .join("; ");

/** Which service made which call: middleware on each service runtime's SDK clients, so the meter's totals can be attributed. */
export const serviceCallTap = () => {
  const counts: Record<string, Record<string, number>> = {};
  const onRuntime = (runtime: ServiceRuntime) => {
    const byService = (counts[runtime.service] ??= {});
    const count = (commandName: string | undefined) => {
      const command = (commandName ?? "unknown").replace(/Command$/, "");
      byService[command] = (byService[command] ?? 0) + 1;
    };
    const options = { step: "initialize", name: "serviceCallTap" } as const;
    runtime.dynamodbClient.middlewareStack.add((next, context) => (args) => (count(context.commandName), next(args)), options);
    runtime.eventBridge.middlewareStack.add((next, context) => (args) => (count(context.commandName), next(args)), options);
    runtime.sqs.middlewareStack.add((next, context) => (args) => (count(context.commandName), next(args)), options);
  };
  return { onRuntime, snapshot: (): Record<string, Record<string, number>> => structuredClone(counts) };
};
