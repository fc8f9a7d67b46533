// Liveness and readiness: is the gateway up, and do the tables, the bus and the queues it depends on answer?
import { setMaxListeners } from "node:events";
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeEventBusCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { TableNames } from "@innerworld/platform/tables";
import type { QueueDirectory } from "./queueDirectory";

/** The version a health answer reports: set by the deploy (INNERWORLD_VERSION), else the package's own. */
export const GATEWAY_VERSION = "0.1.0";

export type ReadinessPart = "tables" | "bus" | "queues";
export interface PartCheck {
  status: "ok" | "failing";
  latencyMs: number;
  error?: string;
}
export interface Readiness {
  status: "ready" | "not_ready";
  /** The parts that did not answer; empty when ready. */
  failing: ReadinessPart[];
  checks: Record<ReadinessPart, PartCheck>;
}

export interface HealthPorts {
  dynamodb: DynamoDBClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  tables: TableNames;
  busName: string;
  queues: QueueDirectory;
  /** A part slower than this counts as not answering (a stopped emulator otherwise costs the SDK's retries). */
  timeoutMs?: number;
  now?: () => number;
}

/** Comfortably more than the calls one probe makes together (one per table, two per service queue). */
const PARALLEL_CALLS_PER_PROBE = 100;

const withTimeout = async <T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> => {
  const abort = new AbortController();
  // One signal serves every table's or queue's call in a probe (a dozen and more at once): that many listeners is the
  // design, not a leak, and Node's warning past ten would say otherwise on every start.
  setMaxListeners(PARALLEL_CALLS_PER_PROBE, abort.signal);
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await work(abort.signal);
  } catch (error) {
    if (abort.signal.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
};

export const checkLiveness = (version = process.env.INNERWORLD_VERSION ?? GATEWAY_VERSION) => ({ status: "ok" as const, version });

export const checkReadiness = async (ports: HealthPorts): Promise<Readiness> => {
  const timeoutMs = ports.timeoutMs ?? 3000;
  const now = ports.now ?? (() => performance.now());
  const probe = async (work: (signal: AbortSignal) => Promise<unknown>): Promise<PartCheck> => {
    const started = now();
    try {
      await withTimeout(work, timeoutMs);
      return { status: "ok", latencyMs: Math.round(now() - started) };
    } catch (error) {
      return { status: "failing", latencyMs: Math.round(now() - started), error: (error as Error).message || (error as Error).name };
    }
  };
  const [tables, bus, queues] = await Promise.all([
    probe((abortSignal) => Promise.all(Object.values(ports.tables).map((TableName) => ports.dynamodb.send(new DescribeTableCommand({ TableName }), { abortSignal })))),
    probe((abortSignal) => ports.eventBridge.send(new DescribeEventBusCommand({ Name: ports.busName }), { abortSignal })),
    probe((abortSignal) =>
      Promise.all(
        ports.queues.services().map(async (service) => {
          const { queueUrl, deadLetterQueueUrl } = await ports.queues.of(service);
          await Promise.all(
            [queueUrl, deadLetterQueueUrl].map((QueueUrl) => ports.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }), { abortSignal })),
          );
        }),
      ),
    ),
  ]);
  const checks = { tables, bus, queues };
  const failing = (Object.keys(checks) as ReadinessPart[]).filter((part) => checks[part].status === "failing");
  return { status: failing.length === 0 ? "ready" : "not_ready", failing, checks };
};
