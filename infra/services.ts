// One consuming service: its queue and dead-letter queue, the bus rule feeding it, and its function subscribed with
// partial batch responses, every setting taken from the service's plan (and so from the topology table).
import type { ServicePlan } from "./plan";
import { createFunction, type FunctionContext } from "./functions";

/** EventBridge may send to the queue only on behalf of this rule, not of any rule in any account. */
const sendFromRulePolicy = (queueArn: $util.Input<string>, ruleArn: $util.Input<string>) =>
  $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      },
    ],
  });

export const createService = (plan: ServicePlan, bus: sst.aws.Bus, context: FunctionContext) => {
  const deadLetterQueue = new sst.aws.Queue(plan.deadLetterQueue.logicalName, {
    visibilityTimeout: `${plan.deadLetterQueue.visibilityTimeoutSeconds} seconds`,
    transform: { queue: { name: plan.deadLetterQueue.name, messageRetentionSeconds: plan.deadLetterQueue.messageRetentionSeconds } },
  });
  const queue = new sst.aws.Queue(plan.queue.logicalName, {
    visibilityTimeout: `${plan.queue.visibilityTimeoutSeconds} seconds`,
    dlq: { queue: deadLetterQueue.arn, retry: plan.maxReceiveCount },
    transform: {
      queue: {
        name: plan.queue.name,
        messageRetentionSeconds: plan.queue.messageRetentionSeconds,
        ...(plan.queue.deliveryDelaySeconds ? { delaySeconds: plan.queue.deliveryDelaySeconds } : {}),
      },
    },
  });

  // A raw rule rather than bus.subscribeQueue: SST's pattern argument has no room for `$or` or `replay-name`.
  const rule = new aws.cloudwatch.EventRule(plan.rule.logicalName, {
    name: plan.rule.name,
    eventBusName: bus.name,
    eventPattern: JSON.stringify(plan.rule.pattern),
    description: `What ${plan.service} consumes${plan.rule.acceptsReplay ? "" : " (never replayed events: it has live side effects)"}`,
  });
  new aws.cloudwatch.EventTarget(plan.rule.targetLogicalName, {
    rule: rule.name,
    eventBusName: bus.name,
    arn: queue.arn,
    deadLetterConfig: { arn: deadLetterQueue.arn },
  });
  new aws.sqs.QueuePolicy(plan.queue.policyLogicalName, { queueUrl: queue.url, policy: sendFromRulePolicy(queue.arn, rule.arn) });
  new aws.sqs.QueuePolicy(plan.deadLetterQueue.policyLogicalName, {
    queueUrl: deadLetterQueue.url,
    policy: sendFromRulePolicy(deadLetterQueue.arn, rule.arn),
  });

  const handler = createFunction(plan.function, {
    ...context,
    links: { ...context.links, deadLetterQueue },
    // The event source mapping polls with the function's role.
    permissions: [
      ...(context.permissions ?? []),
      { actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"], resources: [queue.arn] },
    ],
  });
  queue.subscribe(handler.arn, {
    batch: {
      size: plan.subscription.batchSize,
      ...(plan.subscription.maxBatchingWindowSeconds > 0 ? { window: `${plan.subscription.maxBatchingWindowSeconds} seconds` } : {}),
      partialResponses: plan.subscription.partialResponses,
    },
  });
  if (plan.scheduled) new sst.aws.CronV2(plan.scheduled.logicalName, { schedule: plan.scheduled.schedule, function: createFunction(plan.scheduled.function, context) });
  return { queue, deadLetterQueue, rule, handler };
};
