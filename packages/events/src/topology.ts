// Who consumes what and who may publish what: infra and the local cloud both build rules and queues from this table.
import { EVENT_CATALOG, type EventType } from "./catalog";
import { sourceOf, type ServiceName } from "./envelope";

export const BUS_NAME = "innerworld";

/** Seconds after its acknowledgement a turn without a reply is failed with TURN_TIMED_OUT (retryable). */
export const TURN_DEADLINE_SECONDS = 20;

/**
 * How often storage sweeps for surveys whose persona saga nobody else will start: infra schedules the sweep so and the
 * local cloud runs it so, both from here. A few times within a stale claim's takeover time (storage's keepSurveys); whole
 * minutes, more than one (infra writes it as EventBridge's `rate(N minutes)`).
 */
export const SURVEY_SWEEP_EVERY_MINUTES = 5;

/** Published for analysts and operators reading the archive; no service consumes them. */
export const ANALYST_ONLY_EVENTS: readonly EventType[] = ["ContextRefreshed", "PersonaCreated", "FeedbackReceived", "FeedbackExpired", "AdminActionTaken"];

export interface Subscription {
  eventType: EventType;
  /** Extra content filter on `detail`, in EventBridge pattern syntax. */
  detailFilter?: Record<string, unknown>;
  /**
   * Only replays of the archive deliver it (`"replay-name": [{"exists": true}]`): the service keeps live events of this
   * type another way (the gateway writes the user's message itself) but can still rebuild from the archive.
   */
  replayOnly?: true;
  /**
   * Replays of the archive never deliver it (`"replay-name": [{"exists": false}]`), though the service takes other
   * replayed events: UserDeleted, which erases everything a user has. Replayed, it would find nothing of the erasure
   * left to undo (the tombstone drops every replayed event from before it) and would erase what the same account built
   * after coming back.
   */
  liveOnly?: true;
}

export interface QueueSettings {
  /** Must be at least 6 × functionTimeoutSeconds, as AWS advises for SQS event sources. */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  functionTimeoutSeconds: number;
  /** The consuming Lambda's memory (CPU scales with it) and architecture: infra builds it so, the cost model bills it so. */
  functionMemoryMb: number;
  architecture: "arm64" | "x86_64";
  /** How long SQS holds each message before any consumer may see it (SQS DelaySeconds, 0–900). */
  deliveryDelaySeconds?: number;
}

export interface ServiceTopology {
  service: ServiceName;
  consumes: readonly Subscription[];
  publishes: readonly EventType[];
  /** Services with live side effects (pushing to users, calling the model) must never see replayed events. */
  acceptsReplay: boolean;
  queue: QueueSettings | null;
}

const queue = (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 3,
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  functionTimeoutSeconds: 10,
  functionMemoryMb: 512,
  // Graviton: about 20% less per GB-second than x86_64, and every dependency here is pure JavaScript.
  architecture: "arm64",
  ...overrides,
});

