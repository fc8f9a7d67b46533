// Which model generation answers with, said in a line for whoever starts the system (the local cloud's banner).
import { DEFAULT_REMOTE_MODEL, modelConfigFromEnv, usesRemoteModel } from "@innerworld/chat-model/models";

/** "the offline model", or the configured model, its fallbacks and where it is asked (never the API key). */
export function modelInUse(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const config = modelConfigFromEnv(env);
  if (!usesRemoteModel(config)) return "the offline model (no INNERWORLD_MODEL_BASE_URL or INNERWORLD_MODEL_API_KEY set)";
  const fallbacks = config.fallbackModels?.length ? `, falling back to ${config.fallbackModels.join(", ")}` : "";
  return `${config.model ?? DEFAULT_REMOTE_MODEL}${fallbacks} at ${config.baseUrl ?? "the OpenAI API"}`;
}
