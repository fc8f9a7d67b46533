// Picks the extractor from the model configuration: a ChatOpenAI-backed LLM extractor when an endpoint is set, else the offline one.
import { ChatOpenAI } from "@langchain/openai";
import { DEFAULT_MAX_RETRIES, DEFAULT_REMOTE_MODEL, parseModelConfig, usesRemoteModel, type ModelConfig } from "@innerworld/chat-model/model-config";
import { createLlmExtractor, type LlmExtractorOptions } from "./llmExtractor.js";
import type { OfflineExtractorOptions } from "./offlineExtractor.js";
import type { KnownEntity } from "./resolveEntities.js";
import { OFFLINE_EXTRACTOR_NAME, type Extractor } from "./types.js";

/** A whole transcript takes a model longer than one chat reply; the chat default (20 s) would cut it off. */
export const DEFAULT_EXTRACTION_TIMEOUT_MS = 60_000;

export interface CreateExtractorOptions extends Pick<LlmExtractorOptions, "maxRetries" | "method" | "maxPromptChars"> {
  /** IANA zone of the user. Default UTC. */
  timeZone?: string;
  /** Entities already in the user's graph (offline extractor only). */
  known?: readonly KnownEntity[];
}

/**
 * The same configuration as the chat models (modelConfigFromEnv): with neither a base URL nor an API
 * key there is no model, so extraction stays offline and the system keeps working. Only the primary
 * model extracts; `fallbackModels` are for chat turns, where a user is waiting.
 */
export function createExtractor(config: ModelConfig = {}, options: CreateExtractorOptions = {}): Extractor {
  const valid = parseModelConfig(config);
  if (!usesRemoteModel(valid)) return lazyOfflineExtractor({ ...(options.timeZone ? { timeZone: options.timeZone } : {}), ...(options.known ? { known: options.known } : {}) });
  const model = new ChatOpenAI({
    model: valid.model ?? DEFAULT_REMOTE_MODEL,
    // The OpenAI SDK refuses to start without a key, but local servers ignore it.
    apiKey: valid.apiKey ?? "not-needed",
    configuration: valid.baseUrl ? { baseURL: valid.baseUrl } : {},
    maxRetries: valid.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: valid.timeoutMs ?? DEFAULT_EXTRACTION_TIMEOUT_MS,
  });
  return createLlmExtractor(model, {
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.method ? { method: options.method } : {}),
    ...(options.maxPromptChars === undefined ? {} : { maxPromptChars: options.maxPromptChars }),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}

/**
 * The offline extractor, loaded on its first transcript: its language tables (compromise, ~0.5 MB) stay out of a
 * Lambda's cold start where a model does the extracting (the handler is bundled with code splitting).
 */
const lazyOfflineExtractor = (options: OfflineExtractorOptions): Extractor => {
  let loaded: Promise<Extractor> | undefined;
  return {
    name: OFFLINE_EXTRACTOR_NAME,
    extract: async (messages, extractOptions) => {
      loaded ??= import("./offlineExtractor.js").then(({ createOfflineExtractor }) => createOfflineExtractor(options));
      return (await loaded).extract(messages, extractOptions);
    },
  };
};
