// The classifier's typed error: a missing, damaged or incompatible model file stops whoever loads it.

export type ScreeningModelErrorCode = "SCREENING_MODEL_MISSING" | "SCREENING_MODEL_CORRUPT" | "SCREENING_MODEL_INCOMPATIBLE";

export class ScreeningModelError extends Error {
  override readonly name = "ScreeningModelError";
  readonly code: ScreeningModelErrorCode;
  readonly path?: string;

  constructor(code: ScreeningModelErrorCode, message: string, context: { cause?: unknown; path?: string } = {}) {
    super(message, { cause: context.cause });
    this.code = code;
    if (context.path !== undefined) this.path = context.path;
  }
}

export function isScreeningModelError(error: unknown): error is ScreeningModelError {
  return error instanceof Error && error.name === "ScreeningModelError" && typeof (error as { code?: unknown }).code === "string";
}
