// Typed errors of the persona catalogue; each carries a constant `code` so it survives package boundaries.
export class UnknownPersonaError extends Error {
  override readonly name = "UnknownPersonaError";
  readonly code = "UNKNOWN_PERSONA" as const;
  /** Asking again with the same id cannot succeed. */
  readonly retryable = false as const;

  constructor(
    readonly personaId: string,
    readonly knownIds: readonly string[],
  ) {
    super(`Unknown persona "${personaId}"; known personas: ${knownIds.join(", ")}`);
  }
}

export const isUnknownPersonaError = (error: unknown): error is UnknownPersonaError =>
  error instanceof Error && (error as { code?: unknown }).code === "UNKNOWN_PERSONA";
