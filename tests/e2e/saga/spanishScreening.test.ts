// Spanish over a real WebSocket: an abuse disclosure brings helplines in Spanish, and everyday Spanish words that hold an English slur or sexual term ("negro", "cumpleaños") pass both screens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asksForStructuredOutput, startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { crisisReply } from "@innerworld/screening/replies";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloudWithModel, type TestCloud } from "@innerworld/testing/cloud";

// The persona's answer holds the words the reply screen once replaced as hate speech and as sexual content for a minor.
const CHAT_REPLY = "¡Qué lindo! Un perro negro en tu cumpleaños es el mejor regalo.";

const asksFor = (text: string) => (request: RecordedRequest) => JSON.stringify(request.messages ?? []).includes(text);
/** A structured request is the safety service's second opinion on a message its classifier is unsure of. */
const isSecondOpinion = asksForStructuredOutput;

describe("Spanish screening over the WebSocket", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    // The second opinion reads an everyday message as ordinary, as a careful reader would: the classifier is unsure of
    // some ordinary Spanish, and without an answer from this layer such a message counts as a concern.
    server = await startOpenAiCompatibleServer({
      defaultBehaviour: { reply: (request) => (isSecondOpinion(request) ? JSON.stringify({ level: "none", category: "none", reason: "an everyday message" }) : CHAT_REPLY) },
    });
    env = await startTestCloudWithModel(server.baseUrl, "companion-model");
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  const startSession = async (client: ChatClient, locale: string) =>
    (await client.request("start_session", { personaId: "comfort", locale }, "session_started")).payload.sessionId as string;

  it.each([
    ["mi papá me pega todos los días", "es-MX", "800 911 2000"],
    ["mi padrastro me toca y me da miedo decirle a alguien", "es-US", "988"],
  ])("a disclosure (%j, %s) brings a safety_notice in Spanish with the locale's helplines, and the model never sees it", async (text, locale, helpline) => {
    const client = await ChatClient.connect(env.cloud.endpoints, `teen-es-disclosure-${locale}`);
    const sessionId = await startSession(client, locale);

    const ack = await client.request("message", { sessionId, content: text }, "message_received");
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === ack.payload.messageId);

    expect(notice.payload.text).toBe(crisisReply(locale));
    expect(JSON.stringify(notice.payload.resources)).toContain(helpline);
    expect(server.requests.filter(asksFor(text))).toHaveLength(0);
    expect(client.ofType("reply").filter((f) => f.payload.messageId === ack.payload.messageId)).toHaveLength(0);
    await client.close();
  });

  it("answers 'mi perro negro' with the persona's own reply, which says 'negro' and 'cumpleaños' unreplaced", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-es-ordinary");
    const sessionId = await startSession(client, "es-MX");

    const ack = await client.request("message", { sessionId, content: "Mi perro negro se llama Canelo y hoy es mi cumpleaños" }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

    expect(reply.payload.text).toBe(CHAT_REPLY);
    expect(client.ofType("safety_notice")).toHaveLength(0);
    await client.close();
  });
});
