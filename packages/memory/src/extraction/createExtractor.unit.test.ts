// createExtractor stays offline without a model endpoint, and names the model when one is configured.
import { describe, expect, it } from "vitest";
import { createExtractor } from "./createExtractor.js";

describe("createExtractor", () => {
  it("is the offline extractor when no endpoint or key is configured", () => {
    expect(createExtractor({}).name).toBe("offline");
  });

  it("is the LLM extractor, named after the model, when an endpoint is configured", () => {
    expect(createExtractor({ baseUrl: "http://127.0.0.1:9/v1", model: "llama3.2" }).name).toBe("llama3.2");
  });

  it("refuses a configuration that cannot be right", () => {
    expect(() => createExtractor({ baseUrl: "not a url" })).toThrow(/Invalid model configuration/);
  });
});
