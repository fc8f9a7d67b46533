// `saga`: every archived event that shares a correlation id, in causal order, with the time each hop took.
import type { Reporter } from "../reporter";
import { orderSaga, type SagaTrace } from "../saga/orderSaga";
import type { AnalystTarget } from "../target/connect";
import type { TimeWindow } from "../timeWindow";
import { readArchiveWindow } from "./readArchive";

export interface SagaRequest {
  correlationId: string;
  window: TimeWindow;
  reporter: Reporter;
  signal?: AbortSignal;
}

/** The tap's rule matches the correlation id itself, so only the saga's events leave the archive, however big the window. */
export const traceSaga = async (target: AnalystTarget, request: SagaRequest): Promise<SagaTrace> => {
  request.reporter.say(`target: ${target.description}`);
  const read = await readArchiveWindow(target, {
    window: request.window,
    filter: { detail: { metadata: { correlationId: [request.correlationId] } } },
    kind: "saga",
    purpose: `saga ${request.correlationId}`,
    reporter: request.reporter,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return orderSaga(request.correlationId, read.events);
};
