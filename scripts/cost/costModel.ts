// Turns a measured run into the AWS bill for one million chat turns: quantities per turn from the measurement and the
// plan (memory, queues, alarms, all derived from the topology), times the list prices. Pure: no I/O, so it is tested.
import type { DeploymentPlan } from "../../infra/plan";
import type { Measurement } from "./measurement";
import { AWS_PRICES, type ModelPrice } from "./prices";

export interface Assumptions {
  /** A person reads and types between turns while the socket stays open: connection minutes per turn. */
  secondsPerTurn: number;
  /** The model's time to first token and its decode rate: generation's Lambda is billed while it waits. */
  modelFirstTokenMs: number;
  modelTokensPerSecond: number;
  /** Lambda's SQS event source long-polls each queue (about five pollers, a 20 s wait) even when it is idle. */
  idleReceivesPerQueuePerMonth: number;
  /** Graph extraction's one model call per session: its output, and the instructions around the transcript. */
  extractionOutputTokens: number;
  extractionPromptTokens: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  secondsPerTurn: 30,
  modelFirstTokenMs: 600,
  modelTokensPerSecond: 70,
  idleReceivesPerQueuePerMonth: 5 * 3 * 60 * 24 * 30,
  extractionOutputTokens: 400,
  extractionPromptTokens: 800,
};

export interface LineItem {
  service: "EventBridge" | "SQS" | "Lambda" | "DynamoDB" | "API Gateway WebSocket";
  item: string;
  perTurn: number;
  unit: string;
  unitPrice: number;
  /** Dollars for one million turns. */
  perMillionTurns: number;
}

export interface FunctionCost {
  function: string;
  memoryMb: number;
  architecture: "arm64" | "x86_64";
  invocationsPerTurn: number;
  msPerInvocation: number;
  gbSecondsPerTurn: number;
}

export interface CostReport {
  lineItems: LineItem[];
  functions: FunctionCost[];
  totalPerMillionTurns: number;
  fixedPerMonth: { item: string; dollars: number }[];
  tokens: { inputPerTurn: number; outputPerTurn: number; chatPerMillionTurns: number; extractionPerMillionTurns: number; model: ModelPrice };
}

