// The turn watchdog's logic: a turn still without an outcome when its deadline comes is failed, retryably, once.
import type { TurnOutcomes } from "@innerworld/conversation/turns";
import type { ConsumedEvent, EventPublisher } from "@innerworld/events";

export interface WatchdogPorts {
  outcomes: TurnOutcomes;
  publisher: Pick<EventPublisher, "publish">;
}

export const WATCHDOG_ERROR_CODE = "TURN_TIMED_OUT";

/**
 * Runs when a MessageReceived comes due (its queue delays every message by the turn deadline). If no reply, notice or
 * failure has ended the turn, the watchdog ends it: the notifier tells the client to send again, storage marks it
 * failed. A reply arriving later is kept for resume, never pushed live as well.
 */
export const createTurnWatchdog = (ports: WatchdogPorts) => async ({ envelope }: ConsumedEvent<"MessageReceived">): Promise<void> => {
  const { data, metadata } = envelope;
  const claim = await ports.outcomes.claim(data.messageId, "timed_out", "watchdog");
  // Another step ended the turn in time. (Our own earlier claim means a retry after a failed publish: publish again.)
  if (!claim.won && claim.existing.outcome !== "timed_out") return;
  await ports.publisher.publish({
    type: "StepFailed",
    correlationId: metadata.correlationId,
    causationId: metadata.eventId,
    userId: metadata.userId,
    sessionId: data.sessionId,
    // One failure per turn, however often the deadline message is delivered.
    deduplicationKey: `deadline-${data.messageId}`,
    data: {
      step: "watchdog",
      failedEventType: "MessageReceived",
      failedEventId: metadata.eventId,
      messageId: data.messageId,
      seq: data.seq,
      sessionId: data.sessionId,
      ...(data.connectionId ? { connectionId: data.connectionId } : {}),
      errorCode: WATCHDOG_ERROR_CODE,
      errorMessage: "The turn had no reply by its deadline",
      retryable: true,
    },
  });
};
