// The generation service's Lambda entry: a thin SQS handler over generateReply.
import { connectionPusherFor } from "@innerworld/conversation/connections";
import { createChatModel, modelConfigFromEnv } from "@innerworld/chat-model/models";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createReplyGenerator } from "./generateReply";

export const createHandler = (runtime: ServiceRuntime<"generation">) => {
  const generate = createReplyGenerator({
    dynamodb: runtime.dynamodb,
    tables: runtime.tables,
    publisher: runtime.publisher,
    clock: runtime.clock,
    model: createChatModel(modelConfigFromEnv(process.env)),
    ...(runtime.config.connectionsUrl ? { pusher: connectionPusherFor(runtime) } : {}),
  });
  return createServiceConsumer(runtime, { MessageScreened: generate.generate, PersonaUpdated: generate.forgetPersona, PersonaDeleted: generate.forgetPersona });
};

export const handler = lambdaFromEnvironment("generation", createHandler);
