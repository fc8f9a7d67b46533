// PutTargets, RemoveTargets, ListTargetsByRule. Only SQS queues can be targets here; anything else comes back in FailedEntries.
import { parseArn, parseSqsQueueArn } from "../arns.js";
import { limitExceeded } from "../errors.js";
import { parseInputPath } from "../inputPath.js";
import { NAME_PATTERN, type RequestInput } from "../requestInput.js";
import type { TargetRecord } from "../types.js";
import { existingBusName, existingRule, type Operation } from "./context.js";
import { paginate, readPaging } from "./pagination.js";
import { readBusName, readRuleName } from "./rules.js";

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;

interface FailedEntry {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

const readTarget = (input: RequestInput): TargetRecord & { InputTransformer?: unknown } => {
  const sqsParameters = input.structure("SqsParameters");
  return {
    Id: input.string("Id", { required: true, min: 1, max: 64, pattern: NAME_PATTERN }),
    Arn: input.string("Arn", { required: true, min: 1, max: 1600 }),
    RoleArn: input.string("RoleArn", { min: 1, max: 1600 }),
    Input: input.string("Input", { max: 8192 }),
    InputPath: input.string("InputPath", { max: 256 }),
    InputTransformer: input.json("InputTransformer"),
    SqsParameters: sqsParameters ? { MessageGroupId: sqsParameters.string("MessageGroupId") } : undefined,
    DeadLetterConfig: input.json("DeadLetterConfig") as TargetRecord["DeadLetterConfig"],
    RetryPolicy: input.json("RetryPolicy") as TargetRecord["RetryPolicy"],
  };
};

/** Why this target cannot be stored, in AWS's words where AWS has them; undefined when it is fine. */
const targetProblem = (target: TargetRecord & { InputTransformer?: unknown }): string | undefined => {
  const inputKinds = [target.Input, target.InputPath, target.InputTransformer].filter((value) => value !== undefined).length;
  if (inputKinds > 1) return `Only one of Input, InputPath, or InputTransformer must be provided for target ${target.Id}.`;
  if (target.InputTransformer !== undefined) return "InputTransformer is not supported by this EventBridge emulator.";
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      return "Parameter Input is not valid. Reason: Input must be valid JSON.";
    }
  }
  if (target.InputPath !== undefined && !parseInputPath(target.InputPath)) {
    return `Parameter InputPath is not valid. Reason: ${target.InputPath} is not a valid JSONPath.`;
  }
  if (!parseArn(target.Arn)) return `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`;
  const queue = parseSqsQueueArn(target.Arn);
  if (!queue) return `Target ${target.Arn} is not supported by this EventBridge emulator: only SQS queue targets are.`;
  if (queue.queueName.endsWith(".fifo") && !target.SqsParameters?.MessageGroupId) {
    return `Parameter(s) SqsParameters must be specified for target: ${target.Id}.`;
  }
  return undefined;
};

export const putTargets: Operation = async (input, context) => {
  const ruleName = readRuleName(input, "Rule");
  const busNameOrArn = readBusName(input);
  const targets = (input.structures("Targets", { required: true, min: 1, max: 100 }) ?? []).map(readTarget);
  input.assertValid();
  const rule = existingRule(ruleName, existingBusName(busNameOrArn, context), context);

  const failed: FailedEntry[] = [];
  const accepted = new Map<string, TargetRecord>();
  for (const candidate of targets) {
    const problem = targetProblem(candidate);
    const { InputTransformer: _unsupported, ...target } = candidate;
    if (problem) failed.push({ TargetId: target.Id, ErrorCode: "ValidationException", ErrorMessage: problem });
    else accepted.set(target.Id, target);
  }
  const ids = new Set([...rule.targets.map((target) => target.Id), ...accepted.keys()]);
  if (ids.size > MAX_TARGETS_PER_RULE) throw limitExceeded("The requested resource exceeds the maximum number allowed.");

  rule.targets = [...rule.targets.filter((target) => !accepted.has(target.Id)), ...accepted.values()];
  if (accepted.size > 0) await context.state.save();
  return { FailedEntryCount: failed.length, FailedEntries: failed };
};

/** Ids that name no target are not errors on AWS: removal is idempotent. */
export const removeTargets: Operation = async (input, context) => {
  const ruleName = readRuleName(input, "Rule");
  const busNameOrArn = readBusName(input);
  const ids = input.strings("Ids", { required: true, min: 1, max: 100 }) ?? [];
  input.boolean("Force");
  input.assertValid();
  const rule = existingRule(ruleName, existingBusName(busNameOrArn, context), context);
  const removing = new Set(ids);
  const kept = rule.targets.filter((target) => !removing.has(target.Id));
  if (kept.length !== rule.targets.length) {
    rule.targets = kept;
    await context.state.save();
  }
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const listTargetsByRule: Operation = (input, context) => {
  const ruleName = readRuleName(input, "Rule");
  const busNameOrArn = readBusName(input);
  const paging = readPaging(input);
  input.assertValid();
  const busName = existingBusName(busNameOrArn, context);
  const rule = existingRule(ruleName, busName, context);
  const page = paginate(rule.targets, paging, context.pageTokens, ["ListTargetsByRule", busName, ruleName]);
  return { Targets: page.items, NextToken: page.nextToken };
};
