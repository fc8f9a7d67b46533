// A service's SQS handler: the contract's consumer plus dead letters and StepFailed compensation from the runtime.
import { createEventConsumer, type ConsumedEvent, type EventHandlers } from "@innerworld/events";
import type { ServiceRuntime } from "./serviceRuntime";

const stringField = (data: unknown, field: string): string | undefined => {
  const value = (data as Record<string, unknown> | null)?.[field];
  return typeof value === "string" ? value : undefined;
};

/** Tells the rest of the saga that this step gave up, so the user hears of it and the turn is marked failed. */
export const publishStepFailed = async (runtime: ServiceRuntime, event: ConsumedEvent, error: unknown): Promise<void> => {
  // A failed StepFailed must not beget another: that way lies an endless loop of compensations.
  if (event.envelope.type === "StepFailed") return;
  const { metadata, data } = event.envelope;
  const messageId = stringField(data, "messageId");
  const connectionId = stringField(data, "connectionId");
  const sessionId = stringField(data, "sessionId") ?? metadata.sessionId;
  await runtime.publisher.publish({
    type: "StepFailed",
    correlationId: metadata.correlationId,
    causationId: metadata.eventId,
    userId: metadata.userId,
    ...(sessionId ? { sessionId } : {}),
    data: {
      step: runtime.service,
      failedEventType: event.envelope.type,
      failedEventId: metadata.eventId,
      ...(messageId ? { messageId } : {}),
      ...(sessionId ? { sessionId } : {}),
      ...(connectionId ? { connectionId } : {}),
      errorCode: (error as { code?: string }).code ?? "STEP_FAILED",
      errorMessage: error instanceof Error ? error.message : String(error),
      retryable: (error as { retryable?: boolean }).retryable ?? true,
    },
  });
};

export const createServiceConsumer = (runtime: ServiceRuntime, handlers: EventHandlers) =>
  createEventConsumer({
    service: runtime.service,
    handlers,
    ...(runtime.deadLetters ? { deadLetters: runtime.deadLetters } : {}),
    onExhausted: (event, error) => publishStepFailed(runtime, event, error),
  });
