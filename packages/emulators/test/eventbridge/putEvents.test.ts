// PutEvents through the real SDK: routing to exactly the matching queues, the delivered event's shape, per-entry and request-level errors.
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, DisableRuleCommand } from "@aws-sdk/client-eventbridge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgeHarness, type TestQueue } from "./helpers/harness.js";
import { messageReceived, patternFor, sessionEnded } from "./helpers/factories.js";

let harness: EventBridgeHarness;

beforeEach(async () => {
  harness = await EventBridgeHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const ruleToQueue = async (name: string, pattern: string, queue: TestQueue, eventBusName?: string): Promise<string> => {
  const { RuleArn } = await harness.eventBridge.send(new PutRuleCommand({ Name: name, EventPattern: pattern, EventBusName: eventBusName }));
  const { FailedEntryCount } = await harness.eventBridge.send(
    new PutTargetsCommand({ Rule: name, EventBusName: eventBusName, Targets: [{ Id: `${name}-queue`, Arn: queue.queueArn }] }),
  );
  expect(FailedEntryCount).toBe(0);
  return RuleArn ?? "";
};

describe("PutEvents routing", () => {
  it("delivers each event to exactly the queues whose rules match", async () => {
    // Prepare
    const safety = harness.createQueue("safety");
    const storage = harness.createQueue("storage");
    const notifier = harness.createQueue("notifier");
    await ruleToQueue("safety-consumes", patternFor("innerworld.gateway", ["MessageReceived"]), safety);
    await ruleToQueue("storage-consumes", patternFor("innerworld.gateway", ["MessageReceived", "SessionEnded"]), storage);
    await ruleToQueue("notifier-consumes", patternFor("innerworld.safety", ["MessageScreened"]), notifier);

    // Act
    const result = await harness.eventBridge.send(new PutEventsCommand({ Entries: [messageReceived(), sessionEnded()] }));

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    const toSafety = await harness.receiveEvents(safety, 1);
    const toStorage = await harness.receiveEvents(storage, 2);
    expect(toSafety.map((event) => event["detail-type"])).toEqual(["MessageReceived"]);
    expect(toStorage.map((event) => event["detail-type"]).sort()).toEqual(["MessageReceived", "SessionEnded"]);
    await harness.stopEmulator(); // waits for every delivery, so nothing else can still arrive
    expect(await harness.drain(notifier)).toEqual([]);
    expect(await harness.drain(safety)).toEqual([]);
    expect(await harness.drain(storage)).toEqual([]);
  });

  it("sends the full AWS event JSON, with the entry's time to the second", async () => {
    // Prepare
    const queue = harness.createQueue("shape");
    await ruleToQueue("shape-rule", patternFor("innerworld.gateway", ["MessageReceived"]), queue);
    const entry = messageReceived({ Time: new Date("2026-01-02T03:04:05.678Z"), Resources: ["arn:aws:dynamodb:us-east-1:000000000000:table/sessions"] });

    // Act
    const { Entries } = await harness.eventBridge.send(new PutEventsCommand({ Entries: [entry] }));

    // Assess
    const [event] = await harness.receiveEvents(queue, 1);
    expect(event).toBeDefined();
    expect(Object.keys(event ?? {})).toEqual(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]);
    expect(event).toEqual({
      version: "0",
      id: Entries?.[0]?.EventId,
      "detail-type": "MessageReceived",
      source: "innerworld.gateway",
      account: "000000000000",
      time: "2026-01-02T03:04:05Z",
      region: "us-east-1",
      resources: ["arn:aws:dynamodb:us-east-1:000000000000:table/sessions"],
      detail: JSON.parse(entry.Detail ?? "{}") as unknown,
    });
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("stamps events without Time with the put time, no milliseconds", async () => {
    const queue = harness.createQueue("now");
    await ruleToQueue("now-rule", patternFor("innerworld.gateway", ["SessionEnded"]), queue);
    const before = Math.floor(Date.now() / 1000) * 1000;

    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded()] }));

    const [event] = await harness.receiveEvents(queue, 1);
    expect(event?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(event?.time ?? "")).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event?.time ?? "")).toBeLessThanOrEqual(Date.now());
  });

  it("routes events on a custom bus only to that bus's rules, and sends a target's Input instead of the event", async () => {
    // Prepare
    await harness.eventBridge.send(new CreateEventBusCommand({ Name: "innerworld" }));
    const onCustom = harness.createQueue("on-custom");
    const onDefault = harness.createQueue("on-default");
    const constant = harness.createQueue("constant");
    const pattern = patternFor("innerworld.gateway", ["MessageReceived"]);
    const customRuleArn = await ruleToQueue("custom-rule", pattern, onCustom, "innerworld");
    await ruleToQueue("default-rule", pattern, onDefault);
    await harness.eventBridge.send(new PutRuleCommand({ Name: "with-input", EventPattern: pattern, EventBusName: "innerworld" }));
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: "with-input", EventBusName: "innerworld", Targets: [{ Id: "c", Arn: constant.queueArn, Input: '{"fixed":true}' }] }),
    );

    // Act
    await harness.eventBridge.send(
      new PutEventsCommand({ Entries: [messageReceived({ EventBusName: "arn:aws:events:us-east-1:000000000000:event-bus/innerworld" })] }),
    );

    // Assess
    expect(customRuleArn).toBe("arn:aws:events:us-east-1:000000000000:rule/innerworld/custom-rule");
    expect(await harness.receiveEvents(onCustom, 1)).toHaveLength(1);
    expect(await harness.receive(constant, 1)).toEqual(['{"fixed":true}']);
    await harness.stopEmulator();
    expect(await harness.drain(onDefault)).toEqual([]);
  });

  it("does not deliver to disabled rules", async () => {
    const enabled = harness.createQueue("enabled");
    const disabled = harness.createQueue("disabled");
    const pattern = patternFor("innerworld.gateway", ["SessionEnded"]);
    await ruleToQueue("enabled-rule", pattern, enabled);
    await ruleToQueue("disabled-rule", pattern, disabled);
    await harness.eventBridge.send(new DisableRuleCommand({ Name: "disabled-rule" }));

    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded()] }));

    expect(await harness.receive(enabled, 1)).toHaveLength(1);
    await harness.stopEmulator();
    expect(await harness.drain(disabled)).toEqual([]);
  });

  it("accepts events for a bus that does not exist and drops them, as AWS does", async () => {
    const { FailedEntryCount, Entries } = await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: "no-such-bus" })] }));

    expect(FailedEntryCount).toBe(0);
    expect(Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(harness.logs.some((line) => line.includes("no-such-bus"))).toBe(true);
  });
});

