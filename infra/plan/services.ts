// Per consuming service: its queue, dead-letter queue, rule and subscribed function, read from the topology table.
import type { ServiceName } from "../../packages/events/src/envelope";
import {
  consumingServices,
  deadLetterQueueNameOf,
  eventPatternOf,
  queueNameOf,
  ruleNameOf,
  SURVEY_SWEEP_EVERY_MINUTES,
  type ConsumingService,
} from "../../packages/events/src/topology";
import { deadLetterQueueLinkName } from "./links";
import { InfraPlanError } from "./errors";
import { functionNameFor, pascalCase, withStage } from "./naming";
import type { StageSettings } from "./settings";
import type { FunctionPlan, LinkKey, ServicePlan } from "./types";

/** AWS's advice for SQS event sources: at least six times the function timeout, plus the batching window. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
const FOUR_DAYS = 4 * 24 * 3600;
/** The longest SQS keeps anything: time for a person to look at what failed. */
const FOURTEEN_DAYS = 14 * 24 * 3600;

/** Memory is not in the topology (it is a cost and cold-start choice, not a contract); the model callers get more. */

/** What each consuming service needs beyond the bus, the tables and its own dead-letter queue. */
const EXTRA_LINKS: Partial<Record<ServiceName, LinkKey[]>> = {
  // The key also serves the second opinion on uncertain messages, when the stage names a chat model.
  safety: ["moderationApiKey", "modelApiKey"],
  generation: ["connections", "modelApiKey"],
  notifier: ["connections"],
  "graph-extraction": ["modelApiKey", "graph"],
  "context-refresh": ["graph"],
  "persona-synthesis": ["modelApiKey"],
  // The key serves the image model, when the stage names one.
  portrait: ["portraits", "modelApiKey"],
};

/**
 * What a service runs on a schedule, by its handler file's export: storage sweeps for surveys whose persona saga nobody
 * else will start, as often as the topology says (the local cloud runs it as often).
 */
const SCHEDULED: Partial<Record<ServiceName, { entry: string; logicalName: string; schedule: `rate(${string})`; description: string }>> = {
  storage: { entry: "sweep", logicalName: "SurveySweep", schedule: `rate(${SURVEY_SWEEP_EVERY_MINUTES} minutes)`, description: "storage's survey sweep" },
};

/** The safety service loads its classifier at start and refuses to run without it: the file ships beside its bundle. */
const SCREENING_MODEL = { from: "packages/screening/model/screening-classifier.json", to: "screening-classifier.json" };

const usesGraph = (service: ServiceName) => EXTRA_LINKS[service]?.includes("graph") ?? false;
const usesModel = (service: ServiceName) => EXTRA_LINKS[service]?.includes("modelApiKey") ?? false;

export const assertQueueSettings = (topology: ConsumingService): void => {
  const { queue, service } = topology;
  const needed = VISIBILITY_TIMEOUT_FACTOR * queue.functionTimeoutSeconds + queue.maxBatchingWindowSeconds;
  if (queue.visibilityTimeoutSeconds < needed) {
    throw new InfraPlanError(
      "QUEUE_SETTINGS",
      `${service}: visibility timeout ${queue.visibilityTimeoutSeconds}s is under ${VISIBILITY_TIMEOUT_FACTOR} × function timeout ${queue.functionTimeoutSeconds}s + batching window ${queue.maxBatchingWindowSeconds}s = ${needed}s; a slow batch would be redelivered while still running`,
    );
  }
  if (queue.batchSize < 1 || queue.batchSize > 10_000) throw new InfraPlanError("QUEUE_SETTINGS", `${service}: batch size ${queue.batchSize} is outside 1..10000`);
  if (queue.batchSize > 10 && queue.maxBatchingWindowSeconds < 1) {
    throw new InfraPlanError("QUEUE_SETTINGS", `${service}: SQS event sources take more than 10 records per batch only with a batching window of at least 1 s`);
  }
  if (queue.maxBatchingWindowSeconds > 300) throw new InfraPlanError("QUEUE_SETTINGS", `${service}: batching window over 300 s`);
  if (queue.functionTimeoutSeconds > 900) throw new InfraPlanError("QUEUE_SETTINGS", `${service}: Lambda timeouts end at 900 s`);
  if (queue.visibilityTimeoutSeconds > 43_200) throw new InfraPlanError("QUEUE_SETTINGS", `${service}: SQS visibility timeouts end at 12 h`);
  if (queue.deliveryDelaySeconds !== undefined && (queue.deliveryDelaySeconds < 0 || queue.deliveryDelaySeconds > 900)) {
    throw new InfraPlanError("QUEUE_SETTINGS", `${service}: SQS delivery delays run from 0 to 900 s`);
  }
  if (queue.maxReceiveCount < 1 || queue.maxReceiveCount > 1000) throw new InfraPlanError("QUEUE_SETTINGS", `${service}: maxReceiveCount ${queue.maxReceiveCount} is outside 1..1000`);
};

