// Graph errors with a constant code and a type guard, so callers in other packages can tell them apart without instanceof.

export class InvalidMutationError extends Error {
  override readonly name = "InvalidMutationError";
  readonly code = "GRAPH_INVALID_MUTATION";
  constructor(
    message: string,
    readonly context: Record<string, string>,
  ) {
    super(message);
  }
}

/** Another writer changed the same element between our read and our write, more often than we retry. */
export class GraphWriteConflictError extends Error {
  override readonly name = "GraphWriteConflictError";
  readonly code = "GRAPH_WRITE_CONFLICT";
  constructor(
    readonly userId: string,
    readonly elementId: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`Graph element ${elementId} of user ${userId} kept changing under us; gave up after ${attempts} attempts`, options);
  }
}

export const isInvalidMutationError = (error: unknown): error is InvalidMutationError =>
  (error as { code?: unknown } | null)?.code === "GRAPH_INVALID_MUTATION";

export const isGraphWriteConflictError = (error: unknown): error is GraphWriteConflictError =>
  (error as { code?: unknown } | null)?.code === "GRAPH_WRITE_CONFLICT";
