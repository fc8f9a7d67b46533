// Every acknowledged turn ends in a reply or a typed, retryable error: the watchdog over real sockets, with a short deadline.
import { SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_NAMES } from "@innerworld/events";
import { runServices, type RunningServices } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

/** Seconds: short, so the test does not wait for the production deadline; the behaviour is the same. */
const DEADLINE_SECONDS = 2;
/**
 * Seconds: the deadline of a turn that must be answered in time. A busy machine may take seconds over a turn, and a
 * reply after the deadline is rightly followed by TURN_TIMED_OUT, so this one leaves room for that.
 */
const ANSWERED_TURN_DEADLINE_SECONDS = 10;

describe("turn watchdog", () => {
  let env: TestCloud;
  let generation: RunningServices | undefined;
  beforeAll(async () => {
    // Generation is down, as after a crash that left its batch in flight.
    env = await startTestCloud({ turnDeadlineSeconds: DEADLINE_SECONDS, services: SERVICE_NAMES.filter((s) => s !== "generation") });
  });
  afterAll(async () => {
    await generation?.stop();
    await env.stop();
  });

  const watchdogRuns = () => env.cloud.eventSources.find((s) => s.functionName === "innerworld-watchdog")?.invocations ?? 0;

  it("tells the client TURN_TIMED_OUT (retryable) when generation is down, then delivers the late reply once, on resume (defect 3)", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "w-late");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "is anyone there?" }, "message_received");
    const messageId = ack.payload.messageId as string;

    const timedOut = await client.waitFor("error", (p) => p.messageId === messageId);
    expect(timedOut.payload).toMatchObject({ code: "TURN_TIMED_OUT", retryable: true, sessionId });

    // Generation comes back and answers the old turn: the reply is kept, not pushed over the error.
    generation = runServices(env.cloud.endpoints, ["generation"], { pollersPerService: 1 });
    const readApi = await readApiAs(env.cloud.endpoints, "w-late");
    const history = () => readApi.sessionMessages(sessionId);
    // Stored, and not delivered: the read API shows a reply not yet pushed to the teen as "sent".
    const stored = await until(async () => (await history()).find((m) => m.role === "assistant" && m.status === "sent"), "the late reply stored, not delivered", 20_000);
    expect(stored).toBeTruthy();
    // Give a reply wrongly pushed live time to arrive before asserting none did.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.ofType("reply")).toEqual([]);

    const resumed = await client.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    expect(resumed.payload.replayed).toBe(1);
    expect(client.ofType("reply").filter((f) => f.payload.messageId === messageId)).toHaveLength(1);
    expect(client.ofType("error").filter((f) => f.payload.messageId === messageId)).toHaveLength(1);
    await client.close();
  });

  it("leaves an answered turn alone: a reply, and no error when its deadline comes", { timeout: 60_000 }, async () => {
    // The deadline is the watchdog queue's delivery delay, as the cloud sets it: longer from here on.
    const watchdogQueueUrl = env.cloud.endpoints.queues.watchdog?.queueUrl ?? "";
    await env.sqs.send(new SetQueueAttributesCommand({ QueueUrl: watchdogQueueUrl, Attributes: { DelaySeconds: String(ANSWERED_TURN_DEADLINE_SECONDS) } }));
    const client = await ChatClient.connect(env.cloud.endpoints, "w-fine");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    await until(() => generation, "generation running");
    const before = watchdogRuns();
    const ack = await client.request("message", { sessionId, content: "tell me something nice" }, "message_received");

    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId, ANSWERED_TURN_DEADLINE_SECONDS * 1000);
    await until(() => watchdogRuns() > before, "the watchdog to look at the turn", (ANSWERED_TURN_DEADLINE_SECONDS + 20) * 1000);
    await client.request("ping", undefined, "pong");

    expect(client.ofType("error")).toEqual([]);
    await client.close();
  });
});
