// Runs real chat turns through the local cloud (a real WebSocket client, every service's real handler) and counts the
// AWS work they cause: EventBridge entries, DynamoDB requests and capacity, SQS calls, invocations and their time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServiceRuntime, type ServiceRuntime } from "@innerworld/platform/runtime";
import { estimateTokens } from "@innerworld/chat-model/tokens";
import { DynamoPersonaStore, seedBuiltInPersonas } from "@innerworld/personas/store";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { TABLES, type TableDefinition } from "@innerworld/platform/tables";
import { consumingServices, type ServiceName } from "@innerworld/events";
import { EPHEMERAL_PORTS, SQS_SERVICE_HANDLERS, runServices, runtimeConfigFor, startLocalCloud, type SqsHandler } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import type { FunctionWork, Measurement } from "./measurement";
import { startAwsCallMeter } from "./awsCallMeter";
import { indexWriteUnits, touchedAttributes, type ItemWrite } from "./indexWrites";

export interface Workload {
  sessions: number;
  turnsPerSession: number;
  /** Streaming is what chat clients ask for, and it costs more WebSocket messages than a single reply. */
  stream: boolean;
}

/** What teens write, roughly: short, everyday, not crisis (crisis turns take the shorter safety-notice path). */
const LINES = [
  "hey, school was kind of rough today and I just want to talk for a bit",
  "my friend Maya didn't sit with me at lunch and I don't know if she's mad at me",
  "we have a chemistry test on friday and I haven't started studying at all",
  "I tried out for the soccer team, results come out tomorrow and I'm nervous",
  "my mom keeps asking about college and I honestly have no idea what I want",
  "I started drawing again last night, a little comic about my cat",
  "do you think it's weird that I'd rather stay home than go to the party",
  "ok I feel a bit better now, thanks for listening",
  "what's a good way to stop procrastinating when everything feels boring",
  "my brother borrowed my headphones again without asking, so annoying",
];
const PERSONAS = ["comfort", "companion", "creative", "courage", "compass"];

const READS = new Set(["GetItemCommand", "BatchGetItemCommand", "QueryCommand", "ScanCommand", "TransactGetItemsCommand"]);
const WRITES = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "BatchWriteItemCommand", "TransactWriteItemsCommand"]);
const tableKeyOf = (tableName: string) => Object.keys(TABLES).find((k) => tableName.endsWith(`-${k}`)) as keyof typeof TABLES | undefined;
const definitionOf = (tableName: string): TableDefinition | undefined => {
  const key = tableKeyOf(tableName);
  return key ? TABLES[key] : undefined;
};

type Item = Record<string, AttributeValue>;
type WriteInput = {
  TableName?: string;
  Item?: Item;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ReturnValues?: string;
  RequestItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: unknown }[]>;
};

/** The item writes one write request makes, per table; `updated` is the item after an update, when the meter saw it. */
const itemWritesOf = (command: string, input: WriteInput, updated: Item | undefined): [string, ItemWrite][] => {
  const table = String(input.TableName ?? "");
  if (command === "PutItemCommand" && input.Item) return [[table, { kind: "put", item: input.Item }]];
  if (command === "UpdateItemCommand") return [[table, { kind: "update", touched: touchedAttributes(input.UpdateExpression ?? "", input.ExpressionAttributeNames), item: updated }]];
  if (command === "DeleteItemCommand") return [[table, { kind: "delete" }]];
  if (command === "BatchWriteItemCommand") {
    return Object.entries(input.RequestItems ?? {}).flatMap(([name, requests]) =>
      requests.map((request): [string, ItemWrite] => [name, request.PutRequest ? { kind: "put", item: request.PutRequest.Item } : { kind: "delete" }]),
    );
  }
  return [];
};

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

const newMeasurement = (workload: Workload): Measurement => ({
  sessions: workload.sessions,
  turnsPerSession: workload.turnsPerSession,
  turns: workload.sessions * workload.turnsPerSession,
  consumers: {},
  gateway: { defaultRouteFrames: 0, connections: 0, messageAckMs: [], connectMs: [], sweepMs: 0 },
  eventBridge: { putEventsCalls: 0, entries: 0, chunks: 0, bytes: 0, byType: {} },
  dynamodb: { requests: {}, readUnits: 0, writeUnits: 0, writeUnitsWithIndexes: 0, writeUnitsByTable: {} },
  serviceSqs: {},
  websocket: { clientFrames: 0, serverFrames: 0, frameTypes: {} },
  tokens: { replies: 0, inputTokens: 0, outputTokens: 0, models: [], userMessageTokens: 0 },
  awsCalls: { byPart: {}, total: 0 },
});

type Capacity = { TableName?: string; CapacityUnits?: number };

