// Sessions end by themselves: after idling, after their connection dropped without a resume; each end yields one transcript.
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { holdableClock } from "@innerworld/testing/clock";

describe("session lifecycle", () => {
  let env: TestCloud;
  // Held during each test and moved on by hand: a session idles or outlives its grace when the test says so, not
  // when a loaded machine happens to take two seconds between two requests.
  const clock = holdableClock();
  beforeAll(async () => {
    // Short limits, and the sweep run by hand, so the test need not wait fifteen minutes.
    env = await startTestCloud({ clock, gatewayLimits: { idleSeconds: 2, disconnectGraceSeconds: 1 } });
  });
  afterAll(() => env.stop());
  beforeEach(() => clock.hold());
  afterEach(() => clock.release());

  const session = async (sessionId: string) => {
    const item = await env.dynamodb.send(new GetItemCommand({ TableName: `${env.cloud.endpoints.tablePrefix}-sessions`, Key: { sessionId: { S: sessionId } }, ConsistentRead: true }));
    return { status: item.Item?.status?.S, endReason: item.Item?.endReason?.S, transcriptPublishedAt: item.Item?.transcriptPublishedAt?.S, disconnectedAt: item.Item?.disconnectedAt?.S };
  };

  it("ends a session whose connection dropped and was not resumed, and publishes its transcript once", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-dropped");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "my wifi is so bad today" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    await client.close();
    await until(async () => (await session(sessionId)).disconnectedAt, "the disconnection recorded");
    clock.advance(1200);
    expect(await env.cloud.sweepSessions()).toBeGreaterThanOrEqual(1);
    expect(await env.cloud.sweepSessions()).toBe(0);
    await until(async () => (await session(sessionId)).transcriptPublishedAt, "the transcript");
    expect(await session(sessionId)).toMatchObject({ status: "ended", endReason: "disconnect" });
  });

  it("keeps a session whose client came back in time and resumed it", async () => {
    const first = await ChatClient.connect(env.cloud.endpoints, "u-back");
    const sessionId = (await first.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    await first.close();
    const second = await ChatClient.connect(env.cloud.endpoints, "u-back");
    await second.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    clock.advance(1200);
    await env.cloud.sweepSessions();
    expect((await session(sessionId)).status).toBe("active");
    await second.close();
  });

  it("ends an idle session even while its connection stays open, and tells the next message so", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-idle");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    clock.advance(2200);
    await env.cloud.sweepSessions();
    expect(await session(sessionId)).toMatchObject({ status: "ended", endReason: "idle" });
    await until(async () => (await session(sessionId)).transcriptPublishedAt, "the transcript");
    const answer = await client.request("message", { sessionId, content: "hello?" }, "error");
    expect(answer.payload.code).toBe("SESSION_NOT_ACTIVE");
    await client.close();
  });
});
