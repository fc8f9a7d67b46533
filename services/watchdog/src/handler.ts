// The watchdog's Lambda entry: a thin SQS handler over watchTurn, fed by a queue that delays each turn by its deadline.
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createTurnWatchdog } from "./watchTurn";

export const createHandler = (runtime: ServiceRuntime<"watchdog">) =>
  createServiceConsumer(runtime, {
    MessageReceived: createTurnWatchdog({ outcomes: new DynamoDbTurnOutcomes(runtime.dynamodb, runtime.tables.idempotency, runtime.clock), publisher: runtime.publisher, clock: runtime.clock }),
  });

export const handler = lambdaFromEnvironment("watchdog", createHandler);
