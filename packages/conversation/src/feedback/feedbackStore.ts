// The feedback port: "how was this conversation?" requests, open for 48 hours, answered once (the first valid answer wins).
import { epochSeconds } from "@innerworld/platform/clock";

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

/** The request as either adapter first writes it: open for 48 hours from `nowMs`, readable for a month after. */
export const newFeedbackRequest = (input: NewFeedbackRequest, nowMs: number): FeedbackRequestRecord => ({
  requestId: input.requestId,
  sessionId: input.sessionId,
  userId: input.userId,
  question: input.question ?? DEFAULT_FEEDBACK_QUESTION,
  options: [...(input.options ?? DEFAULT_FEEDBACK_OPTIONS)],
  reason: input.reason,
  status: "open",
  requestedAt: new Date(nowMs).toISOString(),
  closesAt: new Date(nowMs + FEEDBACK_OPEN_MS).toISOString(),
  expiresAt: epochSeconds(nowMs + FEEDBACK_OPEN_MS) + FEEDBACK_RECORD_RETENTION_SECONDS,
});

export const feedbackAlreadyAnswered = (requestId: string): FeedbackError => new FeedbackError("FEEDBACK_ALREADY_ANSWERED", "This feedback request has already been answered", requestId);
export const feedbackExpired = (requestId: string): FeedbackError => new FeedbackError("FEEDBACK_EXPIRED", "This feedback request has expired", requestId);

/**
 * The request and the answer to record on it if it may take one now; FeedbackError otherwise. Another user's request
 * reads as missing. Both adapters check with this before their write; the DynamoDB one's write condition settles the
 * races a read cannot see.
 */
export const acceptAnswer = (
  request: FeedbackRequestRecord | undefined,
  requestId: string,
  userId: string,
  answer: Omit<FeedbackAnswer, "answeredAt">,
  nowMs: number,
): { request: FeedbackRequestRecord; recorded: FeedbackAnswer } => {
  if (!request || request.userId !== userId) throw new FeedbackError("FEEDBACK_NOT_FOUND", `No feedback request ${requestId}`, requestId);
  if (!request.options.includes(answer.choice)) {
    throw new FeedbackError("INVALID_CHOICE", `"${answer.choice}" is not one of ${request.options.map((o) => `"${o}"`).join(", ")}`, requestId);
  }
  const status = effectiveStatus(request, nowMs);
  if (status === "answered") throw feedbackAlreadyAnswered(requestId);
  if (status === "expired") throw feedbackExpired(requestId);
  return { request, recorded: { ...answer, answeredAt: new Date(nowMs).toISOString() } };
};

/** What a request announces (the FeedbackRequested event's data): the question, its options and its deadline. */
export const feedbackRequestedData = (request: FeedbackRequestRecord) => ({
  requestId: request.requestId,
  sessionId: request.sessionId,
  question: request.question,
  options: request.options,
  reason: request.reason,
  requestedAt: request.requestedAt,
  expiresAt: request.closesAt,
});

/** Open requests whose 48 hours are up by `nowMs`: what the sweep closes. */
export const isDueToExpire = (request: FeedbackRequestRecord, nowMs: number): boolean => request.status === "open" && request.closesAt <= new Date(nowMs).toISOString();

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
