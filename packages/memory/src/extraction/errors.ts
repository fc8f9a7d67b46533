// Typed errors of extraction; each carries a constant `code` so it survives package boundaries.

/** The model could not give a usable extraction: its answers failed validation, or the call itself failed. */
export class ExtractionFailedError extends Error {
  override readonly name = "ExtractionFailedError";
  readonly code = "EXTRACTION_FAILED" as const;

  constructor(
    /** The extractor's name (the model's). */
    readonly extractor: string,
    /** How many times the model was asked. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`Extraction with ${extractor} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${describe(options?.cause)}`, options);
  }
}

export const isExtractionFailedError = (error: unknown): error is ExtractionFailedError =>
  error instanceof Error && (error as { code?: unknown }).code === "EXTRACTION_FAILED";

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message.split("\n")[0] ?? cause.name : String(cause);
}
