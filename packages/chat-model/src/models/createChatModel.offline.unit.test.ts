import { describe, expect, it } from "vitest";
import { getPersona } from "../personas/index.js";
import { buildPrompt } from "../prompt/index.js";
import { createChatModel } from "./createChatModel.js";
import type { ReplySentence } from "./replyModel.js";

const messages = buildPrompt({
  persona: getPersona("courage"),
  history: [],
  userMessage: "I have tryouts for the soccer team on Friday",
  tokenBudget: 4000,
}).messages;

describe("createChatModel without an endpoint", () => {
  it("answers with the offline model, labelled offline", async () => {
    const model = createChatModel({});

    const result = await model.generate(messages);

    expect(model.models).toEqual(["offline"]);
    expect(result.model).toBe("offline");
    expect(result.fallbackUsed).toBe(false);
    expect(result.text).toMatch(/\?$/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("streams the same reply sentence by sentence, then the result", async () => {
    const model = createChatModel({});
    const whole = await model.generate(messages);

    const stream = model.stream(messages);
    const sentences: ReplySentence[] = [];
    for await (const sentence of stream) sentences.push(sentence);
    const result = await stream.result;

    expect(sentences.map((s) => s.index)).toEqual(sentences.map((_, index) => index));
    expect(sentences.map((s) => s.sentence).join(" ")).toBe(whole.text);
    expect(result).toMatchObject({ text: whole.text, model: "offline", fallbackUsed: false, usage: whole.usage });
  });

  it("rejects the result when the consumer stops early, and refuses a second iteration", async () => {
    const stream = createChatModel({}).stream(messages);

    for await (const _sentence of stream) break;

    await expect(stream.result).rejects.toMatchObject({ name: "AbortError" });
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
