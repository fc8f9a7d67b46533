// The generation service's Lambda entry: a thin SQS handler over generateReply.
import { connectionPusherFor } from "@innerworld/conversation/connections";
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { createChatModel, modelConfigFromEnv, modelPricesFromEnv } from "@innerworld/chat-model/models";
import { allowedPersonaModels } from "@innerworld/chat-model/model-config";
import { DynamoDbContextCacheStore } from "@innerworld/memory/context-cache";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import { METRIC } from "@innerworld/platform/observability";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { TURN_DEADLINE_SECONDS } from "@innerworld/events";
import { createReplyGenerator } from "./generateReply";

export const createHandler = (runtime: ServiceRuntime<"generation">) => {
  const generate = createReplyGenerator({
    messages: new DynamoDbMessageStore(runtime.dynamodb, runtime.tables.messages, runtime.clock),
    contexts: new DynamoDbContextCacheStore(runtime.dynamodb, runtime.tables.contextCache, runtime.clock),
    personas: new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas),
    publisher: runtime.publisher,
    outcomes: new DynamoDbTurnOutcomes(runtime.dynamodb, runtime.tables.idempotency, runtime.clock),
    metrics: runtime.metrics,
    warn: (message, extra) => runtime.logger.warn(message, extra),
    clock: runtime.clock,
    model: createChatModel(modelConfigFromEnv(process.env), { onCircuitOpen: () => runtime.metrics.count(METRIC.circuitOpens) }),
    prices: modelPricesFromEnv(process.env),
    turnDeadlineSeconds: runtime.config.turnDeadlineSeconds ?? TURN_DEADLINE_SECONDS,
    personaModels: allowedPersonaModels(process.env),
    ...(runtime.config.connectionsUrl ? { pusher: connectionPusherFor(runtime) } : {}),
  });
  return createServiceConsumer(runtime, { MessageScreened: generate.generate, PersonaUpdated: generate.forgetPersona, PersonaDeleted: generate.forgetPersona }, {
    // A turn is answered once through its own attempt record and the turn's outcome (generateReply), one write a turn;
    // an idempotency record would add two. Persona changes keep theirs.
    guardsItself: ["MessageScreened"],
    // It keeps nothing of the user's (its attempt records hold a message id) and sees no replay: the erasure check is
    // storage's, which drops a turn received before an erasure whichever step's event brings it.
    erasureGuard: false,
  });
};

export const handler = lambdaFromEnvironment("generation", createHandler);
