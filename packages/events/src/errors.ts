// Typed errors of the event contract; each carries a constant `code` so it survives package boundaries.
export type EventErrorCode =
  | "EVENT_VALIDATION_FAILED"
  | "UNKNOWN_EVENT_TYPE"
  | "MALFORMED_EVENT"
  | "PUBLISHER_NOT_ALLOWED"
  | "EVENT_TOO_LARGE"
  | "PUBLISH_FAILED";

export class EventContractError extends Error {
  override readonly name: string = "EventContractError";
  constructor(
    readonly code: EventErrorCode,
    message: string,
    /** False when trying again cannot help: the event itself is wrong. */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isEventContractError = (error: unknown): error is EventContractError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === "string" && error.name === "EventContractError";

/**
 * Whether a failure is one the saga expects, whose StepFailed tells the client all there is to tell (a persona deleted
 * while its turn was on the way): the record is done, not dead-lettered, since an operator has nothing to redrive.
 */
export const isExpectedFailure = (error: unknown): boolean => typeof error === "object" && error !== null && (error as { deadLetter?: unknown }).deadLetter === false;

/** Whether an error says the event can never succeed, so retrying only delays the dead letter. */
export const isPermanentFailure = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === false;