/** Middleware on the runtime's own SDK clients: every call a handler makes passes through here once. */
const instrument = (runtime: ServiceRuntime, m: Measurement) => {
  runtime.dynamodbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "unknown";
      const input = args.input as Record<string, unknown>;
      bump(m.dynamodb.requests, command);
      input.ReturnConsumedCapacity = "TOTAL";
      const isRead = READS.has(command);
      const minimum = isRead ? (input.ConsistentRead ? 1 : 0.5) : 1;
      // To know whether an update reached an index, the meter needs the item after it: asked for here, and taken out of
      // the answer again when the caller did not ask for it.
      const writeInput = input as WriteInput;
      const seesUpdatedItem = command === "UpdateItemCommand" && (writeInput.ReturnValues === undefined || writeInput.ReturnValues === "NONE" || writeInput.ReturnValues === "ALL_NEW");
      const callerWantsItem = writeInput.ReturnValues === "ALL_NEW";
      if (seesUpdatedItem) input.ReturnValues = "ALL_NEW";
      const add = (capacity: Capacity | undefined) => {
        // DynamoDB bills a minimum per request even when nothing matched; dynalite reports 0 there.
        const units = Math.max(capacity?.CapacityUnits ?? 0, minimum);
        if (isRead) m.dynamodb.readUnits += units;
        else if (WRITES.has(command)) {
          m.dynamodb.writeUnits += units;
          const table = capacity?.TableName ?? String(input.TableName ?? "");
          m.dynamodb.writeUnitsWithIndexes += units;
          bump(m.dynamodb.writeUnitsByTable, tableKeyOf(table) ?? table, units);
        }
      };
      /** Index writes of a write that succeeded: only where it touched what an index projects (indexWrites.ts). */
      const addIndexWrites = (updated: Item | undefined) => {
        for (const [table, write] of itemWritesOf(command, writeInput, updated)) {
          const definition = definitionOf(table);
          const units = definition ? indexWriteUnits(definition, write) : 0;
          m.dynamodb.writeUnitsWithIndexes += units;
          bump(m.dynamodb.writeUnitsByTable, tableKeyOf(table) ?? table, units);
        }
      };
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: Capacity | Capacity[]; Attributes?: Item };
        for (const capacity of Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : [output.ConsumedCapacity]) add(capacity);
        if (WRITES.has(command)) addIndexWrites(seesUpdatedItem ? output.Attributes : undefined);
        if (seesUpdatedItem && !callerWantsItem) delete output.Attributes;
        return result;
      } catch (error) {
        // A failed conditional write is still billed; it wrote nothing, so no index either.
        add({ TableName: String(input.TableName ?? ""), CapacityUnits: 1 });
        throw error;
      }
    },
    { step: "initialize", name: "costMeterDynamoDb" },
  );
  runtime.eventBridge.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "PutEventsCommand") {
        const entries = ((args.input as { Entries?: { DetailType?: string; Detail?: string }[] }).Entries ?? []);
        m.eventBridge.putEventsCalls += 1;
        for (const entry of entries) {
          const bytes = Buffer.byteLength(JSON.stringify(entry));
          m.eventBridge.entries += 1;
          m.eventBridge.bytes += bytes;
          m.eventBridge.chunks += Math.ceil(bytes / 65_536);
          bump(m.eventBridge.byType, entry.DetailType ?? "unknown");
          if (entry.DetailType === "ReplyGenerated" && entry.Detail) {
            const data = (JSON.parse(entry.Detail) as { data: { usage: { inputTokens: number; outputTokens: number }; model: string } }).data;
            m.tokens.replies += 1;
            m.tokens.inputTokens += data.usage.inputTokens;
            m.tokens.outputTokens += data.usage.outputTokens;
            if (!m.tokens.models.includes(data.model)) m.tokens.models.push(data.model);
          }
        }
      }
      return next(args);
    },
    { step: "initialize", name: "costMeterEventBridge" },
  );
  runtime.sqs.middlewareStack.add(
    (next, context) => async (args) => {
      bump(m.serviceSqs, context.commandName ?? "unknown");
      return next(args);
    },
    { step: "initialize", name: "costMeterSqs" },
  );
};

/** The service's real handler, built on an instrumented runtime, timed and counted like a Lambda invocation. */
const meteredHandler = (service: ServiceName, runtime: ServiceRuntime, m: Measurement): SqsHandler => {
  const build = SQS_SERVICE_HANDLERS[service];
  if (!build) throw new Error(`no handler for ${service}`);
  const handler = build(runtime);
  const work: FunctionWork = (m.consumers[service] = { invocations: 0, records: 0, totalMs: 0 });
  return async (event, context) => {
    const startedAt = performance.now();
    activity.inFlight += 1;
    try {
      return await handler(event, context);
    } finally {
      activity.inFlight -= 1;
      activity.lastSettledAt = Date.now();
      work.invocations += 1;
      work.records += event.Records.length;
      work.totalMs += performance.now() - startedAt;
    }
  };
};

