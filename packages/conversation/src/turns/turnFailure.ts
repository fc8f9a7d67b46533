// What a client is told when its turn failed, decided once from the StepFailed that ended it: the notifier pushes it
// live, storage keeps it on the teen's message, and a resume replays it to a client that was away when it happened.

export type TurnFailureCode = "TURN_TIMED_OUT" | "PERSONA_DELETED" | "GENERATION_FAILED" | "REPLY_REFUSED" | "STEP_FAILED";

export interface TurnFailure {
  code: TurnFailureCode;
  /** Words a client can show as they are. */
  message: string;
  /** Whether sending the message again may work. */
  retryable: boolean;
}

/** What the client is told when the persona a turn was for was deleted before it answered. */
export const PERSONA_DELETED_MESSAGE = "That companion was deleted, so this message was not answered.";
/** What the client is told when the watchdog ended a turn that had no reply by its deadline. */
export const TURN_TIMED_OUT_MESSAGE = "That took too long on our side. Please send your message again.";
/** What the client is told when every model the persona may use failed to answer. */
export const GENERATION_FAILED_MESSAGE = "I couldn't come up with a reply just now. Please try sending your message again.";
/**
 * What the client is told when the model refused the turn itself (its provider declined the request: a content policy,
 * a persona's prompt it will not take): sending the same message again to the same companion cannot help.
 */
export const GENERATION_REFUSED_MESSAGE = "I can't answer that one as this companion. Try saying it another way, or chat with another companion.";

/**
 * Whether a StepFailed is the watchdog ending a turn at its deadline (its claim already decided the turn), not the
 * watchdog's own consumer giving up on a delivery it could not handle, which publishes under the same step name.
 */
export const isTurnTimeout = (failed: { step: string; errorCode: string }): boolean => failed.step === "watchdog" && failed.errorCode === "TURN_TIMED_OUT";

/**
 * The failure a StepFailed of a turn stands for: the watchdog's is a timeout, generation's a deleted persona, a refusal
 * or a model failure. A refusal is never worth sending again, whatever its StepFailed says.
 */
export function turnFailureOf(failed: { step: string; errorCode: string; retryable: boolean }): TurnFailure {
  if (isTurnTimeout(failed)) return { code: "TURN_TIMED_OUT", message: TURN_TIMED_OUT_MESSAGE, retryable: failed.retryable };
  if (failed.step === "generation" && failed.errorCode === "PERSONA_DELETED") return { code: "PERSONA_DELETED", message: PERSONA_DELETED_MESSAGE, retryable: failed.retryable };
  if (failed.step === "generation" && failed.errorCode === "REPLY_REFUSED") return { code: "REPLY_REFUSED", message: GENERATION_REFUSED_MESSAGE, retryable: false };
  // Not retryable and not refused (a StepFailed from before refusals had their own code, or a persona the step could
  // not find): the teen is not asked to send it again either.
  if (failed.step === "generation") return { code: "GENERATION_FAILED", message: failed.retryable ? GENERATION_FAILED_MESSAGE : GENERATION_REFUSED_MESSAGE, retryable: failed.retryable };
  return { code: "STEP_FAILED", message: `The ${failed.step} step failed: ${failed.errorCode}`, retryable: failed.retryable };
}

/** The key under which a connection is marked as having been shown a turn's failure (connections' markShown). */
export const failureShownKey = (messageId: string): string => `failure-${messageId}`;
