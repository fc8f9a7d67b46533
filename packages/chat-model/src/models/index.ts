// Models: the offline chat model, the configured reply model with fallbacks and circuit breakers, and their errors.
export { createChatModel } from "./createChatModel.js";
export type { CreateChatModelOptions } from "./createChatModel.js";
export {
  modelConfigFromEnv,
  parseModelConfig,
  usesRemoteModel,
  ModelConfigSchema,
  MODEL_ENV,
  DEFAULT_REMOTE_MODEL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_CIRCUIT_BREAKER,
} from "./modelConfig.js";
export type { ModelConfig } from "./modelConfig.js";
export type { ReplyModel, ReplyResult, ReplyUsage, ReplyOptions, ReplySettings, ReplySentence, ReplyStream } from "./replyModel.js";
export { FallbackReplyModel } from "./FallbackReplyModel.js";
export type { ModelCandidate } from "./FallbackReplyModel.js";
export { OfflineChatModel, OFFLINE_MODEL_NAME } from "./OfflineChatModel.js";
export type { OfflineChatModelFields } from "./OfflineChatModel.js";
export { composeOfflineReply } from "./composeOfflineReply.js";
export { extractTopic } from "./extractTopic.js";
export { CircuitBreaker } from "./circuitBreaker.js";
export type { CircuitState, CircuitBreakerOptions } from "./circuitBreaker.js";
export { SentenceSplitter, splitSentences } from "./sentenceSplitter.js";
export { ModelUnavailableError, isModelUnavailableError, ModelConfigError, isModelConfigError } from "./errors.js";
export type { ModelAttempt } from "./errors.js";
