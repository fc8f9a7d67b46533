// The notifier's Lambda entry: a thin SQS handler over notifyClient.
import { DynamoDbConnectionStore, connectionPusherFor } from "@innerworld/conversation/connections";
import { DynamoDbSessionStore } from "@innerworld/conversation/sessions";
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createNotifier } from "./notifyClient";

export const createHandler = (runtime: ServiceRuntime<"notifier">) => {
  const notifier = createNotifier({
    sessions: new DynamoDbSessionStore(runtime.dynamodb, runtime.tables.sessions, runtime.clock),
    connections: new DynamoDbConnectionStore(runtime.dynamodb, runtime.tables.connections, runtime.clock),
    publisher: runtime.publisher,
    pusher: connectionPusherFor(runtime),
    outcomes: new DynamoDbTurnOutcomes(runtime.dynamodb, runtime.tables.idempotency, runtime.clock),
    clock: runtime.clock,
  });
  return createServiceConsumer(runtime, {
    ReplyScreened: notifier.replyScreened,
    MessageScreened: notifier.messageScreened,
    StepFailed: notifier.stepFailed,
    FeedbackRequested: notifier.feedbackRequested,
  });
};

export const handler = lambdaFromEnvironment("notifier", createHandler);
