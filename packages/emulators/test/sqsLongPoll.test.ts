// A long poll whose caller died (a killed service) must not take messages with it: they stay for the next poller.
import { request } from "node:http";
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { localCredentials } from "../src/net";
import { signRequest } from "../src/sigv4";
import { sqsClientFor, startSqs, type LocalSqs } from "../src/sqs";
import { SIGNED_AT } from "./signedFetch";

const open: { sqs: LocalSqs; client: SQSClient }[] = [];

afterEach(async () => {
  for (const { sqs, client } of open.splice(0)) {
    client.destroy();
    await sqs.close();
  }
});

const start = async () => {
  const sqs = await startSqs({ port: 0, region: "us-east-1" });
  const client = sqsClientFor(sqs.endpoint, "us-east-1");
  open.push({ sqs, client });
  const { QueueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: "notifier", Attributes: { VisibilityTimeout: "60" } }));
  return { sqs, client, queueUrl: QueueUrl };
};

/** A ReceiveMessage long poll sent by hand over its own socket, as a service's poller sends it; `drop` kills the caller. */
const longPoll = (endpoint: string, queueUrl: string) => {
  const body = JSON.stringify({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageSystemAttributeNames: ["All"] });
  const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ReceiveMessage" };
  const req = request(`${endpoint}/`, {
    method: "POST",
    headers: { ...headers, ...signRequest({ method: "POST", url: `${endpoint}/`, headers, body }, { service: "sqs", region: "us-east-1", credentials: localCredentials, now: SIGNED_AT }) },
  });
  req.on("error", () => undefined);
  req.end(body);
  return {
    /** The caller's process dies: its socket closes with the poll still waiting. */
    drop: () => req.destroy(),
  };
};

// Generous: a busy machine may take seconds to hand the message over; the test fails only if it never comes.
const until = async (check: () => Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
};

describe("local SQS long polls", () => {
  it("gives a message that arrives after a poller died to a live poller, as if first received, not to the dead one", async () => {
    const { sqs, client, queueUrl } = await start();
    const ghost = longPoll(sqs.endpoint, queueUrl);
    // Let the ghost's poll reach the queue and wait there, then kill its caller.
    await new Promise((resolve) => setTimeout(resolve, 200));
    ghost.drop();
    await new Promise((resolve) => setTimeout(resolve, 200));

    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "ReplyScreened" }));
    const received: { Body?: string; Attributes?: Record<string, string> }[] = [];
    const got = await until(async () => {
      const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["All"] }));
      received.push(...Messages);
      return received.length > 0;
    });

    expect(got).toBe(true);
    expect(received.map((m) => m.Body)).toEqual(["ReplyScreened"]);
    // The dead poller's receive does not count against the message's redrive limit.
    expect(received[0]?.Attributes?.ApproximateReceiveCount).toBe("1");
  });

  it("still hands a live poller waiting on the queue the message that arrives", async () => {
    const { client, queueUrl } = await start();
    // The longest poll SQS allows, so a busy machine's slow send still lands inside it; it ends as the message comes.
    const waiting = client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "MessageReceived" }));

    const { Messages = [] } = await waiting;

    expect(Messages.map((m) => m.Body)).toEqual(["MessageReceived"]);
  });

  it("wakes one waiting long poll per message, as SQS does: the others keep waiting instead of answering empty", async () => {
    const { client, queueUrl } = await start();
    const abort = new AbortController();
    const settled: { body: string | undefined }[] = [];
    const poll = () =>
      client
        .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }), { abortSignal: abort.signal })
        .then(({ Messages = [] }) => void settled.push({ body: Messages[0]?.Body }), () => undefined);
    const polls = [poll(), poll(), poll()];
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "MessageScreened" }));
      expect(await until(async () => settled.length > 0)).toBe(true);
      // An empty answer would come at once; give the other two polls time to answer if they were woken too.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toEqual([{ body: "MessageScreened" }]);

      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "ReplyGenerated" }));
      expect(await until(async () => settled.length > 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toEqual([{ body: "MessageScreened" }, { body: "ReplyGenerated" }]);
    } finally {
      abort.abort();
      await Promise.all(polls);
    }
  });
});
