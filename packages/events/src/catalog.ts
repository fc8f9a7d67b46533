// The event catalog: one zod schema per event, defined once; types are inferred from them.
import { z } from "zod";
import type { ServiceName } from "./envelope";

const id = z.string().min(1);
const isoTime = z.string().datetime({ offset: true });

export const safetyActionSchema = z.enum(["allow", "flag", "block", "crisis"]);
export const riskLevelSchema = z.enum(["none", "concern", "crisis"]);
/**
 * The screening layer whose finding set a message's risk level; "earlier_crisis": a crisis earlier in the session set
 * it, naming that crisis's kind: a crisis carried on (a wish to die, a plan, a method or a goodbye, no help named since;
 * the notice says it is still on the persona's mind), or else a concern, answered with a check-in.
 */
export const screeningLayerSchema = z.enum(["lexicon", "classifier", "context", "earlier_crisis", "second_opinion", "moderation"]);
export const safetyVerdictSchema = z.object({
  action: safetyActionSchema,
  categories: z.array(z.string()),
  lexiconVersion: z.string().optional(),
  // A teen's message also gets a risk reading. Optional so events archived before it still validate on replay;
  // the safety service sets all four on every MessageScreened.
  /** none, concern (the persona checks in gently) or crisis (safety_notice; the model never sees the message). */
  level: riskLevelSchema.optional(),
  /** The kind of risk: active_ideation, passive_ideation, plan_intent, method_inquiry, self_harm, farewell, hopelessness, told_to_die, abuse_disclosure, someone_at_risk (someone the writer knows), or none. */
  category: z.string().optional(),
  decidedBy: screeningLayerSchema.optional(),
  /** The trained classifier's version: release + weights hash + thresholds hash (".t…"). */
  modelVersion: z.string().optional(),
});

const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});

/** What a reply's tokens cost at its model's prices (the operator's price table), with the prices used. */
const replyCostSchema = z.object({
  usd: z.number().nonnegative(),
  inputUsdPerMillionTokens: z.number().nonnegative(),
  outputUsdPerMillionTokens: z.number().nonnegative(),
});

/**
 * Which resource line generation put under a reply's words: "soft", the teen's own helplines (a concern, or the check-in
 * after a crisis), or "someone_at_risk", how to get help for someone the teen knows. Carried with the reply to the
 * stored message, so the next turn tells from it, not from the reply's text, whether the teen was just shown the line.
 */
const resourceLineKindSchema = z.enum(["soft", "someone_at_risk"]);

/** The most personas a group session has: each replies to every turn, so a turn has at most this many replies. */
export const MOST_GROUP_PERSONAS = 3;
/** A group session's personas, in the session's order (2 or 3); absent for a one-persona session. */
const groupPersonaIds = z.array(id).min(2).max(MOST_GROUP_PERSONAS);

const turnFields = {
  messageId: id,
  sessionId: id,
  seq: z.number().int().positive(),
  /** The session's persona; in a group the first of `personaIds`, and on a reply the persona that spoke. */
  personaId: id,
  personaIds: groupPersonaIds.optional(),
  connectionId: id.optional(),
  /** When the gateway accepted the turn; carried along so the end of the saga can tell the turn's latency. */
  receivedAt: isoTime.optional(),
};

/**
 * A persona's name, at most 60 characters as a person counts them (code points: an emoji is one), as the persona API
 * counts it. zod's max counts UTF-16 units, two for an emoji: a name the API took must never fail here, or every turn
 * with that persona, and its deletion, would fail on publishing. So the 60 is a refinement, which the generated JSON
 * Schema cannot carry: it shows the cheap bound checked first (120 UTF-16 units, which no 60 code points exceed, so
 * looser than the rule) and says the rule in its description.
 */
const personaName = z
  .string()
  .min(1)
  .max(120)
  .refine((value) => [...value].length <= 60, "at most 60 characters")
  .describe("At most 60 characters, counted as code points (an emoji is one).");

