// Rules, targets and TestEventPattern through the real SDK, including the errors AWS returns for them.
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EnableRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgeHarness } from "./helpers/harness.js";
import { NO_REPLAYS, patternFor } from "./helpers/factories.js";

let harness: EventBridgeHarness;

beforeEach(async () => {
  harness = await EventBridgeHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const fullEvent = (overrides: Record<string, unknown> = {}) => ({
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "MessageScreened",
  source: "innerworld.safety",
  account: "000000000000",
  time: "2026-01-01T00:00:00Z",
  region: "us-east-1",
  resources: [],
  detail: { data: { verdict: "allowed" } },
  ...overrides,
});

describe("PutRule and friends", () => {
  it("returns AWS's rule ARNs and describes, lists and filters rules", async () => {
    // Prepare
    await harness.eventBridge.send(new CreateEventBusCommand({ Name: "innerworld" }));

    // Act
    const onDefault = await harness.eventBridge.send(new PutRuleCommand({ Name: "safety-input", EventPattern: patternFor("innerworld.gateway", ["MessageReceived"]) }));
    const onCustom = await harness.eventBridge.send(
      new PutRuleCommand({ Name: "notifier-blocked", EventBusName: "innerworld", EventPattern: patternFor("innerworld.safety", ["MessageScreened"], NO_REPLAYS), Description: "crisis path", State: "DISABLED" }),
    );
    await harness.eventBridge.send(new PutRuleCommand({ Name: "storage-all", EventBusName: "innerworld", EventPattern: JSON.stringify({ source: [{ prefix: "innerworld." }] }) }));
    const described = await harness.eventBridge.send(new DescribeRuleCommand({ Name: "notifier-blocked", EventBusName: "innerworld" }));
    const listed = await harness.eventBridge.send(new ListRulesCommand({ EventBusName: "innerworld", NamePrefix: "notifier" }));
    const paged = await harness.eventBridge.send(new ListRulesCommand({ EventBusName: "innerworld", Limit: 1 }));
    const nextPage = await harness.eventBridge.send(new ListRulesCommand({ EventBusName: "innerworld", Limit: 1, NextToken: paged.NextToken }));

    // Assess
    expect(onDefault.RuleArn).toBe("arn:aws:events:us-east-1:000000000000:rule/safety-input");
    expect(onCustom.RuleArn).toBe("arn:aws:events:us-east-1:000000000000:rule/innerworld/notifier-blocked");
    expect(described).toMatchObject({
      Name: "notifier-blocked",
      Arn: onCustom.RuleArn,
      State: "DISABLED",
      Description: "crisis path",
      EventBusName: "innerworld",
      EventPattern: patternFor("innerworld.safety", ["MessageScreened"], NO_REPLAYS),
    });
    expect(listed.Rules?.map((rule) => rule.Name)).toEqual(["notifier-blocked"]);
    expect(paged.Rules?.map((rule) => rule.Name)).toEqual(["notifier-blocked"]);
    expect(nextPage.Rules?.map((rule) => rule.Name)).toEqual(["storage-all"]);
    expect(nextPage.NextToken).toBeUndefined();
  });

  it("rejects an invalid pattern with InvalidEventPatternException", async () => {
    const error = await harness.eventBridge.send(new PutRuleCommand({ Name: "broken", EventPattern: '{"source": "not-an-array"}' })).catch((e: unknown) => e);
    const notJson = await harness.eventBridge.send(new PutRuleCommand({ Name: "broken", EventPattern: "{source" })).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "InvalidEventPatternException", $metadata: { httpStatusCode: 400 }, message: expect.stringMatching(/^Event pattern is not valid\. Reason: /) });
    expect(notJson).toMatchObject({ name: "InvalidEventPatternException" });
    const listed = await harness.eventBridge.send(new ListRulesCommand({}));
    expect(listed.Rules).toEqual([]);
  });

  it("answers ResourceNotFoundException for unknown buses and rules, ValidationException for bad names", async () => {
    const noBus = await harness.eventBridge.send(new PutRuleCommand({ Name: "r", EventBusName: "missing", EventPattern: "{}" })).catch((e: unknown) => e);
    const noRule = await harness.eventBridge.send(new DescribeRuleCommand({ Name: "missing" })).catch((e: unknown) => e);
    const badName = await harness.eventBridge.send(new PutRuleCommand({ Name: "bad name!", EventPattern: patternFor("a", ["b"]) })).catch((e: unknown) => e);
    const noEnable = await harness.eventBridge.send(new EnableRuleCommand({ Name: "missing" })).catch((e: unknown) => e);

    expect(noBus).toMatchObject({ name: "ResourceNotFoundException", message: "Event bus missing does not exist." });
    expect(noRule).toMatchObject({ name: "ResourceNotFoundException", message: "Rule missing does not exist on EventBus default." });
    expect(badName).toMatchObject({
      name: "ValidationException",
      message: "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    expect(noEnable).toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses to delete a rule that still has targets, then deletes it once they are removed", async () => {
    // Prepare
    const queue = harness.createQueue("storage");
    await harness.eventBridge.send(new PutRuleCommand({ Name: "storage", EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]) }));
    await harness.eventBridge.send(new PutTargetsCommand({ Rule: "storage", Targets: [{ Id: "q", Arn: queue.queueArn }] }));

    // Act
    const refused = await harness.eventBridge.send(new DeleteRuleCommand({ Name: "storage" })).catch((e: unknown) => e);
    await harness.eventBridge.send(new RemoveTargetsCommand({ Rule: "storage", Ids: ["q"] }));
    await harness.eventBridge.send(new DeleteRuleCommand({ Name: "storage" }));
    await harness.eventBridge.send(new DeleteRuleCommand({ Name: "storage" })); // idempotent, as on AWS

    // Assess
    expect(refused).toMatchObject({ name: "ValidationException", message: "Rule can't be deleted since it has targets." });
    expect((await harness.eventBridge.send(new ListRulesCommand({}))).Rules).toEqual([]);
  });

  it("reports bad targets in FailedEntries and keeps the good ones", async () => {
    // Prepare
    const queue = harness.createQueue("good");
    await harness.eventBridge.send(new PutRuleCommand({ Name: "mixed", EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]) }));

    // Act
    const result = await harness.eventBridge.send(
      new PutTargetsCommand({
        Rule: "mixed",
        Targets: [
          { Id: "good", Arn: queue.queueArn, InputPath: "$.detail" },
          { Id: "not-an-arn", Arn: "queue-please" },
          { Id: "lambda", Arn: "arn:aws:lambda:us-east-1:000000000000:function:notify" },
          { Id: "both", Arn: queue.queueArn, Input: "{}", InputPath: "$.detail" },
        ],
      }),
    );
    const { Targets } = await harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: "mixed" }));

    // Assess
    expect(result.FailedEntryCount).toBe(3);
    expect(result.FailedEntries).toEqual([
      { TargetId: "not-an-arn", ErrorCode: "ValidationException", ErrorMessage: "Parameter queue-please is not valid. Reason: Provided Arn is not in correct format." },
      { TargetId: "lambda", ErrorCode: "ValidationException", ErrorMessage: expect.stringContaining("only SQS queue targets") },
      { TargetId: "both", ErrorCode: "ValidationException", ErrorMessage: "Only one of Input, InputPath, or InputTransformer must be provided for target both." },
    ]);
    expect(Targets).toEqual([{ Id: "good", Arn: queue.queueArn, InputPath: "$.detail" }]);
  });
});

