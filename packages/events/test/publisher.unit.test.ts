// The publisher stays within EventBridge's limits and retries only the entries that came back failed.
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry, type PutEventsResultEntry } from "@aws-sdk/client-eventbridge";
import { describe, expect, it } from "vitest";
import { EventContractError, EventPublisher, MAX_PUT_BYTES, chunkEntries, entrySize, type PublishRequest } from "../src";

const received = (i: number, content = `message number ${i}`): PublishRequest<"MessageReceived"> => ({
  type: "MessageReceived",
  correlationId: `m-${i}`,
  userId: "user-1",
  sessionId: "s-1",
  data: { messageId: `m-${i}`, sessionId: "s-1", seq: i + 1, personaId: "companion", content, stream: false, receivedAt: new Date().toISOString() },
});

/**
 * EventBridge cannot be made to fail single entries on demand, so this client answers the way AWS documents
 * partial failure: HTTP 200, FailedEntryCount, and an ErrorCode on the failed entries, in request order.
 */
class FlakyEventBridge extends EventBridgeClient {
  calls: PutEventsRequestEntry[][] = [];
  constructor(private readonly failFirstAttemptOf: (entry: PutEventsRequestEntry) => boolean) {
    super({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  }
  override send(command: unknown): Promise<never> {
    const entries = (command as PutEventsCommand).input.Entries ?? [];
    const attempt = this.calls.filter((c) => c.some((e) => entries.includes(e))).length;
    this.calls.push(entries);
    const results: PutEventsResultEntry[] = entries.map((entry, i) =>
      attempt === 0 && this.failFirstAttemptOf(entry) ? { ErrorCode: "InternalFailure", ErrorMessage: "try again" } : { EventId: `e-${i}` },
    );
    return Promise.resolve({ FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results, $metadata: {} } as never);
  }
}

describe("EventPublisher", () => {
  it("sends at most 10 entries per PutEvents call", async () => {
    const client = new FlakyEventBridge(() => false);
    const publisher = new EventPublisher({ client, busName: "innerworld", producer: "gateway" });
    await publisher.publish(...Array.from({ length: 25 }, (_, i) => received(i)));
    expect(client.calls.map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it("keeps every call under 256 KB", () => {
    const big = "x".repeat(100 * 1024);
    const publisher = new EventPublisher({ client: new FlakyEventBridge(() => false), busName: "innerworld", producer: "gateway" });
    const entries = [0, 1, 2, 3].map((i) => ({ Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: JSON.stringify(publisher.envelope(received(i, big))) }));
    const batches = chunkEntries(entries);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(batch.reduce((sum, e) => sum + entrySize(e), 0)).toBeLessThanOrEqual(MAX_PUT_BYTES);
  });

  it("retries only the entries that failed", async () => {
    const client = new FlakyEventBridge((entry) => (entry.Detail ?? "").includes('"m-3"'));
    const publisher = new EventPublisher({ client, busName: "innerworld", producer: "gateway", baseDelayMs: 1 });
    await publisher.publish(...Array.from({ length: 5 }, (_, i) => received(i)));
    expect(client.calls).toHaveLength(2);
    expect(client.calls[1]).toHaveLength(1);
    expect(client.calls[1]?.[0]?.Detail).toContain('"m-3"');
  });

  it("refuses invalid data, oversized events and types the producer may not publish", async () => {
    const publisher = new EventPublisher({ client: new FlakyEventBridge(() => false), busName: "innerworld", producer: "gateway" });
    await expect(publisher.publish({ ...received(1), data: { ...received(1).data, content: "" } })).rejects.toMatchObject({ code: "EVENT_VALIDATION_FAILED" });
    await expect(publisher.publish(received(1, "y".repeat(300 * 1024)))).rejects.toMatchObject({ code: "EVENT_TOO_LARGE" });
    await expect(
      publisher.publish({ type: "TranscriptReady", correlationId: "s", userId: "u", data: { sessionId: "s", personaId: "p", messageCount: 1, startedAt: new Date().toISOString(), endedAt: new Date().toISOString() } }),
    ).rejects.toBeInstanceOf(EventContractError);
  });

  it("counts a persona's name as the persona API does, an emoji one character: a name it took always publishes", async () => {
    const publisher = new EventPublisher({ client: new FlakyEventBridge(() => false), busName: "innerworld", producer: "gateway" });
    const created = (name: string): PublishRequest<"PersonaCreated"> => ({
      type: "PersonaCreated",
      correlationId: "p-1",
      userId: "user-1",
      data: { personaId: "p-1", name, status: "ready", model: { temperature: 0.8, maxTokens: 300 }, createdAt: "2026-12-04T16:00:00.000Z" },
    });
    // 45 characters to a reader (and to the persona API), 85 UTF-16 units.
    await expect(publisher.publish(created(`Sunny${"🌞".repeat(40)}`))).resolves.toBeDefined();
    await expect(publisher.publish(created("🌞".repeat(61)))).rejects.toMatchObject({ code: "EVENT_VALIDATION_FAILED" });
  });
});
