// Prompt building: token estimates, the persona system prompt, and the budgeted message list.
export { buildPrompt } from "./buildPrompt.js";
export { estimateTokens, estimateMessageTokens, MESSAGE_OVERHEAD_TOKENS } from "./estimateTokens.js";
export { renderSystemPrompt, renderPersonaInstructions } from "./systemPrompt.js";
export { CONTEXT_HEADING, CONTEXT_OPEN, CONTEXT_CLOSE } from "./contextSection.js";
export type { BuildPromptInput, BuiltPrompt, ChatTurn } from "./types.js";
