// Which painter the portrait service paints with: an image model only when one is named, else the offline SVG painter.
import { describe, expect, it } from "vitest";
import { painterFromEnv } from "./handler";

describe("the portrait service's painter", () => {
  it("draws offline unless an image model is named, even where a chat model is configured", () => {
    expect(painterFromEnv({}).name).toBe("offline-svg");
    expect(painterFromEnv({ INNERWORLD_MODEL_BASE_URL: "http://127.0.0.1:11434/v1", INNERWORLD_MODEL: "llama3.1" }).name).toBe("offline-svg");
    expect(painterFromEnv({ INNERWORLD_IMAGE_MODEL: "gpt-image-1", INNERWORLD_PAINTER: "offline" }).name).toBe("offline-svg");
  });

  it("paints with the named image model through the chat models' endpoint and key", () => {
    expect(painterFromEnv({ INNERWORLD_IMAGE_MODEL: " gpt-image-1 ", INNERWORLD_MODEL_API_KEY: "sk-test" }).name).toBe("image-model:gpt-image-1");
  });
});
