// Feedback requests in memory, with the DynamoDB adapter's rules: written once, one answer kept, each expiry reported once.
import { systemClock, type Clock } from "@innerworld/platform/clock";
import {
  acceptAnswer,
  effectiveStatus,
  isDueToExpire,
  newFeedbackRequest,
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
    const request = newFeedbackRequest(input, this.clock());
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
    const { request, recorded } = acceptAnswer(this.requests.get(requestId), requestId, userId, answer, this.clock());
    request.status = "answered";
    request.answer = recorded;
    return structuredClone(request);
  }

  async expireDue(): Promise<FeedbackRequestRecord[]> {
    const now = this.clock();
    const closed: FeedbackRequestRecord[] = [];
    for (const request of this.requests.values()) {
      if (!isDueToExpire(request, now)) continue;
      request.status = "expired";
      closed.push(structuredClone(request));
    }
    return closed;
  }
}
