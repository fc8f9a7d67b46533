// The remote layers (the model's second opinion, moderation) behind circuit breakers: during an outage each would
// otherwise cost every uncertain message its whole timeout. A refused call fails at once, and the screener already
// treats a failed layer as it must: an uncertain message becomes a concern, never safe; a clean local verdict stays.

import type { CircuitBreaker } from "@innerworld/platform/resilience";
import { ModerationError, isModerationError } from "./errors";
import type { SecondOpinionPort } from "./secondOpinion";
import type { ModerationPort } from "./types";

/** The second opinion was not asked: its circuit is open after repeated failures. */
export class SecondOpinionCircuitOpenError extends Error {
  override readonly name = "SecondOpinionCircuitOpenError";
  readonly code = "SECOND_OPINION_CIRCUIT_OPEN";
}

/** Statuses that say the endpoint is up and refused this one input (too long, malformed), which says nothing against the next. */
const REFUSED_THIS_INPUT = new Set([400, 413, 422]);

const saysEndpointIsUp = (error: unknown) =>
  isModerationError(error) && error.code === "MODERATION_HTTP_ERROR" && error.status !== undefined && REFUSED_THIS_INPUT.has(error.status);

async function throughBreaker<T>(
  breaker: CircuitBreaker,
  refused: () => Error,
  call: () => Promise<T>,
  options: { endpointUp?: (error: unknown) => boolean; signal?: AbortSignal } = {},
): Promise<T> {
  if (!breaker.allowRequest()) throw refused();
  // The outcome is told once: a client that ignores the abort may still settle after the screener gave up on it.
  let told = false;
  const tell = (outcome: "success" | "failure") => {
    if (told) return;
    told = true;
    if (outcome === "success") breaker.onSuccess();
    else breaker.onFailure();
  };
  // A timeout (the screener aborting a slow answer) counts: a layer that cannot answer in time is failing for us.
  const onAbort = () => tell("failure");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = await call();
    tell("success");
    return answer;
  } catch (error) {
    tell(options.endpointUp?.(error) === true ? "success" : "failure");
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

export function guardSecondOpinion(port: SecondOpinionPort, breaker: CircuitBreaker): SecondOpinionPort {
  const refused = () => new SecondOpinionCircuitOpenError("the second opinion failed repeatedly and is not asked until its circuit's reset time has passed");
  return { assess: (request) => throughBreaker(breaker, refused, () => port.assess(request), { signal: request.signal }) };
}

export function guardModeration(port: ModerationPort, breaker: CircuitBreaker, endpoint = "moderation"): ModerationPort {
  const refused = () =>
    new ModerationError("MODERATION_CIRCUIT_OPEN", "moderation failed repeatedly and is not asked until its circuit's reset time has passed", { endpoint });
  return { moderate: (text) => throughBreaker(breaker, refused, () => port.moderate(text), { endpointUp: saysEndpointIsUp }) };
}
