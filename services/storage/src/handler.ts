// The storage service's Lambda entry: a thin SQS handler over keepConversation.
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DynamoDbSessionStore } from "@innerworld/conversation/sessions";
import { DynamoDbFeedbackStore } from "@innerworld/conversation/feedback";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createConversationKeeper } from "./keepConversation";

export const createHandler = (runtime: ServiceRuntime<"storage">) => {
  const afterTurns = Number(process.env.INNERWORLD_FEEDBACK_AFTER_TURNS ?? 0);
  const { dynamodb, tables, clock } = runtime;
  const keeper = createConversationKeeper({
    sessions: new DynamoDbSessionStore(dynamodb, tables.sessions, clock),
    messages: new DynamoDbMessageStore(dynamodb, tables.messages, clock),
    feedback: new DynamoDbFeedbackStore(dynamodb, tables.feedback, clock),
    publisher: runtime.publisher,
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
