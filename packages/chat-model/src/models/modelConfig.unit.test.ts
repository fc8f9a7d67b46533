import { describe, expect, it } from "vitest";
import { createChatModel } from "./createChatModel.js";
import { isModelConfigError } from "./errors.js";
import { modelConfigFromEnv, usesRemoteModel } from "./modelConfig.js";

describe("modelConfigFromEnv", () => {
  it("reads every variable, splitting and trimming the fallback list", () => {
    const config = modelConfigFromEnv({
      INNERWORLD_MODEL_BASE_URL: "http://127.0.0.1:11434/v1",
      INNERWORLD_MODEL_API_KEY: "sk-test",
      INNERWORLD_MODEL: "llama3.1",
      INNERWORLD_FALLBACK_MODELS: " qwen2.5 , ,mistral ",
      INNERWORLD_MODEL_TIMEOUT_MS: "8000",
      INNERWORLD_MODEL_MAX_RETRIES: "0",
      INNERWORLD_MODEL_CIRCUIT_FAILURES: "5",
    });

    expect(config).toEqual({
      baseUrl: "http://127.0.0.1:11434/v1",
      apiKey: "sk-test",
      model: "llama3.1",
      fallbackModels: ["qwen2.5", "mistral"],
      timeoutMs: 8000,
      maxRetries: 0,
      circuitBreaker: { failureThreshold: 5, resetMs: 30_000 },
    });
    expect(usesRemoteModel(config)).toBe(true);
  });

  it("treats an empty environment (and empty values) as offline", () => {
    const config = modelConfigFromEnv({ INNERWORLD_MODEL_BASE_URL: "", INNERWORLD_MODEL_API_KEY: "  ", INNERWORLD_MODEL: "gpt-4o" });

    expect(usesRemoteModel(config)).toBe(false);
    expect(createChatModel(config).models).toEqual(["offline"]);
  });

  it.each([
    [{ INNERWORLD_MODEL_TIMEOUT_MS: "soon" }, "INNERWORLD_MODEL_TIMEOUT_MS"],
    [{ INNERWORLD_MODEL_TIMEOUT_MS: "0" }, "timeoutMs"],
    [{ INNERWORLD_MODEL_BASE_URL: "localhost:8080" }, "baseUrl"],
  ])("fails fast on %j", (env, mentioned) => {
    let caught: unknown;
    try {
      modelConfigFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(isModelConfigError(caught)).toBe(true);
    expect((caught as Error).message).toContain(mentioned);
  });

  it("lists the chain primary first, without duplicates", () => {
    const model = createChatModel({ baseUrl: "http://127.0.0.1:9/v1", model: "a", fallbackModels: ["b", "a", "c"] });

    expect(model.models).toEqual(["a", "b", "c"]);
    expect(model.circuitStates()).toEqual({ a: "closed", b: "closed", c: "closed" });
  });
});
