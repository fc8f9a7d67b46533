// A LangChain chat model that answers without any endpoint: deterministic, persona-styled, streaming, labelled "offline".
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { DEFAULT_PERSONA_ID, getPersona, listPersonas, type Persona } from "../personas/index.js";
import { estimateMessageTokens, estimateTokens } from "../prompt/index.js";
import { composeOfflineReply } from "./composeOfflineReply.js";

export const OFFLINE_MODEL_NAME = "offline";

export interface OfflineChatModelFields extends BaseChatModelParams {
  /** Always answer as this persona. Without it the persona is recognised from the system prompt. */
  persona?: Persona;
}

/**
 * Keeps the whole system usable with no model endpoint: replies are built from the persona's style
 * markers (see personas/), reflect the user's topic back and end with a follow-up question. No I/O,
 * no timers: a reply costs microseconds, so tests and local runs never wait on it.
 */
export class OfflineChatModel extends BaseChatModel {
  private readonly fixedPersona: Persona | undefined;

  static override lc_name(): string {
    return "OfflineChatModel";
  }

  constructor(fields: OfflineChatModelFields = {}) {
    super(fields);
    this.fixedPersona = fields.persona;
  }

  _llmType(): string {
    return OFFLINE_MODEL_NAME;
  }

  override getLsParams(options: this["ParsedCallOptions"]) {
    return { ...super.getLsParams(options), ls_provider: "innerworld", ls_model_name: OFFLINE_MODEL_NAME };
  }

  /** LangChain drops llmOutput from `generate()` unless the model says how to merge one per prompt. */
  override _combineLLMOutput(...outputs: (Record<string, unknown> | undefined)[]): Record<string, unknown> {
    const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    for (const output of outputs) {
      const tokens = output?.tokenUsage as typeof usage | undefined;
      usage.promptTokens += tokens?.promptTokens ?? 0;
      usage.completionTokens += tokens?.completionTokens ?? 0;
      usage.totalTokens += tokens?.totalTokens ?? 0;
    }
    return { model_name: OFFLINE_MODEL_NAME, tokenUsage: usage };
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const { text, usage } = this.reply(messages);
    const message = new AIMessage({ content: text, usage_metadata: usage, response_metadata: responseMetadata() });
    return {
      generations: [{ text, message, generationInfo: { finish_reason: "stop" } }],
      llmOutput: { model_name: OFFLINE_MODEL_NAME, tokenUsage: tokenUsage(usage) },
    };
  }

  /** One chunk per sentence (the granularity clients render at), then an empty chunk carrying usage, as OpenAI does. */
  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { sentences, usage } = this.reply(messages);
    for (const [index, sentence] of sentences.entries()) {
      options.signal?.throwIfAborted();
      const text = index < sentences.length - 1 ? `${sentence} ` : sentence;
      const chunk = new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
      yield chunk;
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
    }
    yield new ChatGenerationChunk({
      text: "",
      message: new AIMessageChunk({ content: "", usage_metadata: usage, response_metadata: responseMetadata() }),
      generationInfo: { finish_reason: "stop" },
    });
  }

  private reply(messages: BaseMessage[]): { sentences: string[]; text: string; usage: UsageMetadata } {
    const persona = this.fixedPersona ?? recognisePersona(messages);
    const { sentences } = composeOfflineReply(persona, messages);
    const text = sentences.join(" ");
    const input = messages.reduce((sum, message) => sum + estimateMessageTokens(message.text), 0);
    const output = estimateTokens(text);
    return { sentences, text, usage: { input_tokens: input, output_tokens: output, total_tokens: input + output } };
  }
}

/** The persona whose voice the system prompt carries (buildPrompt puts it there); the default otherwise. */
function recognisePersona(messages: readonly BaseMessage[]): Persona {
  const system = messages.find((message) => message.type === "system")?.text ?? "";
  return listPersonas().find((persona) => system.includes(persona.voice)) ?? getPersona(DEFAULT_PERSONA_ID);
}

function responseMetadata() {
  return { model_name: OFFLINE_MODEL_NAME, model_provider: "innerworld", finish_reason: "stop" };
}

function tokenUsage(usage: UsageMetadata) {
  return { promptTokens: usage.input_tokens, completionTokens: usage.output_tokens, totalTokens: usage.total_tokens };
}
