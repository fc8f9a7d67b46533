// The runner's plain-JSON line to the local SQS receives, deletes and fails as the SDK's ReceiveMessage and DeleteMessageBatch do.
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { sqsClientFor, startSqs, type LocalSqs } from "@innerworld/emulators/sqs";
import { afterEach, describe, expect, it } from "vitest";
import { isRunnerQueueError, wireRunnerQueue, type RunnerQueue } from "../src/runner/runnerQueue";

const open: { sqs: LocalSqs; client: SQSClient; queue: RunnerQueue }[] = [];

afterEach(async () => {
  for (const { sqs, client, queue } of open.splice(0)) {
    queue.destroy();
    client.destroy();
    await sqs.close();
  }
});

const start = async () => {
  const sqs = await startSqs({ port: 0, region: "us-east-1" });
  const client = sqsClientFor(sqs.endpoint, "us-east-1");
  const queue = wireRunnerQueue(sqs.endpoint, "us-east-1");
  open.push({ sqs, client, queue });
  const { QueueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: "safety", Attributes: { VisibilityTimeout: "60" } }));
  return { client, queue, queueUrl: QueueUrl };
};

describe("the runner's line to the local SQS", () => {
  it("receives a message with its attributes and receive count, and deletes it for good", async () => {
    const { client, queue, queueUrl } = await start();
    await client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"detail-type":"MessageReceived"}', MessageAttributes: { trace: { DataType: "String", StringValue: "t-1" } } }),
    );

    const [message, ...others] = await queue.receive({ queueUrl, maxMessages: 10, waitTimeSeconds: 1 }, new AbortController().signal);

    expect(others).toEqual([]);
    expect(message?.Body).toBe('{"detail-type":"MessageReceived"}');
    expect(message?.Attributes?.ApproximateReceiveCount).toBe("1");
    expect(message?.MessageAttributes?.trace?.StringValue).toBe("t-1");
    expect(await queue.deleteBatch(queueUrl, [message?.ReceiptHandle ?? ""])).toBe(0);
    // Deleted, not merely in flight: with the visibility timeout at 0 an undeleted message would come back at once.
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
    expect(Messages).toEqual([]);
  });

  it("fails with SQS's error for a queue that does not exist", async () => {
    const { queue, queueUrl } = await start();

    const error = await queue.receive({ queueUrl: `${queueUrl}-gone`, maxMessages: 1, waitTimeSeconds: 0 }, new AbortController().signal).catch((e: unknown) => e);

    expect(isRunnerQueueError(error)).toBe(true);
    expect((error as Error).name).toBe("QueueDoesNotExist");
  });

  it("gives up a long poll when asked to stop, and the message sent after goes to the next poll", async () => {
    const { client, queue, queueUrl } = await start();
    const abort = new AbortController();
    const polling = queue.receive({ queueUrl, maxMessages: 10, waitTimeSeconds: 20 }, abort.signal).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));

    abort.abort();

    expect((await polling) as Error).toBeInstanceOf(Error);
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "ReplyScreened" }));
    const received = await queue.receive({ queueUrl, maxMessages: 10, waitTimeSeconds: 20 }, new AbortController().signal);
    expect(received.map((m) => m.Body)).toEqual(["ReplyScreened"]);
    expect(received[0]?.Attributes?.ApproximateReceiveCount).toBe("1");
  });
});
