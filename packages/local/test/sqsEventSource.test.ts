// The local runner ends an invocation at its function's timeout as Lambda does: nothing deleted, the batch back later.
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { sqsClientFor, startSqs, type LocalSqs } from "@innerworld/emulators/sqs";
import { createEventConsumer, type ConsumedEvent } from "@innerworld/events";
import { delivered, messageReceivedRequest, turn } from "@innerworld/events/factories";
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { wireRunnerQueue, type RunnerQueue } from "../src/runner/runnerQueue";
import { isInvocationTimedOutError, startSqsEventSource, type SqsEventSource, type SqsHandler } from "../src/runner/sqsEventSource";

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

/** A fresh local SQS with one queue, closed after the test; the test starts its own source on it. */
const openQueue = async (name: string, visibilityTimeoutSeconds: number) => {
  const sqs = await startSqs({ port: 0, region: "us-east-1" });
  const client = sqsClientFor(sqs.endpoint, "us-east-1");
  const queue = wireRunnerQueue(sqs.endpoint, "us-east-1");
  const entry: (typeof open)[number] = { sqs, client, queue };
  open.push(entry);
  const { QueueUrl: queueUrl = "" } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: String(visibilityTimeoutSeconds) } }));
  return { client, queue, entry, queueUrl };
};

/** A queue on a fresh local SQS, one message on it, and a one-poller source whose function times out after 1 s. */
const start = async (visibilityTimeoutSeconds: number, handler: SqsHandler) => {
  const { client, queue, entry, queueUrl } = await openQueue("generation", visibilityTimeoutSeconds);
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  const errors: unknown[] = [];
  const source = startSqsEventSource({
    queue,
    queueUrl,
    queueArn: Attributes?.QueueArn ?? "",
    region: "us-east-1",
    functionName: "innerworld-generation",
    handler,
    batchSize: 1,
    functionTimeoutSeconds: 1,
    pollers: 1,
    waitTimeSeconds: 1,
    onError: (error) => errors.push(error),
  });
  entry.source = source;
  await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "turn-1" }));
  const counts = async () => {
    const { Attributes: found } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
    );
    return { ready: Number(found?.ApproximateNumberOfMessages), inFlight: Number(found?.ApproximateNumberOfMessagesNotVisible) };
  };
  return { source, errors, counts };
};

describe("the local runner's function timeout", () => {
  it("abandons a call that outlives the timeout, deletes nothing, and hands the message to a later invocation", async () => {
    // The first call never answers (a model that hangs); the second, on the same message, answers at once.
    const calls: SQSEvent[] = [];
    const { source, errors, counts } = await start(1, (event) => {
      calls.push(event);
      return calls.length === 1 ? new Promise(() => undefined) : Promise.resolve();
    });

    await eventually(() => calls.length >= 2, "a second invocation");
    // The same message again, received a second time: the timed-out call deleted nothing.
    expect(calls.map((event) => event.Records[0]?.body)).toEqual(["turn-1", "turn-1"]);
    expect(calls[1]?.Records[0]?.attributes.ApproximateReceiveCount).toBe("2");
    expect(errors).toHaveLength(1);
    expect(isInvocationTimedOutError(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toBe("innerworld-generation: task timed out after 1.00 seconds");
    // The second call succeeded, so the message is gone for good.
    await eventually(async () => {
      const { ready, inFlight } = await counts();
      return ready === 0 && inFlight === 0;
    }, "the message deleted");
    // stop() returns although the first call never will: it gets one more timeout, not for ever.
    await source.stop();
  });

  it("deletes nothing when the abandoned call answers after its timeout", async () => {
    // The call answers at 1.5 s, after its 1 s timeout; the message stays in flight for 30 s, so only a delete would take it.
    let answeredLate = false;
    const { source, errors, counts } = await start(30, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      answeredLate = true;
    });

    await eventually(() => errors.length === 1, "the timeout");
    // stop() waits for the abandoned call to end: whatever it would have deleted is deleted by then.
    await source.stop();
    expect(answeredLate).toBe(true);
    expect(isInvocationTimedOutError(errors[0])).toBe(true);
    expect(await counts()).toEqual({ ready: 0, inFlight: 1 });
  });
});

describe("the local runner's concurrency", () => {
  // Lambda scales an event source's invocations up while messages wait: a batch stuck on a hung model does not hold
  // the turns behind it. With one poller, the runner once waited for each batch before polling again.
  it("handles later batches while an earlier one is still running", async () => {
    const { client, queue, entry, queueUrl } = await openQueue("generation", 360);
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    entry.source = startSqsEventSource({
      queue,
      queueUrl,
      queueArn: "arn:aws:sqs:us-east-1:000000000000:generation",
      region: "us-east-1",
      functionName: "innerworld-generation",
      handler: async (event) => {
        const body = event.Records[0]?.body ?? "";
        if (body === "hangs") await hung;
        handled.push(body);
      },
      batchSize: 1,
      functionTimeoutSeconds: 60,
      pollers: 1,
      maxConcurrency: 10,
      waitTimeSeconds: 1,
    });

    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "hangs" }));
    await eventually(async () => {
      const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }));
      return Attributes?.ApproximateNumberOfMessagesNotVisible === "1";
    }, "the hanging batch taken");
    for (const body of ["hi-1", "hi-2", "hi-3"]) await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

    await eventually(() => handled.length === 3, "the three later batches handled");
    expect([...handled].sort()).toEqual(["hi-1", "hi-2", "hi-3"]);
    release();
    await eventually(() => handled.includes("hangs"), "the hanging batch finished");
  });
});

