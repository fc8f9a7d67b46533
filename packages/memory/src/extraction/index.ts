// Graph extraction: mines a finished transcript's user messages for entities and relations, offline or with a model.
export type { TranscriptMessage, Extractor, ExtractOptions } from "./types.js";
export { createOfflineExtractor, OFFLINE_EXTRACTOR_NAME } from "./offlineExtractor.js";
export type { OfflineExtractorOptions } from "./offlineExtractor.js";
export { createLlmExtractor, DEFAULT_EXTRACTION_RETRIES } from "./llmExtractor.js";
export { createExtractor, DEFAULT_EXTRACTION_TIMEOUT_MS } from "./createExtractor.js";
export type { CreateExtractorOptions } from "./createExtractor.js";
export type { LlmExtractorOptions } from "./llmExtractor.js";
export { RecordUserGraphSchema, RECORD_USER_GRAPH } from "./extractionSchema.js";
export type { RecordUserGraph } from "./extractionSchema.js";
export { normaliseExtraction } from "./normaliseExtraction.js";
export { canonicalEntityKey } from "./canonicalEntityKey.js";
export { resolveEntities } from "./resolveEntities.js";
export type { KnownEntity } from "./resolveEntities.js";
export { userMessages } from "./userMessages.js";
export { ExtractionFailedError, isExtractionFailedError } from "./errors.js";
