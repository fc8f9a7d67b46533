// One example envelope per event type, all from one chat turn and one session end, for the catalog and its schemas.
import type { EventData, EventMetadata, EventType } from "@innerworld/events";

const USER = "user-maya-7f3c";
const SESSION = "5d0c2f4e-8b1a-4c55-9e07-3a6f1b2c9d10";
const MESSAGE = "b7e4a1c2-3d5f-4e68-8a9b-0c1d2e3f4a5b";
const REPLY = "reply-b7e4a1c2-1";
const CONNECTION = "Kx3pYcLrIAMCJ2w=";
const TEXT = "ugh my chem test is on friday and i haven't even started studying";
const FEEDBACK = "feedback-5d0c2f4e-end";
const REPLY_TEXT = "That sounds stressful. Want to make a quick plan for the next few days together?";

/** Event ids of the examples, so causationIds in the examples point at the example that caused them. */
export const EXAMPLE_EVENT_IDS: Record<EventType, string> = {
  SessionStarted: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a01",
  MessageReceived: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a02",
  MessageScreened: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a03",
  ReplyGenerated: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a04",
  ReplyScreened: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a05",
  ReplyDelivered: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a06",
  SessionEnded: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a07",
  TranscriptReady: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a08",
  GraphUpdated: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a09",
  ContextRefreshed: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a10",
  StepFailed: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a11",
  PersonaCreated: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a12",
  PersonaUpdated: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a13",
  PersonaDeleted: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a14",
  FeedbackRequested: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a15",
  FeedbackReceived: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a16",
  FeedbackExpired: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a17",
  AdminActionTaken: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a18",
  SurveyResponseAccepted: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a19",
  SurveyCompleted: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a20",
  PersonaSynthesized: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a21",
  PersonaPortraitReady: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a22",
  UserDeleted: "6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a23",
};

export interface ExampleEnvelope<T extends EventType = EventType> {
  summary: string;
  metadata: EventMetadata;
  data: EventData<T>;
}

const metadata = (type: EventType, producer: EventMetadata["producer"], occurredAt: string, correlationId: string, causedBy?: EventType): EventMetadata => ({
  eventId: EXAMPLE_EVENT_IDS[type],
  version: 1,
  occurredAt,
  correlationId,
  ...(causedBy ? { causationId: EXAMPLE_EVENT_IDS[causedBy] } : {}),
  userId: USER,
  sessionId: SESSION,
  producer,
});

const PERSONA = "0b7c5a8e-1f2d-4c3b-9a8e-7d6c5b4a3f21";
const SURVEY = "0b6c1f0e-2a3d-4e5f-9a8b-7c6d5e4f3a21";
const SURVEY_PERSONA = "survey-0b6c1f0e-2a3d-4e5f-9a8b-7c6d5e4f3a21";

/** The persona saga runs on no session: its events correlate on the survey. */
const surveyMetadata = (type: EventType, producer: EventMetadata["producer"], occurredAt: string, causedBy?: EventType): EventMetadata => {
  const { sessionId: _session, ...rest } = metadata(type, producer, occurredAt, SURVEY, causedBy);
  return rest;
};

/** An event about the user rather than one of their sessions. */
const withoutSession = ({ sessionId: _session, ...rest }: EventMetadata): EventMetadata => rest;

const turn = { messageId: MESSAGE, sessionId: SESSION, seq: 1, personaId: "companion", connectionId: CONNECTION };
const allowed = { action: "allow" as const, categories: [], lexiconVersion: "2026.03" };

