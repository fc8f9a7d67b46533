// The safety service's remote layers in an outage, over a real WebSocket against a real OpenAI-compatible server: the
// second opinion answers garbage and moderation's route is missing. After three failures each is no longer asked, and
// every uncertain message is still answered as a concern, with the check-in instruction in the model's prompt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asksForStructuredOutput, startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { CONCERN_CHECK_IN_INSTRUCTION } from "@innerworld/screening/replies";
import { createScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier } from "@innerworld/screening";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";

const CHAT_REPLY = "I'm glad you told me. What's on your mind?";
// Read alone, the classifier is unsure of it: the band where the second opinion is asked.
const UNCERTAIN = "it's almost time";
const TEENS = ["teen-outage-1", "teen-outage-2", "teen-outage-3", "teen-outage-4", "teen-outage-5"];

/** A structured request is the safety service's second opinion on a message its classifier is unsure of. */
const isSecondOpinion = asksForStructuredOutput;
const isModeration = (request: RecordedRequest) => request.path === "/v1/moderations";
const isChatAbout = (text: string) => (request: RecordedRequest) =>
  request.path === "/v1/chat/completions" && !isSecondOpinion(request) && request.messages?.at(-1)?.content === text;

describe("the second opinion and moderation during an outage", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({
      defaultBehaviour: { reply: (request) => (isSecondOpinion(request) ? "sorry, I can't help with that" : CHAT_REPLY) },
    });
    Object.assign(process.env, {
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL_API_KEY: "test-key",
      INNERWORLD_MODEL: "companion-model",
      INNERWORLD_MODEL_MAX_RETRIES: "0",
      // The same server has no moderation route: every call is a 404.
      INNERWORLD_MODERATION_API_KEY: "test-key",
      INNERWORLD_MODERATION_BASE_URL: server.baseUrl,
      // Long enough that no circuit half-opens during the test, however slow the machine.
      INNERWORLD_MODEL_CIRCUIT_RESET_MS: "600000",
    });
    env = await startTestCloud();
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  it("asks each failing layer three times, then answers every uncertain message as a concern without asking", async () => {
    expect(createScreener({ classifier: loadScreeningClassifier(DEFAULT_MODEL_PATH) }).screenInputLocally(UNCERTAIN).risk.uncertain).toBe(true);

    // One teen after another, each in a session of their own, so no earlier message colours the reading.
    for (const teen of TEENS) {
      const client = await ChatClient.connect(env.cloud.endpoints, teen);
      const { sessionId } = (await client.request("start_session", { personaId: "comfort" }, "session_started")).payload as { sessionId: string };
      const ack = await client.request("message", { sessionId, content: UNCERTAIN }, "message_received");
      const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
      expect(String(reply.payload.text)).toContain(CHAT_REPLY);
      await client.close();
    }

    expect(server.requests.filter(isSecondOpinion)).toHaveLength(3);
    // Moderation is asked about the teens' messages and the replies alike; one breaker for the one endpoint.
    expect(server.requests.filter(isModeration)).toHaveLength(3);
    expect(server.requests.filter(isModeration).every((request) => request.response?.status === 404)).toBe(true);
    const chats = server.requests.filter(isChatAbout(UNCERTAIN));
    expect(chats).toHaveLength(TEENS.length);
    for (const chat of chats) expect(chat.messages?.some((m) => m.role === "system" && m.content === CONCERN_CHECK_IN_INSTRUCTION)).toBe(true);
  });
});
