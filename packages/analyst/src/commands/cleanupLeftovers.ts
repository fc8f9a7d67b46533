// `cleanup`: finds (and with --yes deletes) temporary rules, queues and queue policy statements a crashed run left behind.
import { DeleteRuleCommand, ListRulesCommand, ListTargetsByRuleCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { DeleteQueueCommand, GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { consumingServices, type ServiceName } from "@innerworld/events";
import { queueUrlOf, revokeStatements, sidOf } from "../bus/queuePolicy";
import { describeServiceRule, queueTargetOf } from "../bus/serviceRules";
import { createdAtOfTemporary, temporaryPrefix } from "../bus/temporaryNames";
import { awsCall } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { formatDuration } from "../timeWindow";

export interface CleanupRequest {
  /** Only what is older than this: a younger one may belong to a run still going. */
  olderThanMs: number;
  /** Delete; without it, only list. */
  apply: boolean;
  reporter: Reporter;
  now?: Date;
}

export interface CleanupResult {
  rules: string[];
  queues: string[];
  policyStatements: { service: ServiceName; sid: string }[];
}

export const cleanupLeftovers = async (target: AnalystTarget, request: CleanupRequest): Promise<CleanupResult> => {
  const { reporter } = request;
  const now = (request.now ?? new Date()).getTime();
  const prefix = temporaryPrefix(target.busName);
  const old = (name: string) => {
    const created = createdAtOfTemporary(target.busName, name);
    return created !== undefined && now - created.getTime() >= request.olderThanMs;
  };
  reporter.say(`target: ${target.description}`);
  reporter.say(`looking for temporary ${prefix}* resources older than ${formatDuration(request.olderThanMs)}`);

  const rules: string[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall("ListRules", () => target.eventBridge.send(new ListRulesCommand({ EventBusName: target.busName, NamePrefix: prefix, NextToken: token })));
    rules.push(...(page.Rules ?? []).map((r) => r.Name ?? "").filter(old));
    token = page.NextToken;
  } while (token);

  const queues: string[] = [];
  token = undefined;
  do {
    const page = await awsCall("ListQueues", () => target.sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken: token })));
    queues.push(...(page.QueueUrls ?? []).filter((url) => old(url.split("/").at(-1) ?? "")));
    token = page.NextToken;
  } while (token);

  // Type-filtered replays add statements to service queues under the Sid of their temporary rule.
  const sidPrefix = sidOf(prefix);
  const policyStatements: CleanupResult["policyStatements"] = [];
  for (const { service } of consumingServices()) {
    const rule = await describeServiceRule(target, service).catch(() => undefined);
    if (!rule) continue;
    const queueArn = (await queueTargetOf(target, rule).catch(() => undefined))?.Arn;
    if (!queueArn) continue;
    const queueUrl = await queueUrlOf(target, queueArn);
    const isLeftover = (sid: string) => sid.startsWith(sidPrefix) && staleSid(sid, sidPrefix, now, request.olderThanMs);
    if (request.apply) {
      const removed = await revokeStatements(target, queueUrl, isLeftover);
      if (removed > 0) policyStatements.push({ service, sid: `${removed} statement(s)` });
    } else {
      const { Attributes } = await awsCall("GetQueueAttributes Policy", () => target.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] })));
      const statements = Attributes?.Policy ? ((JSON.parse(Attributes.Policy) as { Statement?: { Sid?: string }[] }).Statement ?? []) : [];
      for (const s of statements) if (s.Sid && isLeftover(s.Sid)) policyStatements.push({ service, sid: s.Sid });
    }
  }

  if (rules.length + queues.length + policyStatements.length === 0) {
    reporter.say("nothing left behind");
    return { rules, queues, policyStatements };
  }
  for (const rule of rules) reporter.say(`${request.apply ? "deleting" : "would delete"} rule ${rule}`);
  for (const queue of queues) reporter.say(`${request.apply ? "deleting" : "would delete"} queue ${queue}`);
  for (const s of policyStatements) reporter.say(`${request.apply ? "removed" : "would remove"} ${s.service}'s queue policy statement ${s.sid}`);
  if (!request.apply) {
    reporter.say("run again with --yes to delete them");
    return { rules, queues, policyStatements };
  }
  for (const rule of rules) {
    const { Targets } = await awsCall(`ListTargetsByRule ${rule}`, () => target.eventBridge.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: target.busName })));
    const ids = (Targets ?? []).map((t) => t.Id ?? "").filter(Boolean);
    if (ids.length > 0) await awsCall(`RemoveTargets ${rule}`, () => target.eventBridge.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: target.busName, Ids: ids })));
    await awsCall(`DeleteRule ${rule}`, () => target.eventBridge.send(new DeleteRuleCommand({ Name: rule, EventBusName: target.busName })));
  }
  for (const queue of queues) await awsCall(`DeleteQueue ${queue}`, () => target.sqs.send(new DeleteQueueCommand({ QueueUrl: queue })));
  reporter.say(`deleted ${rules.length} rules and ${queues.length} queues`);
  return { rules, queues, policyStatements };
};

/** A statement's Sid is its rule's name without dashes: `<bus>analyst<base36 ms><4 hex><n>`; read the time back from it. */
const staleSid = (sid: string, sidPrefix: string, now: number, olderThanMs: number): boolean => {
  const stamp = /^([0-9a-z]{8})/.exec(sid.slice(sidPrefix.length))?.[1];
  const ms = stamp ? parseInt(stamp, 36) : NaN;
  return Number.isFinite(ms) && now - ms >= olderThanMs;
};
