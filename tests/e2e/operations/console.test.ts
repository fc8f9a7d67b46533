// What `pnpm start` prints: a line per turn with its verdict and latency, each event at debug, dead letters left waiting.
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";

describe("the console of the local cloud", () => {
  let env: TestCloud;
  const lines: string[] = [];
  beforeAll(async () => {
    env = await startTestCloud({ console: { level: "debug", print: (line) => lines.push(line), deadLetterCheckMs: 200 } });
  });
  afterAll(() => env.stop());

  it("prints one line per turn with session, verdict and latency, after a line per event", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-console");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "my cat learned to open doors" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    const turn = await until(() => lines.find((l) => l.includes(`session ${sessionId.slice(0, 8)} #1`) && l.includes(" turn ")), "the turn line");
    expect(turn).toMatch(/^\d\d:\d\d:\d\d\.\d{3}  turn   session [0-9a-f]{8} #1  verdict allow +\d+ ms  delivered$/);
    for (const type of ["MessageReceived", "MessageScreened", "ReplyGenerated", "ReplyScreened", "ReplyDelivered"]) {
      expect(lines.some((l) => l.includes(`event  ${type}`) && l.includes(sessionId.slice(0, 8))), type).toBe(true);
    }
    const crisis = await client.request("message", { sessionId, content: "honestly i just want to disappear, like kms" }, "message_received");
    await client.waitFor("safety_notice", (p) => p.messageId === crisis.payload.messageId);
    expect(await until(() => lines.find((l) => l.includes(`session ${sessionId.slice(0, 8)} #2`) && l.includes(" turn ")), "the crisis turn line")).toContain("verdict crisis");
    await client.close();
  });

  it("warns of a dead letter left waiting, naming the service and how to redrive it", async () => {
    const safety = env.cloud.endpoints.queues.safety;
    if (!safety) throw new Error("no safety queues");
    await env.sqs.send(new SendMessageCommand({ QueueUrl: safety.deadLetterQueueUrl, MessageBody: "{}" }));
    const warning = await until(() => lines.find((l) => l.startsWith("WARN   dead letters: safety")), "the dead-letter warning");
    expect(warning).toBe("WARN   dead letters: safety has 1 waiting; see GET /admin/dlq/safety, then POST /admin/dlq/safety/redrive once fixed");
  });
});
