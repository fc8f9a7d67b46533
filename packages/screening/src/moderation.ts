// The second safety layer: OpenAI's moderation endpoint behind the ModerationPort, and the rule that it may only raise a local verdict.

import { z } from "zod";
import { ModerationError, isModerationError } from "./errors";
import type { ModerationOutcome, ModerationPort, SafetyAction, SafetyCategory, SafetyMatch, SafetyVerdict, ScreeningDirection } from "./types";
import { moreSevere, sortCategories } from "./verdict";

export const MODERATION_MODEL = "omni-moderation-latest";
const DEFAULT_BASE_URL = "https://api.openai.com/v1";
// Moderation sits on every chat turn; a slow answer costs more than the second opinion is worth.
const DEFAULT_TIMEOUT_MS = 3_000;

/** OpenAI's category names mapped to ours; "illicit" (how to buy drugs, pick locks) has no counterpart and is left to the local rules. */
const CATEGORY_MAP: Readonly<Record<string, readonly SafetyCategory[]>> = {
  sexual: ["sexual"],
  "sexual/minors": ["sexual_minors"],
  harassment: ["harassment"],
  "harassment/threatening": ["harassment", "violence"],
  hate: ["hate"],
  "hate/threatening": ["hate", "violence"],
  "self-harm": ["self_harm"],
  "self-harm/intent": ["self_harm", "crisis"],
  "self-harm/instructions": ["self_harm"],
  violence: ["violence"],
  "violence/graphic": ["violence"],
  "illicit/violent": ["violence"],
};

const ModerationResponse = z.object({
  results: z
    .array(
      z.object({
        flagged: z.boolean(),
        categories: z.record(z.string(), z.boolean().nullable()),
      }),
    )
    .min(1),
});

export interface OpenAiModerationOptions {
  apiKey: string;
  /** An OpenAI-compatible base URL, "/moderations" is appended. Defaults to OpenAI's. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createOpenAiModeration(options: OpenAiModerationOptions): ModerationPort {
  const endpoint = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "")}/moderations`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async moderate(text) {
      const body = await post(fetchImpl, endpoint, options.apiKey, text, timeoutMs);
      const parsed = ModerationResponse.safeParse(body);
      if (!parsed.success) throw new ModerationError("MODERATION_BAD_RESPONSE", `unexpected moderation response: ${parsed.error.message}`, { endpoint, cause: parsed.error });
      const categories = new Set<SafetyCategory>();
      let flagged = false;
      for (const result of parsed.data.results) {
        flagged ||= result.flagged;
        for (const [name, on] of Object.entries(result.categories)) {
          if (on === true) for (const category of CATEGORY_MAP[name] ?? []) categories.add(category);
        }
      }
      return { flagged, categories: sortCategories(categories) };
    },
  };
}

async function post(fetchImpl: typeof fetch, endpoint: string, apiKey: string, text: string, timeoutMs: number): Promise<unknown> {
  // One signal bounds the whole exchange, body included: a server that sends headers and then stalls is a timeout too.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ model: MODERATION_MODEL, input: text }),
      signal,
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => "")).slice(0, 200);
      throw new ModerationError("MODERATION_HTTP_ERROR", `moderation endpoint answered ${response.status}${detail ? `: ${detail}` : ""}`, { endpoint, status: response.status });
    }
    return await response.json();
  } catch (error) {
    if (isModerationError(error)) throw error;
    if (signal.aborted) throw new ModerationError("MODERATION_TIMEOUT", `moderation did not answer within ${timeoutMs} ms`, { endpoint, cause: error });
    if (error instanceof SyntaxError) throw new ModerationError("MODERATION_BAD_RESPONSE", "moderation response is not JSON", { endpoint, cause: error });
    throw new ModerationError("MODERATION_UNREACHABLE", `moderation endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`, { endpoint, cause: error });
  }
}

/**
 * The second layer. It can only raise severity, never clear what the local rules found, and a
 * failure keeps the local verdict with the failure recorded on it: safety must not depend on a
 * third party being up. A local crisis is already the most severe verdict, so moderation is skipped.
 * Direction matters only for self-harm: a teen's is a crisis, a reply's is blocked.
 */
export async function screenWithModeration(
  text: string,
  local: SafetyVerdict,
  moderation?: ModerationPort,
  direction: ScreeningDirection = "input",
): Promise<SafetyVerdict> {
  if (moderation === undefined || local.action === "crisis") return { ...local, moderation: { outcome: "skipped" } };
  let result: Awaited<ReturnType<ModerationPort["moderate"]>>;
  try {
    result = await moderation.moderate(text);
  } catch (error) {
    const recorded: ModerationOutcome = {
      outcome: "failed",
      error: { code: isModerationError(error) ? error.code : "MODERATION_UNREACHABLE", message: error instanceof Error ? error.message : String(error) },
    };
    return { ...local, moderation: recorded };
  }
  if (!result.flagged || result.categories.length === 0) {
    return { ...local, moderation: { outcome: result.flagged ? "flagged" : "clean", categories: [...result.categories] } };
  }
  const action = result.categories.reduce<SafetyAction>((worst, category) => moreSevere(worst, actionFor(category, direction)), local.action);
  const added: SafetyMatch[] = result.categories.map((category) => ({ category, term: "moderation", ruleId: `moderation.openai.${category}` }));
  return {
    ...local,
    action,
    categories: sortCategories([...local.categories, ...result.categories]),
    matches: [...local.matches, ...added],
    moderation: { outcome: "flagged", categories: [...result.categories] },
  };
}

function actionFor(category: SafetyCategory, direction: ScreeningDirection): SafetyAction {
  if (category === "crisis" || category === "self_harm") return direction === "input" ? "crisis" : "block";
  // Every user is a teen: sexual content either way is content involving a minor.
  return "block";
}
