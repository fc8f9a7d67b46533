// What a model's tokens cost: a price table the operator can replace (INNERWORLD_MODEL_PRICES), and one reply's cost from it.
import { z } from "zod";
import { OFFLINE_MODEL_NAME } from "./OfflineChatModel.js";
import type { ReplyUsage } from "./replyModel.js";

export const MODEL_PRICES_ENV = "INNERWORLD_MODEL_PRICES";

const tokenPriceSchema = z.object({
  inputUsdPerMillionTokens: z.number().nonnegative(),
  outputUsdPerMillionTokens: z.number().nonnegative(),
});
export type TokenPrice = z.infer<typeof tokenPriceSchema>;
/** By the model name a reply reports (`ReplyResult.model`). */
export type ModelPriceTable = Readonly<Record<string, TokenPrice>>;

/**
 * List prices, standard tier, uncached input, as OpenAI's API pricing page gives them (openai.com/api/pricing):
 * gpt-4o-mini $0.15 / $0.60 per million tokens since its launch (18 July 2024), gpt-4o $2.50 / $10.00 since
 * 6 August 2024. Written down on 2026-12-04 from those announcements, not read from the page that day: an operator
 * paying other prices (another provider, batch or cached pricing) sets INNERWORLD_MODEL_PRICES.
 */
export const DEFAULT_MODEL_PRICES: ModelPriceTable = {
  "gpt-4o-mini": { inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 },
  "gpt-4o": { inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 10 },
  // Built in and runs in the function: its tokens cost nothing beyond the Lambda time the cost model already counts.
  [OFFLINE_MODEL_NAME]: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
};

export class ModelPriceConfigError extends Error {
  override readonly name = "ModelPriceConfigError";
  readonly code = "MODEL_PRICE_CONFIG_INVALID";
}

export const isModelPriceConfigError = (error: unknown): error is ModelPriceConfigError =>
  error instanceof Error && (error as { code?: unknown }).code === "MODEL_PRICE_CONFIG_INVALID";

/**
 * The default table with the operator's entries over it. INNERWORLD_MODEL_PRICES is JSON:
 * `{"my-model": {"inputUsdPerMillionTokens": 0.2, "outputUsdPerMillionTokens": 0.8}}`.
 */
export const modelPricesFromEnv = (env: Readonly<Record<string, string | undefined>>): ModelPriceTable => {
  const raw = env[MODEL_PRICES_ENV];
  if (raw === undefined || raw.trim() === "") return DEFAULT_MODEL_PRICES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ModelPriceConfigError(`${MODEL_PRICES_ENV} must be JSON: {"<model>": {"inputUsdPerMillionTokens": n, "outputUsdPerMillionTokens": n}}`);
  }
  const result = z.record(z.string().min(1), tokenPriceSchema).safeParse(parsed);
  if (!result.success) throw new ModelPriceConfigError(`${MODEL_PRICES_ENV}: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return { ...DEFAULT_MODEL_PRICES, ...result.data };
};

/** A reply's price: its tokens at its model's prices, with the prices used so the figure can be checked later. */
export interface ReplyCost extends TokenPrice {
  usd: number;
}

/** A routed name ("openai/gpt-4o-mini", as OpenRouter reports it) falls back to the bare model name. */
const priceOf = (model: string, table: ModelPriceTable): TokenPrice | undefined => table[model] ?? table[model.slice(model.lastIndexOf("/") + 1)];

/** Undefined when the table has no price for the model: an unknown cost is left out rather than shown as zero. */
export const replyCostOf = (model: string, usage: ReplyUsage, table: ModelPriceTable): ReplyCost | undefined => {
  const price = priceOf(model, table);
  if (!price) return undefined;
  const usd = (usage.inputTokens * price.inputUsdPerMillionTokens + usage.outputTokens * price.outputUsdPerMillionTokens) / 1e6;
  // To the nanodollar: enough for a fraction of a cent per reply, without float noise in the stored figure.
  return { usd: Math.round(usd * 1e9) / 1e9, ...price };
};
