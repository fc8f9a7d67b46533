// Starts fauxqs and the EventBridge emulator on free ports with a temp dataDir, with SDK clients and queue helpers for the tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateEventBusCommand, DescribeReplayCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, type DescribeReplayCommandOutput } from "@aws-sdk/client-eventbridge";
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { Clock, ManualClock } from "@innerworld/platform/clock";
import { afterEach, beforeEach } from "vitest";
import { startFauxqs } from "fauxqs";
import { localCredentials } from "../../../src/net.js";
import { startEventBridgeEmulator, type AwsEvent, type EventBridgeEmulator } from "../../../src/eventbridge/index.js";

type Fauxqs = Awaited<ReturnType<typeof startFauxqs>>;

const credentials = localCredentials;

export interface TestQueue {
  queueUrl: string;
  queueArn: string;
}

export class EventBridgeHarness {
  readonly logs: string[] = [];
  eventBridge: EventBridgeClient;
  private closed = false;

  private constructor(
    readonly fauxqs: Fauxqs,
    readonly sqs: SQSClient,
    readonly dataDir: string,
    public emulator: EventBridgeEmulator | undefined,
    private readonly clock: Clock | undefined,
  ) {
    this.eventBridge = this.clientFor(emulator?.endpoint ?? "http://127.0.0.1:1");
  }

  /** `clock` is the emulator's now (default: the system clock), kept across restarts. */
  static async start(options: { clock?: Clock } = {}): Promise<EventBridgeHarness> {
    const fauxqs = await startFauxqs({ port: 0, logger: false });
    const sqs = new SQSClient({ region: "us-east-1", endpoint: fauxqs.address, credentials, useQueueUrlAsEndpoint: false });
    const dataDir = await mkdtemp(join(tmpdir(), "eventbridge-emulator-"));
    const harness = new EventBridgeHarness(fauxqs, sqs, dataDir, undefined, options.clock);
    await harness.startEmulator();
    return harness;
  }

  get endpoint(): string {
    if (!this.emulator) throw new Error("the emulator is stopped");
    return this.emulator.endpoint;
  }

  async startEmulator(): Promise<void> {
    this.emulator = await startEventBridgeEmulator({
      port: 0,
      dataDir: this.dataDir,
      sqsEndpoint: this.fauxqs.address,
      logger: (line) => this.logs.push(line),
      ...(this.clock ? { clock: this.clock } : {}),
    });
    this.eventBridge.destroy();
    this.eventBridge = this.clientFor(this.emulator.endpoint);
  }

  /** Closing waits for every delivery in flight, so afterwards a queue holds all it will ever get. */
  async stopEmulator(): Promise<void> {
    await this.emulator?.close();
    this.emulator = undefined;
  }

  async restartEmulator(): Promise<void> {
    await this.stopEmulator();
    await this.startEmulator();
  }

  createQueue(name: string): TestQueue {
    const { queueUrl, queueArn } = this.fauxqs.createQueue(name);
    return { queueUrl, queueArn };
  }

  /** A rule on the bus (the default one when none is named) whose one target, Id "queue", is the queue; answers the rule's ARN. */
  async ruleToQueue(name: string, pattern: string, queue: TestQueue, eventBusName?: string): Promise<string> {
    const { RuleArn } = await this.eventBridge.send(new PutRuleCommand({ Name: name, EventPattern: pattern, EventBusName: eventBusName }));
    await this.eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: eventBusName, Targets: [{ Id: "queue", Arn: queue.queueArn }] }));
    return RuleArn ?? "";
  }

  /** Reads and deletes what the queue holds right now. */
  async drain(queue: TestQueue): Promise<string[]> {
    const bodies: string[] = [];
    for (;;) {
      const { Messages = [] } = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (Messages.length === 0) return bodies;
      bodies.push(...Messages.map((message) => message.Body ?? ""));
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queue.queueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? "" })),
        }),
      );
    }
  }

  /**
   * Waits until the queue has delivered `count` messages (or the timeout passes) and returns them all. The timeout is
   * generous, as a busy machine is slow to deliver; it is spent only when fewer than `count` messages ever come.
   */
  async receive(queue: TestQueue, count: number, timeoutMs = 20_000): Promise<string[]> {
    const bodies: string[] = [];
    const deadline = Date.now() + timeoutMs;
    while (bodies.length < count && Date.now() < deadline) {
      const batch = await this.drain(queue);
      bodies.push(...batch);
      if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return bodies;
  }

  async receiveEvents(queue: TestQueue, count: number, timeoutMs?: number): Promise<AwsEvent[]> {
    return (await this.receive(queue, count, timeoutMs)).map((body) => JSON.parse(body) as AwsEvent);
  }

  /** Polls DescribeReplay until the replay has ended. Generous: a busy machine may take seconds; the wait ends as soon as it has. */
  async waitForReplay(name: string, timeoutMs = 20_000): Promise<DescribeReplayCommandOutput> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replay = await this.eventBridge.send(new DescribeReplayCommand({ ReplayName: name }));
      if (["COMPLETED", "FAILED", "CANCELLED"].includes(replay.State ?? "") || Date.now() > deadline) return replay;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopEmulator();
    this.eventBridge.destroy();
    this.sqs.destroy();
    await this.fauxqs.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private clientFor(endpoint: string): EventBridgeClient {
    return new EventBridgeClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 1 });
  }
}

/**
 * A fresh harness for each test of the calling file, its clock set back to `start` and the bus `bus` created: the setup
 * the clock-driven tests share. Returns the current test's harness.
 */
export function harnessPerTest(clock: ManualClock, start: string, bus: string): () => EventBridgeHarness {
  let current: EventBridgeHarness | undefined;
  beforeEach(async () => {
    clock.set(start);
    current = await EventBridgeHarness.start({ clock });
    await current.eventBridge.send(new CreateEventBusCommand({ Name: bus }));
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error("the harness exists only inside a test");
    return current;
  };
}
