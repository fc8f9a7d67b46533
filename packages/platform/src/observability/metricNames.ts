// The custom metrics the services emit (embedded metric format), named once: the code and infra's dashboard share them.
export const METRICS_NAMESPACE = "InnerWorld";

export const METRIC = {
  /** A turn's final frame (reply, stream end or safety notice) reached the teen. */
  turnsCompleted: "TurnsCompleted",
  /** Milliseconds from the gateway accepting a message to its final frame going out. */
  turnLatency: "TurnLatency",
  crisisVerdicts: "CrisisVerdicts",
  /** Input of concern (a risk level short of crisis): the persona is told to check in gently. */
  concernVerdicts: "ConcernVerdicts",
  /** Ordinary-reading input after a crisis earlier in the session: a concern of its own kind, counted apart from ConcernVerdicts. */
  checkInsAfterCrisis: "CheckInsAfterCrisis",
  blockedMessages: "BlockedMessages",
  /** Model replies that failed screening and were replaced by a safe one. */
  blockedReplies: "BlockedReplies",
  modelFallbacks: "ModelFallbacks",
  circuitOpens: "CircuitOpens",
  deadLetters: "DeadLetters",
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
