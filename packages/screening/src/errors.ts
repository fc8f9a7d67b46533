// Errors of the safety module, with a constant code and a type guard so they survive package boundaries.

export type ModerationErrorCode = "MODERATION_TIMEOUT" | "MODERATION_HTTP_ERROR" | "MODERATION_BAD_RESPONSE" | "MODERATION_UNREACHABLE" | "MODERATION_CIRCUIT_OPEN";

export class ModerationError extends Error {
  override readonly name = "ModerationError";
  readonly code: ModerationErrorCode;
  /** The HTTP status, when the endpoint answered. */
  readonly status?: number;
  readonly endpoint: string;

  constructor(code: ModerationErrorCode, message: string, context: { endpoint: string; status?: number; cause?: unknown }) {
    super(message, { cause: context.cause });
    this.code = code;
    this.endpoint = context.endpoint;
    if (context.status !== undefined) this.status = context.status;
  }
}

export function isModerationError(error: unknown): error is ModerationError {
  return error instanceof Error && error.name === "ModerationError" && typeof (error as { code?: unknown }).code === "string";
}
