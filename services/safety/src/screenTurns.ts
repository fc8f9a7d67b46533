// Safety's logic: screens each teen's message before the model sees it, and each reply before the teen does.
import { REPLACED_OUTPUT_REPLY } from "@innerworld/screening/replies";
import { screenInput, screenOutput, screenWithModeration, type ModerationPort, type SafetyVerdict } from "@innerworld/screening";
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import { METRIC, type MetricsPort } from "@innerworld/platform/observability";

export interface SafetyPorts {
  publisher: Publisher;
  /** Counts crisis and concern verdicts and blocked messages and replies (silent when absent). */
  metrics?: MetricsPort;
  /** The OpenAI moderation API as a second layer, when a key is configured. */
  moderation?: ModerationPort;
}

const verdictOf = (verdict: SafetyVerdict) => ({ action: verdict.action, categories: verdict.categories, lexiconVersion: verdict.lexiconVersion });

export const createScreener = (ports: SafetyPorts) => ({
  async messageReceived({ envelope }: ConsumedEvent<"MessageReceived">) {
    const { data, metadata } = envelope;
    const verdict = await screenWithModeration(data.content, screenInput(data.content), ports.moderation, "input");
    const passes = verdict.action === "allow" || verdict.action === "flag";
    if (verdict.action === "crisis") ports.metrics?.count(METRIC.crisisVerdicts);
    if (verdict.action === "flag") ports.metrics?.count(METRIC.concernVerdicts);
    if (verdict.action === "block") ports.metrics?.count(METRIC.blockedMessages);
    await ports.publisher.publish({
      type: "MessageScreened",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: metadata.userId,
      sessionId: data.sessionId,
      // One verdict per message, however often MessageReceived is delivered.
      deduplicationKey: data.messageId,
      data: {
        messageId: data.messageId,
        sessionId: data.sessionId,
        seq: data.seq,
        personaId: data.personaId,
        ...(data.personaIds ? { personaIds: data.personaIds } : {}),
        stream: data.stream,
        verdict: verdictOf(verdict),
        ...(data.connectionId ? { connectionId: data.connectionId } : {}),
        ...(data.receivedAt ? { receivedAt: data.receivedAt } : {}),
        ...(data.locale ? { locale: data.locale } : {}),
        // Personal data the teen typed is masked before it reaches a model; blocked content goes no further at all.
        ...(passes ? { content: verdict.redactedText ?? data.content } : {}),
      },
    });
  },

  async replyGenerated({ envelope }: ConsumedEvent<"ReplyGenerated">) {
    const { data, metadata } = envelope;
    const verdict = await screenWithModeration(data.text, screenOutput(data.text), ports.moderation, "output");
    const replaced = verdict.action === "block" || verdict.action === "crisis";
    if (replaced) ports.metrics?.count(METRIC.blockedReplies);
    await ports.publisher.publish({
      type: "ReplyScreened",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: metadata.userId,
      sessionId: data.sessionId,
      deduplicationKey: data.replyId,
      data: {
        messageId: data.messageId,
        sessionId: data.sessionId,
        seq: data.seq,
        personaId: data.personaId,
        ...(data.personaIds ? { personaIds: data.personaIds } : {}),
        ...(data.replyIndex !== undefined ? { replyIndex: data.replyIndex } : {}),
        ...(data.personaName ? { personaName: data.personaName } : {}),
        replyId: data.replyId,
        text: replaced ? REPLACED_OUTPUT_REPLY : data.text,
        replaced,
        verdict: verdictOf(verdict),
        model: data.model,
        streamed: data.streamed,
        ...(data.connectionId ? { connectionId: data.connectionId } : {}),
        ...(data.receivedAt ? { receivedAt: data.receivedAt } : {}),
      },
    });
  },
});
