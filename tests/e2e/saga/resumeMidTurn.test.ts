// A teen who comes back on a new connection while a turn is on its way gets its reply there: though the old one still looks open, and though the reply found it gone just before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_NAMES } from "@innerworld/events";
import { runServices, type RunningServices } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

describe("resume in the middle of a turn", () => {
  let env: TestCloud;
  let notifier: RunningServices | undefined;
  beforeAll(async () => {
    // The notifier is down until the teen has moved, so the reply is surely still on its way then. A deadline far past
    // the test keeps the watchdog out of it.
    env = await startTestCloud({ turnDeadlineSeconds: 120, services: SERVICE_NAMES.filter((s) => s !== "notifier") });
  });
  afterAll(async () => {
    await notifier?.stop();
    await env.stop();
  });

  it("pushes the reply to the connection the session was resumed on, not to the one the message came in on", async () => {
    const before = await ChatClient.connect(env.cloud.endpoints, "r-moved");
    const sessionId = (await before.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await before.request("message", { sessionId, content: "my bus is going into the tunnel" }, "message_received");
    const messageId = ack.payload.messageId as string;

    // A new socket after a network change; the old one has not been noticed dead and still takes frames.
    const after = await ChatClient.connect(env.cloud.endpoints, "r-moved");
    const resumed = await after.request("resume", { sessionId, afterSeq: 1 }, "session_resumed");
    expect(resumed.payload).toMatchObject({ sessionId, replayed: 0 });

    notifier = runServices(env.cloud.endpoints, ["notifier"], { pollersPerService: 1 });
    const reply = await after.waitFor("reply", (p) => p.messageId === messageId, 30_000);
    expect(reply.payload).toMatchObject({ sessionId, seq: 1 });
    // The old socket is still open: anything pushed there would have arrived by the time a ping comes back on it.
    await before.request("ping", undefined, "pong");
    expect(before.ofType("reply")).toEqual([]);
    expect(after.ofType("reply").filter((f) => f.payload.messageId === messageId)).toHaveLength(1);
    await before.close();
    await after.close();
  });
});

describe("resume just after the reply found the old connection gone", () => {
  let env: TestCloud;
  let notifier: RunningServices | undefined;
  beforeAll(async () => {
    // Storage stays down throughout: it stands for a storage slower than the resume, whose copy of the reply (from the
    // notifier's report) lands after the resume has read the messages. The notifier is down until the teen has left.
    env = await startTestCloud({ turnDeadlineSeconds: 120, services: SERVICE_NAMES.filter((s) => s !== "notifier" && s !== "storage") });
  });
  afterAll(async () => {
    await notifier?.stop();
    await env.stop();
  });

  it("replays the reply the notifier kept when it had nowhere to push it, without waiting for storage", async () => {
    const before = await ChatClient.connect(env.cloud.endpoints, "r-gone");
    const sessionId = (await before.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await before.request("message", { sessionId, content: "my phone is about to die" }, "message_received");
    const messageId = ack.payload.messageId as string;
    await before.close();

    // The notifier pushes to the connection the turn came in on, finds it gone (410) and the session disconnected.
    notifier = runServices(env.cloud.endpoints, ["notifier"], { pollersPerService: 1 });
    const readApi = await readApiAs(env.cloud.endpoints, "r-gone");
    await until(async () => {
      const messages = await readApi.sessionMessages(sessionId);
      // The history calls a reply not yet shown `sent`.
      return messages.find((m) => m.messageId === messageId && m.role === "assistant" && m.status === "sent");
    }, "the reply kept while storage is down");

    const after = await ChatClient.connect(env.cloud.endpoints, "r-gone");
    const resumed = await after.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    expect(resumed.payload).toMatchObject({ sessionId, replayed: 1 });
    expect(after.ofType("reply").map((f) => [f.payload.messageId, f.payload.resumed])).toEqual([[messageId, true]]);
    await after.close();
  });
});
