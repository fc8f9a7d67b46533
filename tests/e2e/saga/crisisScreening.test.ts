// Crisis screening end to end over a real WebSocket: phrasings no rule lists, a concern answered with a check-in, a farewell read with the message before it, a crisis carried into the follow-up that continues it (a milder goodbye too) and into a change of subject until help is named, and the model's second opinion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asksForStructuredOutput, startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";
import { AFTER_CRISIS_CHECK_IN_INSTRUCTION, CONCERN_CHECK_IN_INSTRUCTION, crisisReply, SOMEONE_AT_RISK_INSTRUCTION } from "@innerworld/screening/replies";
import { screenInput, softResourceLine, worriedAboutSomeoneLine } from "@innerworld/screening";
import { ChatClient } from "@innerworld/testing/chat-client";
import { sleep, startTestCloudWithModel, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

const MODEL = "companion-model";
const CHAT_REPLY = "I'm here with you. Do you want to tell me more about it?";

// Crisis messages in words the crisis lexicon does not list (checked below): only the classifier can catch them.
const UNLISTED_CRISES: readonly { text: string; locale: string; helpline: string }[] = [
  { text: "how many of my sleeping pills would it take", locale: "en-US", helpline: "988" },
  { text: "planning my exit from this server called life", locale: "en-US", helpline: "988" },
  { text: "after tonight it won't matter", locale: "en-US", helpline: "988" },
  { text: "started scratching again till it bleeds", locale: "en-US", helpline: "988" },
  { text: "ya me despedí de todos, mañana ya no estaré", locale: "es-MX", helpline: "800 911 2000" },
];

const SECOND_OPINION_FAREWELL = "it's almost time";
/** Asked after a crisis's check-in, the persona quotes the soft resource line back in its own reply. */
const ASKS_FOR_THE_NUMBER = "wait what was that number you said";
const QUOTED_LINE_REPLY = `Of course. Here it is again: ${softResourceLine("en-US")}`;

const asksFor = (text: string) => (request: RecordedRequest) => JSON.stringify(request.messages ?? []).includes(text);
/** A structured request is the safety service's second opinion on a message its classifier is unsure of. */
const isSecondOpinion = asksForStructuredOutput;

describe("crisis screening over the WebSocket", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({
      // A structured request is the safety service's second opinion: it reads "it's almost time" as a farewell and any
      // other message it is asked about as ordinary, as a careful reader would "i told my best friend i love her" alone.
      defaultBehaviour: {
        reply: (request) => {
          if (!isSecondOpinion(request)) return request.messages?.at(-1)?.content === ASKS_FOR_THE_NUMBER ? QUOTED_LINE_REPLY : CHAT_REPLY;
          return asksFor(SECOND_OPINION_FAREWELL)(request)
            ? JSON.stringify({ level: "crisis", category: "farewell", reason: "a goodbye" })
            : JSON.stringify({ level: "none", category: "none", reason: "nothing of risk on its own" });
        },
      },
    });
    env = await startTestCloudWithModel(server.baseUrl, MODEL);
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  const startSession = async (client: ChatClient, locale: string) =>
    (await client.request("start_session", { personaId: "comfort", locale }, "session_started")).payload.sessionId as string;

  /** A new teen sends one message; what the model was asked for it (its one chat request) and the reply it got. */
  const sendAnswered = async (teen: string, locale: string, text: string) => {
    const client = await ChatClient.connect(env.cloud.endpoints, teen);
    const sessionId = await startSession(client, locale);
    const ack = await client.request("message", { sessionId, content: text }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    const chat = server.requests.filter(asksFor(text)).filter((r) => !isSecondOpinion(r));
    return { client, reply, chat, messages: chat[0]?.messages ?? [] };
  };

  it("brings a safety_notice with the locale's helplines for crisis phrasings no rule lists, and never asks the model", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-crisis-1");
    // One session per locale: a teen may have three open at once.
    const sessions = new Map<string, string>();
    for (const { text, locale, helpline } of UNLISTED_CRISES) {
      expect(screenInput(text).action, `the rules alone catch ${JSON.stringify(text)}`).not.toBe("crisis");
      const sessionId = sessions.get(locale) ?? (await startSession(client, locale));
      sessions.set(locale, sessionId);
      const ack = await client.request("message", { sessionId, content: text }, "message_received");
      const notice = await client.waitFor("safety_notice", (p) => p.messageId === ack.payload.messageId);
      expect(JSON.stringify(notice.payload.resources)).toContain(helpline);
      // The words above the helplines are in the teen's language too.
      expect(notice.payload.text).toBe(crisisReply(locale));
    }
    await sleep(500);
    for (const { text } of UNLISTED_CRISES) expect(server.requests.filter(asksFor(text)), text).toHaveLength(0);
    expect(client.ofType("reply")).toHaveLength(0);
    await client.close();
  });

  // Mexico's line is a ten-digit number: the reply screen once took it for a phone number and replaced the reply, line and all.
  it.each([
    ["teen-crisis-2", "en-US", "i feel so empty lately", "988"],
    ["teen-crisis-2es", "es-MX", "me siento tan vacía últimamente", "800 911 2000"],
  ])("answers a concern through the model, with the check-in instruction in its prompt and a soft resource line on the reply (%s, %s)", async (teen, locale, text, helpline) => {
    const { client, reply, chat, messages } = await sendAnswered(teen, locale, text);

    expect(chat).toHaveLength(1);
    expect(messages.at(-1)).toMatchObject({ role: "user", content: text });
    expect(messages.some((m) => m.role === "system" && m.content === CONCERN_CHECK_IN_INSTRUCTION)).toBe(true);
    expect(String(reply.payload.text)).toMatch(new RegExp(`^${CHAT_REPLY.replace(/[.?]/g, "\\$&")}\\n\\n.*${helpline}`, "s"));
    expect(reply.payload.text).toContain(softResourceLine(locale));
    expect(client.ofType("safety_notice")).toHaveLength(0);
    await client.close();
  });

  it.each([
    ["teen-crisis-friend", "en-US", "my best friend keeps saying she wants to kill herself and idk what to do"],
    ["teen-crisis-friend-es", "es-MX", "mi mejor amiga dice que se quiere morir y no sé cómo ayudarla"],
    // The classifier reads this whole as the writer's own crisis; the rest, without the friend's words, is nothing.
    ["teen-crisis-friend-2", "en-US", "my friend is suicidal"],
    // "made me promise not to tell" alone reads as a crisis; it is the friend's secret, read with the friend's words.
    ["teen-crisis-friend-4", "en-US", "my best friend told me she wants to kill herself and made me promise not to tell anyone. what do i do"],
    // A farewell the friend posted, reported by the teen: the friend's words, not the teen's.
    ["teen-crisis-friend-5", "en-US", "my friend keeps posting stuff like 'won't be here much longer' and im scared for him. how do i help"],
  ])("answers a teen worried about a friend through the model, told how to get the friend help (%s, %s)", async (teen, locale, text) => {
    const { client, reply, chat, messages } = await sendAnswered(teen, locale, text);

    expect(chat).toHaveLength(1);
    expect(messages.some((m) => m.role === "system" && m.content === SOMEONE_AT_RISK_INSTRUCTION)).toBe(true);
    expect(messages.some((m) => m.role === "system" && m.content === CONCERN_CHECK_IN_INSTRUCTION)).toBe(false);
    expect(reply.payload.text).toContain(worriedAboutSomeoneLine(locale));
    expect(client.ofType("safety_notice")).toHaveLength(0);
    await client.close();
  });

  it("brings a safety_notice to a teen who joins a friend's words, and never asks the model", async () => {
    const text = "my friend wants to die and so do i";
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-crisis-friend-3");
    const sessionId = await startSession(client, "en-US");
    const ack = await client.request("message", { sessionId, content: text }, "message_received");
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === ack.payload.messageId);

    expect(JSON.stringify(notice.payload.resources)).toContain("988");
    await sleep(500);
    expect(server.requests.filter(asksFor(text))).toHaveLength(0);
    expect(client.ofType("reply")).toHaveLength(0);
    await client.close();
  });

  // The pair the context layer was first built on, and the one model 2025.12.5's tests moved to: both stay.
  it.each([
    ["teen-crisis-3", "i gave my guitar to my cousin today", "i'm so tired of everything"],
    ["teen-crisis-3b", "i told my best friend i love her", "i'm just so tired of it all"],
  ])("catches a two-message farewell on the second message (%s)", async (teen, farewell, tired) => {
    const client = await ChatClient.connect(env.cloud.endpoints, teen);
    const sessionId = await startSession(client, "en-US");
    // The second alone is a concern; after a farewell it is a crisis. The first may be answered or, read alone as a
    // farewell, met with resources: either way it is in the session when the second is screened.
    const first = await client.request("message", { sessionId, content: farewell }, "message_received");
    const answered = () => ["reply", "safety_notice"].some((type) => client.ofType(type).some((f) => f.payload.messageId === first.payload.messageId));
    for (let waited = 0; !answered(); waited += 50) {
      if (waited > 20_000) throw new Error(`no reply or safety_notice for ${farewell}`);
      await sleep(50);
    }
    const second = await client.request("message", { sessionId, content: tired }, "message_received");
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === second.payload.messageId);
    expect(JSON.stringify(notice.payload.resources)).toContain("988");
    await sleep(500);
    expect(server.requests.filter(asksFor(tired))).toHaveLength(0);
    expect(client.ofType("reply").filter((f) => f.payload.messageId === second.payload.messageId)).toHaveLength(0);
    await client.close();
  });

  // Each follow-up is ordinary alone (the second opinion, asked about it alone, would say so) and continues the roof in
  // its own words (decidedBy "context"): "whatever happens happens" by the rule that a crisis continues into a message
  // with some risk of its own (or the context layer reading the two together), "bye everybody", too mild for that, by its
  // goodbye (a plan's detail), "ok gn" and "ok i did it" as a sign-off and the act itself, and "the view from up here is
  // actually pretty" as the writer on the height (actingNow.ts). The everyday message after it says nothing of the roof:
  // the roof carries on into it (decidedBy "earlier_crisis", riskScreen.ts latestCarriedOn), until the teen names help.
  it.each([
    ["teen-crisis-5", "whatever happens happens"],
    ["teen-crisis-6", "bye everybody"],
    ["teen-crisis-8", "ok gn"],
    ["teen-crisis-9", "ok i did it"],
    ["teen-crisis-10", "the view from up here is actually pretty"],
  ])("carries a crisis into a follow-up that continues it and into an everyday one, until the teen names help; then the persona answers, checking in (%s: %j)", async (teen, followUp) => {
    const client = await ChatClient.connect(env.cloud.endpoints, teen);
    const sessionId = await startSession(client, "en-US");
    const say = async (content: string) => (await client.request("message", { sessionId, content }, "message_received")).payload.messageId as string;
    const crisis = "i'm up on the roof of my building right now";
    const everyday = "can we talk about something else";
    const safe = "ok my mom is here with me now";
    expect(screenInput(followUp).action).not.toBe("crisis");

    const first = await say(crisis);
    await client.waitFor("safety_notice", (p) => p.messageId === first);
    const second = await say(followUp);
    const notice = await client.waitFor("safety_notice", (p) => p.messageId === second);
    const third = await say(everyday);
    const carried = await client.waitFor("safety_notice", (p) => p.messageId === third);
    const fourth = await say(safe);
    const reply = await client.waitFor("reply", (p) => p.messageId === fourth);

    expect(JSON.stringify(notice.payload.resources)).toContain("988");
    expect(notice.payload.text).toBe(crisisReply("en-US"));
    // The change of subject is answered with the helplines again, in words that say the roof is still on its mind.
    expect(carried.payload.text).toBe(crisisReply("en-US", true));
    expect(JSON.stringify(carried.payload.resources)).toContain("988");
    // Help named: the persona answers, then asks how the teen is now, with the soft resource line.
    expect(reply.payload.text).toContain(CHAT_REPLY);
    expect(reply.payload.text).toContain(softResourceLine("en-US"));
    const asked = server.requests.filter(asksFor(safe)).filter((r) => !isSecondOpinion(r));
    const guidance = asked.flatMap((r) => (r.messages ?? []).filter((m) => m.role === "system").map((m) => m.content));
    expect(guidance).toContain(AFTER_CRISIS_CHECK_IN_INSTRUCTION);
    expect(guidance).not.toContain(CONCERN_CHECK_IN_INSTRUCTION);
    // The model saw none of the three messages the notices answered.
    for (const unseen of [crisis, followUp, everyday]) expect(server.requests.filter(asksFor(unseen))).toHaveLength(0);
    await client.close();
  });

  // Whether the teen was just shown the line is recorded with the stored reply that carried it: a persona quoting the
  // line's words did not show it, so the check-in after that reply carries it again.
  it("puts the resource line under a check-in after a reply that only quoted it, not under one right after the line", async () => {
    const teen = "teen-crisis-7";
    const client = await ChatClient.connect(env.cloud.endpoints, teen);
    const sessionId = await startSession(client, "en-US");
    const readApi = await readApiAs(env.cloud.endpoints, teen);
    const line = softResourceLine("en-US");
    /** Sends a message and waits for its reply to be shown and then stored: the next turn's history is read from storage. */
    const answer = async (content: string) => {
      const messageId = (await client.request("message", { sessionId, content }, "message_received")).payload.messageId as string;
      const reply = await client.waitFor("reply", (p) => p.messageId === messageId);
      await until(async () => ((await readApi.sessionMessages(sessionId)).some((m) => m.role === "assistant" && m.messageId === messageId) ? true : undefined), `the reply to ${content} stored`);
      return String(reply.payload.text);
    };

    const crisis = await client.request("message", { sessionId, content: "i'm up on the roof of my building right now" }, "message_received");
    await client.waitFor("safety_notice", (p) => p.messageId === crisis.payload.messageId);
    // Help named ends the roof's carrying on: from here the persona answers each message, checking in.
    const checkIn = await answer("ok i'm down now, my mom is here with me");
    const quoting = await answer(ASKS_FOR_THE_NUMBER);
    const afterQuote = await answer("ok thanks");

    expect(checkIn).toBe(`${CHAT_REPLY}\n\n${line}`);
    // Right after the line: the persona's own words only, though they quote it.
    expect(quoting).toBe(QUOTED_LINE_REPLY);
    // The quote was the persona's, not the line: the next check-in carries it.
    expect(afterQuote).toBe(`${CHAT_REPLY}\n\n${line}`);
    const askedAfterQuote = server.requests.filter((r) => r.messages?.at(-1)?.content === "ok thanks");
    expect(askedAfterQuote.some((r) => (r.messages ?? []).some((m) => m.role === "system" && m.content === AFTER_CRISIS_CHECK_IN_INSTRUCTION))).toBe(true);
    await client.close();
  });

  it("asks the model for a second opinion on a message the classifier is unsure of, and acts on it", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "teen-crisis-4");
    const sessionId = await startSession(client, "en-US");
    const text = SECOND_OPINION_FAREWELL;
    const ack = await client.request("message", { sessionId, content: text }, "message_received");
    await client.waitFor("safety_notice", (p) => p.messageId === ack.payload.messageId);
    await sleep(500);
    const asked = server.requests.filter(asksFor(text));
    expect(asked).toHaveLength(1);
    expect(isSecondOpinion(asked[0] as RecordedRequest)).toBe(true);
    await client.close();
  });
});
