// The local SQS keeps what it holds across a restart on the same data dir: sent and not deleted comes back, deleted does not.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { sqsClientFor, startSqs, type LocalSqs } from "../src/sqs";

let dataDir = "";
const open: { sqs: LocalSqs; client: SQSClient }[] = [];

afterEach(async () => {
  for (const { sqs, client } of open.splice(0)) {
    client.destroy();
    await sqs.close();
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const start = async () => {
  const sqs = await startSqs({ port: 0, region: "us-east-1", dataDir });
  const client = sqsClientFor(sqs.endpoint, "us-east-1");
  open.push({ sqs, client });
  const { QueueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: "turns", Attributes: { VisibilityTimeout: "60" } }));
  return { sqs, client, queueUrl: QueueUrl };
};

const receiveAll = async (client: SQSClient, queueUrl: string) => {
  const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  return Messages;
};

describe("local SQS journal", () => {
  it("restores sent messages that were not deleted, in flight or not, and not the deleted ones", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sqs-journal-"));
    const before = await start();
    for (const body of ["deleted", "in flight", "waiting", "accents é"]) await before.client.send(new SendMessageCommand({ QueueUrl: before.queueUrl, MessageBody: body }));
    const received = await before.client.send(new ReceiveMessageCommand({ QueueUrl: before.queueUrl, MaxNumberOfMessages: 2 }));
    const [deleted] = received.Messages ?? [];
    await before.client.send(new DeleteMessageCommand({ QueueUrl: before.queueUrl, ReceiptHandle: deleted?.ReceiptHandle ?? "" }));
    // The process "dies": nothing is flushed or saved on the way out; the next one starts on the same data dir.
    open.splice(0);
    before.client.destroy();
    await before.sqs.close();

    const after = await start();
    const restored = after.sqs.restore();
    const bodies = (await receiveAll(after.client, after.queueUrl)).map((m) => m.Body).sort();

    expect(restored).toEqual({ restored: 3, dropped: 0 });
    expect(bodies).toEqual(["accents é", "in flight", "waiting"].sort());
  });

  it("keeps a delayed message delayed, so the turn deadline survives a restart", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sqs-journal-"));
    const before = await start();
    await before.client.send(new SendMessageCommand({ QueueUrl: before.queueUrl, MessageBody: "due later", DelaySeconds: 900 }));
    open.splice(0);
    before.client.destroy();
    await before.sqs.close();

    const after = await start();
    after.sqs.restore();

    expect(await receiveAll(after.client, after.queueUrl)).toEqual([]);
  });
});