describe("a hung record inside a batch", () => {
  /**
   * MessageReceived records with these contents, waiting on a fresh safety queue before the first poll (so they come in
   * one batch), and a one-poller source whose function times out after 1 s, handling them with `handler`; `send` adds
   * one later.
   */
  const startBatch = async (visibilityTimeoutSeconds: number, contents: string[], handler: (event: ConsumedEvent<"MessageReceived">) => Promise<void>) => {
    const { client, queue, entry, queueUrl } = await openQueue("safety", visibilityTimeoutSeconds);
    // A MessageReceived as the bus puts it on the queue, carrying `content`.
    const bodyOf = (content: string) => delivered(messageReceivedRequest(turn(), { content })).record.body;
    const send = async (content: string) => void (await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: bodyOf(content) })));
    for (const content of contents) await send(content);
    const errors: unknown[] = [];
    const source = startSqsEventSource({
      queue,
      queueUrl,
      queueArn: "arn:aws:sqs:us-east-1:000000000000:safety",
      region: "us-east-1",
      functionName: "innerworld-safety",
      handler: createEventConsumer({ service: "safety", handlers: { MessageReceived: handler } }),
      batchSize: 10,
      // The consumer stops waiting 200 ms before this 1 s timeout (its cut), and stop() gives work left running 1 s more.
      functionTimeoutSeconds: 1,
      pollers: 1,
      waitTimeSeconds: 1,
      onError: (error) => errors.push(error),
    });
    entry.source = source;
    const counts = async () => {
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
      );
      return { ready: Attributes?.ApproximateNumberOfMessages, inFlight: Attributes?.ApproximateNumberOfMessagesNotVisible };
    };
    return { source, errors, counts, send };
  };

  // The contract's consumer gives up on a record shortly before the function's timeout: the runner then gets a partial
  // batch failure instead of a timed-out call, deletes the records that finished, and only the hung one comes back.
  it("comes back alone, and the records handled beside it are deleted", async () => {
    const seen: string[] = [];
    // Visible again 3 s after a receive: well after the invocation's cut (800 ms) and its deletes, whatever the load.
    const { errors, counts } = await startBatch(3, ["one", "hangs", "three"], async ({ envelope, receiveCount }) => {
      seen.push(`${envelope.data.content}#${receiveCount}`);
      if (envelope.data.content === "hangs" && receiveCount === 1) await new Promise(() => undefined);
    });

    await eventually(() => seen.includes("hangs#2"), "the hung record handled on its second receive");
    await eventually(async () => {
      const { ready, inFlight } = await counts();
      return ready === "0" && inFlight === "0";
    }, "the queue empty");
    // Only the hung record was received twice; no invocation ran into the function's timeout.
    expect(seen.sort()).toEqual(["hangs#1", "hangs#2", "one#1", "three#1"]);
    expect(errors.filter(isInvocationTimedOutError)).toEqual([]);
  });

  // A batch whose every record hangs (a model that never answers) is one piece of work left running, as a timed-out
  // call is: the pollers' limit (four a poller, here one poller) counts invocations, so the poller takes later messages.
  it("counts a batch of hung records once against the pollers' limit", async () => {
    const handled: string[] = [];
    const hung = Array.from({ length: 10 }, (_, i) => `hangs-${i}`);
    const { counts, send } = await startBatch(30, hung, async ({ envelope }) => {
      if (envelope.data.content.startsWith("hangs")) await new Promise(() => undefined);
      handled.push(envelope.data.content);
    });
    await eventually(async () => (await counts()).inFlight === "10", "the ten hung records taken");

    await send("fresh");

    await eventually(() => handled.includes("fresh"), "the fresh message handled");
  });

  // Lambda freezes a record's handler once the invocation has answered; here it runs on, holding the clients it uses,
  // so stop() waits for it as for a call past its timeout (one more timeout at most).
  it("is waited for by stop() when its handler is still running", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { source, counts } = await startBatch(30, ["one", "slow", "three"], async ({ envelope }) => {
      if (envelope.data.content !== "slow") return;
      await slow;
      order.push("slow record finished");
    });

    // The two quick records are deleted once the invocation answers; the slow one stays in flight (30 s visibility).
    await eventually(async () => {
      const { ready, inFlight } = await counts();
      return ready === "0" && inFlight === "1";
    }, "the invocation answered without the slow record");
    const stopping = source.stop().then(() => order.push("stopped"));
    // Released well inside the second that stop() allows: stop() must still be waiting then.
    setTimeout(release, 300);
    await stopping;
    expect(order).toEqual(["slow record finished", "stopped"]);
  });
});
