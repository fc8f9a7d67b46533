// Every service queue's depth and oldest-message age on the admin status, read from the local SQS without taking a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { SERVICE_NAMES } from "@innerworld/events";
import { sleep, startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

interface QueueHealth {
  visible: number;
  inFlight: number;
  delayed: number;
  oldestAgeSeconds: number | null;
  ageError?: string;
}
interface ServiceStatus {
  service: string;
  queue: QueueHealth;
  deadLetters: QueueHealth;
}

/** A service deployed nowhere: what lands on its queue waits there, as behind a stalled consumer. */
const STALLED = "context-refresh";

describe("queue health on the admin status", () => {
  let env: TestCloud;
  const printed: string[] = [];

  beforeAll(async () => {
    env = await startTestCloud({
      services: SERVICE_NAMES.filter((s) => s !== STALLED),
      // The console as `pnpm start` prints it, with a stuck queue called after a second rather than its visibility timeout.
      console: { level: "info", print: (line) => printed.push(line), deadLetterCheckMs: 200, stuckQueueAfterSeconds: 1 },
    });
  });
  afterAll(async () => {
    await env.stop();
  });

  const status = async (): Promise<ServiceStatus[]> => {
    const admin = await readApiAs(env.cloud.endpoints, "admin-ola", { groups: ["admins"] });
    return (await admin.json<{ services: ServiceStatus[] }>("/admin/status")).services;
  };
  const of = (services: ServiceStatus[], service: string) => {
    const found = services.find((s) => s.service === service);
    if (!found) throw new Error(`no status for ${service}`);
    return found;
  };

  it("reports depth and oldest age for every service queue and dead-letter queue, empty ones with no age", async () => {
    const services = await status();
    expect(services.map((s) => s.service).sort()).toEqual(Object.keys(env.cloud.endpoints.queues).sort());
    for (const s of services) {
      expect(s.queue, s.service).toEqual({ visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: null });
      expect(s.deadLetters, s.service).toEqual({ visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: null });
    }
  });

  it("ages a message waiting on a stalled service's queue, still counting it once received, and leaves it there", async () => {
    const queues = env.cloud.endpoints.queues[STALLED];
    if (!queues) throw new Error(`no queues for ${STALLED}`);
    await env.sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: JSON.stringify({ "detail-type": "SessionStarted" }) }));
    await env.sqs.send(new SendMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MessageBody: JSON.stringify({ "detail-type": "GraphUpdated" }) }));
    await sleep(2_100);

    const waiting = of(await status(), STALLED);
    expect(waiting.queue).toMatchObject({ visible: 1, inFlight: 0 });
    expect(waiting.queue.oldestAgeSeconds).toBeGreaterThanOrEqual(2);
    expect(waiting.deadLetters).toMatchObject({ visible: 1 });
    expect(waiting.deadLetters.oldestAgeSeconds).toBeGreaterThanOrEqual(2);
    // Other services' queues stay empty and ageless.
    expect(of(await status(), "safety").queue.oldestAgeSeconds).toBeNull();
    // The console calls the stalled queue stuck, once, and no other.
    const warning = await until(() => printed.find((l) => l.startsWith("WARN   stuck queue:")), "the stuck-queue warning");
    expect(warning).toMatch(/^WARN {3}stuck queue: context-refresh's oldest message has waited \d+ s \(over 1 s\); is its handler hanging or not running\? see GET \/admin\/status$/);

    // A consumer that took the message and has not deleted it: it still counts, as CloudWatch counts it.
    const taken = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, VisibilityTimeout: 120, WaitTimeSeconds: 0 }));
    expect(taken.Messages).toHaveLength(1);
    const received = of(await status(), STALLED);
    expect(received.queue).toMatchObject({ visible: 0, inFlight: 1 });
    expect(received.queue.oldestAgeSeconds).toBeGreaterThanOrEqual(2);
    // Reading the status received nothing: the message was received exactly once, by the consumer above.
    const inspected = (await (await fetch(new URL(`/_fauxqs/queues/${queues.queueUrl.split("/").pop() ?? ""}`, env.cloud.endpoints.sqsEndpoint))).json()) as {
      messages: { inflight: { message: { approximateReceiveCount: number } }[] };
    };
    expect(inspected.messages.inflight.map((m) => m.message.approximateReceiveCount)).toEqual([1]);
    await sleep(500);
    expect(printed.filter((l) => l.startsWith("WARN   stuck queue:"))).toHaveLength(1);
  });
});
