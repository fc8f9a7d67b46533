// The safety rules shared by the safety service and generation: the screener (rules, lexicon, classifier, context), the moderation port, crisis resources.

export type { SafetyVerdict, ModerationPort } from "./types";
export { screenInput, screenOutput } from "./screen";
export { foldText } from "./normalize";
export { createScreener, type Screener, type InputVerdict } from "./screener";
export { loadScreeningClassifier, DEFAULT_MODEL_PATH, screeningModelPathFromEnv } from "./classifier/model";
export { isScreeningModelError } from "./classifier/errors";
export { createInMemorySecondOpinion, type SecondOpinionPort } from "./secondOpinion";
export { CRISIS_LEXICON_VERSION } from "./crisisLexicon.data";
export { createOpenAiModeration, screenWithModeration, MODERATION_MODEL } from "./moderation";
export { createInMemoryModeration } from "./inMemoryModeration";
export { isModerationError } from "./errors";
export { guardModeration, guardSecondOpinion } from "./guardedLayers";
export { crisisResources, softResourceLine, worriedAboutSomeoneLine } from "./crisisResources";
export type { CrisisResource } from "./crisisResources.data";
export { describesWithInsult } from "./harassment";
export { PRO_EATING_DISORDER_WORDS } from "./disorderedEating";
