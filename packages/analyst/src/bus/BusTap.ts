// A temporary rule on the bus and a temporary queue behind it: how export, saga and tail read events, on AWS and locally.
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import { isBusEvent, type BusEvent } from "../busEvent";
import { AnalystError, awsCall, awsFailure } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { sendFromRuleStatement } from "./queuePolicy";
import { temporaryName } from "./temporaryNames";

const TAP_TARGET_ID = "analyst-queue";

export interface BusTapOptions {
  /** The EventBridge pattern of the temporary rule. */
  pattern: Record<string, unknown>;
  /** Why the tap exists, for the rule's description and what the command prints. */
  purpose: string;
  reporter: Reporter;
}

/**
 * EventBridge has no API to read an archive: the only way out is a replay, and a replay only reaches rules. A tap is a
 * rule of our own, matching only what we ask for (for a replay, only events carrying that replay's name, so live
 * traffic never lands in it and no service ever sees what we replay), with a queue of our own as its target. We drain
 * the queue, then delete both. The same calls work against AWS and the local emulators.
 */
export class BusTap {
  private closed = false;

  private constructor(
    private readonly target: AnalystTarget,
    readonly name: string,
    readonly ruleArn: string,
    readonly queueUrl: string,
    private readonly reporter: Reporter,
  ) {}

  static async open(target: AnalystTarget, options: BusTapOptions): Promise<BusTap> {
    const name = temporaryName(target.busName);
    const { eventBridge, sqs, busName } = target;
    const rule = await awsCall(`PutRule ${name}`, () =>
      eventBridge.send(
        new PutRuleCommand({
          Name: name,
          EventBusName: busName,
          EventPattern: JSON.stringify(options.pattern),
          State: "ENABLED",
          Description: `innerworld analyst, temporary: ${options.purpose}`.slice(0, 512),
        }),
      ),
    );
    const ruleArn = rule.RuleArn ?? "";
    let queueUrl = "";
    try {
      const created = await awsCall(`CreateQueue ${name}`, () =>
        sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { MessageRetentionPeriod: "86400", VisibilityTimeout: "60" } })),
      );
      queueUrl = created.QueueUrl ?? "";
      const { Attributes } = await awsCall("GetQueueAttributes QueueArn", () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] })));
      const queueArn = Attributes?.QueueArn ?? "";
      // The policy is set after the rule exists, so it names exactly this rule as the only sender.
      await awsCall("SetQueueAttributes Policy", () =>
        sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: queueUrl,
            Attributes: { Policy: JSON.stringify({ Version: "2012-10-17", Statement: [sendFromRuleStatement("AnalystTap", queueArn, ruleArn)] }) },
          }),
        ),
      );
      const targets = await awsCall(`PutTargets ${name}`, () =>
        eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [{ Id: TAP_TARGET_ID, Arn: queueArn }] })),
      );
      if (targets.FailedEntryCount) {
        throw new AnalystError("AWS_REQUEST_FAILED", `PutTargets ${name} refused the queue: ${targets.FailedEntries?.map((f) => f.ErrorMessage).join("; ")}`);
      }
    } catch (error) {
      await new BusTap(target, name, ruleArn, queueUrl, options.reporter).close();
      throw error;
    }
    options.reporter.say(`created temporary rule ${name} on ${busName} and queue ${name} (${options.purpose}); both are deleted when done`);
    return new BusTap(target, name, ruleArn, queueUrl, options.reporter);
  }

  /** Long-polls once; returns what arrived (deleted from the queue) in arrival order. */
  async receive(waitSeconds: number): Promise<BusEvent[]> {
    const { Messages } = await awsCall(`ReceiveMessage ${this.name}`, () =>
      this.target.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds })),
    );
    if (!Messages || Messages.length === 0) return [];
    const events: BusEvent[] = [];
    for (const message of Messages) {
      try {
        const body = JSON.parse(message.Body ?? "") as unknown;
        if (isBusEvent(body)) events.push(body);
        else this.reporter.warn(`skipped a message that is not an EventBridge event: ${(message.Body ?? "").slice(0, 80)}`);
      } catch {
        this.reporter.warn(`skipped a message that is not JSON: ${(message.Body ?? "").slice(0, 80)}`);
      }
    }
    await awsCall(`DeleteMessageBatch ${this.name}`, () =>
      this.target.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
        }),
      ),
    );
    return events;
  }

  /** Deletes the rule (targets first, as EventBridge requires) and the queue; failures are warned about with the manual fix. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { eventBridge, sqs, busName } = this.target;
    const steps: [string, () => Promise<unknown>, string][] = [
      [`RemoveTargets ${this.name}`, () => eventBridge.send(new RemoveTargetsCommand({ Rule: this.name, EventBusName: busName, Ids: [TAP_TARGET_ID] })), `aws events remove-targets --event-bus-name ${busName} --rule ${this.name} --ids ${TAP_TARGET_ID}`],
      [`DeleteRule ${this.name}`, () => eventBridge.send(new DeleteRuleCommand({ Name: this.name, EventBusName: busName })), `aws events delete-rule --event-bus-name ${busName} --name ${this.name}`],
      ...(this.queueUrl ? ([[`DeleteQueue ${this.name}`, () => sqs.send(new DeleteQueueCommand({ QueueUrl: this.queueUrl })), `aws sqs delete-queue --queue-url ${this.queueUrl}`]] as [string, () => Promise<unknown>, string][]) : []),
    ];
    const failed: string[] = [];
    for (const [what, run, manual] of steps) {
      try {
        await run();
      } catch (error) {
        if ((error as Error).name === "ResourceNotFoundException") continue;
        this.reporter.warn(`${awsFailure(what, error).message}; remove it by hand: ${manual} (or run \`pnpm events cleanup\`)`);
        failed.push(what);
      }
    }
    if (failed.length === 0) this.reporter.say(`deleted temporary rule and queue ${this.name}`);
  }
}
