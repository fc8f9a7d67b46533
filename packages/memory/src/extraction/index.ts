// Graph extraction: mines a finished transcript's user messages for entities and relations, offline or with a model.
// The offline extractor itself is @innerworld/memory/offline-extraction: re-exported here it would be loaded with every
// import of this entry, and its language tables (~0.5 MB) would sit in every graph-extraction cold start.
export type { TranscriptMessage, Extractor } from "./types.js";
export { createExtractor, DEFAULT_EXTRACTION_TIMEOUT_MS } from "./createExtractor.js";
export type { CreateExtractorOptions } from "./createExtractor.js";
export { RECORD_USER_GRAPH } from "./extractionSchema.js";
export { canonicalEntityKey } from "./canonicalEntityKey.js";
export type { KnownEntity } from "./resolveEntities.js";
export { isExtractionFailedError } from "./errors.js";
