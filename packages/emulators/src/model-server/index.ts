// A local OpenAI-compatible model server for tests and offline runs.
export { startOpenAiCompatibleServer } from "./startOpenAiCompatibleServer.js";
export type { ModelBehaviour, OpenAiCompatibleServer, OpenAiCompatibleServerOptions, RecordedRequest, ChatMessageBody } from "./types.js";
