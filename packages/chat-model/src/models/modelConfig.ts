// Model settings: their schema, their defaults, and how they are read from the environment.
import { z } from "zod";
import { ModelConfigError } from "./errors.js";

export const DEFAULT_REMOTE_MODEL = "gpt-4o-mini";
/**
 * How long a model may stay silent (before its first token, or between tokens) before it counts as hung and the next
 * model is asked. Two models' silences must fit in the turn's 20 s deadline (TURN_DEADLINE_SECONDS): at 20 s a hung
 * primary spent the whole deadline and the fallback's reply always came after the teen was told the turn timed out.
 */
export const DEFAULT_TIMEOUT_MS = 8_000;
/** One retry absorbs a dropped connection; more would spend the user's patience before the fallback gets a turn. */
export const DEFAULT_MAX_RETRIES = 1;
export const DEFAULT_CIRCUIT_BREAKER = { failureThreshold: 3, resetMs: 30_000 } as const;

export const ModelConfigSchema = z.object({
  /** OpenAI-compatible endpoint, e.g. `https://openrouter.ai/api/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must start with http:// or https://")
    .optional(),
  apiKey: z.string().min(1).optional(),
  /** Primary model name as the endpoint knows it. */
  model: z.string().min(1).optional(),
  /** Tried in order when the primary fails or its circuit is open. */
  fallbackModels: z.array(z.string().min(1)).optional(),
  /** Longest one model may take to answer, retries included; a stream may not go silent for longer. */
  timeoutMs: z.number().int().positive().optional(),
  /** Retries per model (LangChain's default is 6, far too many for a chat turn). */
  maxRetries: z.number().int().min(0).max(10).optional(),
  circuitBreaker: z
    .object({ failureThreshold: z.number().int().positive(), resetMs: z.number().int().min(0) })
    .optional(),
});

export type ModelConfig = z.infer<typeof ModelConfigSchema>;

export const MODEL_ENV = {
  baseUrl: "INNERWORLD_MODEL_BASE_URL",
  apiKey: "INNERWORLD_MODEL_API_KEY",
  model: "INNERWORLD_MODEL",
  fallbackModels: "INNERWORLD_FALLBACK_MODELS",
  timeoutMs: "INNERWORLD_MODEL_TIMEOUT_MS",
  maxRetries: "INNERWORLD_MODEL_MAX_RETRIES",
  failureThreshold: "INNERWORLD_MODEL_CIRCUIT_FAILURES",
  resetMs: "INNERWORLD_MODEL_CIRCUIT_RESET_MS",
  personaModels: "INNERWORLD_PERSONA_MODELS",
} as const;

/**
 * The models a persona someone makes may name (`model.model`), as the operator allows them: the comma-separated
 * `INNERWORLD_PERSONA_MODELS`, or else the configured chain (primary and fallbacks), or else nothing (offline, where
 * a persona's model name would mean nothing). An allow-list, because each model has its own price and behaviour.
 */
export function allowedPersonaModels(env: Readonly<Record<string, string | undefined>>): string[] {
  const list = (value: string | undefined) =>
    (value ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
  const explicit = list(env[MODEL_ENV.personaModels]);
  if (explicit.length > 0) return [...new Set(explicit)];
  const config = modelConfigFromEnv(env);
  if (!usesRemoteModel(config)) return [];
  return [...new Set([config.model ?? DEFAULT_REMOTE_MODEL, ...(config.fallbackModels ?? [])])];
}

/**
 * Reads the model settings from environment variables (see `MODEL_ENV`). Unset and empty variables
 * mean "use the default"; with neither a base URL nor an API key the offline model answers.
 * Throws `ModelConfigError` for values that cannot be right (a timeout of "soon"), so a misconfigured
 * deployment fails at start rather than on the first message.
 */
export function modelConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ModelConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string) => {
    const value = read(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new ModelConfigError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };

  const fallbackModels = read(MODEL_ENV.fallbackModels)
    ?.split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const failureThreshold = integer(MODEL_ENV.failureThreshold);
  const resetMs = integer(MODEL_ENV.resetMs);

  return parseModelConfig({
    baseUrl: read(MODEL_ENV.baseUrl),
    apiKey: read(MODEL_ENV.apiKey),
    model: read(MODEL_ENV.model),
    fallbackModels: fallbackModels?.length ? fallbackModels : undefined,
    timeoutMs: integer(MODEL_ENV.timeoutMs),
    maxRetries: integer(MODEL_ENV.maxRetries),
    circuitBreaker:
      failureThreshold === undefined && resetMs === undefined
        ? undefined
        : {
            failureThreshold: failureThreshold ?? DEFAULT_CIRCUIT_BREAKER.failureThreshold,
            resetMs: resetMs ?? DEFAULT_CIRCUIT_BREAKER.resetMs,
          },
  });
}

/** Validates a config object; undefined fields are dropped so defaults apply. */
export function parseModelConfig(config: unknown): ModelConfig {
  const result = ModelConfigSchema.safeParse(dropUndefined(config));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`);
    throw new ModelConfigError(`Invalid model configuration: ${issues.join("; ")}`, { cause: result.error });
  }
  return result.data;
}

/** Whether the config points at a real endpoint; otherwise the offline model answers. */
export function usesRemoteModel(config: ModelConfig): boolean {
  return config.baseUrl !== undefined || config.apiKey !== undefined;
}

function dropUndefined(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined));
}
