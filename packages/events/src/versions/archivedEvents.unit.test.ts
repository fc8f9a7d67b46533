// Events archived under earlier schemas must still be consumable: frozen v1 events validate, older majors are upcast.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { parseRecord } from "../consumer";
import { isEventContractError } from "../errors";
import { validateEnvelope } from "../validate";
import { messageReceivedV0Upcaster } from "./fixtures/messageReceivedV0";
import { EVENT_UPCASTERS } from "./registry";
import { UpcasterRegistry } from "./UpcasterRegistry";

interface ArchivedEvent {
  id: string;
  "detail-type": string;
  time: string;
  detail: { metadata: Record<string, unknown>; data: Record<string, unknown> };
}

const readArchive = (file: string): ArchivedEvent[] =>
  readFileSync(join(import.meta.dirname, "fixtures", file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArchivedEvent);

/** An SQS record as the consumer receives an archived event that a replay delivered. */
const sqsRecordOf = (event: ArchivedEvent, replayName: string): SQSRecord =>
  ({
    messageId: `msg-${event.id}`,
    receiptHandle: "handle",
    body: JSON.stringify({ ...event, "replay-name": replayName }),
    attributes: { ApproximateReceiveCount: "1" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:innerworld-prod-storage",
    awsRegion: "eu-west-1",
  }) as unknown as SQSRecord;

const withV0 = () => {
  const registry = new UpcasterRegistry();
  registry.register(messageReceivedV0Upcaster);
  return registry;
};

describe("events archived under the current majors", () => {
  const archived = readArchive("archived-v1.jsonl");

  it("holds one frozen event of every type, so a breaking edit of any schema fails here", () => {
    expect(new Set(archived.map((e) => e["detail-type"])).size).toBe(11);
  });

  it.each(archived.map((event) => [event["detail-type"], event] as const))("still validates %s v1", (_type, event) => {
    const envelope = validateEnvelope(event["detail-type"], event.detail);
    expect(envelope.metadata.version).toBe(1);
    expect(envelope.data).toEqual(event.detail.data);
  });
});

describe("events archived under an older major (MessageReceived v0)", () => {
  const archived = readArchive("archived-v0.jsonl");

  it("upcasts v0 to the current major when an upcaster is registered", () => {
    // Prepare
    const registry = withV0();
    const [first] = archived;

    // Act
    const envelope = validateEnvelope("MessageReceived", first!.detail, { upcasters: registry });

    // Assess
    expect(envelope.metadata.version).toBe(1);
    expect(envelope.metadata.eventId).toBe(first!.detail.metadata.eventId);
    expect(envelope.data).toEqual({
      messageId: "7c3a9e10-1b2d-4e3f-9a4b-5c6d7e8f9a01",
      sessionId: "s-2025-09-02-jonah",
      seq: 3,
      personaId: "courage",
      connectionId: "Lq0aFeXyIAMCKpg=",
      content: "i told coach i want to try out for goalie this year. kinda scared tho",
      stream: false,
      receivedAt: "2025-09-02T19:41:07.512Z",
    });
  });

  it("rejects v0 when no upcaster is registered, naming the versions it accepts", () => {
    const [first] = archived;
    expect(() => validateEnvelope("MessageReceived", first!.detail, { upcasters: new UpcasterRegistry() })).toThrow(/version 0 is not accepted \(accepted: v1\)/);
  });

  it("checks v0 data against the v0 schema before lifting it", () => {
    const [first] = archived;
    const broken = { ...first!.detail, data: { ...first!.detail.data, text: "" } };
    let error: unknown;
    try {
      validateEnvelope("MessageReceived", broken, { upcasters: withV0() });
    } catch (caught) {
      error = caught;
    }
    expect(isEventContractError(error)).toBe(true);
    expect((error as Error).message).toMatch(/MessageReceived v0\.data: text/);
    expect((error as { retryable: boolean }).retryable).toBe(false);
  });

  it("goes through the consumer path: a replayed v0 record is parsed into a current envelope", () => {
    // Prepare: the consumers' own registry, as a deployment that still accepts v0 would have it.
    const unregister = EVENT_UPCASTERS.register(messageReceivedV0Upcaster);
    try {
      // Act
      const parsed = archived.map((event) => parseRecord(sqsRecordOf(event, "rebuild-2026-03-15")));

      // Assess
      expect(parsed.map((p) => p.envelope.metadata.version)).toEqual([1, 1]);
      expect(parsed.map((p) => p.replayName)).toEqual(["rebuild-2026-03-15", "rebuild-2026-03-15"]);
      expect(parsed[1]!.envelope.data).toMatchObject({ content: "my sister says i'm too short for it lol", stream: false, clientMessageId: "web-0042" });
    } finally {
      unregister();
    }
    expect(() => parseRecord(sqsRecordOf(archived[0]!, "after"))).toThrow(/version 0 is not accepted \(accepted: v1\)/);
  });

  it("rejects a major newer than the catalog's: consumers are deployed before producers switch", () => {
    const [first] = archived;
    const future = { metadata: { ...first!.detail.metadata, version: 2 }, data: { ...first!.detail.data } };
    expect(() => validateEnvelope("MessageReceived", future, { upcasters: withV0() })).toThrow(/version 2 is not accepted \(accepted: v0, v1\)/);
  });
});
