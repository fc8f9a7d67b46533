// A test's own rule and queue on the local bus: what events of chosen types were published, read as the services see them.
import { randomUUID } from "node:crypto";
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { BusEvent, EventMetadata } from "@innerworld/events";
import type { TestCloud } from "./cloud";

export interface BusTapHandle {
  /** Every event seen so far, oldest first. */
  readonly events: BusEvent[];
  /** Waits for an event of the type (and matching `match`), already seen or still to come. */
  waitFor(type: string, match?: (event: BusEvent) => boolean, timeoutMs?: number): Promise<BusEvent>;
  close(): Promise<void>;
}

/** The envelope's metadata of an event the tap saw (eventId, causationId, sessionId, …). */
export const metadataOf = (event: BusEvent): EventMetadata => (event.detail as { metadata: EventMetadata }).metadata;

export const tapBus = async (env: TestCloud, detailTypes: string[]): Promise<BusTapHandle> => {
  const name = `test-tap-${randomUUID().slice(0, 8)}`;
  const { busName } = env.cloud.endpoints;
  const { QueueUrl: queueUrl = "" } = await env.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  await env.eventBridge.send(new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: JSON.stringify({ "detail-type": detailTypes }), State: "ENABLED" }));
  await env.eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [{ Id: "tap", Arn: Attributes?.QueueArn ?? "" }] }));

  const events: BusEvent[] = [];
  let open = true;
  const drain = async () => {
    const { Messages = [] } = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return;
    for (const message of Messages) events.push(JSON.parse(message.Body ?? "{}") as BusEvent);
    await env.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })) }));
  };

  return {
    events,
    // Generous: a busy machine may take many seconds to carry an event; spent only when it never comes.
    async waitFor(type, match = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => e["detail-type"] === type && match(e));
        if (found) return found;
        if (!open || Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms; saw ${events.map((e) => e["detail-type"]).join(", ") || "none"}`);
        await drain();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      open = false;
      await env.eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ["tap"] })).catch(() => undefined);
      await env.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: busName })).catch(() => undefined);
      await env.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
    },
  };
};
