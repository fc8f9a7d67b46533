// The feedback port: "how was this conversation?" requests, open for 48 hours, answered once (the first valid answer wins).

export const FEEDBACK_OPEN_MS = 48 * 60 * 60 * 1000;
/** The request and its answer stay readable for a month, as the session record does. */
export const FEEDBACK_RECORD_RETENTION_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_FEEDBACK_QUESTION = "How was this conversation?";
export const DEFAULT_FEEDBACK_OPTIONS: readonly string[] = ["great", "okay", "not great"];

export type FeedbackReason = "session_end" | "after_turns" | "admin";
export type FeedbackStatus = "open" | "answered" | "expired";
export type FeedbackChannel = "websocket" | "http";

export interface FeedbackAnswer {
  choice: string;
  comment?: string;
  channel: FeedbackChannel;
  /** The comment's screening action (allow without a comment). */
  verdict: "allow" | "flag" | "block" | "crisis";
  answeredAt: string;
}

export interface FeedbackRequestRecord {
  requestId: string;
  sessionId: string;
  userId: string;
  question: string;
  options: string[];
  reason: FeedbackReason;
  status: FeedbackStatus;
  requestedAt: string;
  /** The 48-hour deadline; an open request past it counts as expired even before the sweep marks it. */
  closesAt: string;
  answer?: FeedbackAnswer;
  expiresAt: number;
}

export type FeedbackErrorCode = "FEEDBACK_NOT_FOUND" | "FEEDBACK_ALREADY_ANSWERED" | "FEEDBACK_EXPIRED" | "INVALID_CHOICE";

export class FeedbackError extends Error {
  override readonly name = "FeedbackError";
  constructor(
    readonly code: FeedbackErrorCode,
    message: string,
    readonly requestId: string,
  ) {
    super(message);
  }
}

export const isFeedbackError = (error: unknown): error is FeedbackError =>
  error instanceof Error && error.name === "FeedbackError" && typeof (error as { code?: unknown }).code === "string";

/** The status a reader should see: an open request past its deadline is expired whether or not the sweep got to it. */
export const effectiveStatus = (request: FeedbackRequestRecord, nowMs: number): FeedbackStatus =>
  request.status === "open" && Date.parse(request.closesAt) <= nowMs ? "expired" : request.status;

export interface NewFeedbackRequest {
  requestId: string;
  sessionId: string;
  userId: string;
  reason: FeedbackReason;
  question?: string;
  options?: readonly string[];
}

export interface FeedbackStore {
  /** Writes the request once; `created` is false when a request with this id already existed (a redelivered trigger). */
  create(input: NewFeedbackRequest): Promise<{ request: FeedbackRequestRecord; created: boolean }>;
  get(requestId: string): Promise<FeedbackRequestRecord | undefined>;
  listBySession(sessionId: string): Promise<FeedbackRequestRecord[]>;
  /** The user's requests still waiting for an answer: what a new connection is offered. */
  listOpenByUser(userId: string): Promise<FeedbackRequestRecord[]>;
  /** Records the answer if the request is still open; FeedbackError otherwise. Of answers racing, exactly one is kept. */
  answer(requestId: string, userId: string, answer: Omit<FeedbackAnswer, "answeredAt">): Promise<FeedbackRequestRecord>;
  /** Marks every open request past its deadline expired; returns the ones this call closed (each exactly once). */
  expireDue(): Promise<FeedbackRequestRecord[]>;
}
