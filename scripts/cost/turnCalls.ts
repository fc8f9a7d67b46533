// One chat turn through a running local cloud, and every AWS API call it caused: the calls-per-turn figure the test
// holds and `pnpm cost` prints. A turn is over when no call is in flight and every service queue is empty.
import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { LocalCloud } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { countsBetween, serviceCallTap, startAwsCallMeter, UNMETERED_HEADER, type CallCounts } from "./awsCallMeter";

export interface TurnCalls {
  /** Every request that reached an emulator during the turn, ReceiveMessage excepted (see `batches`). */
  counts: CallCounts;
  /**
   * Batches handed to the services: Lambda's poller makes one ReceiveMessage per batch it gets (its empty long polls
   * are a fixed monthly cost, priced apart), so these stand for the turn's receives.
   */
  batches: number;
  /** The turn's AWS API calls: counted requests, receives replaced by batches. */
  total: number;
  /** The services' own SDK calls per service and command (the bus's deliveries and the pollers' calls are not theirs). */
  byService: Record<string, Record<string, number>>;
}

/** Marks a client's requests as the meter's own, so settling probes are not counted as the turn's calls. */
export const unmetered = (client: SQSClient): SQSClient => {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers[UNMETERED_HEADER] = "1";
      return next(args);
    },
    { step: "build", name: "unmeteredProbe" },
  );
  return client;
};

const QUEUE_DEPTH = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"] as const;

/** Waits until nothing is left to do: no call in flight and every service queue empty (delayed messages included). */
const settle = async (cloud: LocalCloud, probe: SQSClient, inFlight: () => number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  const queueUrls = Object.values(cloud.endpoints.queues).map((q) => q.queueUrl);
  let quietProbes = 0;
  // Two quiet probes in a row: between a batch's delete and the next call nothing is in flight for an instant.
  while (quietProbes < 2) {
    if (Date.now() > deadline) throw new Error(`the turn had not settled after ${timeoutMs} ms (${inFlight()} calls in flight)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    let quiet = inFlight() === 0;
    for (const QueueUrl of quiet ? queueUrls : []) {
      const { Attributes = {} } = await probe.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [...QUEUE_DEPTH] }));
      if (QUEUE_DEPTH.some((name) => Number(Attributes[name] ?? 0) > 0)) quiet = false;
    }
    quietProbes = quiet && inFlight() === 0 ? quietProbes + 1 : 0;
  }
};

export interface TurnOptions {
  probe: SQSClient;
  /** Longest a turn may take to settle; the watchdog's delayed delivery is part of every turn. */
  settleTimeoutMs?: number;
  content?: string;
  /** Attributes the SDK calls to the services that made them, when the cloud was started with its onRuntime. */
  tap?: ReturnType<typeof serviceCallTap>;
}

/**
 * Opens a session, lets its start settle, then sends one non-streamed message and counts what the turn costs until it
 * settles. The client's reply must be a `reply` frame: an allowed turn, the common case.
 */
export const countTurnCalls = async (cloud: LocalCloud, userId: string, options: TurnOptions): Promise<TurnCalls & { reply: Record<string, unknown> }> => {
  const settleTimeoutMs = options.settleTimeoutMs ?? 60_000;
  const meter = startAwsCallMeter(cloud.endpoints);
  const client = await ChatClient.connect(cloud.endpoints, userId);
  try {
    const started = await client.request("start_session", { personaId: "companion" }, "session_started");
    const sessionId = started.payload.sessionId as string;
    await settle(cloud, options.probe, meter.inFlight, settleTimeoutMs);
    // A first turn warms what a warm Lambda container keeps (persona cache, the bus's queue URLs); the second is counted.
    const warmup = await client.request("message", { sessionId, content: "hi, are you there?" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === warmup.payload.messageId, settleTimeoutMs);
    await settle(cloud, options.probe, meter.inFlight, settleTimeoutMs);

    const before = meter.snapshot();
    const servicesBefore = options.tap?.snapshot() ?? {};
    const batchesBefore = cloud.eventSources.reduce((sum, s) => sum + s.invocations, 0);
    const content = options.content ?? "we have a chemistry test on friday and I haven't started studying";
    const ack = await client.request("message", { sessionId, content }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId, settleTimeoutMs);
    await settle(cloud, options.probe, meter.inFlight, settleTimeoutMs);
    const counts = countsBetween(before, meter.snapshot());
    const batches = cloud.eventSources.reduce((sum, s) => sum + s.invocations, 0) - batchesBefore;
    const receives = counts.byPart.sqs.ReceiveMessage ?? 0;
    delete counts.byPart.sqs.ReceiveMessage;
    counts.total -= receives;
    const servicesAfter = options.tap?.snapshot() ?? {};
    const byService: Record<string, Record<string, number>> = {};
    for (const [service, calls] of Object.entries(servicesAfter)) {
      for (const [command, n] of Object.entries(calls)) {
        const delta = n - (servicesBefore[service]?.[command] ?? 0);
        if (delta > 0) (byService[service] ??= {})[command] = delta;
      }
    }
    return { counts, batches, total: counts.total + batches, byService, reply: reply.payload };
  } finally {
    await client.close();
    meter.stop();
  }
};
