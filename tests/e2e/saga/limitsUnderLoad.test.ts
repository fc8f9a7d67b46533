// Limits under load, against the local cloud: bursts sent all at once hold the promised limits and are answered with
// typed refusals, never an internal error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, mintToken, type Frame } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";

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
  beforeAll(async () => {
    env = await startTestCloud();
  });
  afterAll(() => env.stop());

  it("starts three sessions, no more, from twenty start_session frames sent at once on one socket", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "load-sessions");

    const answers = await burst(client, Array.from({ length: 20 }, () => ({ type: "start_session", payload: { personaId: "companion" } })), ["session_started", "error", "rate_limit_exceeded"]);

    expect(answers.filter((f) => f.type === "session_started")).toHaveLength(3);
    expect(answers.filter((f) => f.type !== "session_started").map((f) => f.payload.code ?? f.type)).toEqual(Array.from({ length: 17 }, () => "SESSION_LIMIT_REACHED"));
    const listed = await fetch(`${env.cloud.endpoints.readApiUrl}/sessions`, { headers: { authorization: `Bearer ${await mintToken(env.cloud.endpoints, { sub: "load-sessions" })}` } });
    expect(((await listed.json()) as { sessions: { status: string }[] }).sessions.filter((s) => s.status === "active")).toHaveLength(3);
    await client.close();
  });

  it("makes twenty personas, no more, from forty POST /personas sent at once", async () => {
    const token = await mintToken(env.cloud.endpoints, { sub: "load-personas" });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

    const statuses = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => (await fetch(`${env.cloud.endpoints.readApiUrl}/personas`, { method: "POST", headers, body: JSON.stringify({ name: `Pal ${i}` }) })).status),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s !== 201)).toEqual(Array.from({ length: 20 }, () => 409));
    const listed = (await (await fetch(`${env.cloud.endpoints.readApiUrl}/personas`, { headers })).json()) as { personas: { builtIn?: boolean }[] };
    expect(listed.personas.filter((p) => !p.builtIn)).toHaveLength(20);
  });
});
