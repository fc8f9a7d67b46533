// The safety service's Lambda entry: a thin SQS handler over screenTurns.
import { createOpenAiModeration } from "@innerworld/screening";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createScreener } from "./screenTurns";

const moderationFromEnv = (env: NodeJS.ProcessEnv) =>
  env.INNERWORLD_MODERATION_API_KEY
    ? createOpenAiModeration({ apiKey: env.INNERWORLD_MODERATION_API_KEY, ...(env.INNERWORLD_MODERATION_BASE_URL ? { baseUrl: env.INNERWORLD_MODERATION_BASE_URL } : {}) })
    : undefined;

export const createHandler = (runtime: ServiceRuntime<"safety">) => {
  const moderation = moderationFromEnv(process.env);
  const screener = createScreener({ publisher: runtime.publisher, metrics: runtime.metrics, ...(moderation ? { moderation } : {}) });
  // Screening is a pure function of the event and publishes under deterministic eventIds, so a duplicate
  // delivery republishes the very same event, which generation and the notifier deduplicate: no idempotency store needed.
  return createServiceConsumer(runtime, { MessageReceived: screener.messageReceived, ReplyGenerated: screener.replyGenerated }, { idempotent: false });
};

export const handler = lambdaFromEnvironment("safety", createHandler);
