// The local cloud end to end: routing by the topology, partial batch failures, dead letters, replay and restarts.
import { CreateArchiveCommand, DescribeArchiveCommand, DescribeReplayCommand, PutEventsCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { ReceiveMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { PutItemCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { manualClock } from "@innerworld/platform/clock";
import { FAILURE_ATTRIBUTES, SqsDeadLetterSink } from "@innerworld/platform/runtime";
import {
  EVENT_CATALOG,
  EventPublisher,
  liveConsumersOf,
  consumingServices,
  createEventConsumer,
  type ConsumedEvent,
  type EventHandlers,
  type ServiceName,
} from "@innerworld/events";
import { afterEach, describe, expect, it } from "vitest";
import type { SqsHandler } from "@innerworld/local";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { messageReceived, transcriptReady } from "@innerworld/testing/factories";

type Seen = { service: ServiceName; event: ConsumedEvent };

/** Handlers that record what each service received, through the real consumer. */
const recordingHandlers = (seen: Seen[], fail?: (service: ServiceName, event: ConsumedEvent) => boolean) => {
  const overrides: Partial<Record<ServiceName, SqsHandler>> = {};
  const sinks = new Map<ServiceName, SqsDeadLetterSink>();
  for (const topology of consumingServices()) {
    const handlers: EventHandlers = {};
    for (const subscription of topology.consumes) {
      (handlers as Record<string, (e: ConsumedEvent) => Promise<void>>)[subscription.eventType] = async (event) => {
        seen.push({ service: topology.service, event });
        if (fail?.(topology.service, event)) throw new Error(`refusing ${event.envelope.metadata.eventId}`);
      };
    }
    overrides[topology.service] = (batch, context) =>
      createEventConsumer({ service: topology.service, handlers, ...(sinks.get(topology.service) ? { deadLetters: sinks.get(topology.service) } : {}) })(batch, context);
  }
  return { overrides, sinks };
};

describe("local cloud", () => {
  let env: TestCloud | undefined;
  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  it("delivers an event to exactly the services whose rules match it", async () => {
    const seen: Seen[] = [];
    // No turn deadline: the watchdog's copy of MessageReceived is due at once, like every other service's.
    env = await startTestCloud({ handlerOverrides: recordingHandlers(seen).overrides, turnDeadlineSeconds: 0 });
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "gateway" });
    const [published] = await publisher.publish(messageReceived());
    const eventId = published!.metadata.eventId;

    await until(() => seen.filter((s) => s.event.envelope.metadata.eventId === eventId).length >= liveConsumersOf("MessageReceived").length || undefined, "both consumers");
    // Give any wrongly matching rule time to deliver too before asserting nobody else saw it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const receivers = seen.filter((s) => s.event.envelope.metadata.eventId === eventId).map((s) => s.service).sort();
    // Storage takes MessageReceived only from replays: the gateway keeps the user's message itself.
    expect(receivers).toEqual(["safety", "watchdog"]);
    expect(seen.find((s) => s.service === "safety")?.event.envelope.data).toMatchObject({ content: "I have a math test on Friday and I'm nervous" });
  });

  it("delivers emoji and other characters beyond the Basic Multilingual Plane intact", async () => {
    const seen: Seen[] = [];
    env = await startTestCloud({ handlerOverrides: recordingHandlers(seen).overrides });
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "gateway" });
    const content = "made varsity!!! 😭🎉⚽ 𝒴𝑒𝓈";
    const [published] = await publisher.publish(messageReceived({ content }));
    const delivered = await until(() => seen.find((s) => s.service === "safety" && s.event.envelope.metadata.eventId === published!.metadata.eventId), "delivery");
    expect((delivered.event.envelope.data as { content: string }).content).toBe(content);
  });

  it("routes by content: a crisis verdict goes to the notifier and storage, an allowed one to generation only", async () => {
    const seen: Seen[] = [];
    env = await startTestCloud({ handlerOverrides: recordingHandlers(seen).overrides });
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "safety" });
    const base = messageReceived().data;
    const screened = (action: "allow" | "crisis") => ({
      type: "MessageScreened" as const,
      correlationId: base.messageId,
      userId: "user-alex",
      sessionId: base.sessionId,
      data: { messageId: base.messageId, sessionId: base.sessionId, seq: 1, personaId: "companion", stream: false, verdict: { action, categories: [] } },
    });
    const [allowed, crisis] = await publisher.publish(screened("allow"), screened("crisis"));
    const whoSaw = (id: string) => seen.filter((s) => s.event.envelope.metadata.eventId === id).map((s) => s.service).sort();
    await until(() => (whoSaw(allowed!.metadata.eventId).length >= 1 && whoSaw(crisis!.metadata.eventId).length >= 2) || undefined, "screened events");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(whoSaw(allowed!.metadata.eventId)).toEqual(["generation"]);
    expect(whoSaw(crisis!.metadata.eventId)).toEqual(["notifier", "storage"]);
  });

  it("retries only the failed record of a batch and dead-letters it with its reason after maxReceiveCount", { timeout: 60_000 }, async () => {
    const seen: Seen[] = [];
    const poison = "I will fail every time";
    const { overrides, sinks } = recordingHandlers(seen, (service, event) => service === "safety" && (event.envelope.data as { content?: string }).content === poison);
    env = await startTestCloud({ handlerOverrides: overrides });
    const queues = env.cloud.endpoints.queues.safety!;
    sinks.set("safety", new SqsDeadLetterSink(env.sqs, queues.deadLetterQueueUrl));
    // Shorten the visibility timeout through the SQS API, as an operator would, so the retry comes quickly; not so short
    // that a busy machine, slow to delete the good record after handling it, would see it handed out again.
    await env.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queues.queueUrl, Attributes: { VisibilityTimeout: "3" } }));

    // One PutEvents call, so both records are likely to share a batch; the assertions hold either way.
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "gateway" });
    const [good, bad] = await publisher.publish(messageReceived({ content: "hello there" }), messageReceived({ content: poison }));
    const safetySaw = (id: string) => seen.filter((s) => s.service === "safety" && s.event.envelope.metadata.eventId === id);

    const maxReceiveCount = consumingServices().find((t) => t.service === "safety")!.queue.maxReceiveCount;
    await until(() => safetySaw(bad!.metadata.eventId).length >= maxReceiveCount || undefined, "the poison record's retries", 30_000);
    const deadLetter = await until(async () => {
      const received = await env!.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MessageAttributeNames: ["All"], WaitTimeSeconds: 1 }));
      return received.Messages?.[0];
    }, "the dead letter", 20_000);

    expect(safetySaw(good!.metadata.eventId)).toHaveLength(1);
    expect(safetySaw(bad!.metadata.eventId).map((s) => s.event.receiveCount)).toEqual([1, 2, 3].slice(0, maxReceiveCount));
    expect(JSON.parse(deadLetter.Body ?? "{}").detail.metadata.eventId).toBe(bad!.metadata.eventId);
    expect(deadLetter.MessageAttributes?.[FAILURE_ATTRIBUTES.message]?.StringValue).toContain("refusing");
    expect(deadLetter.MessageAttributes?.[FAILURE_ATTRIBUTES.service]?.StringValue).toBe("safety");
  });

  it("dead-letters a record that fails validation at once, without failing its neighbours", async () => {
    const seen: Seen[] = [];
    const { overrides, sinks } = recordingHandlers(seen);
    env = await startTestCloud({ handlerOverrides: overrides });
    const queues = env.cloud.endpoints.queues.safety!;
    sinks.set("safety", new SqsDeadLetterSink(env.sqs, queues.deadLetterQueueUrl));
    const valid = messageReceived();
    const invalidDetail = { metadata: { eventId: "not-a-uuid", version: 1 }, data: { content: "" } };
    await env.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: "innerworld", Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: JSON.stringify(invalidDetail) },
          {
            EventBusName: "innerworld",
            Source: "innerworld.gateway",
            DetailType: "MessageReceived",
            Detail: JSON.stringify({ metadata: { eventId: crypto.randomUUID(), version: 1, occurredAt: new Date().toISOString(), correlationId: valid.correlationId, userId: valid.userId, producer: "gateway" }, data: valid.data }),
          },
        ],
      }),
    );
    const deadLetter = await until(async () => {
      const received = await env!.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MessageAttributeNames: ["All"], WaitTimeSeconds: 1 }));
      return received.Messages?.[0];
    }, "the dead letter");
    await until(() => seen.some((s) => s.service === "safety") || undefined, "the valid record");
    expect(deadLetter.MessageAttributes?.[FAILURE_ATTRIBUTES.code]?.StringValue).toBe("EVENT_VALIDATION_FAILED");
    expect(deadLetter.MessageAttributes?.[FAILURE_ATTRIBUTES.message]?.StringValue).toContain("eventId");
    expect(seen.filter((s) => s.service === "safety")).toHaveLength(1);
  });

  it("replays archived events only into the rules named in FilterArns, marked with replay-name", async () => {
    const seen: Seen[] = [];
    env = await startTestCloud({ handlerOverrides: recordingHandlers(seen).overrides });
    const start = new Date(Date.now() - 1000);
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "storage" });
    const [transcript] = await publisher.publish(transcriptReady());
    const id = transcript!.metadata.eventId;
    await until(() => seen.some((s) => s.event.envelope.metadata.eventId === id) || undefined, "live delivery");
    const gatewayPublisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "gateway" });
    const [live] = await gatewayPublisher.publish(messageReceived());
    // Safety has it at once (the watchdog's copy is due only at the turn deadline, storage's only on a replay).
    await until(() => seen.some((s) => s.service === "safety" && s.event.envelope.metadata.eventId === live!.metadata.eventId) || undefined, "live message");
    seen.length = 0;

    const archiveArn = `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`;
    const busArn = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";
    const { ruleArns } = env.cloud.endpoints;
    await env.eventBridge.send(
      new StartReplayCommand({
        ReplayName: "rebuild-graphs",
        EventSourceArn: archiveArn,
        EventStartTime: start,
        EventEndTime: new Date(Date.now() + 1000),
        Destination: { Arn: busArn, FilterArns: [ruleArns["graph-extraction"]!, ruleArns.notifier!, ruleArns.safety!] },
      }),
    );
    await until(async () => (await env!.eventBridge.send(new DescribeReplayCommand({ ReplayName: "rebuild-graphs" }))).State === "COMPLETED" || undefined, "replay completion");
    await until(() => seen.some((s) => s.service === "graph-extraction") || undefined, "replayed delivery");
    await new Promise((resolve) => setTimeout(resolve, 300));

    // graph-extraction accepts replays; safety and notifier exclude them in their patterns; storage was not in FilterArns.
    expect(seen.map((s) => s.service)).toEqual(["graph-extraction"]);
    expect(seen[0]?.event.replayName).toBe("rebuild-graphs");
    expect(seen[0]?.event.envelope.metadata.eventId).toBe(id);
  });

  it("runs the event archive on the cloud's clock: its creation time, the time of events put without one, and retention", async () => {
    // Prepare: a cloud on 1 March 2026 (no services: only the bus matters here) with a 7-day archive of its bus.
    const clock = manualClock("2026-03-01T00:00:00Z");
    env = await startTestCloud({ services: [], clock });
    const busArn = `arn:aws:events:us-east-1:000000000000:event-bus/${env.cloud.endpoints.busName}`;
    await env.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: busArn, RetentionDays: 7 }));
    const describeWeek = () => env!.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));

    // Act: an event put without a Time on 1 March, the archive read on 7 March (six days on) and on 9 March (eight).
    await env.eventBridge.send(new PutEventsCommand({ Entries: [{ EventBusName: env.cloud.endpoints.busName, Source: "innerworld.test", DetailType: "Clocked", Detail: "{}" }] }));
    clock.set("2026-03-07T00:00:00Z");
    const on7March = await describeWeek();
    clock.set("2026-03-09T00:00:00Z");
    const on9March = await describeWeek();
    const cloudArchive = await env.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: env.cloud.endpoints.archiveName }));

    // Assess
    expect(on7March).toMatchObject({ CreationTime: new Date("2026-03-01T00:00:00Z"), EventCount: 1 });
    expect(on9March.EventCount).toBe(0);
    expect(cloudArchive).toMatchObject({ CreationTime: new Date("2026-03-01T00:00:00Z"), EventCount: 1 });
  });

  it("keeps DynamoDB data and the event archive across a stop and start", async () => {
    env = await startTestCloud();
    const { dataDir } = env;
    const table = `${env.cloud.endpoints.tablePrefix}-sessions`;
    await env.dynamodb.send(new PutItemCommand({ TableName: table, Item: { sessionId: { S: "kept" }, userId: { S: "u" }, startedAt: { S: "2026-11-22T00:00:00Z" } } }));
    const publisher = new EventPublisher({ client: env.eventBridge, busName: "innerworld", producer: "storage" });
    const before = new Date(Date.now() - 1000);
    await publisher.publish(transcriptReady());
    await env.stop({ keepData: true });

    const seen: Seen[] = [];
    env = await startTestCloud({ dataDir, handlerOverrides: recordingHandlers(seen).overrides });
    const item = await env.dynamodb.send(new GetItemCommand({ TableName: table, Key: { sessionId: { S: "kept" } } }));
    expect(item.Item?.userId?.S).toBe("u");
    await env.eventBridge.send(
      new StartReplayCommand({
        ReplayName: "after-restart",
        EventSourceArn: `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`,
        EventStartTime: before,
        EventEndTime: new Date(),
        Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/innerworld", FilterArns: [env.cloud.endpoints.ruleArns["graph-extraction"]!] },
      }),
    );
    const replayed = await until(() => seen.find((s) => s.service === "graph-extraction"), "replay after restart");
    expect(replayed.event.replayName).toBe("after-restart");
    expect(Object.keys(EVENT_CATALOG)).toContain(replayed.event.envelope.type);
  });
});
