// The local event tap: a rule matching every InnerWorld event with a queue of its own, read into turns for the operator view.
import { DeleteRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { describeData, isBusEvent, metadataOf, orderSaga, sendFromRuleStatement, type BusEvent } from "@innerworld/analyst";
import type { TapDeadLetters, TapTurn } from "@innerworld/web/tap";
import { localCredentials } from "@innerworld/emulators/net";
import { sqsClientFor } from "@innerworld/emulators/sqs";

/** Fixed names, so a restart replaces the tap rather than adding one; the analyst tool's `cleanup` leaves them alone. */
export const eventTapNameFor = (busName: string) => `${busName}-local-event-tap`;
const TARGET_ID = "event-tap-queue";
const MAX_TURNS_KEPT = 100;
const DEAD_LETTER_CHECK_MS = 2000;

export type TapMessage = { event: "turn"; data: TapTurn } | { event: "dead-letters"; data: TapDeadLetters };
export type TapListener = (message: TapMessage) => void;

export interface EventTapOptions {
  eventBridgeEndpoint: string;
  sqsEndpoint: string;
  region: string;
  busName: string;
  /** Each service's dead-letter queue URL, counted every two seconds. */
  deadLetterQueueUrls: Record<string, string>;
  log?: (message: string) => void;
}

/** A turn as the operator view draws it; the teens' words stay out (describeData without content). */
export const tapTurnOf = (correlationId: string, events: readonly BusEvent[]): TapTurn => {
  const trace = orderSaga(correlationId, events);
  const first = trace.steps[0];
  const metadata = first ? metadataOf(first.event) : {};
  return {
    correlationId,
    ...(metadata.userId ? { userId: metadata.userId } : {}),
    ...(metadata.sessionId ? { sessionId: metadata.sessionId } : {}),
    startedAt: metadata.occurredAt ?? first?.event.time ?? new Date(0).toISOString(),
    totalMs: trace.totalMs,
    steps: trace.steps.map((step) => ({
      eventId: step.eventId,
      type: step.event["detail-type"],
      producer: metadataOf(step.event).producer ?? step.event.source.replace(/^innerworld\./, ""),
      occurredAt: metadataOf(step.event).occurredAt ?? step.event.time,
      depth: step.depth,
      ...(step.hopMs !== undefined ? { hopMs: step.hopMs } : {}),
      sinceStartMs: step.sinceStartMs,
      summary: describeData(step.event, false),
      copies: step.copies,
    })),
  };
};

export class EventTap {
  private readonly turns = new Map<string, BusEvent[]>();
  private readonly listeners = new Set<TapListener>();
  private deadLetters: TapDeadLetters = { counts: {}, checkedAt: new Date(0).toISOString() };
  private readonly stopping = new AbortController();
  private reading: Promise<void> = Promise.resolve();
  private counting: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly options: EventTapOptions,
    private readonly eventBridge: EventBridgeClient,
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** Creates (or re-creates) the rule and queue and starts reading. Replays never reach it: they only go to the rules they name. */
  static async open(options: EventTapOptions): Promise<EventTap> {
    const name = eventTapNameFor(options.busName);
    const eventBridge = new EventBridgeClient({ endpoint: options.eventBridgeEndpoint, region: options.region, credentials: localCredentials });
    const sqs = sqsClientFor(options.sqsEndpoint, options.region);
    const { QueueUrl: queueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { MessageRetentionPeriod: "3600" } }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
    const queueArn = Attributes?.QueueArn ?? "";
    const rule = await eventBridge.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: options.busName,
        EventPattern: JSON.stringify({ source: [{ prefix: "innerworld." }] }),
        State: "ENABLED",
        Description: "Local cloud only: every InnerWorld event, for the web client's operator view",
      }),
    );
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { Policy: JSON.stringify({ Version: "2012-10-17", Statement: [sendFromRuleStatement("EventTap", queueArn, rule.RuleArn ?? "")] }) },
      }),
    );
    await eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: options.busName, Targets: [{ Id: TARGET_ID, Arn: queueArn }] }));
    const tap = new EventTap(options, eventBridge, sqs, queueUrl);
    tap.reading = tap.read();
    tap.counting = setInterval(() => void tap.countDeadLetters(), DEAD_LETTER_CHECK_MS);
    void tap.countDeadLetters();
    return tap;
  }

  /** What a new subscriber sees first: the recent turns, oldest first, and the last dead-letter count. */
  snapshot(): TapMessage[] {
    const turns = [...this.turns.entries()].map(([id, events]) => tapTurnOf(id, events)).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    return [...turns.map((data): TapMessage => ({ event: "turn", data })), { event: "dead-letters", data: this.deadLetters }];
  }

  subscribe(listener: TapListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.counting);
    await this.reading;
    const name = eventTapNameFor(this.options.busName);
    // The rule goes with the local cloud, so a later start without the web client delivers nowhere it should not.
    await this.eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: this.options.busName, Ids: [TARGET_ID] })).catch(() => undefined);
    await this.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: this.options.busName })).catch(() => undefined);
    await this.sqs.send(new DeleteQueueCommand({ QueueUrl: this.queueUrl })).catch(() => undefined);
    this.listeners.clear();
    this.eventBridge.destroy();
    this.sqs.destroy();
  }

  private async read(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const { Messages = [] } = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }), { abortSignal: signal });
        if (Messages.length === 0) continue;
        const touched = new Set<string>();
        for (const message of Messages) {
          const event = parseEvent(message.Body);
          const correlationId = event ? metadataOf(event).correlationId : undefined;
          if (!event || !correlationId) continue;
          const known = this.turns.get(correlationId) ?? [];
          // Re-inserted, so the map's order stays "least recently touched first" for forgetOldTurns.
          this.turns.delete(correlationId);
          this.turns.set(correlationId, [...known, event]);
          touched.add(correlationId);
        }
        await this.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })) }));
        this.forgetOldTurns();
        for (const correlationId of touched) {
          const events = this.turns.get(correlationId);
          if (events) this.emit({ event: "turn", data: tapTurnOf(correlationId, events) });
        }
      } catch (error) {
        if (signal.aborted) return;
        this.options.log?.(`event tap: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** The turns idle longest go first. */
  private forgetOldTurns() {
    for (const correlationId of this.turns.keys()) {
      if (this.turns.size <= MAX_TURNS_KEPT) return;
      this.turns.delete(correlationId);
    }
  }

  private async countDeadLetters() {
    const counts: Record<string, number> = {};
    try {
      for (const [service, queueUrl] of Object.entries(this.options.deadLetterQueueUrls)) {
        const { Attributes } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
        counts[service] = Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      }
    } catch {
      return; // Stopping, or SQS is briefly busy: the next count will do.
    }
    const changed = JSON.stringify(counts) !== JSON.stringify(this.deadLetters.counts);
    this.deadLetters = { counts, checkedAt: new Date().toISOString() };
    if (changed) this.emit({ event: "dead-letters", data: this.deadLetters });
  }

  private emit(message: TapMessage) {
    for (const listener of this.listeners) listener(message);
  }
}

const parseEvent = (body: string | undefined): BusEvent | undefined => {
  try {
    const parsed: unknown = JSON.parse(body ?? "");
    return isBusEvent(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};
