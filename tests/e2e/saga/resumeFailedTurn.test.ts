// A turn that fails while its teen is away ends, when they come back, in the error they would have been shown live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_NAMES } from "@innerworld/events";
import { TURN_TIMED_OUT_MESSAGE } from "@innerworld/conversation/turn-failure";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

describe("resume after a turn failed while the teen was away", () => {
  let env: TestCloud;
  beforeAll(async () => {
    // No generation: every turn ends in the watchdog's timeout, two seconds after it was taken.
    env = await startTestCloud({ turnDeadlineSeconds: 2, services: SERVICE_NAMES.filter((s) => s !== "generation") });
  });
  afterAll(async () => {
    await env.stop();
  });

  it("replays the turn's TURN_TIMED_OUT on the resume, once per connection", async () => {
    const away = await ChatClient.connect(env.cloud.endpoints, "r-away");
    const sessionId = (await away.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await away.request("message", { sessionId, content: "going into the subway brb" }, "message_received");
    const messageId = ack.payload.messageId as string;
    await away.close();

    // Storage has kept the failure on the teen's message: the turn ended while nobody was connected.
    const readApi = await readApiAs(env.cloud.endpoints, "r-away");
    await until(async () => {
      const messages = await readApi.sessionMessages(sessionId);
      return messages.find((m) => m.messageId === messageId && m.role === "user" && m.status === "failed");
    }, "the timed-out turn stored as failed");
    expect(away.ofType("error")).toEqual([]);

    const back = await ChatClient.connect(env.cloud.endpoints, "r-away");
    const resumed = await back.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    expect(resumed.payload).toMatchObject({ sessionId, replayed: 1 });
    expect(back.ofType("error").map((f) => f.payload)).toEqual([
      { code: "TURN_TIMED_OUT", message: TURN_TIMED_OUT_MESSAGE, retryable: true, sessionId, messageId, resumed: true },
    ]);

    // Told once: a second resume on the same connection does not say it again.
    expect((await back.request("resume", { sessionId, afterSeq: 0 }, "session_resumed")).payload).toMatchObject({ replayed: 0 });
    expect(back.ofType("error")).toHaveLength(1);
    await back.close();
  });
});
