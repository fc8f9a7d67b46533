// A consuming service's rule on the bus (named from the topology, as infra and the local cloud name it) and its queue.
import { DescribeRuleCommand, ListTargetsByRuleCommand, type Target } from "@aws-sdk/client-eventbridge";
import { eventPatternOf, ruleNameOf, topologyOf, type ServiceName } from "@innerworld/events";
import { AnalystError, awsCall, awsFailure } from "../errors";
import type { AnalystTarget } from "../target/connect";

export interface ServiceRule {
  service: ServiceName;
  name: string;
  arn: string;
  pattern: string | undefined;
  state: string | undefined;
  /** False when the deployed pattern is not the one the topology table computes (a stale deploy, a hand edit). */
  matchesTopology: boolean;
}

/** Key order does not change what a pattern means; comparing canonical JSON avoids false alarms. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.keys(value as Record<string, unknown>).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
};

export const samePattern = (a: string | undefined, b: unknown): boolean => {
  if (a === undefined) return false;
  try {
    return JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(b));
  } catch {
    return false;
  }
};

export const describeServiceRule = async (target: AnalystTarget, service: ServiceName): Promise<ServiceRule> => {
  const name = ruleNameOf(service);
  try {
    const rule = await target.eventBridge.send(new DescribeRuleCommand({ Name: name, EventBusName: target.busName }));
    return {
      service,
      name,
      arn: rule.Arn ?? "",
      pattern: rule.EventPattern,
      state: rule.State,
      matchesTopology: samePattern(rule.EventPattern, eventPatternOf(topologyOf(service))),
    };
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw awsFailure(`DescribeRule ${name}`, error);
    throw new AnalystError("RULE_NOT_FOUND", `${service} has no rule ${name} on bus ${target.busName}`, {
      cause: error,
      hint: "Is the service deployed on this stage? On AWS pass --stage (the bus is innerworld-<stage>) or --bus.",
    });
  }
};

/** The SQS target of a service's rule: where a temporary, narrower rule for the same service must deliver. */
export const queueTargetOf = async (target: AnalystTarget, rule: ServiceRule): Promise<Target> => {
  const { Targets } = await awsCall(`ListTargetsByRule ${rule.name}`, () =>
    target.eventBridge.send(new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: target.busName })),
  );
  const queue = (Targets ?? []).find((t) => t.Arn?.startsWith("arn:aws:sqs:") || t.Arn?.includes(":sqs:"));
  if (!queue?.Arn) throw new AnalystError("RULE_NOT_FOUND", `Rule ${rule.name} has no SQS target`);
  return queue;
};
