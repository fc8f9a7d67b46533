// The chat-model synthesiser over a model that answers what the test tells it: what it keeps, shortens and gives up on.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { describe, expect, it } from "vitest";
import { createLlmSynthesiser } from "./llmSynthesiser";

const ANSWERED = {
  name: "ignored: the survey names the persona",
  description: "Maya as her friends see her.",
  personality: "You are funny and loyal.",
  speakingStyle: "You talk warmly.",
  traits: ["funny"],
  topics: ["anime"],
  values: ["friends"],
};

/** A chat model whose structured output is `answer`, or what `answer` does with the call's options; calls counted. */
const modelAnswering = (answer: (options: { signal?: AbortSignal }) => Promise<unknown>) => {
  const calls: { signal?: AbortSignal }[] = [];
  const model = {
    withStructuredOutput: () => ({
      invoke: async (_messages: unknown, options: { signal?: AbortSignal } = {}) => {
        calls.push(options);
        return answer(options);
      },
    }),
  } as unknown as BaseChatModel;
  return { model, calls };
};

const INPUT = { subjectName: "Maya", questions: [], responses: [] };

describe("the chat-model synthesiser", () => {
  it("shortens a trait longer than a persona allows, at a word, rather than refusing the persona", async () => {
    const { model, calls } = modelAnswering(async () => ({ ...ANSWERED, traits: ["funny", "always there for you whenever things get really hard"] }));
    const draft = await createLlmSynthesiser(model, { modelName: "test-model" }).synthesise(INPUT);
    expect(calls).toHaveLength(1);
    expect(draft.traits).toEqual(["funny", "always there for you whenever things"]);
  });

  it("shortens long topics and text fields to the persona API's limits", async () => {
    const { model } = modelAnswering(async () => ({ ...ANSWERED, topics: ["marine ".repeat(20)], personality: "You are kind. ".repeat(200) }));
    const draft = await createLlmSynthesiser(model, { modelName: "test-model" }).synthesise(INPUT);
    expect(draft.topics[0]?.length).toBeLessThanOrEqual(60);
    expect(draft.personality.length).toBeLessThanOrEqual(2000);
    expect(draft.personality).toMatch(/^You are kind\./);
  });

  it("leaves out an empty trait, topic or value", async () => {
    const { model } = modelAnswering(async () => ({ ...ANSWERED, traits: ["funny", " "], topics: [""], values: ["", "friends"] }));
    const draft = await createLlmSynthesiser(model, { modelName: "test-model" }).synthesise(INPUT);
    expect(draft).toMatchObject({ name: "Maya", traits: ["funny"], topics: [], values: ["friends"] });
  });

  it("asks again when the answer is still no persona, then gives up with a typed error", async () => {
    const { model, calls } = modelAnswering(async () => ({ ...ANSWERED, personality: "" }));
    await expect(createLlmSynthesiser(model, { modelName: "test-model", maxRetries: 1 }).synthesise(INPUT)).rejects.toMatchObject({ code: "SYNTHESIS_FAILED" });
    expect(calls).toHaveLength(2);
  });

  it("passes the caller's signal to the model and asks no more once it has fired", async () => {
    const controller = new AbortController();
    const { model, calls } = modelAnswering(async () => {
      controller.abort(new Error("time is running out"));
      throw new Error("aborted");
    });
    const failure = await createLlmSynthesiser(model, { modelName: "test-model", maxRetries: 3 }).synthesise(INPUT, { signal: controller.signal }).catch((error: unknown) => error);
    expect(calls).toEqual([{ signal: controller.signal }]);
    expect(failure).toMatchObject({ code: "SYNTHESIS_FAILED", message: expect.stringContaining("time ran out") });
  });
});