/** Who spoke a reply, kept with it so history reads right after the persona is gone. */
const replyFields = {
  /** Position of this reply among the turn's replies (a group turn can have up to 3); absent means 0. */
  replyIndex: z.number().int().min(0).max(2).optional(),
  personaName: personaName.optional(),
};

export const sessionStartedSchema = z.object({
  sessionId: id,
  personaId: id,
  personaIds: groupPersonaIds.optional(),
  connectionId: id.optional(),
  startedAt: isoTime,
  expiresAt: isoTime,
  /** The user's IANA time zone from start_session (default UTC): the context block says "today" and "tomorrow" in it. */
  timeZone: z.string().min(1).max(64).optional(),
});

export const messageReceivedSchema = z.object({
  ...turnFields,
  receivedAt: isoTime,
  content: z.string().min(1),
  stream: z.boolean(),
  locale: z.string().max(16).optional(),
  clientMessageId: z.string().max(128).optional(),
});

export const messageScreenedSchema = z.object({
  ...turnFields,
  /** Present only when the verdict lets the message through; generation needs it, no one else does. */
  content: z.string().min(1).optional(),
  stream: z.boolean(),
  verdict: safetyVerdictSchema,
  locale: z.string().optional(),
});

export const replyGeneratedSchema = z.object({
  ...turnFields,
  ...replyFields,
  replyId: id,
  text: z.string(),
  model: z.string().min(1),
  fallbackUsed: z.boolean(),
  usage: tokenUsageSchema,
  /** Absent when the price table has no price for the model (and on events from before costs were recorded). */
  cost: replyCostSchema.optional(),
  latencyMs: z.number().nonnegative(),
  streamed: z.boolean(),
  /** The teen's locale from start_session: a reply that fails screening is replaced in its language. */
  locale: z.string().max(16).optional(),
  /**
   * On a concern turn, the soft resource line generation put under the model's words (already at the end of `text`):
   * a replacement for a reply that fails screening keeps it.
   */
  resourceLine: z.string().max(1_000).optional(),
  /** Which line `resourceLine` is. Absent when the reply has none, and on events from before it was carried. */
  resourceLineKind: resourceLineKindSchema.optional(),
  /**
   * What the prompt told the model about the user: the cached context version, the graph facts (vertex ids) its kept
   * lines speak of, and those lines. Absent when the user had no context yet. Optional, so version 1 events stay valid.
   */
  context: z
    .object({
      version: z.number().int().nonnegative(),
      factIds: z.array(z.string()),
      lines: z.array(z.string()),
    })
    .optional(),
});

export const replyScreenedSchema = z.object({
  ...turnFields,
  ...replyFields,
  replyId: id,
  text: z.string(),
  /** True when the model's text failed screening and a safe reply took its place. */
  replaced: z.boolean(),
  verdict: safetyVerdictSchema,
  model: z.string().min(1),
  streamed: z.boolean(),
  /** The generated reply's usage and cost, carried on so storage keeps them with the message the read API shows. */
  usage: tokenUsageSchema.optional(),
  cost: replyCostSchema.optional(),
  /** The resource line the reply carries (kept under a replacement too), carried on so storage keeps it with the message. */
  resourceLineKind: resourceLineKindSchema.optional(),
});

