// The local runner ends an invocation at its function's timeout as Lambda does: nothing deleted, the batch back later.
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { sqsClientFor, startSqs, type LocalSqs } from "@innerworld/emulators/sqs";
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { wireRunnerQueue, type RunnerQueue } from "../src/runner/runnerQueue";
import { isInvocationTimedOutError, startSqsEventSource, type SqsEventSource } from "../src/runner/sqsEventSource";

const open: { sqs: LocalSqs; client: SQSClient; queue: RunnerQueue; source?: SqsEventSource }[] = [];

afterEach(async () => {
  for (const { sqs, client, queue, source } of open.splice(0)) {
    await source?.stop();
    queue.destroy();
    client.destroy();
    await sqs.close();
  }
});

/** Polls until `probe` holds; generous, since a busy machine may be slow to carry a message. */
const eventually = async (probe: () => boolean | Promise<boolean>, what: string) => {
  const deadline = Date.now() + 30_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe("the local runner's function timeout", () => {
  it("abandons a call that outlives the timeout, deletes nothing, and hands the message to a later invocation", async () => {
    const sqs = await startSqs({ port: 0, region: "us-east-1" });
    const client = sqsClientFor(sqs.endpoint, "us-east-1");
    const queue = wireRunnerQueue(sqs.endpoint);
    const entry: (typeof open)[number] = { sqs, client, queue };
    open.push(entry);
    const { QueueUrl: queueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: "generation", Attributes: { VisibilityTimeout: "1" } }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));

    // The first call never answers (a model that hangs); the second, on the same message, answers at once.
    const calls: SQSEvent[] = [];
    const errors: unknown[] = [];
    entry.source = startSqsEventSource({
      queue,
      queueUrl,
      queueArn: Attributes?.QueueArn ?? "",
      region: "us-east-1",
      functionName: "innerworld-generation",
      handler: (event) => {
        calls.push(event);
        return calls.length === 1 ? new Promise(() => undefined) : Promise.resolve();
      },
      batchSize: 1,
      functionTimeoutSeconds: 1,
      pollers: 1,
      waitTimeSeconds: 1,
      onError: (error) => errors.push(error),
    });
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "turn-1" }));

    await eventually(() => calls.length >= 2, "a second invocation");
    // The same message again, received a second time: the timed-out call deleted nothing.
    expect(calls.map((event) => event.Records[0]?.body)).toEqual(["turn-1", "turn-1"]);
    expect(calls[1]?.Records[0]?.attributes.ApproximateReceiveCount).toBe("2");
    expect(errors).toHaveLength(1);
    expect(isInvocationTimedOutError(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toBe("innerworld-generation: task timed out after 1.00 seconds");
    // The second call succeeded, so the message is gone for good.
    await eventually(async () => {
      const { Attributes: counts } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
      );
      return counts?.ApproximateNumberOfMessages === "0" && counts.ApproximateNumberOfMessagesNotVisible === "0";
    }, "the message deleted");
  });
});
