// Storage's logic: keeps both sides of every turn, idempotently, and announces finished transcripts.
import { replyLanguage, safetyNoticeText, type ReplyLanguage } from "@innerworld/screening/replies";
import { safetyNoticeReplyId, type MessageStatus, type MessageStore } from "@innerworld/conversation/messages";
import { turnFailureOf } from "@innerworld/conversation/turn-failure";
import type { SessionStore } from "@innerworld/conversation/sessions";
import { DEFAULT_FEEDBACK_QUESTION, feedbackRequestedData, type FeedbackReason, type FeedbackStore } from "@innerworld/conversation/feedback";
import type { ConsumedEvent, Publisher } from "@innerworld/events";

export interface StoragePorts {
  sessions: SessionStore;
  messages: MessageStore;
  feedback: FeedbackStore;
  publisher: Publisher;
  /** Erases the user's sessions, messages, connections and feedback (on UserDeleted). */
  eraseUser: (userId: string) => Promise<void>;
  /** Also ask for feedback once a session reaches this many turns (unset: only at session end). */
  feedbackAfterTurns?: number;
  /** The runtime's logger (silent when absent). */
  logger?: { warn(message: string, extra: Record<string, unknown>): void };
}

/**
 * The question about a chat, in the teen's language: the locale their client sent with start_session, read as the
 * safety replies read it. The answer options stay as they are: they are the choices recorded, and clients show them in
 * their own words.
 */
const FEEDBACK_QUESTIONS: Readonly<Record<ReplyLanguage, string>> = {
  en: DEFAULT_FEEDBACK_QUESTION,
  es: "¿Qué tal estuvo esta conversación?",
};

const feedbackQuestion = (locale: string | undefined): string => FEEDBACK_QUESTIONS[replyLanguage(locale)];