describe("PutEvents validation", () => {
  it("fails bad entries one by one with HTTP 200, FailedEntryCount and AWS's codes", async () => {
    // Prepare
    const queue = harness.createQueue("partial");
    await ruleToQueue("partial-rule", JSON.stringify({ source: [{ prefix: "innerworld." }] }), queue);
    const entries = [
      messageReceived(),
      messageReceived({ Source: undefined }),
      messageReceived({ DetailType: undefined }),
      messageReceived({ Detail: undefined }),
      messageReceived({ Detail: "[1, 2]" }),
      messageReceived({ Detail: "{not json" }),
      messageReceived({ Source: "aws.ec2" }),
      sessionEnded(),
    ];

    // Act
    const result = await harness.eventBridge.send(new PutEventsCommand({ Entries: entries }));

    // Assess
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries).toEqual([
      { EventId: expect.any(String) },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument." },
      { ErrorCode: "InvalidArgument", ErrorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
      { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." },
      { EventId: expect.any(String) },
    ]);
    const delivered = await harness.receiveEvents(queue, 2);
    expect(delivered.map((event) => event.id).sort()).toEqual([result.Entries?.[0]?.EventId, result.Entries?.[7]?.EventId].sort());
  });

  it("rejects more than 10 entries, and none, with an AWS-shaped ValidationException", async () => {
    const tooMany = Array.from({ length: 11 }, () => sessionEnded());

    const eleven = await harness.eventBridge.send(new PutEventsCommand({ Entries: tooMany })).catch((error: unknown) => error);
    const none = await harness.eventBridge.send(new PutEventsCommand({ Entries: [] })).catch((error: unknown) => error);

    expect(eleven).toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
      message: expect.stringMatching(/^1 validation error detected: Value '.*' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/s),
    });
    expect(none).toMatchObject({ name: "ValidationException", message: expect.stringContaining("Member must have length greater than or equal to 1") });
  });

  it("counts entry size as AWS documents: 256 KB in total is accepted, one byte more is not", async () => {
    // Source (1) + DetailType (1) + Time (14) + Detail make up the size; Detail is a JSON object padded to fit.
    const detailOfSize = (bytes: number): string => JSON.stringify({ pad: "x".repeat(bytes - '{"pad":""}'.length) });
    const entry = (detailBytes: number) => ({ Source: "s", DetailType: "d", Time: new Date(), Detail: detailOfSize(detailBytes) });
    const limit = 256 * 1024;

    const atLimit = await harness.eventBridge.send(new PutEventsCommand({ Entries: [entry(limit - 16)] }));
    const overLimit = await harness.eventBridge
      .send(new PutEventsCommand({ Entries: [entry((limit - 16) / 2), entry((limit - 16) / 2 + 1)] }))
      .catch((error: unknown) => error);

    expect(atLimit.FailedEntryCount).toBe(0);
    expect(overLimit).toMatchObject({ name: "ValidationException", message: "Total size of the entries in the request is over the limit." });
  });
});
