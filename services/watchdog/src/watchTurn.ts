// The turn watchdog's logic: a turn still without an outcome when its deadline comes is failed, retryably, once.
import type { TurnClaim, TurnOutcomes } from "@innerworld/conversation/turns";
import type { ConsumedEvent, EventPublisher } from "@innerworld/events";
import { setTimeout as sleepFor } from "node:timers/promises";
import type { Clock } from "@innerworld/platform/clock";

export interface WatchdogPorts {
  outcomes: TurnOutcomes;
  publisher: Pick<EventPublisher, "publish">;
  clock: Clock;
  /** Waits out the rest of a fresh claim's grace; unit tests pass one that moves their clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How long a claim may stay unsettled before the watchdog calls its decider dead. Claiming and pushing take
 * milliseconds; the grace keeps a reply that is being pushed right at the deadline from being followed by a timeout.
 */
export const UNSETTLED_GRACE_MS = 3_000;

export const WATCHDOG_ERROR_CODE = "TURN_TIMED_OUT";

/**
 * Runs when a MessageReceived comes due (its queue delays every message by the turn deadline). If no reply, notice or
 * failure has ended the turn, the watchdog ends it: the notifier tells the client to send again, storage marks it
 * failed. A reply arriving later is kept for resume, never pushed live as well.
 */
export const createTurnWatchdog = (ports: WatchdogPorts) => async ({ envelope }: ConsumedEvent<"MessageReceived">): Promise<void> => {
  const { data, metadata } = envelope;
  const sleep = ports.sleep ?? ((ms: number) => sleepFor(ms));
  // Nearly every turn was answered and shown long before its deadline: one read finds that, where claiming first would
  // cost a failed conditional write and then the same read.
  const seen = await ports.outcomes.get(data.messageId);
  const claim: TurnClaim = seen ? { won: false, existing: seen } : await ports.outcomes.claim(data.messageId, "timed_out", "watchdog");
  // Another step ended the turn in time and showed it: nothing to do. (Our own earlier claim means a retry after a
  // failed publish: publish again.) A claim its decider never settled means the decider died between claiming and
  // pushing, and its redelivery would find its own claim and stay silent: the watchdog takes the turn over.
  if (!claim.won && claim.existing.outcome !== "timed_out") {
    if (claim.existing.settledAt) return;
    // A safety notice is never replaced by "try again": the notifier's next attempt pushes an unsettled notice again
    // (notifyClient.ts), and the helplines are what a teen in crisis must see, late or not.
    if (claim.existing.outcome === "noticed") return;
    // A claim made moments ago is most likely being pushed right now, but its decider may also have died just before
    // the deadline, and this is the turn's last look: wait out the grace, then take over unless it was settled since.
    const graceLeft = UNSETTLED_GRACE_MS - (ports.clock() - Date.parse(claim.existing.decidedAt));
    if (graceLeft > 0) await sleep(graceLeft);
    if (!(await ports.outcomes.takeOver(data.messageId, claim.existing.decidedBy, "timed_out", "watchdog"))) return;
  }
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
