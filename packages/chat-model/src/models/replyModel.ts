// The port the generation service talks to: one reply, whole or sentence by sentence, from whichever model can answer.
import type { BaseMessage } from "@langchain/core/messages";
import type { CircuitState } from "@innerworld/platform/resilience";

export interface ReplyUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ReplyResult {
  text: string;
  /** The model that answered: a configured model name, or "offline". */
  model: string;
  /** As reported by the endpoint; estimated with `estimateTokens` when it reports nothing. */
  usage: ReplyUsage;
  /** From the call until the reply was complete, including failed attempts on earlier models. */
  latencyMs: number;
  /** True when a model other than the primary answered. */
  fallbackUsed: boolean;
}

export interface ReplySettings {
  /** Ask this model first (a persona's own choice); the configured chain follows it as fallbacks. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
}

export interface ReplyOptions {
  /** Cancels the call: no fallback is tried and no model is blamed. */
  signal?: AbortSignal;
  /** Per-persona sampling settings (`persona.model`); the offline model ignores them. */
  settings?: ReplySettings;
}

export interface ReplySentence {
  sentence: string;
  /** 0-based position of the sentence in the reply. */
  index: number;
}

/**
 * Sentences as they complete, then `result` with the whole reply. `result` settles once iteration
 * ends; it rejects if the stream fails, or if the consumer stops iterating early. Iterate once.
 */
export interface ReplyStream extends AsyncIterable<ReplySentence> {
  readonly result: Promise<ReplyResult>;
}

export interface ReplyModel {
  /** The chain in the order tried: primary first. `["offline"]` when no endpoint is configured. */
  readonly models: readonly string[];
  /** Throws `ModelUnavailableError` when every model fails or is skipped by its circuit breaker. */
  generate(messages: BaseMessage[], options?: ReplyOptions): Promise<ReplyResult>;
  /**
   * Falls back to the next model only while no sentence has been yielded; once the user may have seen
   * part of a reply, a failure ends the stream with `ModelUnavailableError` carrying `partialText`.
   */
  stream(messages: BaseMessage[], options?: ReplyOptions): ReplyStream;
  /** Circuit state per model, for health checks and logs. */
  circuitStates(): Record<string, CircuitState>;
}