/** The table itself, kept literal so the compiler knows what each service consumes. */
const SERVICE_TOPOLOGY = [
  {
    service: "gateway",
    consumes: [],
    publishes: ["SessionStarted", "MessageReceived", "SessionEnded", "PersonaCreated", "PersonaUpdated", "PersonaDeleted", "SurveyResponseAccepted", "StepFailed", "FeedbackRequested", "FeedbackReceived", "FeedbackExpired", "AdminActionTaken", "UserDeleted"],
    acceptsReplay: false,
    queue: null,
  },
  {
    service: "safety",
    consumes: [{ eventType: "MessageReceived" }, { eventType: "ReplyGenerated" }],
    publishes: ["MessageScreened", "ReplyScreened", "StepFailed"],
    acceptsReplay: false,
    queue: queue(),
  },
  {
    service: "generation",
    consumes: [
      { eventType: "MessageScreened", detailFilter: { data: { verdict: { action: ["allow", "flag"] } } } },
      // Generation caches personas for a short while; a changed or deleted one is dropped from the cache at once.
      { eventType: "PersonaUpdated" },
      { eventType: "PersonaDeleted" },
    ],
    publishes: ["ReplyGenerated", "StepFailed"],
    acceptsReplay: false,
    // The model may take tens of seconds; a smaller batch keeps one slow turn from holding nine others.
    // 512 MB: most of a turn here is the wait for the model, billed at whatever size this is; the prompt and the
    // sentence screening are milliseconds of CPU, so twice the memory (and CPU) would buy little and double the bill.
    queue: queue({ functionTimeoutSeconds: 60, visibilityTimeoutSeconds: 360, batchSize: 5, functionMemoryMb: 512 }),
  },
  {
    service: "storage",
    consumes: [
      { eventType: "SessionStarted" },
      // The gateway keeps the user's message as it accepts it; a replay of the archive still writes it back here.
      { eventType: "MessageReceived", replayOnly: true },
      // An allowed message changes nothing in storage (its reply will); blocked and crisis ones get their fixed reply stored.
      { eventType: "MessageScreened", detailFilter: { data: { verdict: { action: ["block", "crisis"] } } } },
      // A reply is kept from its delivery report, which carries it with the status it ended in: one write, one delivery.
      { eventType: "ReplyDelivered" },
      { eventType: "SessionEnded" },
      { eventType: "StepFailed" },
      { eventType: "SurveyResponseAccepted" },
      { eventType: "PersonaSynthesized" },
      { eventType: "PersonaPortraitReady" },
      // A survey's persona deleted before it was ready ends the survey's saga.
      { eventType: "PersonaDeleted" },
      // Sessions and messages are storage's to erase.
      { eventType: "UserDeleted", liveOnly: true },
    ],
    publishes: ["TranscriptReady", "SurveyCompleted", "StepFailed", "FeedbackRequested"],
    acceptsReplay: true,
    queue: queue({ maxReceiveCount: 5 }),
  },
  {
    service: "graph-extraction",
    consumes: [{ eventType: "TranscriptReady" }, { eventType: "UserDeleted", liveOnly: true }],
    publishes: ["GraphUpdated", "StepFailed"],
    acceptsReplay: true,
    // The offline extractor's language tables and the transcript's parse want the memory.
    queue: queue({ functionTimeoutSeconds: 120, visibilityTimeoutSeconds: 720, batchSize: 1, functionMemoryMb: 1024 }),
  },
  {
    service: "context-refresh",
    consumes: [{ eventType: "SessionStarted" }, { eventType: "GraphUpdated" }, { eventType: "UserDeleted", liveOnly: true }],
    publishes: ["ContextRefreshed", "StepFailed"],
    acceptsReplay: true,
    queue: queue(),
  },
  {
    // Every acknowledged turn ends in a reply or a typed, retryable error: the watchdog sees each MessageReceived
    // once it is due and fails the turn that still has no outcome. 20 s leaves room for the notice to arrive
    // within the 30 s the protocol promises.
    service: "watchdog",
    consumes: [{ eventType: "MessageReceived" }],
    publishes: ["StepFailed"],
    acceptsReplay: false,
    queue: queue({ deliveryDelaySeconds: TURN_DEADLINE_SECONDS }),
  },
  {
    service: "notifier",
    consumes: [
      { eventType: "MessageScreened", detailFilter: { data: { verdict: { action: ["block", "crisis"] } } } },
      { eventType: "ReplyScreened" },
      { eventType: "StepFailed" },
      { eventType: "FeedbackRequested" },
      { eventType: "PersonaPortraitReady" },
    ],
    publishes: ["ReplyDelivered", "StepFailed"],
    acceptsReplay: false,
    queue: queue(),
  },
  {
    service: "persona-synthesis",
    // UserDeleted: a synthesis in flight during an erasure may write a persona after the gateway deleted the owner's;
    // the surveys, answers and personas are deleted again, each persona announced so its portrait goes too.
    consumes: [{ eventType: "SurveyCompleted" }, { eventType: "UserDeleted", liveOnly: true }],
    publishes: ["PersonaSynthesized", "PersonaDeleted", "StepFailed"],
    // Writing a persona may mean one model call; a replay rewrites the same persona (its id comes from the survey).
    acceptsReplay: true,
    queue: queue({ functionTimeoutSeconds: 60, visibilityTimeoutSeconds: 360, batchSize: 1 }),
  },
  {
    service: "portrait",
    // PersonaDeleted: a deleted persona's picture goes with it (and with the user, whose erasure deletes each persona).
    consumes: [{ eventType: "PersonaSynthesized" }, { eventType: "PersonaDeleted" }],
    publishes: ["PersonaPortraitReady", "StepFailed"],
    // Drawing is deterministic and stored under the persona's id: a replay redraws the same picture.
    acceptsReplay: true,
    queue: queue({ functionTimeoutSeconds: 60, visibilityTimeoutSeconds: 360, batchSize: 1 }),
  },
] as const satisfies readonly ServiceTopology[];

