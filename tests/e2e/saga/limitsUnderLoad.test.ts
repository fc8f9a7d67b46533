// Limits under load, against the local cloud: bursts sent all at once hold the promised limits and are answered with
// typed refusals, never an internal error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, type Frame } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { holdableClock } from "@innerworld/testing/clock";
import { readApiAs } from "@innerworld/testing/read-api";

/** Sends every frame at once, then waits for one answer of the given types per frame sent. */
const burst = async (client: ChatClient, frames: { type: string; payload?: Record<string, unknown> }[], answers: readonly string[]): Promise<Frame[]> => {
  const before = client.frames.length;
  for (const frame of frames) client.send(frame.type, frame.payload);
  return until(() => {
    const answered = client.frames.slice(before).filter((f) => answers.includes(f.type));
    return answered.length >= frames.length ? answered : undefined;
  }, `${frames.length} answers to a burst`);
};

describe("limits under load", () => {
  let env: TestCloud;
  // Held while a burst runs: no bucket refills and no minute turns however slowly a loaded machine answers it.
  const clock = holdableClock();
  beforeAll(async () => {
    env = await startTestCloud({ clock });
  });
  afterEach(() => clock.release());
  afterAll(() => env.stop());

  it("starts three sessions, no more, from twenty start_session frames sent at once on one socket", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "load-sessions");

    const answers = await burst(client, Array.from({ length: 20 }, () => ({ type: "start_session", payload: { personaId: "companion" } })), ["session_started", "error", "rate_limit_exceeded"]);

    expect(answers.filter((f) => f.type === "session_started")).toHaveLength(3);
    expect(answers.filter((f) => f.type !== "session_started").map((f) => f.payload.code ?? f.type)).toEqual(Array.from({ length: 17 }, () => "SESSION_LIMIT_REACHED"));
    const listed = await (await readApiAs(env.cloud.endpoints, "load-sessions")).json<{ sessions: { status: string }[] }>("/sessions");
    expect(listed.sessions.filter((s) => s.status === "active")).toHaveLength(3);
    await client.close();
  });

  it("makes twenty personas, no more, from forty POST /personas sent at once", async () => {
    const readApi = await readApiAs(env.cloud.endpoints, "load-personas");

    const statuses = await Promise.all(Array.from({ length: 40 }, async (_, i) => (await readApi.request("POST", "/personas", { name: `Pal ${i}` })).status));

    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s !== 201)).toEqual(Array.from({ length: 20 }, () => 409));
    const listed = await readApi.json<{ personas: { builtIn?: boolean }[] }>("/personas");
    expect(listed.personas.filter((p) => !p.builtIn)).toHaveLength(20);
  });

  it("answers a flood of 500 resume frames with rate_limit_exceeded once past the count, never an internal error, and other teens chat on", async () => {
    clock.hold();
    const flooder = await ChatClient.connect(env.cloud.endpoints, "load-flood");
    const sessionId = (await flooder.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;

    const answers = await burst(flooder, Array.from({ length: 500 }, () => ({ type: "resume", payload: { sessionId, afterSeq: 0 } })), ["session_resumed", "error", "rate_limit_exceeded"]);
    const other = await ChatClient.connect(env.cloud.endpoints, "load-bystander");
    const started = await other.request("start_session", { personaId: "companion" }, "session_started");
    const ack = await other.request("message", { sessionId: started.payload.sessionId, content: "hi there" }, ["message_received", "error"]);

    const refused = answers.filter((f) => f.type === "rate_limit_exceeded");
    expect(answers.filter((f) => f.type === "error")).toEqual([]);
    // 120 frames a minute, the start_session among them.
    expect(answers.filter((f) => f.type === "session_resumed")).toHaveLength(119);
    expect(refused[0]?.payload).toMatchObject({ scope: "user", limit: 120, frame: "resume", sessionId });
    expect(refused.every((f) => Number(f.payload.retryAfter) >= 1)).toBe(true);
    expect(ack.type).toBe("message_received");
    await Promise.all([flooder.close(), other.close()]);
  });

  it("answers a burst of one teen's messages over twelve sockets with acks and rate_limit_exceeded only, never more acks than the rate", async () => {
    clock.hold();
    const clients = await Promise.all(Array.from({ length: 12 }, () => ChatClient.connect(env.cloud.endpoints, "load-burst")));
    const sessionId = (await clients[0]?.request("start_session", { personaId: "companion" }, "session_started"))?.payload.sessionId as string;

    const answers = (
      await Promise.all(clients.map((client, c) => burst(client, Array.from({ length: 10 }, (_, i) => ({ type: "message", payload: { sessionId, content: `burst ${c}-${i}` } })), ["message_received", "error", "rate_limit_exceeded"])))
    ).flat();

    expect(answers.filter((f) => f.type === "error").map((f) => f.payload.code)).toEqual([]);
    // The session's own bucket (10 a minute) is the tightest of the three.
    expect(answers.filter((f) => f.type === "message_received").length).toBeLessThanOrEqual(10);
    expect(answers.filter((f) => f.type === "rate_limit_exceeded").length).toBeGreaterThanOrEqual(110);
    expect(answers).toHaveLength(120);
    await Promise.all(clients.map((client) => client.close()));
  });
});
