// Graph extraction: mines a finished transcript's user messages for entities and relations, offline or with a model.
export type { TranscriptMessage, Extractor } from "./types.js";
export { createExtractor } from "./createExtractor.js";
export { createOfflineExtractor } from "./offlineExtractor.js";
export type { CreateExtractorOptions } from "./createExtractor.js";
export { RECORD_USER_GRAPH } from "./extractionSchema.js";
export { canonicalEntityKey } from "./canonicalEntityKey.js";
export type { KnownEntity } from "./resolveEntities.js";
export { isExtractionFailedError } from "./errors.js";