export const replyDeliveredSchema = z.object({
  messageId: id,
  replyId: id,
  sessionId: id,
  seq: z.number().int().positive(),
  replyIndex: z.number().int().min(0).max(2).optional(),
  connectionId: id.optional(),
  /** `withheld`: the turn had already ended (timed out or failed), so the reply waits for the client's resume. */
  status: z.enum(["delivered", "connection_gone", "withheld"]),
  deliveredAt: isoTime,
  /** When the gateway accepted the turn: storage, which keeps the reply from this event, counts it from then against an erasure. */
  receivedAt: isoTime.optional(),
  /**
   * The reply as safety let it through, so that storage hears of it once and keeps it with its delivery status in one
   * write. A safety notice's report carries the notice (model `safety`), so storage keeps it from this report or from
   * MessageScreened, whichever comes first. Absent on reports from before it was carried, which only set a status.
   */
  reply: z
    .object({
      personaId: id,
      personaName: replyFields.personaName,
      text: z.string(),
      replaced: z.boolean(),
      categories: z.array(z.string()),
      model: z.string().min(1),
      usage: tokenUsageSchema.optional(),
      cost: replyCostSchema.optional(),
      resourceLineKind: resourceLineKindSchema.optional(),
    })
    .optional(),
});

export const sessionEndedSchema = z.object({
  sessionId: id,
  personaId: id.optional(),
  reason: z.enum(["client_end", "disconnect", "idle", "expired", "persona_deleted"]),
  endedAt: isoTime,
});

export const transcriptReadySchema = z.object({
  sessionId: id,
  personaId: id,
  messageCount: z.number().int().nonnegative(),
  startedAt: isoTime,
  endedAt: isoTime,
  /** The user's IANA time zone from start_session (default UTC): "tomorrow" in the transcript is their tomorrow. */
  timeZone: z.string().min(1).max(64).optional(),
});

export const graphUpdatedSchema = z.object({
  sessionId: id,
  entitiesMerged: z.number().int().nonnegative(),
  relationsMerged: z.number().int().nonnegative(),
  relationsInvalidated: z.number().int().nonnegative(),
  extractor: z.string().min(1),
  /** The session's time zone (TranscriptReady's): the context block rebuilt from the merge says its days in it. */
  timeZone: z.string().min(1).max(64).optional(),
  /** When the transcript the merge distilled ended (TranscriptReady's `endedAt`): an erasure after it drops the merge too. */
  transcriptEndedAt: isoTime.optional(),
});

export const contextRefreshedSchema = z.object({
  contextVersion: z.number().int().nonnegative(),
  tokenCount: z.number().int().nonnegative(),
  entityCount: z.number().int().nonnegative(),
  builtAt: isoTime,
  reason: z.enum(["graph_updated", "session_started"]),
});

export const stepFailedSchema = z.object({
  step: z.string().min(1),
  failedEventType: z.string().min(1),
  failedEventId: z.string().min(1),
  messageId: id.optional(),
  seq: z.number().int().positive().optional(),
  sessionId: id.optional(),
  connectionId: id.optional(),
  /** Set when the failed step belonged to the persona saga, so its status can be settled. */
  surveyId: id.optional(),
  personaId: id.optional(),
  errorCode: z.string().min(1),
  errorMessage: z.string(),
  retryable: z.boolean(),
});

const personaStatusSchema = z.enum(["collecting", "synthesizing", "drawing", "ready", "failed"]);
const personaModelSchema = z.object({ model: z.string().min(1).optional(), temperature: z.number().min(0).max(2), maxTokens: z.number().int().positive() });

/** A persona someone made; the owner is `metadata.userId`. Only what consumers act on travels: the record is in the table. */
export const personaCreatedSchema = z.object({
  personaId: id,
  name: personaName,
  status: personaStatusSchema,
  model: personaModelSchema,
  createdAt: isoTime,
});

export const personaUpdatedSchema = z.object({
  personaId: id,
  name: personaName,
  status: personaStatusSchema,
  model: personaModelSchema,
  updatedAt: isoTime,
});

export const personaDeletedSchema = z.object({
  personaId: id,
  /** Kept in the event (and in every stored reply) so history still says who spoke. */
  name: personaName,
  /** Active sessions that used the persona and were ended with reason `persona_deleted`. */
  endedSessionIds: z.array(id),
  deletedAt: isoTime,
});

export const feedbackReasonSchema = z.enum(["session_end", "after_turns", "admin"]);

