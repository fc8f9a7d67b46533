// Turns whose model fails for one persona only, against a real OpenAI-compatible server: a refused prompt stays that
// persona's problem, and a group's other personas still answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { GENERATION_REFUSED_MESSAGE } from "@innerworld/conversation/turn-failure";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloudWithModel, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

const PRIMARY = "primary-model";
const FALLBACK = "fallback-model";

/** The replying persona's name, read from the system prompt the way a model would see it. */
const speakerOf = (request: RecordedRequest): string => /You are ([^,]+),/.exec(String(request.messages?.[0]?.content ?? ""))?.[1] ?? "nobody";
const speaks = { reply: (request: RecordedRequest) => `This is ${speakerOf(request)} here. How are you feeling about it?` };

describe("a model failing for one persona's prompt", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ defaultBehaviour: speaks });
    env = await startTestCloudWithModel(server.baseUrl, PRIMARY, {
      INNERWORLD_FALLBACK_MODELS: FALLBACK,
      INNERWORLD_MODEL_TIMEOUT_MS: "15000",
      // The default threshold, and circuits that stay open for the whole file once opened: no turn here waits on a reset.
      INNERWORLD_MODEL_CIRCUIT_FAILURES: "3",
      INNERWORLD_MODEL_CIRCUIT_RESET_MS: "600000",
      INNERWORLD_SECOND_OPINION: "off",
    });
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  it("refuses one teen's persona prompt without closing the models to everyone else", async () => {
    // Every model behind the endpoint refuses Compass's prompt for its content, and answers everyone else's.
    const refusesCompass = { ...speaks, fail: { status: 400, code: "content_policy_violation", message: "Your request was rejected by our safety system.", when: (request: RecordedRequest) => speakerOf(request) === "Compass" } };
    server.setBehaviour(PRIMARY, refusesCompass);
    server.setBehaviour(FALLBACK, refusesCompass);
    const refused = await ChatClient.connect(env.cloud.endpoints, "teen-refused-1");
    const refusedSession = (await refused.request("start_session", { personaId: "compass" }, "session_started")).payload.sessionId as string;

    const errors = [];
    for (const content of ["first try", "second try", "third try", "fourth try"]) {
      const ack = await refused.request("message", { sessionId: refusedSession, content }, "message_received");
      errors.push(await refused.waitFor("error", (p) => p.messageId === ack.payload.messageId));
    }

    const other = await ChatClient.connect(env.cloud.endpoints, "teen-other-1");
    const otherSession = (await other.request("start_session", { personaId: "courage" }, "session_started")).payload.sessionId as string;
    const ack = await other.request("message", { sessionId: otherSession, content: "hi there" }, "message_received");
    const ofTurn = (p: Record<string, unknown>) => p.messageId === ack.payload.messageId;
    const ends = [other.waitFor("reply", ofTurn), other.waitFor("error", ofTurn)];
    for (const end of ends) end.catch(() => undefined);
    const otherTurnEnd = await Promise.race(ends);

    expect(otherTurnEnd).toMatchObject({ type: "reply", payload: { model: PRIMARY, text: "This is Courage here. How are you feeling about it?" } });
    // A refusal has its own code, so a client need not guess it from `retryable`; sending the same message again would
    // be refused again, so the teen is not asked to.
    for (const error of errors) expect(error.payload).toMatchObject({ code: "REPLY_REFUSED", retryable: false, message: GENERATION_REFUSED_MESSAGE });
    // A refusal is not retried on the fallback: it would refuse the same request.
    expect(server.requestsFor(FALLBACK)).toEqual([]);

    // Told again on a resume from another connection, with the same code: storage kept it with each teen's message.
    const readApi = await readApiAs(env.cloud.endpoints, "teen-refused-1");
    await until(async () => {
      const messages = await readApi.sessionMessages(refusedSession);
      return messages.filter((m) => m.role === "user" && m.status === "failed").length === errors.length || undefined;
    }, "the refused turns stored as failed");
    await refused.close();
    const back = await ChatClient.connect(env.cloud.endpoints, "teen-refused-1");
    await back.request("resume", { sessionId: refusedSession, afterSeq: 0 }, "session_resumed");
    expect(back.ofType("error").map((frame) => frame.payload)).toEqual(
      errors.map((error) => ({ code: "REPLY_REFUSED", message: GENERATION_REFUSED_MESSAGE, retryable: false, sessionId: refusedSession, messageId: error.payload.messageId, resumed: true })),
    );
    await back.close();
  });

  it("asks a group's later persona when the first addressed could not answer", async () => {
    // Both models fail Courage's requests (a 5xx, as an outage for that prompt would) and answer Comfort's.
    const failsCourage = { ...speaks, fail: { status: 500, when: (request: RecordedRequest) => speakerOf(request) === "Courage" } };
    server.setBehaviour(PRIMARY, failsCourage);
    server.setBehaviour(FALLBACK, failsCourage);
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-group-1");
    const sessionId = (await client.request("start_session", { personaIds: ["courage", "comfort"] }, "session_started")).payload.sessionId as string;

    const ack = await client.request("message", { sessionId, content: "@courage @comfort hi" }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

    expect(reply.payload).toMatchObject({ personaId: "comfort", text: "This is Comfort here. How are you feeling about it?" });
    const errors = client.ofType("error").filter((frame) => frame.payload.messageId === ack.payload.messageId);
    expect(errors.map((frame) => frame.payload.personaId)).toEqual(["courage"]);
  });
});
