// Feedback requests on the gateway's side: answering (first valid answer wins, comments screened), re-offering, expiring.
import { effectiveStatus, feedbackRequestedData, type FeedbackStore, type FeedbackChannel, type FeedbackReason, type FeedbackRequestRecord } from "@innerworld/conversation/feedback";
import type { SessionStore } from "@innerworld/conversation/sessions";
import type { Clock } from "@innerworld/platform/clock";
import { onceUntilFailure } from "@innerworld/platform/once-until-failure";
import type { ConnectionPusher } from "@innerworld/platform/delivery";
import type { SafetyVerdict } from "@innerworld/screening";
import { crisisResources } from "@innerworld/screening/resources";
import { crisisReply } from "@innerworld/screening/replies";
import { serverFrame, type Publisher, type ServerFrames } from "@innerworld/events";

export interface FeedbackPorts {
  feedback: FeedbackStore;
  sessions: SessionStore;
  publisher: Publisher;
  clock: Clock;
  pusher?: ConnectionPusher;
  /** The input rules the safety service applies to messages; a comment is the teen's words like any other. */
  screen?: SafetyScreen;
}

type SafetyScreen = (text: string) => SafetyVerdict | Promise<SafetyVerdict>;

export interface FeedbackAnswerInput {
  userId: string;
  requestId: string;
  choice: string;
  comment?: string | undefined;
  channel: FeedbackChannel;
  /** Ties the FeedbackReceived event to the request that carried the answer (an HTTP request id, a connection). */
  correlationId?: string;
}

export type SafetyNoticeView = Omit<ServerFrames["safety_notice"], "seq" | "messageId" | "sessionId">;

export interface FeedbackAnswerOutcome {
  request: FeedbackRequestRecord;
  verdict: SafetyVerdict["action"];
  /** Set when the comment showed crisis signs: the same caring reply and helplines a crisis message gets. */
  safetyNotice?: SafetyNoticeView;
}

export const feedbackView = (request: FeedbackRequestRecord, nowMs: number) => ({
  requestId: request.requestId,
  sessionId: request.sessionId,
  question: request.question,
  options: request.options,
  reason: request.reason,
  status: effectiveStatus(request, nowMs),
  requestedAt: request.requestedAt,
  expiresAt: request.closesAt,
  ...(request.answer ? { answer: { choice: request.answer.choice, ...(request.answer.comment ? { comment: request.answer.comment } : {}), answeredAt: request.answer.answeredAt, channel: request.answer.channel } } : {}),
});

export const feedbackRequestFrame = (request: FeedbackRequestRecord): string =>
  serverFrame("feedback_request", { requestId: request.requestId, sessionId: request.sessionId, question: request.question, options: request.options, expiresAt: request.closesAt });

const ALLOWED: SafetyVerdict = { action: "allow", categories: [], matches: [], lexiconVersion: "none" };

// The input rules carry the crisis lexicon, the largest part of the gateway's code: loaded with the first comment to
// screen, not at every cold start of a handler that mostly forwards chat messages. A failed load fails that answer
// (nothing is stored; the client is told to retry) and is tried again on the next.
const loadInputRules = onceUntilFailure(() => import("@innerworld/screening/rules").then(({ screenInput }): SafetyScreen => screenInput));
const screenWithInputRules: SafetyScreen = async (text) => (await loadInputRules())(text);

export const createFeedbackDesk = (ports: FeedbackPorts) => {
  const screen = ports.screen ?? screenWithInputRules;
  const iso = () => new Date(ports.clock()).toISOString();

  return {
    /** Records an answer once. Throws FeedbackError (not found, invalid choice, already answered, expired) otherwise. */
    async answer(input: FeedbackAnswerInput): Promise<FeedbackAnswerOutcome> {
      const comment = input.comment?.trim() || undefined;
      const verdict = comment ? await screen(comment) : ALLOWED;
      const request = await ports.feedback.answer(input.requestId, input.userId, {
        choice: input.choice,
        ...(comment ? { comment } : {}),
        channel: input.channel,
        verdict: verdict.action,
      });
      const answeredAt = request.answer?.answeredAt ?? iso();
      await ports.publisher.publish({
        type: "FeedbackReceived",
        correlationId: input.correlationId ?? request.sessionId,
        userId: input.userId,
        sessionId: request.sessionId,
        deduplicationKey: request.requestId,
        data: {
          requestId: request.requestId,
          sessionId: request.sessionId,
          choice: input.choice,
          ...(comment ? { comment } : {}),
          channel: input.channel,
          verdict: { action: verdict.action, categories: verdict.categories, lexiconVersion: verdict.lexiconVersion },
          answeredAt,
        },
      });
      if (verdict.action !== "crisis") return { request, verdict: verdict.action };
      const session = await ports.sessions.get(request.sessionId);
      return {
        request,
        verdict: verdict.action,
        safetyNotice: { text: crisisReply(session?.locale), categories: verdict.categories, resources: crisisResources(session?.locale).resources },
      };
    },

    /** Pushes every open request of the user to this connection: how an unanswered request comes back after a reconnect. */
    async offerOpen(userId: string, connectionId: string): Promise<number> {
      if (!ports.pusher) return 0;
      let offered = 0;
      for (const request of await ports.feedback.listOpenByUser(userId)) {
        if ((await ports.pusher.push(connectionId, feedbackRequestFrame(request))) === "gone") break;
        offered += 1;
      }
      return offered;
    },

    /** Opens a request (an admin's, here) and announces it; the notifier pushes it to the teen's open connections. */
    async request(input: { requestId: string; sessionId: string; userId: string; reason: FeedbackReason; question?: string; options?: string[]; correlationId: string }) {
      const { request, created } = await ports.feedback.create(input);
      if (created) {
        await ports.publisher.publish({
          type: "FeedbackRequested",
          correlationId: input.correlationId,
          userId: request.userId,
          sessionId: request.sessionId,
          deduplicationKey: request.requestId,
          data: feedbackRequestedData(request),
        });
      }
      return { request, created };
    },

    async listForSession(sessionId: string) {
      const now = ports.clock();
      return (await ports.feedback.listBySession(sessionId)).map((r) => feedbackView(r, now));
    },

    /** Closes requests past their 48 hours and announces each once; run by the session sweep. */
    async expireDue(): Promise<number> {
      const closed = await ports.feedback.expireDue();
      for (const request of closed) {
        await ports.publisher.publish({
          type: "FeedbackExpired",
          correlationId: request.sessionId,
          userId: request.userId,
          sessionId: request.sessionId,
          deduplicationKey: request.requestId,
          data: { requestId: request.requestId, sessionId: request.sessionId, requestedAt: request.requestedAt, expiredAt: iso() },
        });
      }
      return closed.length;
    },
  };
};

export type FeedbackDesk = ReturnType<typeof createFeedbackDesk>;