describe("event buses", () => {
  it("always has the default bus, creates, lists and deletes custom ones", async () => {
    const created = await harness.eventBridge.send(new CreateEventBusCommand({ Name: "innerworld", Description: "chat events" }));
    const again = await harness.eventBridge.send(new CreateEventBusCommand({ Name: "innerworld" })).catch((e: unknown) => e);
    const listed = await harness.eventBridge.send(new ListEventBusesCommand({}));
    const described = await harness.eventBridge.send(new DescribeEventBusCommand({}));
    const deleteDefault = await harness.eventBridge.send(new DeleteEventBusCommand({ Name: "default" })).catch((e: unknown) => e);
    await harness.eventBridge.send(new DeleteEventBusCommand({ Name: "innerworld" }));
    const gone = await harness.eventBridge.send(new DescribeEventBusCommand({ Name: "innerworld" })).catch((e: unknown) => e);

    expect(created.EventBusArn).toBe("arn:aws:events:us-east-1:000000000000:event-bus/innerworld");
    expect(again).toMatchObject({ name: "ResourceAlreadyExistsException", message: "Event bus innerworld already exists." });
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(["default", "innerworld"]);
    expect(described).toMatchObject({ Name: "default", Arn: "arn:aws:events:us-east-1:000000000000:event-bus/default", CreationTime: expect.any(Date) });
    expect(deleteDefault).toMatchObject({ name: "ValidationException", message: "Cannot delete event bus default." });
    expect(gone).toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("TestEventPattern", () => {
  it("matches a full event against a pattern, replay-name included", async () => {
    const pattern = patternFor("innerworld.safety", ["MessageScreened"], NO_REPLAYS);

    const live = await harness.eventBridge.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(fullEvent()) }));
    const replayed = await harness.eventBridge.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(fullEvent({ "replay-name": "r1" })) }));
    const noResources = await harness.eventBridge.send(
      new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify({ ...fullEvent(), resources: undefined }) }),
    );

    expect(live.Result).toBe(true);
    expect(replayed.Result).toBe(false);
    expect(noResources.Result).toBe(true);
  });

  it("rejects an invalid pattern with InvalidEventPatternException and an incomplete event with ValidationException", async () => {
    const badPattern = await harness.eventBridge
      .send(new TestEventPatternCommand({ EventPattern: '{"detail": {"verdict": [{"prefix": 3}]}}', Event: JSON.stringify(fullEvent()) }))
      .catch((e: unknown) => e);
    const noId = await harness.eventBridge
      .send(new TestEventPatternCommand({ EventPattern: patternFor("a", ["b"]), Event: JSON.stringify({ ...fullEvent(), id: undefined }) }))
      .catch((e: unknown) => e);
    const notJson = await harness.eventBridge.send(new TestEventPatternCommand({ EventPattern: patternFor("a", ["b"]), Event: "{" })).catch((e: unknown) => e);

    expect(badPattern).toMatchObject({ name: "InvalidEventPatternException", $metadata: { httpStatusCode: 400 } });
    expect(noId).toMatchObject({ name: "ValidationException", message: "Parameter Event is not valid." });
    expect(notJson).toMatchObject({ name: "ValidationException", message: "Parameter Event is not valid." });
  });
});
