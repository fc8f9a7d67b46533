// Typed errors of the model layer; each carries a constant `code` so it survives package boundaries.

/** What happened when one model in the chain was tried (or skipped). */
export interface ModelAttempt {
  model: string;
  outcome: "failed" | "timeout" | "circuit-open";
  /** HTTP status from the endpoint, when there was one. */
  status?: number;
  message?: string;
}

/** Every configured model failed or was skipped by its circuit breaker; the turn can be retried later. */
export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
  readonly code = "MODEL_UNAVAILABLE" as const;
  /** Model outages pass: the saga should retry the step (and tell the user if retries run out). */
  readonly retryable = true as const;
  /** Text already streamed to the user when a model failed mid-reply (no fallback is possible then). */
  readonly partialText: string | undefined;

  constructor(
    readonly attempts: readonly ModelAttempt[],
    options?: { cause?: unknown; partialText?: string },
  ) {
    super(`No model could answer: ${attempts.map(describeAttempt).join("; ") || "no models configured"}`, { cause: options?.cause });
    this.partialText = options?.partialText;
  }
}

export const isModelUnavailableError = (error: unknown): error is ModelUnavailableError =>
  error instanceof Error && (error as { code?: unknown }).code === "MODEL_UNAVAILABLE";

/**
 * A model refused the request for what it asks (a 400 such as `content_policy_violation` for a persona's prompt): the
 * same request would be refused by the fallbacks and on every retry, so the chain stops here and the turn is not
 * retried. The model is not to blame either: its circuit breaker does not count it.
 */
export class ReplyRefusedError extends Error {
  override readonly name = "ReplyRefusedError";
  readonly code = "REPLY_REFUSED" as const;
  readonly retryable = false as const;

  constructor(
    readonly attempts: readonly ModelAttempt[],
    /** The endpoint's own name for the refusal (`content_policy_violation`), when it gave one. */
    readonly reason: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`The request was refused: ${attempts.map(describeAttempt).join("; ")}`, { cause: options?.cause });
  }
}

export const isReplyRefusedError = (error: unknown): error is ReplyRefusedError =>
  error instanceof Error && (error as { code?: unknown }).code === "REPLY_REFUSED";

/** The model configuration (usually from the environment) is invalid; retrying cannot help. */
export class ModelConfigError extends Error {
  override readonly name = "ModelConfigError";
  readonly code = "INVALID_MODEL_CONFIG" as const;
  readonly retryable = false as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const isModelConfigError = (error: unknown): error is ModelConfigError =>
  error instanceof Error && (error as { code?: unknown }).code === "INVALID_MODEL_CONFIG";

function describeAttempt(attempt: ModelAttempt): string {
  const detail = [attempt.status, attempt.message].filter((part) => part !== undefined).join(" ");
  return `${attempt.model} ${attempt.outcome}${detail ? ` (${detail})` : ""}`;
}
