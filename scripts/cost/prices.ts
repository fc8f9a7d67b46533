// The prices the cost script assumes: AWS us-east-1 list prices (on-demand, no free tier) and one model's token prices.
// Sources: the AWS pricing pages for each service (aws.amazon.com/<service>/pricing), as published through 2025,
// including the DynamoDB on-demand cut of 1 Nov 2024; OpenAI's API pricing page for gpt-4o-mini (since July 2024).
// Prices change: check the pages before budgeting with these numbers.

import { DEFAULT_MODEL_PRICES, MODEL_PRICES_ENV, modelPricesFromEnv, type ModelPriceTable } from "@innerworld/chat-model/models";
import { DEFAULT_REMOTE_MODEL } from "@innerworld/chat-model/model-config";

export const PRICES_AS_OF = "AWS us-east-1 list prices as published through 2025 (first usage tier, no free tier)";

export const AWS_PRICES = {
  /** Custom events published to an event bus, per event (each 64 KB chunk counts as one). */
  eventBridgeEvent: 1.0 / 1e6,
  /** Archive: events processed into the archive, per GB. */
  eventBridgeArchivePerGb: 0.1,
  /** SQS standard queue, per request (each 64 KB chunk of a request counts as one). */
  sqsRequest: 0.4 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  /** arm64, first 7.5 billion GB-seconds a month. */
  lambdaGbSecondArm: 0.0000133334,
  /** x86_64, first 6 billion GB-seconds a month. */
  lambdaGbSecondX86: 0.0000166667,
  /** DynamoDB on-demand, standard table class. */
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  /** API Gateway WebSocket: messages sent and received (32 KB increments), first billion a month. */
  websocketMessage: 1.0 / 1e6,
  websocketConnectionMinute: 0.25 / 1e6,
  cloudwatchAlarmPerMonth: 0.1,
} as const;

export interface ModelPrice {
  model: string;
  inputPerToken: number;
  outputPerToken: number;
  source: string;
}

/** The production model at the price generation records on every ReplyGenerated (the same table, the operator's entries included). */
export const modelPriceOf = (model: string, table: ModelPriceTable = modelPricesFromEnv(process.env)): ModelPrice => {
  const price = table[model];
  if (!price) throw new Error(`no price for ${model} in the model price table (${MODEL_PRICES_ENV})`);
  return {
    model,
    inputPerToken: price.inputUsdPerMillionTokens / 1e6,
    outputPerToken: price.outputUsdPerMillionTokens / 1e6,
    source: `the model price table (packages/chat-model/src/models/modelPrices.ts, ${MODEL_PRICES_ENV} over it): $${price.inputUsdPerMillionTokens} / 1M input tokens, $${price.outputUsdPerMillionTokens} / 1M output tokens`,
  };
};

export const MODEL_PRICE: ModelPrice = modelPriceOf(DEFAULT_REMOTE_MODEL, DEFAULT_MODEL_PRICES);
