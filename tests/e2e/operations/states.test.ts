// The states a client and an operator can see: a session paused and resumed, replies read, the persona thinking and
// then responding on every turn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

describe("session, message and agent states", () => {
  let env: TestCloud;
  beforeAll(async () => {
    env = await startTestCloud();
  });
  afterAll(() => env.stop());

  const statusOf = async (userId: string, sessionId: string) => (await (await readApiAs(env.cloud.endpoints, userId)).json<{ status: string }>(`/sessions/${sessionId}`)).status;

  it("pauses a session when its connection drops and makes it active again on resume", async () => {
    const first = await ChatClient.connect(env.cloud.endpoints, "u-pause");
    const sessionId = (await first.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    expect(await statusOf("u-pause", sessionId)).toBe("active");
    await first.close();
    expect(await until(async () => ((await statusOf("u-pause", sessionId)) === "paused" ? "paused" : undefined), "the paused session")).toBe("paused");

    const second = await ChatClient.connect(env.cloud.endpoints, "u-pause");
    await second.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    expect(await statusOf("u-pause", sessionId)).toBe("active");
    const ack = await second.request("message", { sessionId, content: "i'm back, the bus was late" }, "message_received");
    await second.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    await second.close();
  });

  it("moves replies from delivered to read up to the seq the client reports, and shows it in the read API", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-reader2");
    const sessionId = (await client.request("start_session", { personaId: "compass" }, "session_started")).payload.sessionId as string;
    for (const content of ["what should i study first", "and after that?"]) {
      const ack = await client.request("message", { sessionId, content }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    }
    const readApi = await readApiAs(env.cloud.endpoints, "u-reader2");
    const messages = () => readApi.sessionMessages(sessionId);
    await until(async () => ((await messages()).filter((m) => m.role === "assistant" && m.status === "delivered").length === 2 ? true : undefined), "both replies delivered");

    const receipt = await client.request("read", { sessionId, upToSeq: 1 }, "messages_read");
    expect(receipt.payload).toEqual({ sessionId, upToSeq: 1, updated: 1 });
    expect((await messages()).map((m) => [m.seq, m.role, m.status])).toEqual([
      [1, "user", "delivered"],
      [1, "assistant", "read"],
      [2, "user", "delivered"],
      [2, "assistant", "delivered"],
    ]);
    // A receipt again changes nothing; another user's receipt finds no such session.
    expect((await client.request("read", { sessionId, upToSeq: 1 }, "messages_read")).payload.updated).toBe(0);
    const stranger = await ChatClient.connect(env.cloud.endpoints, "u-stranger");
    expect((await stranger.request("read", { sessionId, upToSeq: 2 }, "error")).payload.code).toBe("SESSION_NOT_FOUND");
    await Promise.all([client.close(), stranger.close()]);
  });

  it("says thinking, then responding, on every turn, streamed or not, and lets the reply or stream end the turn", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-status");
    const sessionId = (await client.request("start_session", { personaId: "creative" }, "session_started")).payload.sessionId as string;
    for (const stream of [false, true]) {
      const ack = await client.request("message", { sessionId, content: stream ? "tell me a tiny story" : "hi there", stream }, "message_received");
      const messageId = ack.payload.messageId as string;
      const last = stream ? "stream_end" : "reply";
      await client.waitFor(last, (p) => p.messageId === messageId);
      // The next turn's frames would land after anything this one still had to send: its own are all in by then.
      const next = await client.request("message", { sessionId, content: "ok", stream: false }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === next.payload.messageId);
      const statuses = client.ofType("agent_status").filter((f) => f.payload.messageId === messageId).map((f) => f.payload.status);
      expect(statuses, stream ? "streamed" : "whole").toEqual(["thinking", "responding"]);
      const order = client.frames.filter((f) => f.payload.messageId === messageId).map((f) => (f.type === "agent_status" ? `status:${String(f.payload.status)}` : f.type));
      expect(order.indexOf("status:thinking"), "thinking comes first").toBeLessThan(order.indexOf("status:responding"));
      expect(order.indexOf("status:responding"), "responding comes before the answer").toBeLessThan(order.indexOf(stream ? "stream_start" : "reply"));
      expect(order.at(-1), `${last} is the turn's last frame`).toBe(last);
    }
    await client.close();
  });
});
