// Feedback requests in memory, with the DynamoDB adapter's rules: written once, one answer kept, each expiry reported once.
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import {
  DEFAULT_FEEDBACK_OPTIONS,
  DEFAULT_FEEDBACK_QUESTION,
  effectiveStatus,
  FEEDBACK_OPEN_MS,
  FEEDBACK_RECORD_RETENTION_SECONDS,
  FeedbackError,
  type FeedbackAnswer,
  type FeedbackRequestRecord,
  type FeedbackStore,
  type NewFeedbackRequest,
} from "../feedbackStore";

export class InMemoryFeedbackStore implements FeedbackStore {
  private readonly requests = new Map<string, FeedbackRequestRecord>();

  constructor(private readonly clock: Clock = systemClock) {}

  async create(input: NewFeedbackRequest): Promise<{ request: FeedbackRequestRecord; created: boolean }> {
    const existing = this.requests.get(input.requestId);
    if (existing) return { request: structuredClone(existing), created: false };
    const now = this.clock();
    const request: FeedbackRequestRecord = {
      requestId: input.requestId,
      sessionId: input.sessionId,
      userId: input.userId,
      question: input.question ?? DEFAULT_FEEDBACK_QUESTION,
      options: [...(input.options ?? DEFAULT_FEEDBACK_OPTIONS)],
      reason: input.reason,
      status: "open",
      requestedAt: new Date(now).toISOString(),
      closesAt: new Date(now + FEEDBACK_OPEN_MS).toISOString(),
      expiresAt: epochSeconds(now + FEEDBACK_OPEN_MS) + FEEDBACK_RECORD_RETENTION_SECONDS,
    };
    this.requests.set(request.requestId, request);
    return { request: structuredClone(request), created: true };
  }

  async get(requestId: string): Promise<FeedbackRequestRecord | undefined> {
    const request = this.requests.get(requestId);
    return request ? structuredClone(request) : undefined;
  }

  async listBySession(sessionId: string): Promise<FeedbackRequestRecord[]> {
    return [...this.requests.values()].filter((r) => r.sessionId === sessionId).map((r) => structuredClone(r));
  }

  async listOpenByUser(userId: string): Promise<FeedbackRequestRecord[]> {
    const now = this.clock();
    return [...this.requests.values()].filter((r) => r.userId === userId && effectiveStatus(r, now) === "open").map((r) => structuredClone(r));
  }

  async answer(requestId: string, userId: string, answer: Omit<FeedbackAnswer, "answeredAt">): Promise<FeedbackRequestRecord> {
    const request = this.requests.get(requestId);
    if (!request || request.userId !== userId) throw new FeedbackError("FEEDBACK_NOT_FOUND", `No feedback request ${requestId}`, requestId);
    if (!request.options.includes(answer.choice)) {
      throw new FeedbackError("INVALID_CHOICE", `"${answer.choice}" is not one of ${request.options.map((o) => `"${o}"`).join(", ")}`, requestId);
    }
    const now = this.clock();
    const status = effectiveStatus(request, now);
    if (status === "answered") throw new FeedbackError("FEEDBACK_ALREADY_ANSWERED", "This feedback request has already been answered", requestId);
    if (status === "expired") throw new FeedbackError("FEEDBACK_EXPIRED", "This feedback request has expired", requestId);
    request.status = "answered";
    request.answer = { ...answer, answeredAt: new Date(now).toISOString() };
    return structuredClone(request);
  }

  async expireDue(): Promise<FeedbackRequestRecord[]> {
    const now = new Date(this.clock()).toISOString();
    const closed: FeedbackRequestRecord[] = [];
    for (const request of this.requests.values()) {
      if (request.status !== "open" || request.closesAt > now) continue;
      request.status = "expired";
      closed.push(structuredClone(request));
    }
    return closed;
  }
}
