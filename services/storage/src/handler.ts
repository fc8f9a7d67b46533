// The storage service's Lambda entry: a thin SQS handler over keepConversation.
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createConversationKeeper } from "./keepConversation";

export const createHandler = (runtime: ServiceRuntime<"storage">) => {
  const afterTurns = Number(process.env.INNERWORLD_FEEDBACK_AFTER_TURNS ?? 0);
  const keeper = createConversationKeeper({
    dynamodb: runtime.dynamodb,
    tables: runtime.tables,
    publisher: runtime.publisher,
    clock: runtime.clock,
    ...(Number.isInteger(afterTurns) && afterTurns > 0 ? { feedbackAfterTurns: afterTurns } : {}),
  });
  return createServiceConsumer(runtime, {
    SessionStarted: keeper.sessionStarted,
    MessageReceived: keeper.messageReceived,
    MessageScreened: keeper.messageScreened,
    ReplyScreened: keeper.replyScreened,
    ReplyDelivered: keeper.replyDelivered,
    SessionEnded: keeper.sessionEnded,
    StepFailed: keeper.stepFailed,
    // Every write is conditional on the message's own key, which makes redelivery harmless without an idempotency store.
  }, { idempotent: false });
};

export const handler = lambdaFromEnvironment("storage", createHandler);
