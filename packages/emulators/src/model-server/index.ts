// A local OpenAI-compatible model server for tests and offline runs.
export { DEFAULT_IMAGE_PNG, startOpenAiCompatibleServer } from "./startOpenAiCompatibleServer.js";
export { asksForStructuredOutput } from "./asksForStructuredOutput.js";
export type { OpenAiCompatibleServer, RecordedRequest } from "./types.js";
