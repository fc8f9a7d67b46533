// Work an invocation stops waiting for and leaves running: Lambda freezes it with the sandbox; a local runner, which cannot, is told of it.
import type { Context } from "aws-lambda";

/**
 * A Lambda context as the local runner hands it over. Lambda's own context has no such member: there the work is
 * frozen when the handler answers and may resume in a later invocation. The local runner cannot freeze it, so it
 * counts such work as it counts a call past its timeout (its pollers' limit, and what `stop()` waits for).
 */
export interface WorkLeftRunningContext extends Context {
  /** Receives each piece of work the invocation answers without; the promise settles when that work ends. */
  onWorkLeftRunning?: (work: Promise<void>) => void;
}

/** Tells the runtime, where it wants to know, that `work` goes on after the invocation answers. */
export const leaveRunning = (context: Context, work: Promise<unknown>): void => {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  (context as WorkLeftRunningContext).onWorkLeftRunning?.(settled);
};