const silenced = async <T>(run: () => Promise<T>): Promise<{ result: T; lines: number }> => {
  // The services log every record; the point here is the numbers, so their lines are counted, not shown.
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let lines = 0;
  const mute = (() => {
    lines += 1;
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = mute;
  process.stderr.write = mute;
  try {
    return { result: await run(), lines };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
};

/** Long enough that no turn, even on a loaded machine, is timed out before its reply; short enough to wait for. */
const WATCHDOG_DEADLINE_SECONDS = 10;

/** Handlers in flight and the time of the last one that finished: how the run knows the event chains have run out. */
const activity = { inFlight: 0, lastSettledAt: 0 };

const waitForQuiet = async () => {
  const deadline = Date.now() + 60_000;
  // Deliveries take milliseconds locally; three quiet seconds mean the session-end chain (storage → graph
  // extraction → context refresh) is over too.
  while (activity.inFlight > 0 || Date.now() - activity.lastSettledAt < 3_000) {
    if (Date.now() > deadline) throw new Error("the services were still busy a minute after the last turn");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const chatSession = async (endpoints: Awaited<ReturnType<typeof startLocalCloud>>["endpoints"], index: number, workload: Workload, m: Measurement) => {
  const connectStart = performance.now();
  const client = await ChatClient.connect(endpoints, `cost-teen-${index}`);
  m.gateway.connectMs.push(performance.now() - connectStart);
  m.gateway.connections += 1;
  const send = async (type: string, payload: Record<string, unknown>, answer: string, match?: (p: Record<string, unknown>) => boolean) => {
    m.websocket.clientFrames += 1;
    m.gateway.defaultRouteFrames += 1;
    return client.request(type, payload, answer, match);
  };
  const started = await send("start_session", { personaId: PERSONAS[index % PERSONAS.length] }, "session_started");
  const sessionId = started.payload.sessionId as string;
  for (let turn = 0; turn < workload.turnsPerSession; turn++) {
    const content = LINES[(index * 3 + turn) % LINES.length] as string;
    m.tokens.userMessageTokens += estimateTokens(content);
    const sentAt = performance.now();
    const ack = await send("message", { sessionId, content, stream: workload.stream }, "message_received");
    m.gateway.messageAckMs.push(performance.now() - sentAt);
    await client.waitFor(workload.stream ? "stream_end" : "reply", (p) => p.messageId === ack.payload.messageId, 30_000);
  }
  await send("end_session", { sessionId }, "session_ended");
  await client.close();
  m.websocket.serverFrames += client.frames.length;
  for (const frame of client.frames) bump(m.websocket.frameTypes, frame.type);
};

export const measureTurns = async (workload: Workload): Promise<{ measurement: Measurement; suppressedLogLines: number }> => {
  const m = newMeasurement(workload);
  const dataDir = await mkdtemp(join(tmpdir(), "innerworld-cost-"));
  const { result, lines } = await silenced(async () => {
    // The gateway's runtime comes through onRuntime; the consumers are started below on runtimes of our own.
    const cloud = await startLocalCloud({
      dataDir,
      ports: EPHEMERAL_PORTS,
      services: [],
      sweepIntervalMs: 3_600_000,
      // The watchdog looks at every turn once its deadline is due: a shorter deadline brings that look into the run.
      turnDeadlineSeconds: WATCHDOG_DEADLINE_SECONDS,
      onRuntime: (runtime) => instrument(runtime, m),
    });
    const config = runtimeConfigFor(cloud.endpoints);
    // The built-ins are written once in a stage's life, by its first container; every later start reads them and
    // writes nothing. Seeded here unmetered, so the run prices a container start as it is paid on most of them.
    const seeder = createServiceRuntime("gateway", config);
    await seedBuiltInPersonas(new DynamoPersonaStore(seeder.dynamodb, seeder.tables.personas));
    seeder.destroy();
    const runtimes: ServiceRuntime[] = [];
    const overrides: Partial<Record<ServiceName, SqsHandler>> = {};
    for (const { service } of consumingServices()) {
      const runtime = createServiceRuntime(service, config);
      runtimes.push(runtime);
      instrument(runtime, m);
      overrides[service] = meteredHandler(service, runtime, m);
    }
    const meter = startAwsCallMeter(cloud.endpoints);
    const services = runServices(cloud.endpoints, consumingServices().map((t) => t.service), { handlerOverrides: overrides, pollersPerService: 1 });
    try {
      for (let session = 0; session < workload.sessions; session++) await chatSession(cloud.endpoints, session, workload, m);
      // The last turn's watchdog delivery becomes visible only at its deadline.
      await new Promise((resolve) => setTimeout(resolve, (WATCHDOG_DEADLINE_SECONDS + 1) * 1000));
      await waitForQuiet();
      const sweepStart = performance.now();
      await cloud.sweepSessions();
      m.gateway.sweepMs = performance.now() - sweepStart;
      const { byPart } = meter.snapshot();
      delete byPart.sqs.ReceiveMessage;
      // The local bus resolves each target queue's URL once; EventBridge sends to the ARN and makes no such call.
      delete byPart.sqs.GetQueueUrl;
      m.awsCalls = { byPart, total: Object.values(byPart).reduce((sum, ops) => sum + Object.values(ops).reduce((a, n) => a + n, 0), 0) };
      return m;
    } finally {
      meter.stop();
      await services.stop();
      for (const runtime of runtimes) runtime.destroy();
      await cloud.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  return { measurement: result, suppressedLogLines: lines };
};