export const feedbackRequestedSchema = z.object({
  requestId: id,
  sessionId: id,
  question: z.string().min(1).max(500),
  options: z.array(z.string().min(1).max(64)).min(2).max(10),
  reason: feedbackReasonSchema,
  requestedAt: isoTime,
  expiresAt: isoTime,
});

export const feedbackReceivedSchema = z.object({
  requestId: id,
  sessionId: id,
  choice: z.string().min(1).max(64),
  comment: z.string().max(2000).optional(),
  channel: z.enum(["websocket", "http"]),
  /** The comment's screening verdict (allow when there is no comment); crisis means the teen got crisis resources. */
  verdict: safetyVerdictSchema,
  answeredAt: isoTime,
});

export const feedbackExpiredSchema = z.object({
  requestId: id,
  sessionId: id,
  requestedAt: isoTime,
  expiredAt: isoTime,
});

export const adminActionSchema = z.enum(["view_status", "list_dead_letters", "redrive_dead_letters", "request_feedback"]);

export const adminActionTakenSchema = z.object({
  action: adminActionSchema,
  /** The admin's user id (also metadata.userId). */
  adminId: id,
  service: z.string().min(1).optional(),
  sessionId: id.optional(),
  /** Messages listed or moved, where the action counts something. */
  count: z.number().int().nonnegative().optional(),
  outcome: z.enum(["done", "failed"]),
  detail: z.string().max(1000).optional(),
  takenAt: isoTime,
});

export const surveyResponseAcceptedSchema = z.object({
  surveyId: id,
  /** The respondent's key (a hash), never the id the respondent's browser sent. */
  respondentKey: id,
  answerCount: z.number().int().positive(),
  /**
   * Answers dropped from this response: counted, never stored or shown to a model. `locating`: nothing was left once
   * where the subject can be found or reached was taken out (absent on events published before it was counted).
   */
  droppedAnswers: z.object({ abusive: z.number().int().nonnegative(), crisis: z.number().int().nonnegative(), locating: z.number().int().nonnegative().optional() }),
  receivedAt: isoTime,
});

export const surveyCompletedSchema = z.object({
  surveyId: id,
  responseCount: z.number().int().positive(),
  completedAt: isoTime,
});

export const personaSynthesizedSchema = z.object({
  surveyId: id,
  personaId: id,
  name: z.string().min(1),
  traits: z.array(z.string()).min(1),
  /** `offline` or the model that wrote the persona. */
  synthesiser: z.string().min(1),
  responseCount: z.number().int().positive(),
  synthesizedAt: isoTime,
});

export const personaPortraitReadySchema = z.object({
  surveyId: id,
  personaId: id,
  /** Where the picture is stored in the portraits bucket. */
  portraitKey: z.string().min(1),
  contentType: z.string().min(1),
  /** `offline-svg` or the image model that drew it. */
  painter: z.string().min(1),
  readyAt: isoTime,
});

/** The user asked to be forgotten (DELETE /me): each service erases what it holds of them; a tombstone stops late and replayed events. */
export const userDeletedSchema = z.object({
  userId: id,
  /** Every event about the user that occurred at or before this is dropped by every consumer. */
  deletedAt: isoTime,
});

interface EventDefinition<TSchema extends z.ZodTypeAny = z.ZodTypeAny> {
  version: number;
  producers: readonly ServiceName[];
  description: string;
  schema: TSchema;
}

const define = <TSchema extends z.ZodTypeAny>(d: EventDefinition<TSchema>) => d;

