// What `pnpm start` prints while it runs: one line per turn, each event at debug level, dead letters left waiting, stuck queues.
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { topologyOf, type BusEvent, type EventMetadata, type ServiceName } from "@innerworld/events";
import type { ServiceQueues } from "@innerworld/emulators/sqs";
import { LocalSqsQueueAges } from "@innerworld/gateway";

export type ReportLevel = "info" | "debug";

export interface TurnReporterOptions {
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  busName: string;
  queues: Partial<Record<ServiceName, ServiceQueues>>;
  level: ReportLevel;
  print: (line: string) => void;
  /** How often dead-letter queues (and the services' queues' oldest messages) are looked at (default every 30 s). */
  deadLetterCheckMs?: number;
  /** The local SQS, whose own view of a queue tells its oldest message's age without receiving it. */
  sqsEndpoint?: string;
  /** A service queue whose oldest message waited longer is reported stuck; default its visibility timeout (the cloud alarm's threshold). */
  stuckQueueAfterSeconds?: number;
}

export interface TurnReporter {
  stop(): Promise<void>;
}

interface Detail {
  metadata: EventMetadata;
  data: Record<string, unknown>;
}

interface OpenTurn {
  sessionId: string;
  seq: number;
  receivedAt?: string;
  verdict?: string;
}

const clockTime = (iso: string | undefined) => (iso ?? new Date().toISOString()).slice(11, 23);
const short = (id: string | undefined) => (id ?? "-").slice(0, 8);
/** The safety levels as the design names them: a flagged message is a concern. */
const verdictName = (action: string | undefined) => (action === "flag" ? "concern" : (action ?? "?"));

/** Formats one turn the way an operator scans a terminal: time, session, turn, verdict, latency, what happened. */
export const formatTurnLine = (turn: { at: string; sessionId: string; seq: number; verdict?: string; latencyMs?: number; outcome: string }) =>
  `${clockTime(turn.at)}  turn   session ${short(turn.sessionId)} #${turn.seq}  verdict ${verdictName(turn.verdict).padEnd(7)}  ${turn.latencyMs === undefined ? "    ? ms" : `${String(turn.latencyMs).padStart(5)} ms`}  ${turn.outcome}`;

export const formatEventLine = (event: BusEvent<Detail>) =>
  `${clockTime(event.detail.metadata.occurredAt)}  event  ${event["detail-type"].padEnd(18)} from ${event.detail.metadata.producer.padEnd(16)} session ${short(event.detail.metadata.sessionId)}  correlation ${short(event.detail.metadata.correlationId)}`;

export const startTurnReporter = async (options: TurnReporterOptions): Promise<TurnReporter> => {
  // One fixed name: a restart after a crash takes over the same rule and queue instead of leaving more behind.
  const name = `${options.busName}-console`;
  const { QueueUrl: queueUrl = "" } = await options.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await options.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  // Every service's events: their sources all start with the bus's prefix. Replays are left out: they are not live turns.
  await options.eventBridge.send(
    new PutRuleCommand({ Name: name, EventBusName: options.busName, EventPattern: JSON.stringify({ source: [{ prefix: "innerworld." }], "replay-name": [{ exists: false }] }), State: "ENABLED" }),
  );
  await options.eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: options.busName, Targets: [{ Id: "console", Arn: Attributes?.QueueArn ?? "" }] }));

  const turns = new Map<string, OpenTurn>();
  const see = (event: BusEvent<Detail>) => {
    if (options.level === "debug") options.print(formatEventLine(event));
    const { data } = event.detail;
    const messageId = typeof data.messageId === "string" ? data.messageId : undefined;
    if (!messageId) return;
    const turn = turns.get(messageId) ?? { sessionId: String(data.sessionId ?? ""), seq: Number(data.seq ?? 0) };
    turns.set(messageId, turn);
    switch (event["detail-type"]) {
      case "MessageReceived":
        turn.receivedAt = String(data.receivedAt);
        break;
      case "MessageScreened":
        turn.verdict = (data.verdict as { action?: string } | undefined)?.action;
        break;
      case "ReplyDelivered":
      case "StepFailed": {
        const at = event["detail-type"] === "ReplyDelivered" ? String(data.deliveredAt) : event.detail.metadata.occurredAt;
        const outcome = event["detail-type"] === "StepFailed" ? `failed in ${String(data.step)}: ${String(data.errorCode)}` : String(data.status);
        const latencyMs = turn.receivedAt ? Math.max(0, Date.parse(at) - Date.parse(turn.receivedAt)) : undefined;
        options.print(formatTurnLine({ at, sessionId: turn.sessionId, seq: turn.seq, ...(turn.verdict ? { verdict: turn.verdict } : {}), ...(latencyMs !== undefined ? { latencyMs } : {}), outcome }));
        turns.delete(messageId);
        break;
      }
    }
    // A turn that never finishes must not be kept for ever.
    if (turns.size > 10_000) turns.delete(turns.keys().next().value as string);
  };

  let stopping = false;
  const abort = new AbortController();
  const poll = (async () => {
    while (!stopping) {
      try {
        const { Messages = [] } = await options.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }), { abortSignal: abort.signal });
        if (Messages.length === 0) continue;
        for (const message of Messages) see(JSON.parse(message.Body ?? "{}") as BusEvent<Detail>);
        await options.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })) }));
      } catch (error) {
        if (stopping) return;
        options.print(`WARN   the console's bus tap failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();

  // A dead letter waits for a person: say so, and again whenever the count changes, until someone redrives it.
  const reported = new Map<string, number>();
  // A message older than its queue's visibility timeout means a handler hangs or is not running: said once per episode.
  const stuck = new Set<string>();
  const ages = options.sqsEndpoint ? new LocalSqsQueueAges(options.sqsEndpoint) : undefined;
  const checkQueueAge = async (service: string, queueUrl: string) => {
    if (!ages) return;
    const age = await ages.oldestAgeSeconds(queueUrl);
    const limit = options.stuckQueueAfterSeconds ?? topologyOf(service as ServiceName).queue?.visibilityTimeoutSeconds ?? 300;
    if (age === null || age <= limit) {
      stuck.delete(service);
      return;
    }
    if (!stuck.has(service)) options.print(`WARN   stuck queue: ${service}'s oldest message has waited ${age} s (over ${limit} s); is its handler hanging or not running? see GET /admin/status`);
    stuck.add(service);
  };
  const checkDeadLetters = async () => {
    for (const [service, queues] of Object.entries(options.queues)) {
      if (!queues) continue;
      await checkQueueAge(service, queues.queueUrl);
      const { Attributes: depth } = await options.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queues.deadLetterQueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
      const waiting = Number(depth?.ApproximateNumberOfMessages ?? 0);
      if (waiting > 0 && waiting !== reported.get(service)) {
        options.print(`WARN   dead letters: ${service} has ${waiting} waiting; see GET /admin/dlq/${service}, then POST /admin/dlq/${service}/redrive once fixed`);
      }
      reported.set(service, waiting);
    }
  };
  let checking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    checking = checkDeadLetters().catch((error: unknown) => options.print(`WARN   dead-letter check failed: ${(error as Error).message}`));
  }, options.deadLetterCheckMs ?? 30_000);

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      abort.abort();
      await Promise.all([poll, checking]);
      await options.eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: options.busName, Ids: ["console"] })).catch(() => undefined);
      await options.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: options.busName })).catch(() => undefined);
      await options.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
    },
  };
};
