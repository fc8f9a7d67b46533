// The cost arithmetic on a hand-made measurement: each line is quantity per turn × list price × one million.
import { describe, expect, it } from "vitest";
import { TOPOLOGY } from "@innerworld/events";
import { buildPlan } from "../../infra/plan";
import { DEFAULT_ASSUMPTIONS, priceTurns } from "./costModel";
import type { Measurement } from "./measurement";
import { AWS_PRICES, MODEL_PRICE } from "./prices";

const measurement = (): Measurement => ({
  sessions: 1,
  turnsPerSession: 10,
  turns: 10,
  consumers: { safety: { invocations: 20, records: 20, totalMs: 1000 }, generation: { invocations: 10, records: 10, totalMs: 500 } },
  gateway: { defaultRouteFrames: 12, connections: 1, messageAckMs: [40, 60, 50], connectMs: [30], sweepMs: 4 },
  eventBridge: { putEventsCalls: 50, entries: 50, chunks: 50, bytes: 50_000, byType: {} },
  dynamodb: { requests: {}, readUnits: 20, writeUnits: 30, writeUnitsWithIndexes: 40, writeUnitsByTable: { messages: 40 } },
  serviceSqs: {},
  websocket: { clientFrames: 12, serverFrames: 48, frameTypes: {} },
  tokens: { replies: 10, inputTokens: 6000, outputTokens: 1400, models: ["offline"], userMessageTokens: 150 },
  awsCalls: { byPart: {}, total: 0 },
});

describe("priceTurns", () => {
  const plan = buildPlan("production");
  const report = priceTurns(measurement(), plan, MODEL_PRICE, { ...DEFAULT_ASSUMPTIONS, modelFirstTokenMs: 500, modelTokensPerSecond: 140 });
  const item = (service: string, name: string) => report.lineItems.find((l) => l.service === service && l.item.startsWith(name));

  it("prices events, deliveries, batches and request units per turn", () => {
    expect(item("EventBridge", "custom events")?.perMillionTurns).toBeCloseTo(5 * AWS_PRICES.eventBridgeEvent * 1e6);
    expect(item("SQS", "SendMessage")?.perTurn).toBe(3);
    expect(item("SQS", "ReceiveMessage")?.perTurn).toBe(3);
    expect(item("DynamoDB", "write")?.perMillionTurns).toBeCloseTo(4 * 0.625);
    expect(item("API Gateway WebSocket", "messages")?.perTurn).toBe(6);
    expect(item("API Gateway WebSocket", "connection minutes")?.perTurn).toBe(0.5);
  });

  it("bills generation for the model's latency on top of its own time, at the plan's memory", () => {
    const generation = report.functions.find((f) => f.function.endsWith("-generation"));
    // 50 ms measured + 500 ms to first token + 140 tokens at 140 tokens/s.
    expect(generation).toMatchObject({ memoryMb: 512, architecture: "arm64", invocationsPerTurn: 1, msPerInvocation: 1550 });
    expect(generation?.gbSecondsPerTurn).toBeCloseTo(0.775);
  });

  it("bills each function at the memory and architecture the topology table gives it, through the plan", () => {
    for (const service of plan.services) {
      const queue = TOPOLOGY.find((t) => t.service === service.service)?.queue;
      expect(service.function).toMatchObject({ memoryMb: queue?.functionMemoryMb, architecture: queue?.architecture });
    }
    const onX86 = { ...plan, services: plan.services.map((s) => (s.service === "safety" ? { ...s, function: { ...s.function, architecture: "x86_64" as const } } : s)) };
    const mixed = priceTurns(measurement(), onX86, MODEL_PRICE);
    // safety: 2 invocations a turn of 50 ms at 512 MB = 0.05 GB-s a turn, at the x86_64 price.
    expect(mixed.lineItems.find((l) => l.item === "compute (x86_64)")).toMatchObject({ perTurn: 0.05, unitPrice: AWS_PRICES.lambdaGbSecondX86 });
  });

  it("puts the model's tokens beside the infrastructure, not in it", () => {
    expect(report.tokens.chatPerMillionTurns).toBeCloseTo(600 * 0.15 + 140 * 0.6);
    const total = report.lineItems.reduce((sum, l) => sum + l.perMillionTurns, 0);
    expect(report.totalPerMillionTurns).toBeCloseTo(total);
  });
});
