// The safety rules shared by the safety service and generation: local screening, the moderation port, crisis resources.

export type { SafetyCategory, SafetyAction, SafetyMatch, SafetyVerdict, ModerationPort, ModerationOutcome, ScreeningDirection } from "./types";
export { screenInput, screenOutput } from "./screen";
export { CRISIS_LEXICON_VERSION } from "./crisisLexicon.data";
export { createOpenAiModeration, screenWithModeration, MODERATION_MODEL, type OpenAiModerationOptions } from "./moderation";
export { createInMemoryModeration, type InMemoryModerationAnswer } from "./inMemoryModeration";
export { ModerationError, isModerationError, type ModerationErrorCode } from "./errors";
export { crisisResources, type CrisisResourceSet } from "./crisisResources";
export type { CrisisResource } from "./crisisResources.data";
