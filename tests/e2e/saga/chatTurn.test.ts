// A full chat turn over a real WebSocket through every service, with the offline model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { ChatClient } from "@innerworld/testing/chat-client";

describe("chat turn with the offline model", () => {
  let env: TestCloud;
  beforeAll(async () => {
    env = await startTestCloud();
  });
  afterAll(() => env.stop());

  it("answers a message with a persona-styled reply and stores both sides", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-ava");
    const started = await client.request("start_session", { personaId: "comfort" }, "session_started");
    const sessionId = started.payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "I have a math test on Friday and I'm nervous" }, "message_received");
    expect(ack.payload).toMatchObject({ sessionId, seq: 1 });
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    expect(reply.payload).toMatchObject({ sessionId, seq: 1, personaId: "comfort", model: "offline", replaced: false });
    expect(String(reply.payload.text).length).toBeGreaterThan(10);
    await client.close();
  });

  it("streams a reply sentence by sentence, then ends the stream with the final text", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-ben");
    const sessionId = (await client.request("start_session", { personaId: "creative" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "I want to write a song about my dog", stream: true }, "message_received");
    const end = await client.waitFor("stream_end", (p) => p.messageId === ack.payload.messageId);
    const chunks = client.ofType("stream_chunk").filter((f) => f.payload.messageId === ack.payload.messageId);
    expect(client.ofType("stream_start")).toHaveLength(1);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.map((c) => c.payload.text).join(" ")).toBe(end.payload.text);
    expect(end.payload).toMatchObject({ retracted: false, model: "offline" });
    await client.close();
  });
});
