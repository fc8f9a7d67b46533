import { AIMessage, HumanMessage, SystemMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getPersona, listPersonas, type Persona } from "../personas/index.js";
import { buildPrompt } from "../prompt/index.js";
import { OfflineChatModel } from "./OfflineChatModel.js";
import { splitSentences } from "./sentenceSplitter.js";

const MESSAGES = [
  "hi",
  "my friend Maya stopped talking to me and I don't know why 😢",
  "I have a math test tomorrow and I'm so stressed!!!",
  "can u help me with my science fair project? it's about volcanoes",
  "idk man i just feel kinda off today",
  "should I go to the party on saturday or stay home and study for finals",
];

function prompt(persona: Persona, userMessage: string, history: BaseMessage[] = []): BaseMessage[] {
  const built = buildPrompt({ persona, history: [], userMessage, tokenBudget: 4000 });
  return [built.messages[0] as BaseMessage, ...history, ...built.messages.slice(1)];
}

const styleSentences = (persona: Persona) => [...persona.style.openers, ...persona.style.greetings];

describe("OfflineChatModel", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers the same conversation with the same reply, from separate instances", async () => {
    const messages = prompt(getPersona("courage"), MESSAGES[1] ?? "");

    const first = await new OfflineChatModel().invoke(messages);
    const second = await new OfflineChatModel().invoke(messages);

    expect(second.text).toBe(first.text);
  });

  it("varies the reply with the persona and with the conversation", async () => {
    const model = new OfflineChatModel();
    const replies = new Set<string>();
    for (const persona of listPersonas()) replies.add((await model.invoke(prompt(persona, MESSAGES[2] ?? ""))).text);
    expect(replies.size).toBe(listPersonas().length);

    const courage = getPersona("courage");
    const perMessage = await Promise.all(MESSAGES.map(async (message) => (await model.invoke(prompt(courage, message))).text));
    expect(new Set(perMessage).size).toBe(MESSAGES.length);
  });

  it("writes 2-4 sentences in the persona's style, ending with a follow-up question", async () => {
    const model = new OfflineChatModel();
    for (const persona of listPersonas()) {
      for (const message of MESSAGES) {
        const reply = (await model.invoke(prompt(persona, message))).text;
        const sentences = splitSentences(reply);

        expect(sentences.length, reply).toBeGreaterThanOrEqual(2);
        expect(sentences.length, reply).toBeLessThanOrEqual(4);
        expect(sentences.at(-1), reply).toMatch(/\?$/);
        expect(styleSentences(persona).some((opener) => reply.startsWith(opener)), reply).toBe(true);
        if (persona.style.emoji.length === 0) expect(reply).not.toMatch(/\p{Extended_Pictographic}/u);
      }
    }
  });

  it("picks up the topic the user named and asks about it", async () => {
    const model = new OfflineChatModel();

    const maya = (await model.invoke(prompt(getPersona("comfort"), MESSAGES[1] ?? ""))).text;
    const project = (await model.invoke(prompt(getPersona("creative"), MESSAGES[3] ?? ""))).text;

    expect(maya).toContain("your friend Maya");
    expect(splitSentences(maya).at(-1)).toContain("Maya");
    expect(project).toContain("your science fair project");
  });

  it("recognises the persona from the system prompt, and can be pinned to one", async () => {
    const messages = prompt(getPersona("compass"), MESSAGES[5] ?? "");
    const recognised = (await new OfflineChatModel().invoke(messages)).text;
    expect(getPersona("compass").style.openers.some((opener) => recognised.startsWith(opener))).toBe(true);

    const pinned = (await new OfflineChatModel({ persona: getPersona("courage") }).invoke(messages)).text;
    expect(getPersona("courage").style.openers.some((opener) => pinned.startsWith(opener))).toBe(true);

    const bare = (await new OfflineChatModel().invoke([new HumanMessage("my dog is sick")])).text;
    expect(getPersona("companion").style.openers.some((opener) => bare.startsWith(opener))).toBe(true);
  });

  it("reads the latest user message, not an earlier one", async () => {
    const history = [new HumanMessage("my cat Luna is so funny"), new AIMessage("Tell me more!")];
    const reply = (await new OfflineChatModel().invoke(prompt(getPersona("companion"), "I have a big game against Riverside", history))).text;

    expect(reply).toContain("Riverside");
    expect(reply).not.toContain("Luna");
  });

  it("labels itself offline and reports token usage", async () => {
    const model = new OfflineChatModel();
    const messages = prompt(getPersona("courage"), MESSAGES[2] ?? "");

    const message = await model.invoke(messages);
    const result = await model.generate([messages]);

    expect(model._llmType()).toBe("offline");
    expect(message.response_metadata).toMatchObject({ model_name: "offline" });
    expect(message.usage_metadata?.input_tokens).toBeGreaterThan(100);
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(5);
    expect(message.usage_metadata?.total_tokens).toBe((message.usage_metadata?.input_tokens ?? 0) + (message.usage_metadata?.output_tokens ?? 0));
    expect(result.llmOutput).toMatchObject({ model_name: "offline", tokenUsage: { promptTokens: message.usage_metadata?.input_tokens } });
  });

  it("streams one chunk per sentence, then usage, adding up to the invoked reply", async () => {
    const model = new OfflineChatModel();
    const messages = prompt(getPersona("creative"), MESSAGES[3] ?? "");

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.stream(messages)) chunks.push(chunk);
    const whole = await model.invoke(messages);

    const texts = chunks.map((chunk) => chunk.text).filter((text) => text.length > 0);
    expect(texts.join("")).toBe(whole.text);
    expect(texts.map((text) => text.trim())).toEqual(splitSentences(whole.text));
    expect(chunks.at(-1)?.usage_metadata).toEqual(whole.usage_metadata);
  });

  it("needs no timers: it answers while fake timers are frozen", async () => {
    vi.useFakeTimers();
    const model = new OfflineChatModel();

    const reply = await model.invoke([new SystemMessage(getPersona("comfort").voice), new HumanMessage("hello")]);
    const chunks: string[] = [];
    for await (const chunk of await model.stream([new HumanMessage("my exam went badly")])) chunks.push(chunk.text);

    expect(reply.text.length).toBeGreaterThan(10);
    expect(chunks.length).toBeGreaterThan(2);
  });

  it("honours an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(new OfflineChatModel().invoke([new HumanMessage("hi")], { signal: controller.signal })).rejects.toThrow();
  });

  it("answers the user, not another persona's reply that follows the message in a group", async () => {
    const persona = getPersona("comfort");
    const alone = buildPrompt({ persona, history: [], userMessage: "I have a math test tomorrow", tokenBudget: 4000 }).messages;
    const inGroup = buildPrompt({
      persona,
      history: [],
      userMessage: "I have a math test tomorrow",
      answeredBy: [{ role: "assistant", content: "Let's talk about volcanoes instead!", speaker: "Creative" }],
      tokenBudget: 4000,
      group: { others: ["Creative"] },
    }).messages;

    const reply = (await new OfflineChatModel().invoke(inGroup)).text;

    expect(reply).toMatch(/math test/);
    expect(reply).not.toMatch(/volcano/);
    expect((await new OfflineChatModel().invoke(alone)).text).toMatch(/math test/);
  });
});
