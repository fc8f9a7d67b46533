// Prompt building: token estimates, the persona system prompt, and the budgeted message list.
export { buildPrompt } from "./buildPrompt.js";
export { estimateTokens, estimateMessageTokens } from "./estimateTokens.js";
export type { ChatTurn } from "./types.js";
