// The notifier's Lambda entry: a thin SQS handler over notifyClient and notifyPersonaReady.
import { DynamoDbConnectionStore, connectionPusherFor } from "@innerworld/conversation/connections";
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DynamoDbSessionStore } from "@innerworld/conversation/sessions";
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { TombstoneStore } from "@innerworld/platform/tombstones";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createNotifier } from "./notifyClient";
import { createPersonaReadyNotifier } from "./notifyPersonaReady";

export const createHandler = (runtime: ServiceRuntime<"notifier">) => {
  const pusher = connectionPusherFor(runtime);
  const connections = new DynamoDbConnectionStore(runtime.dynamodb, runtime.tables.connections, runtime.clock);
  const notifier = createNotifier({
    sessions: new DynamoDbSessionStore(runtime.dynamodb, runtime.tables.sessions, runtime.clock),
    messages: new DynamoDbMessageStore(runtime.dynamodb, runtime.tables.messages, runtime.clock),
    tombstones: new TombstoneStore(runtime.dynamodb, runtime.tables.tombstones),
    connections,
    publisher: runtime.publisher,
    pusher,
    outcomes: new DynamoDbTurnOutcomes(runtime.dynamodb, runtime.tables.idempotency, runtime.clock),
    clock: runtime.clock,
    metrics: runtime.metrics,
  });
  const personaReady = createPersonaReadyNotifier({
    connectionsOf: async (userId) => (await connections.listByUser(userId)).map((c) => c.connectionId),
    personas: new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas),
    pusher,
    clock: runtime.clock,
  });
  return createServiceConsumer(runtime, {
    ReplyScreened: notifier.replyScreened,
    MessageScreened: notifier.messageScreened,
    StepFailed: async (event) => {
      await notifier.stepFailed(event);
      await personaReady.portraitFailed(event);
    },
    PersonaPortraitReady: personaReady.personaPortraitReady,
    FeedbackRequested: notifier.feedbackRequested,
  }, {
    // A reply or notice is pushed only by whoever claims the turn's outcome (a conditional write keyed by the turn), and
    // a second delivery finds its own claim and pushes nothing: no idempotency record is needed beside it. Failures
    // (a timeout pushes without a claim), feedback requests and portraits keep theirs.
    guardsItself: ["ReplyScreened", "MessageScreened"],
    // It keeps only turn outcomes and which replies a connection was shown, and pushes to the user's own connections,
    // whose records an erasure removes; it sees no replay. Storage's erasure check keeps an erased turn unwritten.
    erasureGuard: false,
  });
};

export const handler = lambdaFromEnvironment("notifier", createHandler);
