// A signal that fires before the invocation's time runs out, so a slow call gives up while the handler can still report it.
import type { Context } from "aws-lambda";

export interface InvocationDeadline {
  /** Aborts `reserveMs` before the function's timeout (at once when less than that is left). */
  signal: AbortSignal;
  /** Clears the timer; call it when the bounded work is done. */
  release(): void;
}

/**
 * Lambda kills a function at its timeout without running any more of its code: a model call still waiting then takes
 * the retry count, the dead-lettering and the StepFailed compensation with it. Aborting the call `reserveMs` earlier
 * leaves the handler time to write, publish, or fail in the open.
 */
export const invocationDeadline = (context: Pick<Context, "getRemainingTimeInMillis">, reserveMs: number): InvocationDeadline => {
  const controller = new AbortController();
  const budgetMs = Math.max(0, context.getRemainingTimeInMillis() - reserveMs);
  const timer = setTimeout(() => controller.abort(new InvocationTimeRunningOutError(budgetMs)), budgetMs);
  timer.unref?.();
  return { signal: controller.signal, release: () => clearTimeout(timer) };
};

/** The reason an invocation deadline's signal carries. */
export class InvocationTimeRunningOutError extends Error {
  override readonly name = "InvocationTimeRunningOutError";
  readonly code = "INVOCATION_TIME_RUNNING_OUT";
  constructor(readonly budgetMs: number) {
    super(`gave up after ${budgetMs} ms, before the function's timeout`);
  }
}
