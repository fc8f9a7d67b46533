// One bad record never fails its neighbours; failures come back as partial batch failures or dead letters.
import { randomUUID } from "node:crypto";
import type { Context, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createEventConsumer, type DeadLetterSink, type FailureReason, type WorkLeftRunningContext } from "../src";

const context = { functionName: "test", awsRequestId: "r", getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/** An SQS record carrying an EventBridge event, as EventBridge's SQS target delivers it. */
const sqsRecordOf = (detailType: string, detail: unknown, receiveCount = 1): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: randomUUID(),
  body: JSON.stringify({ version: "0", id: randomUUID(), "detail-type": detailType, source: "innerworld.gateway", account: "000000000000", time: new Date().toISOString(), region: "us-east-1", resources: [], detail }),
  attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: "0", SenderId: "x", ApproximateFirstReceiveTimestamp: "0" },
  messageAttributes: {},
  md5OfBody: "",
  eventSource: "aws:sqs",
  eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:innerworld-safety",
  awsRegion: "us-east-1",
});

const receivedDetail = (content: string) => ({
  metadata: { eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(), correlationId: "m", userId: "u", producer: "gateway" },
  data: { messageId: "m", sessionId: "s", seq: 1, personaId: "companion", content, stream: false, receivedAt: new Date().toISOString() },
});

