// The extractor used when a model is configured: LangChain structured output against the record_user_graph schema.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Extraction } from "../graph/model.js";
import { ExtractionFailedError } from "./errors.js";
import { RECORD_USER_GRAPH, RecordUserGraphSchema, type RecordUserGraph } from "./extractionSchema.js";
import { buildExtractionPrompt } from "./llmPrompt.js";
import { normaliseExtraction } from "./normaliseExtraction.js";
import type { ExtractOptions, Extractor, TranscriptMessage } from "./types.js";
import { userMessages } from "./userMessages.js";

export const DEFAULT_EXTRACTION_RETRIES = 1;

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
}

export function createLlmExtractor(model: BaseChatModel, options: LlmExtractorOptions = {}): Extractor {
  const name = modelName(model);
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_EXTRACTION_RETRIES));
  const timeZone = options.timeZone ?? "UTC";
  const structured = model.withStructuredOutput<RecordUserGraph>(RecordUserGraphSchema, {
    name: RECORD_USER_GRAPH,
    method: options.method ?? "jsonSchema",
    // Strict only where it is the method's contract: a forced tool call with strict off still parses.
    ...(options.method === "functionCalling" ? {} : { strict: true }),
  });

  return {
    name,
    async extract(messages: readonly TranscriptMessage[], { referenceDate }: ExtractOptions): Promise<Extraction> {
      const said = userMessages(messages);
      // Nothing the user said, nothing to pay a model for.
      if (said.length === 0) return { entities: [], relations: [] };
      const prompt = buildExtractionPrompt(said, referenceDate, timeZone);

      for (let attempt = 1; ; attempt += 1) {
        try {
          const answer = await structured.invoke(prompt);
          return normaliseExtraction(answer);
        } catch (error) {
          if (!isBadAnswer(error) || attempt > maxRetries) throw new ExtractionFailedError(name, attempt, { cause: error });
        }
      }
    },
  };
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
