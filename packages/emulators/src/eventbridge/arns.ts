// Builds and reads the ARNs EventBridge speaks in: buses, rules, archives, replays, and the SQS queues it targets.

export interface AccountScope {
  region: string;
  accountId: string;
}

const eventsArn = (scope: AccountScope, resource: string): string => `arn:aws:events:${scope.region}:${scope.accountId}:${resource}`;

export const eventBusArn = (scope: AccountScope, busName: string): string => eventsArn(scope, `event-bus/${busName}`);

/** AWS leaves the bus out of the ARN of a rule on the default bus. */
export const ruleArn = (scope: AccountScope, busName: string, ruleName: string): string =>
  eventsArn(scope, busName === "default" ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`);

export const archiveArn = (scope: AccountScope, archiveName: string): string => eventsArn(scope, `archive/${archiveName}`);

export const replayArn = (scope: AccountScope, replayName: string): string => eventsArn(scope, `replay/${replayName}`);

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export const parseArn = (arn: string): ParsedArn | undefined => {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (!partition.startsWith("aws") || !service || !resource) return undefined;
  return { partition, service, region, accountId, resource };
};

/**
 * Reads a bus name out of an `EventBusName` field, which AWS lets callers give as a name or an ARN.
 * Returns undefined for an ARN of another account or region: that bus does not exist here.
 */
export const eventBusNameFrom = (nameOrArn: string | undefined, scope: AccountScope): string | undefined => {
  if (nameOrArn === undefined) return "default";
  if (!nameOrArn.startsWith("arn:")) return nameOrArn;
  const parsed = parseArn(nameOrArn);
  if (!parsed || parsed.service !== "events" || !parsed.resource.startsWith("event-bus/")) return undefined;
  if (parsed.region !== scope.region || parsed.accountId !== scope.accountId) return undefined;
  return parsed.resource.slice("event-bus/".length);
};

/** Name of the resource after `<kind>/` in an events ARN of this account, e.g. the archive of an archive ARN. */
export const eventsResourceName = (arn: string, kind: "archive" | "replay" | "event-bus", scope: AccountScope): string | undefined => {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== "events" || parsed.region !== scope.region || parsed.accountId !== scope.accountId) return undefined;
  const prefix = `${kind}/`;
  return parsed.resource.startsWith(prefix) ? parsed.resource.slice(prefix.length) : undefined;
};

export interface SqsQueueRef {
  region: string;
  accountId: string;
  queueName: string;
}

export const parseSqsQueueArn = (arn: string): SqsQueueRef | undefined => {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== "sqs" || !parsed.region || !/^\d{12}$/.test(parsed.accountId)) return undefined;
  if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(parsed.resource)) return undefined;
  return { region: parsed.region, accountId: parsed.accountId, queueName: parsed.resource };
};
