// The start banner says which model answers, and never the key.
import { describe, expect, it } from "vitest";
import { modelInUse } from "./modelInUse";

describe("modelInUse", () => {
  it("names the offline model when no endpoint or key is set", () => {
    expect(modelInUse({})).toMatch(/^the offline model/);
  });

  it("names the configured model, its fallbacks and its endpoint, without the key", () => {
    const said = modelInUse({ INNERWORLD_MODEL_BASE_URL: "http://127.0.0.1:8080/v1", INNERWORLD_MODEL_API_KEY: "sk-secret", INNERWORLD_MODEL: "gpt-4o-mini", INNERWORLD_FALLBACK_MODELS: "gpt-4o" });

    expect(said).toBe("gpt-4o-mini, falling back to gpt-4o at http://127.0.0.1:8080/v1");
    expect(said).not.toContain("sk-secret");
  });
});