export const EVENT_CATALOG = {
  SessionStarted: define({ version: 1, producers: ["gateway"], description: "A session began; warm the user's context.", schema: sessionStartedSchema }),
  MessageReceived: define({ version: 1, producers: ["gateway"], description: "A user turn entered the system.", schema: messageReceivedSchema }),
  MessageScreened: define({ version: 1, producers: ["safety"], description: "The input verdict for one user turn.", schema: messageScreenedSchema }),
  ReplyGenerated: define({ version: 1, producers: ["generation"], description: "A candidate reply with model, usage and latency.", schema: replyGeneratedSchema }),
  ReplyScreened: define({ version: 1, producers: ["safety"], description: "The reply that may be shown, possibly replaced by a safe one.", schema: replyScreenedSchema }),
  ReplyDelivered: define({ version: 1, producers: ["notifier"], description: "A reply was delivered, or its connection was gone.", schema: replyDeliveredSchema }),
  SessionEnded: define({ version: 1, producers: ["gateway"], description: "A session closed (end frame, disconnect, idle sweep, expiry).", schema: sessionEndedSchema }),
  TranscriptReady: define({ version: 1, producers: ["storage"], description: "The finished transcript is persisted.", schema: transcriptReadySchema }),
  GraphUpdated: define({ version: 1, producers: ["graph-extraction"], description: "Entities and relations were merged into the user's graph.", schema: graphUpdatedSchema }),
  ContextRefreshed: define({ version: 1, producers: ["context-refresh"], description: "A new context version is cached.", schema: contextRefreshedSchema }),
  PersonaCreated: define({ version: 1, producers: ["gateway"], description: "A user made a persona (HTTP API).", schema: personaCreatedSchema }),
  PersonaUpdated: define({ version: 1, producers: ["gateway"], description: "A user changed a persona; cached copies must go.", schema: personaUpdatedSchema }),
  PersonaDeleted: define({ version: 1, producers: ["gateway", "persona-synthesis"], description: "A persona was deleted by its owner, or with its owner's erasure; sessions using it were ended.", schema: personaDeletedSchema }),
  SurveyResponseAccepted: define({ version: 1, producers: ["gateway"], description: "An anonymous survey response passed validation and screening and was kept.", schema: surveyResponseAcceptedSchema }),
  SurveyCompleted: define({ version: 1, producers: ["storage"], description: "A survey reached the responses a persona needs: start the persona saga (exactly once per survey).", schema: surveyCompletedSchema }),
  PersonaSynthesized: define({ version: 1, producers: ["persona-synthesis"], description: "A persona was written from friends' answers and saved; its portrait comes next.", schema: personaSynthesizedSchema }),
  PersonaPortraitReady: define({ version: 1, producers: ["portrait"], description: "A synthesised persona's portrait is stored; the persona is ready.", schema: personaPortraitReadySchema }),
  StepFailed: define({
    version: 1,
    producers: ["gateway", "safety", "generation", "storage", "graph-extraction", "context-refresh", "notifier", "watchdog", "persona-synthesis", "portrait"],
    description: "Retries are exhausted: tell the user, mark the turn failed.",
    schema: stepFailedSchema,
  }),
  FeedbackRequested: define({
    version: 1,
    producers: ["gateway", "storage"],
    description: "The teen is asked how a conversation went (at session end, after some turns, or by an admin); open for 48 hours.",
    schema: feedbackRequestedSchema,
  }),
  FeedbackReceived: define({ version: 1, producers: ["gateway"], description: "The first valid answer to a feedback request, with its comment's verdict.", schema: feedbackReceivedSchema }),
  FeedbackExpired: define({ version: 1, producers: ["gateway"], description: "A feedback request went unanswered for 48 hours.", schema: feedbackExpiredSchema }),
  AdminActionTaken: define({ version: 1, producers: ["gateway"], description: "An admin used the admin API: the audit trail.", schema: adminActionTakenSchema }),
  UserDeleted: define({ version: 1, producers: ["gateway"], description: "A user asked to be erased: every service holding their data drops it; a tombstone keeps it dropped.", schema: userDeletedSchema }),
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["schema"]>;

export const isEventType = (value: unknown): value is EventType =>
  typeof value === "string" && Object.hasOwn(EVENT_CATALOG, value);
