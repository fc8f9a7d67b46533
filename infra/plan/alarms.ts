// The alarms every part raises: dead letters, handler errors and a backlog, each against the setting it protects.
import type { ServiceName } from "../../packages/events/src/envelope";
import { busNameFor, pascalCase } from "./naming";
import type { AlarmPlan, FunctionPlan, GatewayPlan, PartName, ServicePlan } from "./types";

const FIVE_MINUTES = 300;

const errorsAlarm = (part: PartName, fn: FunctionPlan, what: string): AlarmPlan => ({
  logicalName: `${fn.logicalName}Errors`,
  name: `${fn.name}-errors`,
  part,
  description: `${what} threw or timed out (partial batch failures are not errors; they show as dead letters)`,
  namespace: "AWS/Lambda",
  metricName: "Errors",
  statistic: "Sum",
  periodSeconds: FIVE_MINUTES,
  evaluationPeriods: 1,
  threshold: 1,
  subject: { kind: "function", logicalName: fn.logicalName },
});

export const planServiceAlarms = (stage: string, plan: ServicePlan): AlarmPlan[] => {
  const prefix = pascalCase(plan.service);
  const base = `${busNameFor(stage)}-${plan.service}`;
  return [
    {
      logicalName: `${prefix}DeadLetterDepth`,
      name: `${base}-dead-letters`,
      part: plan.part,
      description: `${plan.service} gave up on an event (${plan.maxReceiveCount} receives or invalid): look at ${plan.deadLetterQueue.name}`,
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      statistic: "Maximum",
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: 1,
      subject: { kind: "queue", logicalName: plan.deadLetterQueue.logicalName },
    },
    errorsAlarm(plan.part, plan.function, `${plan.service}'s handler`),
    ...(plan.scheduled ? [errorsAlarm(plan.part, plan.scheduled.function, plan.scheduled.description)] : []),
    {
      logicalName: `${prefix}OldestMessageAge`,
      name: `${base}-backlog`,
      part: plan.part,
      // Older than one visibility timeout means retries have begun or the consumer has fallen behind.
      description: `${plan.service} has had an event waiting longer than its visibility timeout (${plan.queue.visibilityTimeoutSeconds} s)`,
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 3,
      threshold: plan.queue.visibilityTimeoutSeconds,
      subject: { kind: "queue", logicalName: plan.queue.logicalName },
    },
  ];
};

export const planGatewayAlarms = (gateway: GatewayPlan): AlarmPlan[] => {
  const part: ServiceName = gateway.part;
  // The authorizer is left out: every rejected token is a thrown "Unauthorized", which Lambda counts as an error.
  return [
    ...gateway.routes.map((r) => errorsAlarm(part, r.function, `WebSocket route ${r.route}`)),
    errorsAlarm(part, gateway.sweep.function, "the idle-session sweep"),
    errorsAlarm(part, gateway.readApi.function, "the read API"),
  ];
};
