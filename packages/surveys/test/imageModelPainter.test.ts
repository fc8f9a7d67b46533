// The image-model painter against the local OpenAI-compatible server's images endpoint, over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PNG, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { createImageModelPainter, isPortraitModelError } from "../src/portrait";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PERSONA = { personaId: "persona-1", name: "Maya", traits: ["funny", "loyal", "into <marine> biology!"] };

describe("image-model portrait painter", () => {
  let server: OpenAiCompatibleServer;
  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ apiKey: "image-key" });
  });
  beforeEach(() => server.clearRequests());
  afterAll(() => server.close());

  const painter = (model: string) => createImageModelPainter({ model, baseUrl: server.baseUrl, apiKey: "image-key" });

  it("asks the images endpoint for one picture from the traits, without the persona's name, and returns the PNG it drew", async () => {
    const portrait = await painter("gpt-image-1").paint(PERSONA);
    expect(portrait.contentType).toBe("image/png");
    expect(Buffer.from(portrait.body as Uint8Array).equals(Buffer.from(DEFAULT_IMAGE_PNG))).toBe(true);

    const [request] = server.requestsFor("gpt-image-1");
    expect(request?.path).toBe("/v1/images/generations");
    expect(request?.headers.authorization).toBe("Bearer image-key");
    expect(request?.body).toEqual({ model: "gpt-image-1", prompt: expect.any(String) as string, n: 1, size: "1024x1024" });
    expect(request?.prompt).toContain("funny, loyal, into marine biology");
    expect(request?.prompt).not.toMatch(/Maya|[<>!]/);
  });

  it("asks DALL·E for base64, and takes the picture's type from its bytes", async () => {
    server.setBehaviour("dall-e-3", { image: JPEG });
    const portrait = await painter("dall-e-3").paint(PERSONA);
    expect(portrait.contentType).toBe("image/jpeg");
    expect(server.requestsFor("dall-e-3")[0]?.body).toMatchObject({ response_format: "b64_json" });
  });

  it("fails with a typed error: retryable for a rate limit, not for a refused prompt or an answer that is no picture", async () => {
    server.setBehaviour("busy-model", { fail: { status: 429 } });
    server.setBehaviour("strict-model", { fail: { status: 400, message: "Your request was rejected by the safety system." } });
    server.setBehaviour("odd-model", { image: new TextEncoder().encode("<html>not a picture</html>") });
    const failures = await Promise.all(["busy-model", "strict-model", "odd-model"].map((model) => painter(model).paint(PERSONA).catch((error: unknown) => error)));
    expect(failures.map((e) => (isPortraitModelError(e) ? [e.code, e.retryable, e.status] : e))).toEqual([
      ["PORTRAIT_MODEL_FAILED", true, 429],
      ["PORTRAIT_MODEL_FAILED", false, 400],
      ["PORTRAIT_NOT_AN_IMAGE", false, undefined],
    ]);
    const unauthorised = await createImageModelPainter({ model: "gpt-image-1", baseUrl: server.baseUrl, apiKey: "wrong" }).paint(PERSONA).catch((error: unknown) => error);
    expect(isPortraitModelError(unauthorised) && unauthorised.status).toBe(401);
  });

  it("answers 400 to a request without a prompt, as the real endpoint does", async () => {
    const response = await fetch(`${server.baseUrl}/images/generations`, { method: "POST", headers: { authorization: "Bearer image-key", "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-image-1" }) });
    expect(response.status).toBe(400);
  });
});
