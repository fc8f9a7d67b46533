// The watchdog's Lambda entry: a thin SQS handler over watchTurn, fed by a queue that delays each turn by its deadline.
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { createTurnWatchdog } from "./watchTurn";

export const createHandler = (runtime: ServiceRuntime<"watchdog">) =>
  createServiceConsumer(runtime, {
    MessageReceived: createTurnWatchdog({ outcomes: new DynamoDbTurnOutcomes(runtime.dynamodb, runtime.tables.idempotency, runtime.clock), publisher: runtime.publisher, clock: runtime.clock }),
  }, {
    // The turn's outcome is the watchdog's guard: a second delivery finds its own timeout and publishes the same
    // StepFailed again (same eventId, dropped by its consumers). It keeps nothing of the user's, and sees no replay.
    idempotent: false,
    erasureGuard: false,
  });

export const handler = lambdaFromEnvironment("watchdog", createHandler);
