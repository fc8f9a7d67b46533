// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule.
import { ruleArn } from "../arns.js";
import { validationError } from "../errors.js";
import { EVENT_BUS_NAME_OR_ARN_PATTERN, NAME_PATTERN, type RequestInput } from "../requestInput.js";
import type { RuleRecord, RuleState } from "../types.js";
import { existingBusName, existingRule, type Operation, type OperationContext } from "./context.js";
import { byName, paginate, readPaging } from "./pagination.js";
import { validatePattern } from "./validatePattern.js";

const RULE_STATES: readonly RuleState[] = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

const readRuleName = (input: RequestInput, member = "Name"): string =>
  input.string(member, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });

const readBusName = (input: RequestInput): string | undefined =>
  input.string("EventBusName", { min: 1, max: 1600, pattern: EVENT_BUS_NAME_OR_ARN_PATTERN });

const describe = (rule: RuleRecord, context: OperationContext) => ({
  Name: rule.name,
  Arn: ruleArn(context.scope, rule.eventBusName, rule.name),
  EventPattern: rule.eventPattern,
  ScheduleExpression: rule.scheduleExpression,
  State: rule.state,
  Description: rule.description,
  RoleArn: rule.roleArn,
  EventBusName: rule.eventBusName,
});

/**
 * Creates or replaces a rule. As on AWS, members left out of an update are cleared rather than kept
 * (State falls back to ENABLED), while the rule's targets stay.
 */
export const putRule: Operation = async (input, context) => {
  const name = readRuleName(input);
  const scheduleExpression = input.string("ScheduleExpression", { max: 256 });
  const eventPattern = input.string("EventPattern", { max: 4096 });
  const state = input.string("State", { enum: RULE_STATES }) as RuleState | undefined;
  const description = input.string("Description", { max: 512 });
  const roleArn = input.string("RoleArn", { min: 1, max: 1600 });
  const busNameOrArn = readBusName(input);
  input.assertValid();

  const busName = existingBusName(busNameOrArn, context);
  if (eventPattern === undefined && scheduleExpression === undefined) {
    throw validationError("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  }
  if (scheduleExpression !== undefined) {
    if (busName !== "default") throw validationError("ScheduleExpression is supported only on the default event bus.");
    if (!/^(rate|cron)\(.+\)$/.test(scheduleExpression)) throw validationError("Parameter ScheduleExpression is not valid.");
  }
  if (eventPattern !== undefined) validatePattern(eventPattern);

  const rules = context.state.rulesOf(busName);
  const existing = rules.get(name);
  rules.set(name, {
    name,
    eventBusName: busName,
    eventPattern,
    scheduleExpression,
    state: state ?? "ENABLED",
    description,
    roleArn,
    targets: existing?.targets ?? [],
  });
  await context.state.save();
  return { RuleArn: ruleArn(context.scope, busName, name) };
};

export const describeRule: Operation = (input, context) => {
  const name = readRuleName(input);
  const busNameOrArn = readBusName(input);
  input.assertValid();
  const busName = existingBusName(busNameOrArn, context);
  return { ...describe(existingRule(name, busName, context), context), CreatedBy: context.scope.accountId };
};

export const listRules: Operation = (input, context) => {
  const prefix = input.string("NamePrefix", { min: 1, max: 64, pattern: NAME_PATTERN }) ?? "";
  const busNameOrArn = readBusName(input);
  const paging = readPaging(input);
  input.assertValid();
  const busName = existingBusName(busNameOrArn, context);
  const rules = [...context.state.rulesOf(busName).values()].filter((rule) => rule.name.startsWith(prefix)).sort(byName);
  const page = paginate(rules, paging, context.pageTokens, ["ListRules", busName, prefix]);
  return { Rules: page.items.map((rule) => describe(rule, context)), NextToken: page.nextToken };
};

/** Deleting a missing rule succeeds (AWS is idempotent here); a rule that still has targets cannot be deleted. */
export const deleteRule: Operation = async (input, context) => {
  const name = readRuleName(input);
  const busNameOrArn = readBusName(input);
  const force = input.boolean("Force");
  input.assertValid();
  const busName = existingBusName(busNameOrArn, context);
  const rules = context.state.rulesOf(busName);
  const rule = rules.get(name);
  if (!rule) return {};
  if (rule.targets.length > 0 && !force) throw validationError("Rule can't be deleted since it has targets.");
  rules.delete(name);
  await context.state.save();
  return {};
};

const setRuleState =
  (state: RuleState): Operation =>
  async (input, context) => {
    const name = readRuleName(input);
    const busNameOrArn = readBusName(input);
    input.assertValid();
    const rule = existingRule(name, existingBusName(busNameOrArn, context), context);
    rule.state = state;
    await context.state.save();
    return {};
  };

export const enableRule: Operation = setRuleState("ENABLED");
export const disableRule: Operation = setRuleState("DISABLED");

export { readBusName, readRuleName };
