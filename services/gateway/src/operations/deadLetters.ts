// Dead letters for operators: queue depths per service, what failed and why, and moving it back once fixed.
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { FAILURE_ATTRIBUTES } from "@innerworld/platform/runtime";
import type { QueueAges } from "./queueAges";
import type { QueueDirectory } from "./queueDirectory";

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface DeadLetter {
  messageId: string;
  eventType?: string;
  eventId?: string;
  sentAt?: string;
  ageSeconds?: number;
  failure: { service?: string; code?: string; message?: string; receiveCount?: number };
}

/** A queue's depth and the age of its oldest message (null: empty, or no reading); `ageError` when the age could not be read. */
export type QueueHealth = QueueDepth & { oldestAgeSeconds: number | null; ageError?: string };

export interface ServiceQueueStatus {
  service: string;
  queue: QueueHealth;
  deadLetters: QueueHealth;
}

/**
 * How dead letters go back: SQS's own message move task in the cloud; the local SQS (fauxqs 1.9) has no
 * StartMessageMoveTask, so there each message is received, sent to the queue and deleted, in that order
 * (a crash in between leaves a duplicate, never a loss; consumers are idempotent on eventId).
 */
export type RedriveMode = "message-move-task" | "receive-send-delete";

export interface RedriveResult {
  service: string;
  mode: RedriveMode;
  /** Messages moved (receive-send-delete), or the number SQS reported at the start of the task (message move task). */
  moved: number;
  taskHandle?: string;
}

const LIST_VISIBILITY_SECONDS = 10;

const numberAttribute = (attributes: Record<string, string> | undefined, name: string) => Number(attributes?.[name] ?? 0) || 0;

const attribute = (message: Message, name: string) => message.MessageAttributes?.[name]?.StringValue;

export const describeDeadLetter = (message: Message, nowMs: number): DeadLetter => {
  let eventType: string | undefined;
  let eventId: string | undefined;
  try {
    const body = JSON.parse(message.Body ?? "") as { "detail-type"?: unknown; detail?: { metadata?: { eventId?: unknown } } };
    if (typeof body["detail-type"] === "string") eventType = body["detail-type"];
    if (typeof body.detail?.metadata?.eventId === "string") eventId = body.detail.metadata.eventId;
  } catch {
    // A body that is not an EventBridge event is exactly the kind of thing that ends up here; show what can be shown.
  }
  const sent = Number(message.Attributes?.SentTimestamp);
  const receiveCount = Number(attribute(message, FAILURE_ATTRIBUTES.receiveCount));
  const failure: DeadLetter["failure"] = {};
  const service = attribute(message, FAILURE_ATTRIBUTES.service);
  const code = attribute(message, FAILURE_ATTRIBUTES.code);
  const reason = attribute(message, FAILURE_ATTRIBUTES.message);
  if (service) failure.service = service;
  if (code) failure.code = code;
  if (reason) failure.message = reason;
  if (Number.isFinite(receiveCount) && receiveCount > 0) failure.receiveCount = receiveCount;
  return {
    messageId: message.MessageId ?? "",
    ...(eventType ? { eventType } : {}),
    ...(eventId ? { eventId } : {}),
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString(), ageSeconds: Math.max(0, Math.round((nowMs - sent) / 1000)) } : {}),
    failure,
  };
};

export class DeadLetterAdmin {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: QueueDirectory,
    private readonly mode: RedriveMode,
    private readonly ages: QueueAges,
    private readonly clock: () => number = Date.now,
  ) {}

  private async depth(queueUrl: string): Promise<QueueDepth> {
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
    );
    return {
      visible: numberAttribute(Attributes, "ApproximateNumberOfMessages"),
      inFlight: numberAttribute(Attributes, "ApproximateNumberOfMessagesNotVisible"),
      delayed: numberAttribute(Attributes, "ApproximateNumberOfMessagesDelayed"),
    };
  }

  private async oldestAge(queueUrl: string): Promise<Pick<QueueHealth, "oldestAgeSeconds" | "ageError">> {
    try {
      return { oldestAgeSeconds: await this.ages.oldestAgeSeconds(queueUrl) };
    } catch (error) {
      return { oldestAgeSeconds: null, ageError: (error as Error).message };
    }
  }

  async status(): Promise<ServiceQueueStatus[]> {
    return Promise.all(
      this.queues.services().map(async (service) => {
        const { queueUrl, deadLetterQueueUrl } = await this.queues.of(service);
        const [queueDepth, queueAge, deadLetterDepth, deadLetterAge] = await Promise.all([
          this.depth(queueUrl),
          this.oldestAge(queueUrl),
          this.depth(deadLetterQueueUrl),
          this.oldestAge(deadLetterQueueUrl),
        ]);
        const deadLetters: QueueHealth = { ...deadLetterDepth, ...deadLetterAge };
        // CloudWatch lags a dead letter by minutes; a dead-letter queue, unlike a service's, may be looked into
        // (it has no redrive policy for a receive to count against), so its oldest age is read off the letters.
        if (deadLetters.oldestAgeSeconds === null && deadLetters.visible > 0) {
          const ages = (await this.list(service, 10)).map((d) => d.ageSeconds).filter((a): a is number => a !== undefined);
          if (ages.length > 0) deadLetters.oldestAgeSeconds = Math.max(...ages);
        }
        return { service, queue: { ...queueDepth, ...queueAge }, deadLetters };
      }),
    );
  }

  /**
   * Reads dead letters without taking them: each is hidden for a few seconds while the page is read, then made
   * visible again at once. Receiving from a DLQ costs nothing: it has no redrive policy of its own to count against.
   */
  async list(service: string, limit = 50): Promise<DeadLetter[]> {
    const { deadLetterQueueUrl } = await this.queues.of(service);
    const seen = new Map<string, Message>();
    while (seen.size < limit) {
      const { Messages } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MaxNumberOfMessages: Math.min(10, limit - seen.size),
          VisibilityTimeout: LIST_VISIBILITY_SECONDS,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["All"],
          MessageAttributeNames: ["All"],
        }),
      );
      const fresh = (Messages ?? []).filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) seen.set(message.MessageId as string, message);
    }
    const received = [...seen.values()];
    for (let i = 0; i < received.length; i += 10) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: deadLetterQueueUrl,
          Entries: received.slice(i, i + 10).map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle ?? "", VisibilityTimeout: 0 })),
        }),
      );
    }
    const now = this.clock();
    return received.map((m) => describeDeadLetter(m, now));
  }

  async redrive(service: string): Promise<RedriveResult> {
    const { queueUrl, deadLetterQueueUrl } = await this.queues.of(service);
    if (this.mode === "message-move-task") {
      const [SourceArn, DestinationArn, depth] = await Promise.all([this.queues.arnOf(deadLetterQueueUrl), this.queues.arnOf(queueUrl), this.depth(deadLetterQueueUrl)]);
      const task = await this.sqs.send(new StartMessageMoveTaskCommand({ SourceArn, DestinationArn }));
      return { service, mode: this.mode, moved: depth.visible, ...(task.TaskHandle ? { taskHandle: task.TaskHandle } : {}) };
    }
    let moved = 0;
    for (;;) {
      const { Messages } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 30, WaitTimeSeconds: 0, MessageAttributeNames: ["All"] }),
      );
      if (!Messages?.length) return { service, mode: this.mode, moved };
      for (const message of Messages) {
        await this.sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.Body ?? "",
            ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes as Record<string, MessageAttributeValue> } : {}),
          }),
        );
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle ?? "" }));
        moved += 1;
      }
    }
  }
}
