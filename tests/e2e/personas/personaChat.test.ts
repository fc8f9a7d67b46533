// Personas in chat against a real OpenAI-compatible server: a custom persona's prompt and settings, a three-persona group, deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { AFTER_CRISIS_CHECK_IN_INSTRUCTION, crisisReply } from "@innerworld/screening/replies";
import { ChatClient } from "@innerworld/testing/chat-client";
import { sleep, startTestCloudWithModel, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

const PRIMARY = "primary-model";
const FALLBACK = "fallback-model";
const PERSONA_MODEL = "persona-model";

/** The replying persona's name, read from the system prompt the way a model would see it. */
const speakerOf = (request: RecordedRequest): string => /You are ([^,]+),/.exec(String(request.messages?.[0]?.content ?? ""))?.[1] ?? "nobody";

/** Each persona answers in its own name, so a test can tell the replies of a group apart. */
const speaks = { reply: (request: RecordedRequest) => `This is ${speakerOf(request)} here. How are you feeling about it?` };

describe("personas in chat", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ defaultBehaviour: speaks });
    env = await startTestCloudWithModel(server.baseUrl, PRIMARY, {
      INNERWORLD_FALLBACK_MODELS: FALLBACK,
      INNERWORLD_PERSONA_MODELS: `${PERSONA_MODEL},${PRIMARY}`,
      // No turn here is about the model's deadline: far beyond a local answer on a busy machine.
      INNERWORLD_MODEL_TIMEOUT_MS: "15000",
      // These turns are about which model each persona reaches: the screening second opinion would add its own requests (crisisScreening.test.ts covers it).
      INNERWORLD_SECOND_OPINION: "off",
    });
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  const api = async (userId: string) => {
    const readApi = await readApiAs(env.cloud.endpoints, userId);
    return async (method: string, path: string, body?: unknown) => {
      const response = await readApi.request(method, path, body);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
    };
  };

  const sunny = {
    name: "Sunny",
    description: "A cheerful study buddy who loves astronomy.",
    personality: "Upbeat and patient; explains things with space facts.",
    speakingStyle: "Short sentences and the odd space pun.",
    topics: ["astronomy", "planets"],
    model: { model: PERSONA_MODEL, temperature: 1.2, maxTokens: 321 },
  };

  it("sends a custom persona's profile and model settings to the model server, under the shared boundaries", async () => {
    const call = await api("persona-chat-1");
    const id = (await call("POST", "/personas", sunny)).body.id as string;
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-1");

    const started = await client.request("start_session", { personaId: id }, "session_started");
    expect(started.payload).toMatchObject({ personaId: id, personas: [{ personaId: id, name: "Sunny" }] });
    const sessionId = started.payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "what's the biggest planet?" }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

    expect(reply.payload).toMatchObject({ personaId: id, personaName: "Sunny", model: PERSONA_MODEL, text: "This is Sunny here. How are you feeling about it?" });
    const thinking = client.ofType("agent_status").find((f) => f.payload.messageId === ack.payload.messageId);
    expect(thinking?.payload).toMatchObject({ personaId: id, status: "thinking" });
    const request = server.requestsFor(PERSONA_MODEL).at(-1)!;
    const body = request.body as { temperature?: number; max_tokens?: number; max_completion_tokens?: number };
    expect(body.temperature).toBe(1.2);
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(321);
    const system = String(request.messages?.[0]?.content);
    expect(system).toContain("<persona_profile>");
    expect(system).toContain("Personality: Upbeat and patient; explains things with space facts.");
    expect(system).toMatch(/Never claim to be human; if asked, say honestly that you are an AI companion\.$/);
    expect(request.messages?.at(-1)).toMatchObject({ role: "user", content: "what's the biggest planet?" });
    await client.close();
  });

  it("falls back to the configured chain when the persona's own model fails", async () => {
    const call = await api("persona-chat-2");
    const id = (await call("POST", "/personas", { ...sunny, name: "Nova" })).body.id as string;
    server.setBehaviour(PERSONA_MODEL, { fail: { status: 503, times: 1 } });
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-2");
    const sessionId = (await client.request("start_session", { personaId: id }, "session_started")).payload.sessionId as string;

    const ack = await client.request("message", { sessionId, content: "tell me about saturn" }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

    expect(reply.payload).toMatchObject({ model: PRIMARY, text: "This is Nova here. How are you feeling about it?" });
    expect((server.requestsFor(PRIMARY).at(-1)?.body as { temperature?: number }).temperature).toBe(1.2);
    server.setBehaviour(PERSONA_MODEL, speaks);
    await client.close();
  });

  it("runs a three-persona group: @name picks who replies, in order, and an unaddressed message gets exactly one reply", async () => {
    const call = await api("persona-chat-3");
    const id = (await call("POST", "/personas", sunny)).body.id as string;
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-3");
    const started = await client.request("start_session", { personaIds: ["courage", "comfort", id] }, "session_started");
    expect(started.payload).toMatchObject({ personaIds: ["courage", "comfort", id], personas: [{ name: "Courage" }, { name: "Comfort" }, { name: "Sunny" }] });
    const sessionId = started.payload.sessionId as string;
    const repliesTo = (messageId: unknown) => client.ofType("reply").filter((f) => f.payload.messageId === messageId);

    // One persona addressed: only it replies.
    const first = await client.request("message", { sessionId, content: "@Sunny which planet has the most moons?" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === first.payload.messageId);
    // The next turn's history is read from storage, which keeps the reply a moment after the client sees it.
    await until(async () => ((await call("GET", `/sessions/${sessionId}/messages`)).body.messages as unknown[]).length === 2 || undefined, "the first turn stored");
    // Two addressed: both reply, in the order named, the second seeing the first's reply under its name.
    const second = await client.request("message", { sessionId, content: "@Comfort and @Courage, I'm nervous about the tryouts" }, "message_received");
    await until(() => repliesTo(second.payload.messageId).length === 2 || undefined, "two replies");
    await until(async () => ((await call("GET", `/sessions/${sessionId}/messages`)).body.messages as unknown[]).length === 5 || undefined, "the second turn stored");
    // Nobody addressed: exactly one replies; no topic fits, so the one who has waited longest (Sunny) does.
    const third = await client.request("message", { sessionId, content: "ok thanks everyone" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === third.payload.messageId);
    await sleep(1500);

    expect(repliesTo(first.payload.messageId).map((f) => f.payload.personaId)).toEqual([id]);
    expect(repliesTo(second.payload.messageId).map((f) => [f.payload.personaId, f.payload.replyIndex, f.payload.text])).toEqual([
      ["comfort", 0, "This is Comfort here. How are you feeling about it?"],
      ["courage", 1, "This is Courage here. How are you feeling about it?"],
    ]);
    expect(repliesTo(third.payload.messageId).map((f) => f.payload.personaId)).toEqual([id]);
    // Each addressed persona says thinking → responding for its own reply; they start thinking in the order named.
    const statuses = client.ofType("agent_status").filter((f) => f.payload.messageId === second.payload.messageId);
    const lifecycle = (personaId: string) => statuses.filter((f) => f.payload.personaId === personaId).map((f) => f.payload.status);
    expect(statuses.filter((f) => f.payload.status === "thinking").map((f) => f.payload.personaId)).toEqual(["comfort", "courage"]);
    expect([lifecycle("comfort"), lifecycle("courage")]).toEqual([
      ["thinking", "responding"],
      ["thinking", "responding"],
    ]);

    const courageAsked = server.requests.find((r) => speakerOf(r) === "Courage" && r.messages?.some((m) => String(m.content).startsWith("@Comfort and @Courage")))!;
    // Courage sees the room as it was: the first turn with Sunny's reply under her name, the message, then Comfort's reply.
    expect((courageAsked.messages ?? []).slice(1).map((m) => [m.role, String(m.content)])).toEqual([
      ["user", "@Sunny which planet has the most moons?"],
      ["user", "Sunny said: This is Sunny here. How are you feeling about it?"],
      ["user", "@Comfort and @Courage, I'm nervous about the tryouts"],
      ["user", "Comfort said: This is Comfort here. How are you feeling about it?"],
    ]);
    expect(String(courageAsked.messages?.[0]?.content)).toContain("group conversation");

    // Storage and the read API keep who spoke.
    const messages = await until(async () => {
      const page = await call("GET", `/sessions/${sessionId}/messages`);
      const rows = page.body.messages as { role: string; seq: number; personaId?: string; personaName?: string; replyIndex?: number }[];
      return rows.filter((m) => m.role === "assistant").length === 4 ? rows : undefined;
    }, "all four replies stored");
    expect(messages.filter((m) => m.role === "assistant").slice(0, 3).map((m) => [m.seq, m.replyIndex, m.personaName])).toEqual([
      [1, 0, "Sunny"],
      [2, 0, "Comfort"],
      [2, 1, "Courage"],
    ]);
    await client.close();
  });

  // Safety reads the session's last three user messages from storage: in a three-persona group each turn stores three
  // replies, so a window sized for one reply per turn lost the crisis two turns back.
  it("checks in after a crisis three turns back in a three-persona group, whose turns each hold three replies", async () => {
    const call = await api("persona-chat-crisis");
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-crisis");
    const sessionId = (await client.request("start_session", { personaIds: ["courage", "comfort", "compass"] }, "session_started")).payload.sessionId as string;
    const stored = (count: number, what: string) => until(async () => ((await call("GET", `/sessions/${sessionId}/messages`)).body.messages as unknown[]).length >= count || undefined, what);
    const say = async (content: string) => (await client.request("message", { sessionId, content }, "message_received")).payload.messageId as string;

    // Self-harm told: what follows reaches the personas, checking in (a wish to die would be carried on as a crisis).
    const crisis = await say("i cut myself last night");
    await client.waitFor("safety_notice", (p) => p.messageId === crisis);
    await stored(1, "the crisis stored");
    for (const [turn, content] of ["@Courage @Comfort @Compass what should i eat", "@Courage @Comfort @Compass what show should i watch"].entries()) {
      const messageId = await say(content);
      await until(() => client.ofType("reply").filter((f) => f.payload.messageId === messageId).length === 3 || undefined, `three replies to turn ${turn + 2}`);
      await stored(1 + 4 * (turn + 1), `turn ${turn + 2} stored`);
    }
    const last = "what should we do this weekend";
    const fourth = await say(last);
    await client.waitFor("reply", (p) => p.messageId === fourth);

    const asked = server.requests.filter((r) => JSON.stringify(r.messages ?? []).includes(last));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => (r.messages ?? []).some((m) => m.role === "system" && m.content === AFTER_CRISIS_CHECK_IN_INSTRUCTION))).toBe(true);
    await client.close();
  });

  // A wish to die carried on in a group: the change of subject brings one notice for the turn, not a reply from each
  // persona, and no persona's model is asked; once help is named, each persona answers, checking in.
  it("carries a wish to die into a group's next turn with the notice that says so, until help is named", async () => {
    const call = await api("persona-chat-carried");
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-carried");
    const sessionId = (await client.request("start_session", { personaIds: ["courage", "comfort", "compass"] }, "session_started")).payload.sessionId as string;
    // Safety reads the session's earlier messages from storage: each is stored before the next is sent.
    const storedUser = (content: string) =>
      until(async () => ((await call("GET", `/sessions/${sessionId}/messages`)).body.messages as { role: string; content: string }[]).some((m) => m.role === "user" && m.content === content) || undefined, `${content} stored`);
    const say = async (content: string) => (await client.request("message", { sessionId, content }, "message_received")).payload.messageId as string;

    const crisis = await say("i want to kill myself");
    await client.waitFor("safety_notice", (p) => p.messageId === crisis);
    await storedUser("i want to kill myself");
    const everyday = "@Courage @Comfort @Compass any ideas for a movie tonight";
    const carried = await say(everyday);
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === carried);
    await storedUser(everyday);
    const safe = "@Courage @Comfort @Compass ok my sister is here with me now";
    const answered = await say(safe);
    await until(() => client.ofType("reply").filter((f) => f.payload.messageId === answered).length === 3 || undefined, "three replies once help is named");

    expect(notice.payload.text).toBe(crisisReply(undefined, true));
    expect(client.ofType("reply").filter((f) => f.payload.messageId === carried)).toHaveLength(0);
    expect(server.requests.filter((r) => JSON.stringify(r.messages ?? []).includes("any ideas for a movie tonight"))).toHaveLength(0);
    const asked = server.requests.filter((r) => JSON.stringify(r.messages ?? []).includes("my sister is here with me now"));
    expect(asked).toHaveLength(3);
    expect(asked.every((r) => (r.messages ?? []).some((m) => m.role === "system" && m.content === AFTER_CRISIS_CHECK_IN_INSTRUCTION))).toBe(true);
    await client.close();
  });

  it("streams a group reply with the persona on every frame", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-4");
    const sessionId = (await client.request("start_session", { personaIds: ["creative", "compass"] }, "session_started")).payload.sessionId as string;

    const ack = await client.request("message", { sessionId, content: "Compass, should I pick art or music?", stream: true }, "message_received");
    const end = await client.waitFor("stream_end", (p) => p.messageId === ack.payload.messageId);

    expect(end.payload).toMatchObject({ personaId: "compass" });
    const frames = client.frames.filter((f) => f.payload.messageId === ack.payload.messageId && f.type.startsWith("stream_"));
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.every((f) => f.payload.personaId === "compass")).toBe(true);
    await client.close();
  });

  it("ends a session whose persona is deleted, with reason persona_deleted, and keeps the persona's name in its history", async () => {
    const call = await api("persona-chat-5");
    const id = (await call("POST", "/personas", { ...sunny, name: "Comet" })).body.id as string;
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-5");
    const sessionId = (await client.request("start_session", { personaId: id }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "hi Comet" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

    expect((await call("DELETE", `/personas/${id}`)).status).toBe(204);

    const ended = await client.waitFor("session_ended", (p) => p.sessionId === sessionId);
    expect(ended.payload).toEqual({ sessionId, reason: "persona_deleted" });
    const refused = await client.request("message", { sessionId, content: "are you still there?" }, "error");
    expect(refused.payload).toMatchObject({ code: "SESSION_NOT_ACTIVE" });
    expect((await client.request("start_session", { personaId: id }, "error")).payload).toMatchObject({ code: "UNKNOWN_PERSONA" });
    const session = await call("GET", `/sessions/${sessionId}`);
    expect(session.body).toMatchObject({ status: "ended", endReason: "persona_deleted", personas: [{ personaId: id, name: "Comet" }] });
    const history = await until(async () => {
      const rows = (await call("GET", `/sessions/${sessionId}/messages`)).body.messages as { role: string; personaName?: string }[];
      return rows.some((m) => m.role === "assistant") ? rows : undefined;
    }, "the reply stored");
    expect(history.find((m) => m.role === "assistant")).toMatchObject({ personaId: id, personaName: "Comet" });
    await client.close();
  });

  it("chats with and deletes a persona whose 45-character name is mostly emoji (85 UTF-16 units)", async () => {
    const call = await api("persona-chat-7");
    const name = `Sunny${"🌞".repeat(40)}`;
    const created = await call("POST", "/personas", { ...sunny, name });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-7");
    const sessionId = (await client.request("start_session", { personaId: id }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "hi sunshine" }, "message_received");
    // The turn's last frame, whichever it is: before, generation failed to publish the reply (GENERATION_FAILED).
    const answer = await until(() => client.frames.find((f) => (f.type === "reply" || f.type === "error") && f.payload.messageId === ack.payload.messageId), "the turn's answer");
    expect(answer.type).toBe("reply");
    expect(answer.payload).toMatchObject({ personaName: name });
    expect((await call("DELETE", `/personas/${id}`)).status).toBe(204);
    await client.close();
  });

  it("refuses another user's persona and a group of one", async () => {
    const id = (await (await api("persona-chat-6"))("POST", "/personas", sunny)).body.id as string;
    const client = await ChatClient.connect(env.cloud.endpoints, "persona-chat-7");

    expect((await client.request("start_session", { personaId: id }, "error")).payload).toMatchObject({ code: "UNKNOWN_PERSONA" });
    expect((await client.request("start_session", { personaIds: ["courage", id] }, "error")).payload).toMatchObject({ code: "UNKNOWN_PERSONA" });
    expect((await client.request("start_session", { personaIds: ["courage"] }, "error")).payload).toMatchObject({ code: "INVALID_FRAME" });
    expect((await client.request("start_session", { personaIds: ["courage", "courage"] }, "error")).payload).toMatchObject({ code: "INVALID_FRAME" });
    await client.close();
  });
});