const environmentOf = (service: ServiceName, settings: StageSettings): Record<string, string> => {
  const env: Record<string, string> = {};
  if (usesGraph(service)) env.INNERWORLD_GRAPH_BACKEND = settings.graphBackend;
  // Lambda starts in its task root, where copyFiles puts the file.
  if (service === "safety") env.INNERWORLD_SCREENING_MODEL = SCREENING_MODEL.to;
  if (usesModel(service)) {
    if (settings.model.baseUrl) env.INNERWORLD_MODEL_BASE_URL = settings.model.baseUrl;
    if (settings.model.model) env.INNERWORLD_MODEL = settings.model.model;
    if (settings.model.fallbackModels) env.INNERWORLD_FALLBACK_MODELS = settings.model.fallbackModels;
    if (settings.model.prices) env.INNERWORLD_MODEL_PRICES = settings.model.prices;
  }
  // Generation asks a persona's own model only while this list names it (unset: the chain above, as the read API reads it).
  if (service === "generation" && settings.model.personaModels) env.INNERWORLD_PERSONA_MODELS = settings.model.personaModels;
  if (service === "portrait" && settings.model.imageModel) env.INNERWORLD_IMAGE_MODEL = settings.model.imageModel;
  if (service === "storage" && settings.feedbackAfterTurns) env.INNERWORLD_FEEDBACK_AFTER_TURNS = String(settings.feedbackAfterTurns);
  return env;
};

export const planService = (topology: ConsumingService, stage: string, settings: StageSettings): ServicePlan => {
  assertQueueSettings(topology);
  const { service, queue } = topology;
  const prefix = pascalCase(service);
  const scheduled = SCHEDULED[service];
  const neptune = settings.graphBackend === "neptune" && usesGraph(service);
  const links: LinkKey[] = ["bus", "tables", "deadLetterQueue", ...(EXTRA_LINKS[service] ?? [])].filter(
    (link): link is LinkKey => link !== "graph" || neptune,
  );
  const fn: FunctionPlan = {
    logicalName: `${prefix}Handler`,
    name: functionNameFor(stage, service),
    handler: `services/${service}/src/handler.handler`,
    timeoutSeconds: queue.functionTimeoutSeconds,
    memoryMb: queue.functionMemoryMb,
    architecture: queue.architecture,
    links,
    environment: environmentOf(service, settings),
    inVpc: neptune,
    ...(service === "safety" ? { copyFiles: [SCREENING_MODEL] } : {}),
  };
  return {
    service,
    part: service,
    queue: {
      logicalName: `${prefix}Queue`,
      policyLogicalName: `${prefix}QueuePolicy`,
      name: withStage(queueNameOf(service), stage),
      visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
      messageRetentionSeconds: FOUR_DAYS,
      ...(queue.deliveryDelaySeconds ? { deliveryDelaySeconds: queue.deliveryDelaySeconds } : {}),
    },
    deadLetterQueue: {
      logicalName: deadLetterQueueLinkName(service),
      linkName: deadLetterQueueLinkName(service),
      policyLogicalName: `${prefix}DeadLetterQueuePolicy`,
      name: withStage(deadLetterQueueNameOf(service), stage),
      // Only what the service's own SqsDeadLetterSink sends and what the redrive moves here; nothing consumes it.
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: FOURTEEN_DAYS,
    },
    maxReceiveCount: queue.maxReceiveCount,
    // Rule names are scoped to their bus, and every stage has its own bus: the topology's name is used as is.
    rule: {
      logicalName: `${prefix}Rule`,
      targetLogicalName: `${prefix}RuleTarget`,
      name: ruleNameOf(service),
      pattern: eventPatternOf(topology),
      acceptsReplay: topology.acceptsReplay,
    },
    function: fn,
    subscription: { batchSize: queue.batchSize, maxBatchingWindowSeconds: queue.maxBatchingWindowSeconds, partialResponses: true },
    ...(scheduled
      ? {
          scheduled: {
            logicalName: `${prefix}${scheduled.logicalName}`,
            schedule: scheduled.schedule,
            description: scheduled.description,
            // Its own function: the queue's dead-letter queue is not its to write to, and a sweep takes its minute.
            function: {
              ...fn,
              logicalName: `${prefix}${scheduled.logicalName}Handler`,
              name: functionNameFor(stage, service, scheduled.entry),
              handler: `services/${service}/src/handler.${scheduled.entry}`,
              timeoutSeconds: 60,
              links: links.filter((link) => link !== "deadLetterQueue"),
            },
          },
        }
      : {}),
  };
};

export const planServices = (stage: string, settings: StageSettings): ServicePlan[] =>
  consumingServices().map((topology) => planService(topology, stage, settings));
