// Which handler each SQS-consuming service runs: the same createHandler its Lambda entry uses.
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { SURVEY_SWEEP_EVERY_MINUTES, type ServiceName } from "@innerworld/events";
import { createHandler as contextRefresh } from "@innerworld/context-refresh";
import { createHandler as generation } from "@innerworld/generation";
import { createHandler as graphExtraction } from "@innerworld/graph-extraction";
import { createHandler as notifier } from "@innerworld/notifier";
import { createHandler as personaSynthesis } from "@innerworld/persona-synthesis";
import { createHandler as portrait } from "@innerworld/portrait";
import { createHandler as safety } from "@innerworld/safety";
import { createHandler as storage, createSurveySweep } from "@innerworld/storage";
import { createHandler as watchdog } from "@innerworld/watchdog";
import type { SqsHandler } from "./sqsEventSource";

const FACTORIES: { [S in ServiceName]?: (runtime: ServiceRuntime<S>) => SqsHandler } = {
  safety,
  generation,
  storage,
  "graph-extraction": graphExtraction,
  "context-refresh": contextRefresh,
  notifier,
  watchdog,
  "persona-synthesis": personaSynthesis,
  portrait,
};

/**
 * Read with the service name as a plain value: the runner builds each service's runtime from that same name, so the
 * runtime a factory receives is always its own, which the compiler cannot follow through a lookup.
 */
export const SQS_SERVICE_HANDLERS = FACTORIES as Partial<Record<ServiceName, (runtime: ServiceRuntime) => SqsHandler>>;

/** What a service runs on a schedule besides its queue (in AWS a scheduled function), and how often by default. */
export interface ScheduledTask {
  name: string;
  everyMs: number;
  build: (runtime: ServiceRuntime) => () => Promise<unknown>;
}

export const SCHEDULED_TASKS: Partial<Record<ServiceName, ScheduledTask>> = {
  storage: { name: "survey sweep", everyMs: SURVEY_SWEEP_EVERY_MINUTES * 60_000, build: createSurveySweep as (runtime: ServiceRuntime) => () => Promise<unknown> },
};
