// Delivery to SQS: retried with backoff when the queue is not there yet, logged when it never appears, and quick when it is.
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgeHarness } from "./helpers/harness.js";
import { patternFor, sessionEnded } from "./helpers/factories.js";

let harness: EventBridgeHarness;

beforeEach(async () => {
  harness = await EventBridgeHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const ruleToArn = async (name: string, queueArn: string): Promise<void> => {
  await harness.eventBridge.send(new PutRuleCommand({ Name: name, EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]) }));
  await harness.eventBridge.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: "q", Arn: queueArn }] }));
};

describe("delivery", () => {
  it("retries a send until the queue exists", async () => {
    // Prepare: the target names a queue that fauxqs does not have yet.
    await ruleToArn("late", "arn:aws:sqs:us-east-1:000000000000:late-queue");

    // Act: PutEvents answers once the first attempt has failed; the queue appears at once, well inside the retries'
    // backoff (about 750 ms), which a wait here would only eat into on a busy machine.
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded()] }));
    const queue = harness.createQueue("late-queue");

    // Assess
    expect(await harness.receive(queue, 1)).toHaveLength(1);
    expect(harness.logs.filter((line) => line.includes("giving up"))).toEqual([]);
  });

  it("delivers details holding U+FFFE, U+FFFF and emoji, which SQS refuses raw, with their text intact", async () => {
    const queue = harness.createQueue("odd-characters");
    await ruleToArn("odd", queue.queueArn);
    const entry = sessionEnded();
    const detail = { ...(JSON.parse(entry.Detail ?? "{}") as Record<string, unknown>), note: "a\uFFFEb\uFFFFc 😀" };

    await harness.eventBridge.send(new PutEventsCommand({ Entries: [{ ...entry, Detail: JSON.stringify(detail) }] }));

    const [event] = await harness.receiveEvents(queue, 1);
    expect(event?.detail).toMatchObject({ note: "a\uFFFEb\uFFFFc 😀" });
    expect(harness.logs.filter((line) => line.includes("giving up"))).toEqual([]);
  });

  it("gives up after a bounded number of attempts and logs it, without holding close() for long", { timeout: 30_000 }, async () => {
    await ruleToArn("never", "arn:aws:sqs:us-east-1:000000000000:never-created");
    const { Entries } = await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded()] }));

    const closing = Date.now();
    await harness.stopEmulator();

    // Bounded by the attempts' backoff, with room left for a busy machine.
    expect(Date.now() - closing).toBeLessThan(20_000);
    expect(harness.logs).toEqual([expect.stringMatching(new RegExp(`giving up on event ${Entries?.[0]?.EventId} .*never-created.* after 5 attempts`))]);
  });
});
