// The price table: list prices by default, the operator's entries over them, a clear error for a bad table, and one reply's cost.
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PRICES, isModelPriceConfigError, MODEL_PRICES_ENV, modelPricesFromEnv, replyCostOf } from "./modelPrices.js";

describe("model prices", () => {
  it("prices a reply's prompt and completion tokens separately, per million, with the prices it used", () => {
    expect(replyCostOf("gpt-4o-mini", { inputTokens: 1_000, outputTokens: 200 }, DEFAULT_MODEL_PRICES)).toEqual({
      usd: 0.00027,
      inputUsdPerMillionTokens: 0.15,
      outputUsdPerMillionTokens: 0.6,
    });
  });

  it("finds a routed model name by its bare name, and leaves a model without a price unpriced rather than free", () => {
    expect(replyCostOf("openai/gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 0 }, DEFAULT_MODEL_PRICES)?.usd).toBe(0.15);
    expect(replyCostOf("llama3.1:8b", { inputTokens: 10, outputTokens: 10 }, DEFAULT_MODEL_PRICES)).toBeUndefined();
    expect(replyCostOf("offline", { inputTokens: 500, outputTokens: 80 }, DEFAULT_MODEL_PRICES)?.usd).toBe(0);
  });

  it("lays the operator's table over the defaults", () => {
    const table = modelPricesFromEnv({ [MODEL_PRICES_ENV]: JSON.stringify({ "gpt-4o-mini": { inputUsdPerMillionTokens: 0.075, outputUsdPerMillionTokens: 0.3 }, "llama3.1:8b": { inputUsdPerMillionTokens: 0.02, outputUsdPerMillionTokens: 0.05 } }) });
    expect(table["gpt-4o-mini"]).toEqual({ inputUsdPerMillionTokens: 0.075, outputUsdPerMillionTokens: 0.3 });
    expect(table["llama3.1:8b"]?.outputUsdPerMillionTokens).toBe(0.05);
    expect(table["gpt-4o"]).toEqual(DEFAULT_MODEL_PRICES["gpt-4o"]);
    expect(modelPricesFromEnv({})).toBe(DEFAULT_MODEL_PRICES);
  });

  it("refuses a table that is not JSON or has a negative or missing price, with a typed error", () => {
    for (const raw of ["{not json", JSON.stringify({ m: { inputUsdPerMillionTokens: -1, outputUsdPerMillionTokens: 1 } }), JSON.stringify({ m: { inputUsdPerMillionTokens: 1 } })]) {
      let caught: unknown;
      try {
        modelPricesFromEnv({ [MODEL_PRICES_ENV]: raw });
      } catch (error) {
        caught = error;
      }
      expect(isModelPriceConfigError(caught), raw).toBe(true);
    }
  });
});
