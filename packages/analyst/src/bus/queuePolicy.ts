// Lets one EventBridge rule send to one SQS queue, the only way infra lets anything in (aws:SourceArn = that rule).
import { GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AnalystError, awsCall } from "../errors";
import type { AnalystTarget } from "../target/connect";

interface PolicyStatement {
  Sid?: string;
  [key: string]: unknown;
}
interface QueuePolicy {
  Version: string;
  Id?: string;
  Statement: PolicyStatement[];
}

export const sendFromRuleStatement = (sid: string, queueArn: string, ruleArn: string): PolicyStatement => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { Service: "events.amazonaws.com" },
  Action: "sqs:SendMessage",
  Resource: queueArn,
  Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
});

/** `arn:aws:sqs:<region>:<account>:<name>` → its URL, through GetQueueUrl (the URL's host differs between AWS and emulators). */
export const queueUrlOf = async (target: AnalystTarget, queueArn: string): Promise<string> => {
  const [, , service, , account, name] = queueArn.split(":");
  if (service !== "sqs" || !account || !name) throw new AnalystError("RULE_NOT_FOUND", `${queueArn} is not an SQS queue ARN`);
  const { QueueUrl } = await awsCall(`GetQueueUrl ${name}`, () => target.sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account })));
  if (!QueueUrl) throw new AnalystError("AWS_REQUEST_FAILED", `GetQueueUrl ${name} returned no URL`);
  return QueueUrl;
};

const readPolicy = async (target: AnalystTarget, queueUrl: string): Promise<QueuePolicy> => {
  const { Attributes } = await awsCall("GetQueueAttributes Policy", () => target.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] })));
  const text = Attributes?.Policy;
  if (!text) return { Version: "2012-10-17", Statement: [] };
  const policy = JSON.parse(text) as Partial<QueuePolicy> & { Statement?: PolicyStatement | PolicyStatement[] };
  const statements = policy.Statement === undefined ? [] : Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return { ...policy, Version: policy.Version ?? "2012-10-17", Statement: statements };
};

const writePolicy = (target: AnalystTarget, queueUrl: string, policy: QueuePolicy) =>
  awsCall("SetQueueAttributes Policy", () =>
    target.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: policy.Statement.length > 0 ? JSON.stringify(policy) : "" } })),
  );

/** Adds a statement (by Sid) letting `ruleArn` send to the queue; the queue's own statements stay as they are. */
export const grantSendFromRule = async (target: AnalystTarget, queueUrl: string, queueArn: string, ruleArn: string, sid: string): Promise<void> => {
  const policy = await readPolicy(target, queueUrl);
  policy.Statement = [...policy.Statement.filter((s) => s.Sid !== sid), sendFromRuleStatement(sid, queueArn, ruleArn)];
  await writePolicy(target, queueUrl, policy);
};

/** Removes the statements whose Sid passes `matches`, re-reading the policy first so concurrent changes survive. Returns how many went. */
export const revokeStatements = async (target: AnalystTarget, queueUrl: string, matches: (sid: string) => boolean): Promise<number> => {
  const policy = await readPolicy(target, queueUrl);
  const kept = policy.Statement.filter((s) => !(s.Sid && matches(s.Sid)));
  const removed = policy.Statement.length - kept.length;
  if (removed > 0) await writePolicy(target, queueUrl, { ...policy, Statement: kept });
  return removed;
};

/** A Sid may hold only letters and digits on SQS: the temporary rule's name without its dashes. */
export const sidOf = (ruleName: string): string => ruleName.replace(/[^A-Za-z0-9]/g, "");