export const createConversationKeeper = (ports: StoragePorts) => {
  const { sessions, messages, feedback, publisher } = ports;

  /**
   * Opens the session's feedback request for this trigger once (its id is derived from session and trigger) and
   * announces it while it is open; a redelivered trigger announces it again under the same eventId, which consumers drop.
   * A trigger replayed from the archive keeps the request's record but never announces it: a replay reaches no teen,
   * and its copies of the announcement would race each other at the notifier.
   */
  const requestFeedback = async (trigger: { sessionId: string; userId: string; reason: FeedbackReason; key: string; causationId: string; replayed: boolean; locale: string | undefined }) => {
    const { request } = await feedback.create({
      requestId: `feedback-${trigger.sessionId}-${trigger.key}`,
      sessionId: trigger.sessionId,
      userId: trigger.userId,
      reason: trigger.reason,
      question: feedbackQuestion(trigger.locale),
    });
    if (request.status !== "open" || trigger.replayed) return;
    await publisher.publish({
      type: "FeedbackRequested",
      correlationId: trigger.sessionId,
      causationId: trigger.causationId,
      userId: trigger.userId,
      sessionId: trigger.sessionId,
      deduplicationKey: request.requestId,
      data: feedbackRequestedData(request),
    });
  };

  return {
    /** The gateway wrote the session; storage only makes sure a replayed start finds its record. */
    async sessionStarted({ envelope }: ConsumedEvent<"SessionStarted">) {
      const session = await sessions.get(envelope.data.sessionId);
      if (!session) ports.logger?.warn("SessionStarted for an unknown session", { sessionId: envelope.data.sessionId });
    },

    /** The gateway keeps the teen's message as it accepts it; this writes it back from a replay of the archive. */
    async messageReceived({ envelope }: ConsumedEvent<"MessageReceived">) {
      const { data, metadata } = envelope;
      await messages.putOnce({
        sessionId: data.sessionId,
        seq: data.seq,
        role: "user",
        messageId: data.messageId,
        userId: metadata.userId,
        personaId: data.personaId,
        content: data.content,
        status: "received",
        createdAt: data.receivedAt,
      });
    },

    async messageScreened({ envelope }: ConsumedEvent<"MessageScreened">) {
      const { data, metadata } = envelope;
      // The rule delivers only blocked and crisis verdicts here; an allowed message's reply tells its story.
      if (data.verdict.action !== "crisis" && data.verdict.action !== "block") return;
      const status: MessageStatus = data.verdict.action === "crisis" ? "crisis" : "blocked";
      await messages.setStatus(data.sessionId, data.seq, "user", status, ["received"]);
      // The fixed reply the notifier sent stands as the assistant's side of the turn, so history and resume see it. Its
      // delivery report carries it too and may have come first: then it is kept already, with its delivery status.
      await messages.putOnce({
        sessionId: data.sessionId,
        seq: data.seq,
        role: "assistant",
        messageId: data.messageId,
        replyId: safetyNoticeReplyId(data.messageId),
        userId: metadata.userId,
        personaId: data.personaId,
        content: safetyNoticeText(data.verdict, data.locale),
        status: "screened",
        model: "safety",
        categories: data.verdict.categories,
      });
    },

    /**
     * A reply's delivery report carries the reply: storage keeps it once, with the status it ended in (shown, or
     * waiting for the client's resume), in one conditional put; a redelivered report finds it kept and writes nothing.
     * A safety notice's report carries the notice the same way; MessageScreened may have kept it first (as `screened`),
     * and then the report moves it to its delivery status.
     */
    async replyDelivered({ envelope, replayName }: ConsumedEvent<"ReplyDelivered">) {
      const { data, metadata } = envelope;
      const status: MessageStatus = data.status === "delivered" ? "delivered" : "undelivered";
      const replyIndex = data.replyIndex ?? 0;
      if (data.reply) {
        const { reply } = data;
        const kept = await messages.putOnce({
          sessionId: data.sessionId,
          seq: data.seq,
          role: "assistant",
          ...(data.replyIndex ? { replyIndex: data.replyIndex } : {}),
          messageId: data.messageId,
          replyId: data.replyId,
          userId: metadata.userId,
          personaId: reply.personaId,
          ...(reply.personaName ? { personaName: reply.personaName } : {}),
          content: reply.text,
          status,
          model: reply.model,
          ...(reply.usage ? { usage: reply.usage } : {}),
          ...(reply.cost ? { cost: reply.cost } : {}),
          replaced: reply.replaced,
          categories: reply.categories,
          ...(reply.resourceLineKind ? { resourceLineKind: reply.resourceLineKind } : {}),
        });
        const notice = data.replyId === safetyNoticeReplyId(data.messageId);
        // A notice MessageScreened kept first waits for its status; a reply is only ever kept from here.
        if (!kept && notice) await messages.setStatus(data.sessionId, data.seq, "assistant", status, ["screened"], replyIndex);
        // Feedback follows a persona's reply, never a safety notice: a teen just shown helplines is not asked to rate the chat.
        if (!notice && ports.feedbackAfterTurns && data.seq === ports.feedbackAfterTurns) {
          const session = await sessions.get(data.sessionId);
          await requestFeedback({
            sessionId: data.sessionId,
            userId: metadata.userId,
            reason: "after_turns",
            key: `turn-${data.seq}`,
            causationId: metadata.eventId,
            replayed: replayName !== undefined,
            locale: session?.locale,
          });
        }
        return;
      }
      // A report from before reports carried what they report on: it only sets the status of what is stored.
      const updated = await messages.setStatus(data.sessionId, data.seq, "assistant", status, ["screened", "undelivered"], replyIndex);
      if (updated || (await messages.get(data.sessionId, data.seq, "assistant", replyIndex))) return;
      ports.logger?.warn("a delivery report for a reply that is not stored", { sessionId: data.sessionId, seq: data.seq, replyId: data.replyId });
    },

    async stepFailed({ envelope }: ConsumedEvent<"StepFailed">) {
      const { data } = envelope;
      if (!data.sessionId || data.seq === undefined) return;
      // What the client was told is kept with the message, so a client away when the turn failed hears it on resume.
      await messages.markFailed(data.sessionId, data.seq, turnFailureOf(data), ["received", "screened"]);
    },

    /** DELETE /me already erased these; this catches whatever an in-flight event wrote between that and the tombstone. */
    async userDeleted({ envelope }: ConsumedEvent<"UserDeleted">) {
      await ports.eraseUser(envelope.data.userId);
    },

    /** Publishes TranscriptReady once per session, however often SessionEnded arrives. */
    async sessionEnded({ envelope, replayName }: ConsumedEvent<"SessionEnded">) {
      const { data, metadata } = envelope;
      const session = await sessions.get(data.sessionId);
      if (!session) {
        // A replay can reach back past a session's expiry or its user's erasure: nothing is left to close, and retrying
        // would only carry the event to the dead-letter queue. Live, the gateway wrote the session first, so a missing
        // one is a fault worth retrying and, failing that, a dead letter.
        if (replayName !== undefined) {
          ports.logger?.warn("replayed SessionEnded for a session no longer recorded", { sessionId: data.sessionId, replayName });
          return;
        }
        throw new Error(`session ${data.sessionId} is not recorded`);
      }
      // A session with no turn has nothing to rate.
      if (session.lastSeq > 0) {
        await requestFeedback({
          sessionId: data.sessionId,
          userId: metadata.userId,
          reason: "session_end",
          key: "end",
          causationId: metadata.eventId,
          replayed: replayName !== undefined,
          locale: session.locale,
        });
      }
      if (session.transcriptPublishedAt) return;
      const transcript = await messages.listSession(data.sessionId);
      await publisher.publish({
        type: "TranscriptReady",
        correlationId: data.sessionId,
        causationId: metadata.eventId,
        userId: metadata.userId,
        sessionId: data.sessionId,
        deduplicationKey: data.sessionId,
        data: {
          sessionId: data.sessionId,
          personaId: session.personaId,
          messageCount: transcript.length,
          startedAt: session.startedAt,
          endedAt: data.endedAt,
          ...(session.timeZone ? { timeZone: session.timeZone } : {}),
        },
      });
      // Marked only after the publish: a crash between the two republishes the same eventId, which consumers drop.
      await sessions.markTranscriptPublished(data.sessionId);
    },
  };
};
