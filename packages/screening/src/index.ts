// The safety rules shared by the safety service and generation: local screening, the moderation port, crisis resources.

export type { SafetyVerdict, ModerationPort } from "./types";
export { screenInput, screenOutput } from "./screen";
export { CRISIS_LEXICON_VERSION } from "./crisisLexicon.data";
export { createOpenAiModeration, screenWithModeration, MODERATION_MODEL } from "./moderation";
export { createInMemoryModeration } from "./inMemoryModeration";
export { isModerationError } from "./errors";
export { crisisResources } from "./crisisResources";