describe("createEventConsumer", () => {
  it("reports only the failing record, and handles the rest", async () => {
    const handled: string[] = [];
    const consume = createEventConsumer({
      service: "safety",
      handlers: {
        MessageReceived: async ({ envelope }) => {
          if (envelope.data.content === "boom") throw new Error("transient");
          handled.push(envelope.data.content);
        },
      },
    });
    const records = [sqsRecordOf("MessageReceived", receivedDetail("one")), sqsRecordOf("MessageReceived", receivedDetail("boom")), sqsRecordOf("MessageReceived", receivedDetail("three"))];
    const response = await consume({ Records: records }, context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }]);
    expect(handled.sort()).toEqual(["one", "three"]);
  });

  it("handles a batch's records one after another, in the order received, when asked to", async () => {
    const log: string[] = [];
    const handlers = {
      MessageReceived: async ({ envelope }: { envelope: { data: { content: string } } }) => {
        log.push(`start ${envelope.data.content}`);
        // In parallel, the other records start while this one waits here.
        await Promise.resolve();
        log.push(`end ${envelope.data.content}`);
      },
    };
    const records = () => ["first", "second", "third"].map((content) => sqsRecordOf("MessageReceived", receivedDetail(content)));

    await createEventConsumer({ service: "safety", handlers, inOrder: true })({ Records: records() }, context);
    expect(log).toEqual(["start first", "end first", "start second", "end second", "start third", "end third"]);

    log.length = 0;
    await createEventConsumer({ service: "safety", handlers })({ Records: records() }, context);
    expect(log.slice(0, 3)).toEqual(["start first", "start second", "start third"]);
  });

  it("dead-letters malformed and invalid records with their reasons instead of retrying them", async () => {
    const dead: FailureReason[] = [];
    const sink: DeadLetterSink = { send: async (_record, reason) => void dead.push(reason) };
    const consume = createEventConsumer({ service: "safety", handlers: { MessageReceived: async () => undefined }, deadLetters: sink });
    const notJson = { ...sqsRecordOf("MessageReceived", {}), body: "{not json" };
    const invalid = sqsRecordOf("MessageReceived", receivedDetail(""));
    const notOurs = sqsRecordOf("TranscriptReady", {
      metadata: { ...receivedDetail("x").metadata, producer: "storage" },
      data: { sessionId: "s", personaId: "companion", messageCount: 2, startedAt: new Date().toISOString(), endedAt: new Date().toISOString() },
    });
    const response = await consume({ Records: [notJson, invalid, notOurs] }, context);
    expect(response.batchItemFailures).toEqual([]);
    expect(dead.map((d) => d.code)).toEqual(["MALFORMED_EVENT", "EVENT_VALIDATION_FAILED", "UNKNOWN_EVENT_TYPE"]);
    expect(dead[1]!.message).toContain("content");
  });

  it("compensates and dead-letters on the last allowed receive", async () => {
    const compensated: string[] = [];
    const dead: FailureReason[] = [];
    const consume = createEventConsumer({
      service: "safety",
      handlers: { MessageReceived: async () => Promise.reject(new Error("model down")) },
      deadLetters: { send: async (_r, reason) => void dead.push(reason) },
      onExhausted: async (event) => void compensated.push(event.envelope.metadata.eventId),
    });
    const early = await consume({ Records: [sqsRecordOf("MessageReceived", receivedDetail("a"), 1)] }, context);
    expect(early.batchItemFailures).toHaveLength(1);
    const last = await consume({ Records: [sqsRecordOf("MessageReceived", receivedDetail("a"), 3)] }, context);
    expect(last.batchItemFailures).toHaveLength(0);
    expect(compensated).toHaveLength(1);
    expect(dead[0]).toMatchObject({ service: "safety", message: "model down", receiveCount: 3 });
  });

  it("ends a failure the saga expects with its compensation alone, on the first receive: no retry and no dead letter", async () => {
    const compensated: string[] = [];
    const dead: FailureReason[] = [];
    const personaGone = Object.assign(new Error("persona gone"), { code: "PERSONA_DELETED", retryable: false, deadLetter: false });
    const consume = createEventConsumer({
      service: "safety",
      handlers: { MessageReceived: async () => Promise.reject(personaGone) },
      deadLetters: { send: async (_r, reason) => void dead.push(reason) },
      onExhausted: async (event) => void compensated.push(event.envelope.metadata.eventId),
    });

    const result = await consume({ Records: [sqsRecordOf("MessageReceived", receivedDetail("a"), 1)] }, context);

    expect(result.batchItemFailures).toEqual([]);
    expect(compensated).toHaveLength(1);
    expect(dead).toEqual([]);
  });

  describe("a record still running as the function's timeout nears", () => {
    // Half a second left: the cut comes a fifth of it before the end, and the test waits that long, whatever the load.
    const shortContext = { ...context, getRemainingTimeInMillis: () => 500 } as Context;
    const hangOn = (hung: string) => async ({ envelope }: { envelope: { data: { content: string } } }) => {
      if (envelope.data.content === hung) await new Promise(() => undefined);
    };

    it("is reported failed alone, so the records that finished are not brought back with it", async () => {
      const handled: string[] = [];
      const consume = createEventConsumer({
        service: "safety",
        handlers: {
          MessageReceived: async (event) => {
            await hangOn("hangs")(event);
            handled.push(event.envelope.data.content);
          },
        },
      });
      const records = ["one", "hangs", "three"].map((content) => sqsRecordOf("MessageReceived", receivedDetail(content)));
      const response = await consume({ Records: records }, shortContext);
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }]);
      expect(handled.sort()).toEqual(["one", "three"]);
    });

    it("is told to a runtime that asks for work left running, once for the invocation however many records hung", async () => {
      const releases: (() => void)[] = [];
      const handlers = {
        MessageReceived: async ({ envelope }: { envelope: { data: { content: string } } }) => {
          if (envelope.data.content.startsWith("slow")) await new Promise<void>((resolve) => releases.push(resolve));
        },
      };
      const leftRunning: Promise<void>[] = [];
      const localContext: WorkLeftRunningContext = { ...shortContext, onWorkLeftRunning: (work) => void leftRunning.push(work) };
      const records = ["one", "slow-a", "slow-b", "four"].map((content) => sqsRecordOf("MessageReceived", receivedDetail(content)));
      const response = await createEventConsumer({ service: "safety", handlers })({ Records: records }, localContext);
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }, { itemIdentifier: records[2]!.messageId }]);
      // One piece of work for the two slow records, still running when the invocation answered; it ends with the last.
      expect(leftRunning).toHaveLength(1);
      let ended = false;
      void leftRunning[0]!.then(() => (ended = true));
      releases[0]!();
      await new Promise((resolve) => setImmediate(resolve));
      expect(ended).toBe(false);
      releases[1]!();
      await leftRunning[0];
      expect(ended).toBe(true);
    });

    it("is left to the queue's redrive on its last receive, not compensated: its handler may still finish", async () => {
      const compensated: string[] = [];
      const dead: FailureReason[] = [];
      const consume = createEventConsumer({
        service: "safety",
        handlers: { MessageReceived: hangOn("hangs") },
        deadLetters: { send: async (_record, reason) => void dead.push(reason) },
        onExhausted: async (_event, error) => void compensated.push((error as { code: string }).code),
      });
      const records = [sqsRecordOf("MessageReceived", receivedDetail("hangs"), 3), sqsRecordOf("MessageReceived", receivedDetail("fine"), 3)];
      const response = await consume({ Records: records }, shortContext);
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.messageId }]);
      expect(compensated).toEqual([]);
      expect(dead).toEqual([]);
    });

    it("in order, leaves the records after it unbegun and brings them back with it", async () => {
      const begun: string[] = [];
      const consume = createEventConsumer({
        service: "safety",
        inOrder: true,
        handlers: {
          MessageReceived: async (event) => {
            begun.push(event.envelope.data.content);
            await hangOn("hangs")(event);
          },
        },
      });
      const records = ["first", "hangs", "after"].map((content) => sqsRecordOf("MessageReceived", receivedDetail(content)));
      const response = await consume({ Records: records }, shortContext);
      expect(begun).toEqual(["first", "hangs"]);
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }, { itemIdentifier: records[2]!.messageId }]);
    });

    it("is not cut when it is the batch's only record: the function's timeout ends it, as before", async () => {
      // Slower than the cut of a batch of several would allow (400 ms of the 500), quicker than the timeout.
      const consume = createEventConsumer({
        service: "safety",
        handlers: { MessageReceived: () => new Promise((resolve) => setTimeout(resolve, 450)) },
      });
      const response = await consume({ Records: [sqsRecordOf("MessageReceived", receivedDetail("slow"))] }, shortContext);
      expect(response.batchItemFailures).toEqual([]);
    });
  });
});
