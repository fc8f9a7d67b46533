// The generation service's Lambda entry: a thin SQS handler over generateReply.
import { connectionPusherFor, createChatModel, createServiceConsumer, lambdaFromEnvironment, modelConfigFromEnv, type ServiceRuntime } from "@innerworld/core";
import { createReplyGenerator } from "./generateReply";

export const createHandler = (runtime: ServiceRuntime) => {
  const generate = createReplyGenerator({
    dynamodb: runtime.dynamodb,
    tables: runtime.tables,
    publisher: runtime.publisher,
    model: createChatModel(modelConfigFromEnv(process.env)),
    ...(runtime.config.connectionsUrl ? { pusher: connectionPusherFor(runtime) } : {}),
  });
  return createServiceConsumer(runtime, { MessageScreened: generate });
};

export const handler = lambdaFromEnvironment("generation", createHandler);
