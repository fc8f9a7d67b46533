// The extractor used when a model is configured: LangChain structured output against the record_user_graph schema.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Extraction } from "../graph/model.js";
import { ExtractionFailedError } from "./errors.js";
import { RECORD_USER_GRAPH, RecordUserGraphSchema, type RecordUserGraph } from "./extractionSchema.js";
import { buildExtractionPrompt } from "./llmPrompt.js";
import { normaliseExtraction } from "./normaliseExtraction.js";
import type { ExtractOptions, Extractor, TranscriptExtraction, TranscriptMessage } from "./types.js";
import { userMessages } from "./userMessages.js";

export const DEFAULT_EXTRACTION_RETRIES = 1;

/**
 * The teen's words one prompt carries at most: about 6,000 tokens, which with the instructions and the answer fits the
 * 8k context many local models default to. A longer session is mined in several prompts.
 */
const DEFAULT_MAX_PROMPT_CHARS = 24_000;

export interface LlmExtractorOptions {
  /**
   * How many times to ask again after an answer that is not valid JSON for the schema. Default 1.
   * LangChain's own default would re-ask 6 times, which for a whole transcript is slow and costly;
   * transport failures (429, 5xx, timeouts) are the model client's own `maxRetries`, not this.
   */
  maxRetries?: number;
  /**
   * "jsonSchema" (default): OpenAI `response_format` with a strict JSON schema, which OpenAI, vLLM and
   * recent Ollama honour. "functionCalling": a forced tool call, for servers without response_format.
   */
  method?: "jsonSchema" | "functionCalling";
  /** IANA zone of the user, for "today" in the prompt. Default UTC. */
  timeZone?: string;
  /** The most message text one prompt carries (DEFAULT_MAX_PROMPT_CHARS); a message longer than that is cut to it. */
  maxPromptChars?: number;
}

export function createLlmExtractor(model: BaseChatModel, options: LlmExtractorOptions = {}): Extractor {
  const name = modelName(model);
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_EXTRACTION_RETRIES));
  const timeZone = options.timeZone ?? "UTC";
  const maxPromptChars = Math.max(1, Math.floor(options.maxPromptChars ?? DEFAULT_MAX_PROMPT_CHARS));
  const structured = model.withStructuredOutput<RecordUserGraph>(RecordUserGraphSchema, {
    name: RECORD_USER_GRAPH,
    method: options.method ?? "jsonSchema",
    // Strict only where it is the method's contract: a forced tool call with strict off still parses.
    ...(options.method === "functionCalling" ? {} : { strict: true }),
  });
  const ask = async (prompt: BaseMessage[]): Promise<Extraction> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return normaliseExtraction(await structured.invoke(prompt));
      } catch (error) {
        if (!isBadAnswer(error) || attempt > maxRetries) throw new ExtractionFailedError(name, attempt, { cause: error });
      }
    }
  };

  return {
    name,
    async extract(messages: readonly TranscriptMessage[], { referenceDate, timeLeftMs }: ExtractOptions): Promise<TranscriptExtraction> {
      // Nothing the user said, no prompt: nothing to pay a model for.
      const parts = promptParts(userMessages(messages), maxPromptChars);
      const found: Extraction[] = [];
      for (const part of parts.toReversed()) {
        if (found.length > 0 && timeLeftMs !== undefined && timeLeftMs() <= 0) break;
        found.push(await ask(buildExtractionPrompt(part, referenceDate, timeZone)));
      }
      // Oldest first, as said: the merge lets a later statement of a fact win.
      const inOrder = found.toReversed();
      const extraction: Extraction = { entities: inOrder.flatMap((f) => f.entities), relations: inOrder.flatMap((f) => f.relations) };
      const leftOut = parts.slice(0, parts.length - found.length).reduce((count, part) => count + part.length, 0);
      return leftOut > 0 ? { ...extraction, messagesLeftOut: leftOut } : extraction;
    },
  };
}

/** The messages in runs, oldest first, whose text fits one prompt each; a message too long for a prompt alone is cut. */
function promptParts(messages: readonly TranscriptMessage[], maxChars: number): TranscriptMessage[][] {
  const parts: TranscriptMessage[][] = [];
  let part: TranscriptMessage[] = [];
  let chars = 0;
  for (const message of messages) {
    const content = message.content.slice(0, maxChars);
    if (part.length > 0 && chars + content.length > maxChars) {
      parts.push(part);
      part = [];
      chars = 0;
    }
    part.push(content === message.content ? message : { ...message, content });
    chars += content.length;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * A bad answer (not JSON, or JSON that fails the schema) is worth asking again; a failed call is not:
 * the client already retried it, and asking again would only repeat the outage.
 */
function isBadAnswer(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (typeof (error as { status?: unknown }).status === "number" || error.name === "AbortError" || /timeout/i.test(error.name)) return false;
  return (
    error instanceof SyntaxError ||
    ["OutputParserException", "ZodError", "SyntaxError", "LengthFinishReasonError"].includes(error.name) ||
    /parse|json|schema|validation/i.test(error.message)
  );
}

/** ChatOpenAI keeps the model name in `model`; other chat models fall back to their class name. */
function modelName(model: BaseChatModel): string {
  const fields = model as unknown as { model?: unknown; modelName?: unknown };
  if (typeof fields.model === "string" && fields.model) return fields.model;
  if (typeof fields.modelName === "string" && fields.modelName) return fields.modelName;
  return model.getName();
}