const line = (service: LineItem["service"], item: string, perTurn: number, unit: string, unitPrice: number): LineItem => ({
  service,
  item,
  perTurn,
  unit,
  unitPrice,
  perMillionTurns: perTurn * unitPrice * 1e6,
});

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export const priceTurns = (m: Measurement, plan: DeploymentPlan, model: ModelPrice, a: Assumptions = DEFAULT_ASSUMPTIONS): CostReport => {
  const perTurn = (n: number) => n / m.turns;
  const connectionsPerTurn = perTurn(m.gateway.connections);
  const modelMsPerReply = a.modelFirstTokenMs + ((m.tokens.replies ? m.tokens.outputTokens / m.tokens.replies : 0) / a.modelTokensPerSecond) * 1000;

  const functions: FunctionCost[] = [];
  const addFunction = (fn: { name: string; memoryMb: number; architecture: "arm64" | "x86_64" }, invocationsPerTurn: number, msPerInvocation: number) => {
    // Lambda bills each invocation to the next millisecond, at least 1 ms.
    const billedMs = Math.max(1, Math.ceil(msPerInvocation));
    functions.push({ function: fn.name, memoryMb: fn.memoryMb, architecture: fn.architecture, invocationsPerTurn, msPerInvocation: billedMs, gbSecondsPerTurn: invocationsPerTurn * (billedMs / 1000) * (fn.memoryMb / 1024) });
  };
  for (const service of plan.services) {
    const work = m.consumers[service.service] ?? { invocations: 0, records: 0, totalMs: 0 };
    let ms = work.invocations ? work.totalMs / work.invocations : 0;
    // The offline model answers at once; a hosted one keeps generation's Lambda waiting for every reply.
    if (service.service === "generation" && work.invocations) ms += (modelMsPerReply * m.tokens.replies) / work.invocations;
    addFunction(service.function, perTurn(work.invocations), ms);
  }
  const route = (r: "$connect" | "$disconnect" | "$default") => {
    const fn = plan.gateway.routes.find((x) => x.route === r)?.function;
    if (!fn) throw new Error(`the plan has no ${r} route`);
    return fn;
  };
  const connectMs = median(m.gateway.connectMs);
  addFunction(plan.gateway.authorizer.function, connectionsPerTurn, connectMs);
  addFunction(route("$connect"), connectionsPerTurn, connectMs);
  addFunction(route("$disconnect"), connectionsPerTurn, median(m.gateway.messageAckMs));
  addFunction(route("$default"), perTurn(m.gateway.defaultRouteFrames), median(m.gateway.messageAckMs));

  const deliveries = Object.values(m.consumers).reduce((sum, w) => sum + w.records, 0);
  const batches = Object.values(m.consumers).reduce((sum, w) => sum + w.invocations, 0);
  const serviceSqsCalls = Object.values(m.serviceSqs).reduce((sum, n) => sum + n, 0);

  const lineItems: LineItem[] = [
    line("EventBridge", "custom events published (64 KB chunks)", perTurn(m.eventBridge.chunks), "event", AWS_PRICES.eventBridgeEvent),
    line("EventBridge", "events archived", perTurn(m.eventBridge.bytes) / 1e9, "GB", AWS_PRICES.eventBridgeArchivePerGb),
    line("SQS", "SendMessage by the rules (one per delivery)", perTurn(deliveries), "request", AWS_PRICES.sqsRequest),
    line("SQS", "ReceiveMessage returning a batch", perTurn(batches), "request", AWS_PRICES.sqsRequest),
    line("SQS", "DeleteMessageBatch after each batch", perTurn(batches), "request", AWS_PRICES.sqsRequest),
    line("SQS", "calls by the services (dead letters)", perTurn(serviceSqsCalls), "request", AWS_PRICES.sqsRequest),
    line("Lambda", "invocations", functions.reduce((s, f) => s + f.invocationsPerTurn, 0), "request", AWS_PRICES.lambdaRequest),
    // Each function at its own architecture's price, as the topology table and the plan build it.
    ...(["arm64", "x86_64"] as const)
      .map((architecture) => ({ architecture, gbSeconds: functions.filter((f) => f.architecture === architecture).reduce((s, f) => s + f.gbSecondsPerTurn, 0) }))
      .filter(({ gbSeconds }) => gbSeconds > 0)
      .map(({ architecture, gbSeconds }) => line("Lambda", `compute (${architecture})`, gbSeconds, "GB-s", architecture === "arm64" ? AWS_PRICES.lambdaGbSecondArm : AWS_PRICES.lambdaGbSecondX86)),
    line("DynamoDB", "write request units (incl. index writes)", perTurn(m.dynamodb.writeUnitsWithIndexes), "WRU", AWS_PRICES.dynamoWriteRequestUnit),
    line("DynamoDB", "read request units", perTurn(m.dynamodb.readUnits), "RRU", AWS_PRICES.dynamoReadRequestUnit),
    line("API Gateway WebSocket", "messages (client frames + server frames)", perTurn(m.websocket.clientFrames + m.websocket.serverFrames), "message", AWS_PRICES.websocketMessage),
    line("API Gateway WebSocket", "connection minutes", a.secondsPerTurn / 60, "minute", AWS_PRICES.websocketConnectionMinute),
  ];

  const inputPerTurn = m.tokens.replies ? m.tokens.inputTokens / m.turns : 0;
  const outputPerTurn = m.tokens.replies ? m.tokens.outputTokens / m.turns : 0;
  // One extraction per session reads the transcript (both sides) plus its instructions.
  const transcriptPerSession = (m.tokens.userMessageTokens + m.tokens.outputTokens) / m.sessions;
  const extractionPerSession = (transcriptPerSession + a.extractionPromptTokens) * model.inputPerToken + a.extractionOutputTokens * model.outputPerToken;

  const sweep = plan.gateway.sweep.function;
  const minutesPerMonth = 60 * 24 * 30;
  return {
    lineItems,
    functions,
    totalPerMillionTurns: lineItems.reduce((sum, l) => sum + l.perMillionTurns, 0),
    fixedPerMonth: [
      { item: `idle SQS polling, ${plan.services.length} queues`, dollars: plan.services.length * a.idleReceivesPerQueuePerMonth * AWS_PRICES.sqsRequest },
      {
        item: `session sweep, every minute (${Math.ceil(m.gateway.sweepMs)} ms each)`,
        dollars: minutesPerMonth * (AWS_PRICES.lambdaRequest + (Math.max(1, Math.ceil(m.gateway.sweepMs)) / 1000) * (sweep.memoryMb / 1024) * (sweep.architecture === "arm64" ? AWS_PRICES.lambdaGbSecondArm : AWS_PRICES.lambdaGbSecondX86)),
      },
      { item: `${plan.alarms.length} CloudWatch alarms`, dollars: plan.alarms.length * AWS_PRICES.cloudwatchAlarmPerMonth },
    ],
    tokens: {
      inputPerTurn,
      outputPerTurn,
      chatPerMillionTurns: (inputPerTurn * model.inputPerToken + outputPerTurn * model.outputPerToken) * 1e6,
      extractionPerMillionTurns: (extractionPerSession / m.turnsPerSession) * 1e6,
      model,
    },
  };
};