export const EVENT_EXAMPLES: { [T in EventType]: ExampleEnvelope<T> } = {
  SessionStarted: {
    summary: "Maya opens a session with the companion persona.",
    metadata: metadata("SessionStarted", "gateway", "2026-03-14T16:02:11.204Z", SESSION),
    data: { sessionId: SESSION, personaId: "companion", connectionId: CONNECTION, startedAt: "2026-03-14T16:02:11.204Z", expiresAt: "2026-03-15T16:02:11.204Z" },
  },
  MessageReceived: {
    summary: "Her first message, streamed reply requested.",
    metadata: metadata("MessageReceived", "gateway", "2026-03-14T16:02:40.918Z", MESSAGE),
    data: { ...turn, content: TEXT, stream: true, clientMessageId: "ios-5512", receivedAt: "2026-03-14T16:02:40.918Z" },
  },
  MessageScreened: {
    summary: "Safety lets it through; the content travels on only because generation needs it.",
    metadata: metadata("MessageScreened", "safety", "2026-03-14T16:02:41.102Z", MESSAGE, "MessageReceived"),
    data: { ...turn, content: TEXT, stream: true, verdict: allowed },
  },
  ReplyGenerated: {
    summary: "The model's candidate reply, with usage and latency.",
    metadata: metadata("ReplyGenerated", "generation", "2026-03-14T16:02:42.870Z", MESSAGE, "MessageScreened"),
    data: { ...turn, replyId: REPLY, text: REPLY_TEXT, model: "gpt-4o-mini", fallbackUsed: false, usage: { inputTokens: 812, outputTokens: 21 }, latencyMs: 1741, streamed: true },
  },
  ReplyScreened: {
    summary: "The reply passed output screening unchanged.",
    metadata: metadata("ReplyScreened", "safety", "2026-03-14T16:02:42.991Z", MESSAGE, "ReplyGenerated"),
    data: { ...turn, replyId: REPLY, text: REPLY_TEXT, replaced: false, verdict: allowed, model: "gpt-4o-mini", streamed: true },
  },
  ReplyDelivered: {
    summary: "The notifier pushed it to her connection; the report carries the reply, which storage keeps from here.",
    metadata: metadata("ReplyDelivered", "notifier", "2026-03-14T16:02:43.050Z", MESSAGE, "ReplyScreened"),
    data: {
      messageId: MESSAGE,
      replyId: REPLY,
      sessionId: SESSION,
      seq: 1,
      connectionId: CONNECTION,
      status: "delivered",
      deliveredAt: "2026-03-14T16:02:43.050Z",
      reply: { personaId: "companion", text: REPLY_TEXT, replaced: false, categories: [], model: "gpt-4o-mini" },
    },
  },
  SessionEnded: {
    summary: "She ends the session from the app.",
    metadata: metadata("SessionEnded", "gateway", "2026-03-14T16:19:05.377Z", SESSION),
    data: { sessionId: SESSION, personaId: "companion", reason: "client_end", endedAt: "2026-03-14T16:19:05.377Z" },
  },
  TranscriptReady: {
    summary: "Storage closed the session; its 14 messages are the transcript.",
    metadata: metadata("TranscriptReady", "storage", "2026-03-14T16:19:05.811Z", SESSION, "SessionEnded"),
    data: { sessionId: SESSION, personaId: "companion", messageCount: 14, startedAt: "2026-03-14T16:02:11.204Z", endedAt: "2026-03-14T16:19:05.377Z" },
  },
  GraphUpdated: {
    summary: "The chemistry test, the friday and the stress were merged into her graph.",
    metadata: metadata("GraphUpdated", "graph-extraction", "2026-03-14T16:19:07.402Z", SESSION, "TranscriptReady"),
    data: { sessionId: SESSION, entitiesMerged: 6, relationsMerged: 7, relationsInvalidated: 0, extractor: "offline" },
  },
  ContextRefreshed: {
    summary: "Her cached context block was rebuilt from the graph.",
    metadata: metadata("ContextRefreshed", "context-refresh", "2026-03-14T16:19:07.655Z", SESSION, "GraphUpdated"),
    data: { contextVersion: 3, tokenCount: 164, entityCount: 6, builtAt: "2026-03-14T16:19:07.655Z", reason: "graph_updated" },
  },
  PersonaCreated: {
    summary: "Maya makes her own persona, a study buddy, over the HTTP API.",
    metadata: metadata("PersonaCreated", "gateway", "2026-03-14T15:58:02.110Z", PERSONA),
    data: { personaId: PERSONA, name: "Sunny", status: "ready", model: { model: "gpt-4o-mini", temperature: 0.9, maxTokens: 300 }, createdAt: "2026-03-14T15:58:02.110Z" },
  },
  PersonaUpdated: {
    summary: "She makes Sunny a little calmer.",
    metadata: metadata("PersonaUpdated", "gateway", "2026-03-14T16:30:12.500Z", PERSONA),
    data: { personaId: PERSONA, name: "Sunny", status: "ready", model: { model: "gpt-4o-mini", temperature: 0.6, maxTokens: 300 }, updatedAt: "2026-03-14T16:30:12.500Z" },
  },
  PersonaDeleted: {
    summary: "She deletes Sunny; the session she had open with it ends with reason persona_deleted.",
    metadata: metadata("PersonaDeleted", "gateway", "2026-03-14T16:41:40.001Z", PERSONA),
    data: { personaId: PERSONA, name: "Sunny", endedSessionIds: [SESSION], deletedAt: "2026-03-14T16:41:40.001Z" },
  },
  StepFailed: {
    summary: "Another day: every model in the fallback chain timed out, so generation gave up on the turn.",
    metadata: metadata("StepFailed", "generation", "2026-03-14T16:25:31.020Z", MESSAGE, "MessageScreened"),
    data: {
      step: "generation",
      failedEventType: "MessageScreened",
      failedEventId: EXAMPLE_EVENT_IDS.MessageScreened,
      messageId: MESSAGE,
      seq: 1,
      sessionId: SESSION,
      connectionId: CONNECTION,
      errorCode: "MODEL_UNAVAILABLE",
      errorMessage: "every model in the fallback chain timed out",
      retryable: true,
    },
  },
  FeedbackRequested: {
    summary: "Her session ended: storage asks how it went, open for 48 hours.",
    metadata: metadata("FeedbackRequested", "storage", "2026-03-14T16:19:05.702Z", SESSION, "SessionEnded"),
    data: {
      requestId: FEEDBACK,
      sessionId: SESSION,
      question: "How was this conversation?",
      options: ["great", "okay", "not great"],
      reason: "session_end",
      requestedAt: "2026-03-14T16:19:05.702Z",
      expiresAt: "2026-03-16T16:19:05.702Z",
    },
  },
  FeedbackReceived: {
    summary: "She answers from the app the next morning; the comment passes screening.",
    metadata: metadata("FeedbackReceived", "gateway", "2026-03-15T07:41:12.090Z", SESSION),
    data: {
      requestId: FEEDBACK,
      sessionId: SESSION,
      choice: "great",
      comment: "the study plan actually helped",
      channel: "websocket",
      verdict: allowed,
      answeredAt: "2026-03-15T07:41:12.090Z",
    },
  },
  FeedbackExpired: {
    summary: "Another session's request went unanswered for 48 hours; the sweep closed it.",
    metadata: metadata("FeedbackExpired", "gateway", "2026-03-16T16:20:00.013Z", SESSION),
    data: { requestId: FEEDBACK, sessionId: SESSION, requestedAt: "2026-03-14T16:19:05.702Z", expiredAt: "2026-03-16T16:20:00.013Z" },
  },
  AdminActionTaken: {
    summary: "An operator moved storage's dead letters back to its queue after a fix.",
    metadata: { ...metadata("AdminActionTaken", "gateway", "2026-03-14T17:02:44.310Z", "admin-request-31c9"), userId: "admin-jo" },
    data: { action: "redrive_dead_letters", adminId: "admin-jo", service: "storage", count: 2, outcome: "done", takenAt: "2026-03-14T17:02:44.310Z" },
  },
  SurveyResponseAccepted: {
    summary: "A friend answers Maya's survey; one answer was abusive and was dropped before anything was stored.",
    metadata: surveyMetadata("SurveyResponseAccepted", "gateway", "2026-03-15T10:12:03.551Z"),
    data: { surveyId: SURVEY, respondentKey: "4be1c7f0a9d3e2b18c6f5a4d3e2b1c0f9e8d7c6b", answerCount: 5, droppedAnswers: { abusive: 1, crisis: 0 }, receivedAt: "2026-03-15T10:12:03.551Z" },
  },
  SurveyCompleted: {
    summary: "The third kept response: storage claims the survey for synthesis, exactly once.",
    metadata: surveyMetadata("SurveyCompleted", "storage", "2026-03-15T10:12:03.780Z", "SurveyResponseAccepted"),
    data: { surveyId: SURVEY, responseCount: 3, completedAt: "2026-03-15T10:12:03.780Z" },
  },
  PersonaSynthesized: {
    summary: "Persona-synthesis writes the persona from the answers and saves it for Maya.",
    metadata: surveyMetadata("PersonaSynthesized", "persona-synthesis", "2026-03-15T10:12:04.020Z", "SurveyCompleted"),
    data: { surveyId: SURVEY, personaId: SURVEY_PERSONA, name: "Maya", traits: ["funny", "loyal", "creative"], synthesiser: "offline", responseCount: 3, synthesizedAt: "2026-03-15T10:12:04.020Z" },
  },
  PersonaPortraitReady: {
    summary: "The portrait is drawn and stored; the persona is ready to chat with.",
    metadata: surveyMetadata("PersonaPortraitReady", "portrait", "2026-03-15T10:12:04.310Z", "PersonaSynthesized"),
    data: { surveyId: SURVEY, personaId: SURVEY_PERSONA, portraitKey: `portraits/${SURVEY_PERSONA}.svg`, contentType: "image/svg+xml", painter: "offline-svg", readyAt: "2026-03-15T10:12:04.310Z" },
  },
  UserDeleted: {
    summary: "Months later Maya asks to be forgotten: every service erases what it holds, and a tombstone keeps it so.",
    metadata: withoutSession(metadata("UserDeleted", "gateway", "2026-06-02T09:15:00.000Z", USER)),
    data: { userId: USER, deletedAt: "2026-06-02T09:15:00.000Z" },
  },
};
