// Chat turns against a real local server speaking the OpenAI API: prompts, streaming, crisis, fallback, failure, resume, duplicates.
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { EventPublisher } from "@innerworld/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { ChatClient } from "@innerworld/testing/chat-client";
import { sleep, startTestCloudWithModel, until, type TestCloud } from "@innerworld/testing/cloud";

const PRIMARY = "primary-model";
const FALLBACK = "fallback-model";

describe("turns through an OpenAI-compatible model server", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer();
    env = await startTestCloudWithModel(server.baseUrl, PRIMARY, {
      INNERWORLD_FALLBACK_MODELS: FALLBACK,
      // No turn here is about the model's deadline: it is far beyond a local answer on a busy machine, so the fallback
      // answers only for a primary that fails.
      INNERWORLD_MODEL_TIMEOUT_MS: "15000",
      INNERWORLD_MODEL_CIRCUIT_FAILURES: "2",
      INNERWORLD_MODEL_CIRCUIT_RESET_MS: "600000",
      // These turns are about generation: the screening second opinion would add its own requests to the counts (crisisScreening.test.ts covers it).
      INNERWORLD_SECOND_OPINION: "off",
    });
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  const startSession = async (client: ChatClient, personaId = "courage", locale?: string) =>
    (await client.request("start_session", { personaId, ...(locale ? { locale } : {}) }, "session_started")).payload.sessionId as string;

  const storedMessages = async (sessionId: string) => {
    const result = await env.dynamodb.send(
      new QueryCommand({ TableName: `${env.cloud.endpoints.tablePrefix}-messages`, KeyConditionExpression: "sessionId = :s", ExpressionAttributeValues: { ":s": { S: sessionId } }, ConsistentRead: true }),
    );
    return (result.Items ?? []).map((i) => ({ role: i.role?.S, status: i.status?.S, content: i.content?.S, model: i.model?.S }));
  };

  it("sends the persona and the user's words to the model and returns its reply", async () => {
    server.setBehaviour(PRIMARY, { reply: "You've got this. What's one small step you could take before Friday?" });
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-1");
    const sessionId = await startSession(client, "courage");
    const ack = await client.request("message", { sessionId, content: "I'm scared to try out for the play" }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    expect(reply.payload).toMatchObject({ text: "You've got this. What's one small step you could take before Friday?", model: PRIMARY });

    const request = server.requestsFor(PRIMARY).at(-1)!;
    const [system, ...rest] = request.messages!;
    expect(system?.role).toBe("system");
    expect(String(system?.content)).toContain("Courage");
    expect(rest.at(-1)).toMatchObject({ role: "user", content: "I'm scared to try out for the play" });
    await until(async () => (await storedMessages(sessionId)).length === 2 || undefined, "both sides stored");
    await client.close();
  });

  it("streams the model's reply sentence by sentence", async () => {
    server.setBehaviour(PRIMARY, { reply: "That sounds exciting. Tell me more about the song. What's it about?" });
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-2");
    const sessionId = await startSession(client, "creative");
    const ack = await client.request("message", { sessionId, content: "I started writing a song", stream: true }, "message_received");
    const end = await client.waitFor("stream_end", (p) => p.messageId === ack.payload.messageId);
    const chunks = client.ofType("stream_chunk").map((f) => f.payload.text);
    expect(chunks).toEqual(["That sounds exciting.", "Tell me more about the song.", "What's it about?"]);
    expect(end.payload).toMatchObject({ text: "That sounds exciting. Tell me more about the song. What's it about?", retracted: false, model: PRIMARY });
    expect(server.requestsFor(PRIMARY).at(-1)?.stream).toBe(true);
    await client.close();
  });

  it("answers crisis language with resources and never asks the model", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-3");
    // The session's locale picks the helplines: 988 is the US line.
    const sessionId = await startSession(client, "comfort", "en-US");
    const requestsBefore = server.requests.length;
    const ack = await client.request("message", { sessionId, content: "honestly i just want to disappear, like kms" }, "message_received");
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === ack.payload.messageId);
    expect(notice.payload.categories).toContain("crisis");
    expect(JSON.stringify(notice.payload.resources)).toContain("988");
    await sleep(500);
    expect(server.requests.length).toBe(requestsBefore);
    expect(client.ofType("reply").filter((f) => f.payload.messageId === ack.payload.messageId)).toHaveLength(0);
    await until(async () => (await storedMessages(sessionId)).some((m) => m.role === "user" && m.status === "crisis") || undefined, "the crisis turn stored");
    await client.close();
  });

  it("delivers a reply the client missed by disconnecting, when it resumes", async () => {
    // The model takes 2 s: time for even a busy machine to see the client's socket closed before the reply is pushed.
    server.setBehaviour(PRIMARY, { reply: "I'm still here whenever you're ready.", delayMs: 2_000 });
    const first = await ChatClient.connect(env.cloud.endpoints, "teen-model-4");
    const sessionId = await startSession(first, "comfort");
    const ack = await first.request("message", { sessionId, content: "brb my phone is dying" }, "message_received");
    await first.close();
    await until(async () => (await storedMessages(sessionId)).some((m) => m.role === "assistant" && m.status === "undelivered") || undefined, "the undelivered reply");

    const second = await ChatClient.connect(env.cloud.endpoints, "teen-model-4");
    const resumed = await second.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    expect(resumed.payload).toMatchObject({ sessionId, replayed: 1, lastSeq: 1 });
    const reply = second.ofType("reply").find((f) => f.payload.messageId === ack.payload.messageId);
    expect(reply?.payload).toMatchObject({ text: "I'm still here whenever you're ready.", resumed: true, seq: 1 });
    await until(async () => (await storedMessages(sessionId)).some((m) => m.role === "assistant" && m.status === "delivered") || undefined, "delivered after resume");
    // The session goes on where it was: the next turn is number 2.
    expect((await second.request("message", { sessionId, content: "ok back" }, "message_received")).payload.seq).toBe(2);
    await second.close();
  });

  it("makes one reply and one stored reply of a MessageReceived delivered twice", async () => {
    server.setBehaviour(PRIMARY, { reply: "Only once, promise." });
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-5");
    const sessionId = await startSession(client, "companion");
    const connections = await env.dynamodb.send(new ScanCommand({ TableName: `${env.cloud.endpoints.tablePrefix}-connections` }));
    const connectionId = connections.Items?.find((i) => i.userId?.S === "teen-model-5")?.connectionId?.S as string;
    const requestsBefore = server.requestsFor(PRIMARY).length;

    // The gateway's own publisher builds the event once; the bus then carries it twice, as at-least-once delivery may.
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "gateway" });
    const messageId = crypto.randomUUID();
    const envelope = publisher.envelope({
      type: "MessageReceived",
      correlationId: messageId,
      userId: "teen-model-5",
      sessionId,
      data: { messageId, sessionId, seq: 1, personaId: "companion", connectionId, content: "say it once", stream: false, receivedAt: new Date().toISOString() },
    });
    await publisher.send([envelope]);
    await publisher.send([envelope]);

    await client.waitFor("reply", (p) => p.messageId === messageId);
    // Storage keeps the reply in its own time: wait for it, then give a second copy of anything time to show.
    await until(async () => (await storedMessages(sessionId)).some((r) => r.role === "assistant") || undefined, "the reply stored");
    await sleep(1500);
    expect(client.ofType("reply").filter((f) => f.payload.messageId === messageId)).toHaveLength(1);
    expect(server.requestsFor(PRIMARY).length - requestsBefore).toBe(1);
    const rows = await storedMessages(sessionId);
    // The gateway keeps the user's side as it accepts a turn; a MessageReceived from the bus writes none (storage takes
    // it only from replays), however often it comes.
    expect(rows.filter((r) => r.role === "user")).toHaveLength(0);
    expect(rows.filter((r) => r.role === "assistant")).toHaveLength(1);
    await client.close();
  });

  it("switches to the fallback model when the primary keeps failing, then stops asking the primary", async () => {
    server.setBehaviour(PRIMARY, { fail: { status: 500 } });
    server.setBehaviour(FALLBACK, { reply: "Backup brain here. How did it go?" });
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-6");
    const sessionId = await startSession(client, "companion");
    const replies: Record<string, unknown>[] = [];
    for (let i = 0; i < 4; i += 1) {
      const ack = await client.request("message", { sessionId, content: `attempt ${i}` }, "message_received");
      replies.push((await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId)).payload);
    }
    expect(replies.every((r) => r.model === FALLBACK && r.text === "Backup brain here. How did it go?")).toBe(true);
    // The circuit opens after two failures: later turns skip the primary altogether.
    const primaryCalls = server.requestsFor(PRIMARY).filter((r) => r.response?.status === 500).length;
    expect(primaryCalls).toBe(2);
    await client.close();
  });

  it("tells the client with a retryable error when every model fails, and stores no reply", async () => {
    server.setBehaviour(PRIMARY, { fail: { status: 503 } });
    server.setBehaviour(FALLBACK, { fail: { status: 503 } });
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-model-7");
    const sessionId = await startSession(client, "companion");
    const ack = await client.request("message", { sessionId, content: "hello?" }, "message_received");
    const error = await client.waitFor("error", (p) => p.messageId === ack.payload.messageId);
    expect(error.payload).toMatchObject({ code: "GENERATION_FAILED", retryable: true, sessionId });
    await until(async () => (await storedMessages(sessionId)).some((m) => m.role === "user" && m.status === "failed") || undefined, "the failed turn");
    expect((await storedMessages(sessionId)).filter((m) => m.role === "assistant")).toHaveLength(0);
    expect(client.ofType("reply")).toHaveLength(0);
    await client.close();
  });
});
