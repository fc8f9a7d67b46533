// The second opinion from a configured chat model through LangChain structured output; a subpath of its own so handlers that call no model never bundle LangChain.

import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { RISK_CATEGORIES, RISK_LEVELS } from "./classifier/labels";
import type { SecondOpinionPort } from "./secondOpinion";

export interface ModelSecondOpinionOptions {
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  /** The screener has its own deadline; this bounds the HTTP call too, so nothing is left running. */
  timeoutMs?: number;
}

export const DEFAULT_SECOND_OPINION_MODEL = "gpt-4o-mini";

// `.nullable()` rather than `.optional()`: strict JSON schema needs every key present.
const RiskReading = z.object({
  level: z.enum(RISK_LEVELS).describe("none: ordinary; concern: distress worth a gentle check-in; crisis: suicidal thoughts, a plan, a method, self-harm now, or a goodbye"),
  category: z.enum(RISK_CATEGORIES).describe("the kind of risk, or none"),
  reason: z.string().nullable().describe("a few words on why"),
});

const INSTRUCTIONS = [
  "You screen messages a teenager sends to a companion chat app for suicide and self-harm risk.",
  "Read the latest message in the light of the earlier ones. Slang, euphemisms, jokes, misspellings and Spanish are common:",
  "'dying of laughter' or 'this homework is killing me' are ordinary; 'gonna take the long sleep' or a farewell after 'nobody would notice' are not.",
  "Answer with the risk level and category of the latest message only.",
].join(" ");

/** A ChatOpenAI client against any OpenAI-compatible endpoint, asked for `{level, category, reason}`. Bad answers are not re-asked: the screener treats a failure as a concern. */
export function createModelSecondOpinion(options: ModelSecondOpinionOptions): SecondOpinionPort {
  const model = new ChatOpenAI({
    model: options.model ?? DEFAULT_SECOND_OPINION_MODEL,
    apiKey: options.apiKey ?? "not-needed",
    configuration: options.baseUrl ? { baseURL: options.baseUrl } : {},
    temperature: 0,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 2_500,
  });
  const structured = model.withStructuredOutput(RiskReading, { name: "record_risk_reading", method: "jsonSchema", strict: true });
  return {
    async assess({ text, recent, signal }) {
      const earlier = recent.length === 0 ? "(none)" : recent.map((message, i) => `${i + 1}. ${message}`).join("\n");
      const answer = await structured.invoke(
        [
          { role: "system", content: INSTRUCTIONS },
          { role: "user", content: `Earlier messages:\n${earlier}\n\nLatest message:\n${text}` },
        ],
        { signal },
      );
      return { level: answer.level, category: answer.category };
    },
  };
}
