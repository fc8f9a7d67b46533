// The safety service's Lambda entry: loads the screening classifier (refusing to start without it), then a thin SQS handler over screenTurns.
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { MOST_GROUP_PERSONAS } from "@innerworld/events";
import { DEFAULT_CIRCUIT_BREAKER, modelConfigFromEnv, usesRemoteModel, type ModelConfig } from "@innerworld/chat-model/model-config";
import {
  createOpenAiModeration,
  createScreener as createMessageScreener,
  guardModeration,
  guardSecondOpinion,
  loadScreeningClassifier,
  screeningModelPathFromEnv,
  type SecondOpinionPort,
} from "@innerworld/screening";
import type { ModelSecondOpinionOptions } from "@innerworld/screening/second-opinion";
import { onceUntilFailure } from "@innerworld/platform/once-until-failure";
import { METRIC } from "@innerworld/platform/observability";
import { CircuitBreaker } from "@innerworld/platform/resilience";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createScreener, type RecentUserMessages } from "./screenTurns";

const moderationFromEnv = (env: NodeJS.ProcessEnv) =>
  env.INNERWORLD_MODERATION_API_KEY
    ? createOpenAiModeration({ apiKey: env.INNERWORLD_MODERATION_API_KEY, ...(env.INNERWORLD_MODERATION_BASE_URL ? { baseUrl: env.INNERWORLD_MODERATION_BASE_URL } : {}) })
    : undefined;

/**
 * The second opinion's client, LangChain with it, loads when the first uncertain message asks for one, not at a cold
 * start: most messages are settled by the local layers, every turn waits for this service's verdict, and LangChain is
 * most of the bundle. The load (about half a second unbundled here) comes out of the first question's deadline; a load
 * that fails is tried again by the next uncertain message, which helps when the module could not be found or read, not
 * when its code threw as it loaded (Node keeps that failure for the process's life). Meanwhile each uncertain message is
 * a concern, as on any failure of the second opinion.
 */
export const secondOpinionOnDemand = (
  options: ModelSecondOpinionOptions,
  load: () => Promise<{ createModelSecondOpinion: (options: ModelSecondOpinionOptions) => SecondOpinionPort }> = () => import("@innerworld/screening/second-opinion"),
): SecondOpinionPort => {
  const client = onceUntilFailure(async () => (await load()).createModelSecondOpinion(options));
  return { assess: async (input) => (await client()).assess(input) };
};

/** The chat model's endpoint gives a second opinion on uncertain messages, unless INNERWORLD_SECOND_OPINION=off. */
const secondOpinionFromEnv = (env: NodeJS.ProcessEnv, config: ModelConfig) => {
  if (env.INNERWORLD_SECOND_OPINION === "off") return undefined;
  if (!usesRemoteModel(config)) return undefined;
  return secondOpinionOnDemand({
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config.model ? { model: config.model } : {}),
  });
};

export const createHandler = (runtime: ServiceRuntime<"safety">) => {
  // A missing or damaged model file throws ScreeningModelError here, so the service never runs without its classifier.
  const classifier = loadScreeningClassifier(screeningModelPathFromEnv(process.env));
  const modelConfig = modelConfigFromEnv(process.env);
  // Each remote layer has its own breaker, set as the chat model's (INNERWORLD_MODEL_CIRCUIT_*): during an outage an
  // uncertain message is a concern at once instead of after a timeout, and moderation's failure is recorded as before.
  const breaker = () =>
    new CircuitBreaker({ ...(modelConfig.circuitBreaker ?? DEFAULT_CIRCUIT_BREAKER), now: runtime.clock, onOpen: () => runtime.metrics.count(METRIC.circuitOpens) });
  const remoteModeration = moderationFromEnv(process.env);
  const moderation = remoteModeration && guardModeration(remoteModeration, breaker());
  const remoteSecondOpinion = secondOpinionFromEnv(process.env, modelConfig);
  const secondOpinion = remoteSecondOpinion && guardSecondOpinion(remoteSecondOpinion, breaker());
  const messages = new DynamoDbMessageStore(runtime.dynamodb, runtime.tables.messages, runtime.clock);
  const recentUserMessages: RecentUserMessages = async (sessionId, beforeSeq, count) => {
    // Each turn is a user message and its replies, one per persona of a group (or a notice), plus this turn's own: in a
    // three-persona session twice as many items would hold only the last user message or two.
    const recent = await messages.recent(sessionId, (1 + MOST_GROUP_PERSONAS) * count + 2);
    return recent
      .filter((m) => m.role === "user" && m.seq < beforeSeq)
      .slice(-count)
      .map((m) => m.content);
  };
  const screener = createScreener({
    publisher: runtime.publisher,
    metrics: runtime.metrics,
    screener: createMessageScreener({ classifier, ...(moderation ? { moderation } : {}), ...(secondOpinion ? { secondOpinion } : {}) }),
    ...(moderation ? { moderation } : {}),
    recentUserMessages,
  });
  // Screening is a pure function of the event and the session's stored messages, and publishes under deterministic eventIds, so a
  // duplicate delivery republishes the same verdict, which generation and the notifier deduplicate: no idempotency store needed.
  // It keeps nothing (it reads the session's messages, writes none) and sees no replay: the erasure check is storage's,
  // which drops a turn received before an erasure whichever step's event brings it.
  return createServiceConsumer(runtime, { MessageReceived: screener.messageReceived, ReplyGenerated: screener.replyGenerated }, { idempotent: false, erasureGuard: false });
};

export const handler = lambdaFromEnvironment("safety", createHandler);
