// The storage service's Lambda entry: a thin SQS handler over keepConversation.
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/core";
import { createConversationKeeper } from "./keepConversation";

export const createHandler = (runtime: ServiceRuntime) => {
  const keeper = createConversationKeeper({ dynamodb: runtime.dynamodb, tables: runtime.tables, publisher: runtime.publisher });
  return createServiceConsumer(runtime, {
    SessionStarted: keeper.sessionStarted,
    MessageReceived: keeper.messageReceived,
    MessageScreened: keeper.messageScreened,
    ReplyScreened: keeper.replyScreened,
    ReplyDelivered: keeper.replyDelivered,
    SessionEnded: keeper.sessionEnded,
    StepFailed: keeper.stepFailed,
  });
};

export const handler = lambdaFromEnvironment("storage", createHandler);
