// Builds the ReplyModel from configuration: the offline model when no endpoint is set, else ChatOpenAI with fallbacks and circuit breakers.
import { ChatOpenAI } from "@langchain/openai";
import { CircuitBreaker } from "@innerworld/platform/resilience";
import { FallbackReplyModel, type ModelCandidate } from "./FallbackReplyModel.js";
import {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REMOTE_MODEL,
  DEFAULT_TIMEOUT_MS,
  parseModelConfig,
  usesRemoteModel,
  type ModelConfig,
} from "./modelConfig.js";
import { OFFLINE_MODEL_NAME, OfflineChatModel } from "./OfflineChatModel.js";
import type { ReplyModel, ReplySettings } from "./replyModel.js";

export interface CreateChatModelOptions {
  /** Clock for the circuit breakers, in ms; tests inject one to move time without sleeping. */
  now?: () => number;
  /** Told when any model's circuit opens (generation counts it as a metric). */
  onCircuitOpen?: (model: string) => void;
}

/**
 * With neither `baseUrl` nor `apiKey` the offline model answers (labelled "offline"). Otherwise each of
 * `model` and `fallbackModels` becomes a ChatOpenAI client on the same endpoint, tried in order, each
 * behind its own circuit breaker. A base URL without a key is allowed (Ollama and vLLM need none).
 */
export function createChatModel(config: ModelConfig = {}, options: CreateChatModelOptions = {}): ReplyModel {
  const valid = parseModelConfig(config);
  const now = options.now ?? Date.now;
  if (!usesRemoteModel(valid)) {
    const offline = new OfflineChatModel();
    return new FallbackReplyModel([{ name: OFFLINE_MODEL_NAME, chatModel: () => offline }]);
  }

  const timeoutMs = valid.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const breakerOptions = valid.circuitBreaker ?? DEFAULT_CIRCUIT_BREAKER;
  const names = [...new Set([valid.model ?? DEFAULT_REMOTE_MODEL, ...(valid.fallbackModels ?? [])])];
  // One candidate (clients and breaker) per model name, shared by every persona that asks for it.
  const byName = new Map<string, ModelCandidate>();
  const candidateFor = (name: string): ModelCandidate => {
    let candidate = byName.get(name);
    if (!candidate) {
      candidate = { name, chatModel: openAiClients(name, valid, timeoutMs), breaker: new CircuitBreaker({ ...breakerOptions, now, onOpen: () => options.onCircuitOpen?.(name) }), timeoutMs };
      byName.set(name, candidate);
    }
    return candidate;
  };
  return new FallbackReplyModel(names.map(candidateFor), { candidateFor });
}

/** One ChatOpenAI per distinct sampling setting (a few per model in practice), created on first use. */
function openAiClients(model: string, config: ModelConfig, timeoutMs: number): (settings?: ReplySettings) => ChatOpenAI {
  const clients = new Map<string, ChatOpenAI>();
  return (settings = {}) => {
    const key = `${settings.temperature ?? ""}/${settings.maxTokens ?? ""}`;
    let client = clients.get(key);
    if (!client) {
      client = new ChatOpenAI({
        model,
        // The OpenAI SDK refuses to start without a key, but local servers ignore it.
        apiKey: config.apiKey ?? "not-needed",
        configuration: config.baseUrl ? { baseURL: config.baseUrl } : {},
        maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
        timeout: timeoutMs,
        streamUsage: true,
        ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
        ...(settings.maxTokens === undefined ? {} : { maxTokens: settings.maxTokens }),
      });
      clients.set(key, client);
    }
    return client;
  };
}
