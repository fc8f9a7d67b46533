// Typed errors of the analyst tool: a constant `code` the CLI maps to an exit status, and a hint that says what to do.
export type AnalystErrorCode =
  /** Wrong flags or arguments: exit status 2. */
  | "USAGE"
  | "INVALID_TIME"
  | "UNKNOWN_SERVICE"
  | "UNKNOWN_EVENT_TYPE"
  /** `--out` names a file that cannot be written (no such directory, a directory, no permission). */
  | "OUTPUT_NOT_WRITABLE"
  /** The service has live side effects (pushes to users, calls the model): replays must never reach it. */
  | "REPLAY_NOT_ACCEPTED"
  /** The service consumes none of the event types asked for, so the replay would deliver nothing to it. */
  | "NOTHING_TO_REPLAY"
  | "LOCAL_CLOUD_NOT_FOUND"
  | "ARCHIVE_NOT_FOUND"
  | "RULE_NOT_FOUND"
  | "REPLAY_NOT_FOUND"
  | "REPLAY_FAILED"
  | "INTERRUPTED"
  | "AWS_REQUEST_FAILED";

export class AnalystError extends Error {
  override readonly name = "AnalystError";

  constructor(
    readonly code: AnalystErrorCode,
    message: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }

  /** One line on what to do about it, printed under the message. */
  readonly hint: string | undefined;
}

export const isAnalystError = (error: unknown): error is AnalystError =>
  error instanceof Error && error.name === "AnalystError" && typeof (error as { code?: unknown }).code === "string";

const USAGE_ERRORS: ReadonlySet<AnalystErrorCode> = new Set<AnalystErrorCode>(["USAGE", "INVALID_TIME", "UNKNOWN_SERVICE", "UNKNOWN_EVENT_TYPE", "OUTPUT_NOT_WRITABLE"]);

/** Usage errors exit 2 (as getopt-style tools do), an interrupt 130 (as shells report SIGINT), every other failure 1. */
export const exitCodeOf = (error: unknown): number => {
  if (!isAnalystError(error)) return 1;
  if (USAGE_ERRORS.has(error.code)) return 2;
  return error.code === "INTERRUPTED" ? 130 : 1;
};

/** An AWS SDK failure as an AnalystError that says which call failed; missing credentials and dead endpoints get a hint. */
export const awsFailure = (what: string, error: unknown): AnalystError => {
  if (isAnalystError(error)) return error;
  const name = (error as Error).name ?? "Error";
  const message = (error as Error).message ?? String(error);
  let hint: string | undefined;
  if (name === "CredentialsProviderError" || /credential/i.test(message)) hint = "Pass --profile NAME (or set AWS_PROFILE), or use --local for the local cloud.";
  else if (/ECONNREFUSED|ENOTFOUND|fetch failed|socket hang up/i.test(`${message} ${String((error as { code?: unknown }).code ?? "")}`)) {
    hint = "Nothing answers at that endpoint. Is the local cloud running (pnpm start)? Does --local point at its data dir?";
  }
  return new AnalystError("AWS_REQUEST_FAILED", `${what} failed: ${name}: ${message}`, { cause: error, ...(hint ? { hint } : {}) });
};

/** Runs one AWS SDK call, turning its failure into an AnalystError naming the call. */
export const awsCall = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw awsFailure(what, error);
  }
};
