// Models: the offline chat model, the configured reply model with fallbacks and circuit breakers, and their errors.
export { createChatModel } from "./createChatModel.js";
export {
  DEFAULT_REMOTE_MODEL,
  modelConfigFromEnv,
  usesRemoteModel,
} from "./modelConfig.js";
export type { ModelConfig } from "./modelConfig.js";
export type { ReplyModel, ReplyResult, ReplySentence } from "./replyModel.js";
export { isModelUnavailableError, isReplyRefusedError } from "./errors.js";
export { fitReply } from "./fitReply.js";
export { DEFAULT_MODEL_PRICES, MODEL_PRICES_ENV, modelPricesFromEnv, replyCostOf } from "./modelPrices.js";
export type { ModelPriceTable } from "./modelPrices.js";
