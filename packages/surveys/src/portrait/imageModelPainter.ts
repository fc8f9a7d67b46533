// Paints a persona's portrait with an image model over the OpenAI Images API (OpenAI or any compatible server).
import type { Portrait } from "./portrait";
import type { PortraitPainter } from "./drawPortrait";

export interface ImageModelPainterOptions {
  /** The model, e.g. gpt-image-1 or dall-e-3. */
  model: string;
  /** The API's base URL, `/v1` included; default OpenAI's. */
  baseUrl?: string;
  apiKey?: string;
  /** Default 1024x1024, a size every image model accepts. */
  size?: string;
  /** Default 60 s: image models take tens of seconds. A caller's signal may end the wait sooner. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type PortraitModelErrorCode = "PORTRAIT_MODEL_FAILED" | "PORTRAIT_MODEL_UNREACHABLE" | "PORTRAIT_NOT_AN_IMAGE";

/**
 * The image model did not give a picture. `retryable` is false when asking again cannot help (the request itself was
 * refused), so the message goes to the dead-letter queue at once and the persona becomes ready without a portrait.
 */
export class PortraitModelError extends Error {
  override readonly name = "PortraitModelError";
  constructor(
    readonly code: PortraitModelErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isPortraitModelError = (error: unknown): error is PortraitModelError => error instanceof Error && error.name === "PortraitModelError";

const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const MAX_TRAITS = 6;

/** Only characters a description needs: the traits come from friends' answers and go into another model's prompt. */
const cleanTrait = (trait: string) =>
  trait
    .replace(/[^\p{L}\p{N} '-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 40);

/**
 * The prompt names no one: the persona carries the teen's own name, which the image provider has no need of. It
 * asks for an illustration, never a photograph, so the picture cannot pass for a real person.
 */
export const portraitPromptFor = (traits: readonly string[]): string => {
  const described = traits.map(cleanTrait).filter(Boolean).slice(0, MAX_TRAITS);
  return [
    "A friendly illustrated avatar for a teen's chat companion: head and shoulders, soft flat colours, plain background, no text, not photorealistic.",
    described.length > 0 ? `Its look hints at someone ${described.join(", ")}.` : "Its look is warm and open.",
  ].join(" ");
};

/** What the bytes are, from their first bytes: the answer's own claim is not trusted with a content type. */
export const imageTypeOf = (bytes: Uint8Array): string | undefined => {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return "image/webp";
  return undefined;
};

export const createImageModelPainter = (options: ImageModelPainterOptions): PortraitPainter => {
  const endpoint = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "")}/images/generations`;
  const call = options.fetch ?? fetch;
  return {
    name: `image-model:${options.model}`,
    async paint(persona, paintOptions = {}): Promise<Portrait> {
      const body = {
        model: options.model,
        prompt: portraitPromptFor(persona.traits),
        n: 1,
        size: options.size ?? "1024x1024",
        // DALL·E answers with a URL unless asked for base64; gpt-image models always answer base64 and refuse the field.
        ...(options.model.startsWith("dall-e") ? { response_format: "b64_json" } : {}),
      };
      let response: Response;
      try {
        response = await call(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: paintOptions.signal
            ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 60_000), paintOptions.signal])
            : AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
      } catch (error) {
        throw new PortraitModelError("PORTRAIT_MODEL_UNREACHABLE", `The image model at ${endpoint} did not answer: ${(error as Error).message}`, true, undefined, { cause: error });
      }
      if (!response.ok) {
        const detail = await response.text().catch(() => "");
        // Rate limits and server errors pass; a refused request (bad key, content policy, unknown model) will not.
        const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
        throw new PortraitModelError("PORTRAIT_MODEL_FAILED", `The image model answered ${response.status}: ${detail.slice(0, 300)}`, retryable, response.status);
      }
      const answer = (await response.json().catch(() => undefined)) as { data?: { b64_json?: unknown }[] } | undefined;
      const b64 = answer?.data?.[0]?.b64_json;
      if (typeof b64 !== "string" || b64.length === 0) throw new PortraitModelError("PORTRAIT_NOT_AN_IMAGE", "The image model's answer held no base64 image", false);
      const bytes = new Uint8Array(Buffer.from(b64, "base64"));
      const contentType = imageTypeOf(bytes);
      if (!contentType) throw new PortraitModelError("PORTRAIT_NOT_AN_IMAGE", "The image model's answer is not a PNG, JPEG or WebP picture", false);
      return { contentType, body: bytes };
    },
  };
};