export const TOPOLOGY: readonly ServiceTopology[] = SERVICE_TOPOLOGY;

/** The event types a service consumes, as the topology table says: its consumer must handle exactly these. */
export type ConsumedEventOf<S extends ServiceName> = Extract<(typeof SERVICE_TOPOLOGY)[number], { service: S }>["consumes"][number]["eventType"];


export type ConsumingService = ServiceTopology & { queue: QueueSettings };

export const consumingServices = (): ConsumingService[] =>
  TOPOLOGY.filter((t): t is ConsumingService => t.queue !== null && t.consumes.length > 0);

export const topologyOf = (service: ServiceName): ServiceTopology => {
  const found = TOPOLOGY.find((t) => t.service === service);
  if (!found) throw new Error(`No topology entry for service ${service}`);
  return found;
};

export const queueNameOf = (service: ServiceName): string => `${BUS_NAME}-${service}`;
export const deadLetterQueueNameOf = (service: ServiceName): string => `${BUS_NAME}-${service}-dlq`;
export const ruleNameOf = (service: ServiceName): string => `${BUS_NAME}-${service}`;

const sourcesOf = (eventType: EventType): string[] => EVENT_CATALOG[eventType].producers.map(sourceOf);

const patternOf = (subscription: Subscription): Record<string, unknown> => ({
  source: sourcesOf(subscription.eventType),
  "detail-type": [subscription.eventType],
  ...(subscription.detailFilter ? { detail: subscription.detailFilter } : {}),
  ...(subscription.replayOnly ? { "replay-name": [{ exists: true }] } : {}),
  ...(subscription.liveOnly ? { "replay-name": [{ exists: false }] } : {}),
});

/**
 * The EventBridge pattern of a service's rule. Unfiltered subscriptions fold into one clause;
 * filtered ones become `$or` branches, so the pattern stays as small as AWS's size limits like.
 */
export const eventPatternOf = (topology: ServiceTopology): Record<string, unknown> => {
  if (topology.consumes.length === 0) throw new Error(`${topology.service} consumes nothing`);
  if (!topology.acceptsReplay && topology.consumes.some((s) => s.replayOnly)) throw new Error(`${topology.service} accepts no replays, so it cannot consume anything from replays only`);
  if (topology.consumes.some((s) => s.replayOnly && s.liveOnly)) throw new Error(`${topology.service} consumes something from replays only and never from replays`);
  const plain = topology.consumes.filter((s) => !s.detailFilter && !s.replayOnly && !s.liveOnly);
  const clauses: Record<string, unknown>[] = topology.consumes.filter((s) => s.detailFilter || s.replayOnly || s.liveOnly).map(patternOf);
  if (plain.length > 0) {
    clauses.unshift({
      source: [...new Set(plain.flatMap((s) => sourcesOf(s.eventType)))],
      "detail-type": plain.map((s) => s.eventType),
    });
  }
  const replayGuard = topology.acceptsReplay ? {} : { "replay-name": [{ exists: false }] };
  const [only] = clauses;
  if (clauses.length === 1 && only) return { ...only, ...replayGuard };
  return { $or: clauses, ...replayGuard };
};

export const publishersOf = (eventType: EventType): ServiceName[] =>
  TOPOLOGY.filter((t) => t.publishes.includes(eventType)).map((t) => t.service);

export const consumersOf = (eventType: EventType): ServiceName[] =>
  TOPOLOGY.filter((t) => t.consumes.some((s) => s.eventType === eventType)).map((t) => t.service);

/** The services a live (not replayed) event of this type reaches: its consumers less those that take it only from replays. */
export const liveConsumersOf = (eventType: EventType): ServiceName[] =>
  TOPOLOGY.filter((t) => t.consumes.some((s) => s.eventType === eventType && !s.replayOnly)).map((t) => t.service);
