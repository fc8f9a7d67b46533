// Safety's logic: screens each teen's message (with the session's recent messages) before the model sees it, and each reply before the teen does.
import { replacedOutputReply } from "@innerworld/screening/replies";
import { screenWithModeration, type InputVerdict, type ModerationPort, type SafetyVerdict, type Screener } from "@innerworld/screening";
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import { METRIC, type MetricsPort } from "@innerworld/platform/observability";

/** How many earlier user messages of the session are read with each new one. */
export const CONTEXT_MESSAGES = 3;

/** The session's user messages before `beforeSeq`, oldest first, at most `count`. */
export type RecentUserMessages = (sessionId: string, beforeSeq: number, count: number) => Promise<string[]>;

export interface SafetyPorts {
  publisher: Publisher;
  /** Counts crisis and concern verdicts and blocked messages and replies (silent when absent). */
  metrics?: MetricsPort;
  screener: Screener;
  /** The OpenAI moderation API as a layer for replies (the screener runs it for teens' messages), when a key is configured. */
  moderation?: ModerationPort;
  /** Where the conversation-context layer reads the session's earlier messages; without it each message is read alone. */
  recentUserMessages?: RecentUserMessages;
}

const replyVerdictOf = (verdict: SafetyVerdict) => ({ action: verdict.action, categories: verdict.categories, lexiconVersion: verdict.lexiconVersion });

const inputVerdictOf = (verdict: InputVerdict) => ({
  ...replyVerdictOf(verdict),
  level: verdict.risk.level,
  category: verdict.risk.category,
  decidedBy: verdict.risk.decidedBy,
  modelVersion: verdict.risk.modelVersion,
});

export const createScreener = (ports: SafetyPorts) => ({
  async messageReceived({ envelope }: ConsumedEvent<"MessageReceived">) {
    const { data, metadata } = envelope;
    // One read of the session's recent messages per turn; if it fails the message is read alone, and the screener
    // makes an uncertain one a concern rather than calling it safe.
    let recent: string[] = [];
    let contextUnavailable = false;
    if (ports.recentUserMessages) {
      try {
        recent = await ports.recentUserMessages(data.sessionId, data.seq, CONTEXT_MESSAGES);
      } catch {
        contextUnavailable = true;
      }
    }
    const verdict = await ports.screener.screenInput(data.content, recent, { contextUnavailable });
    const passes = verdict.action === "allow" || verdict.action === "flag";
    if (verdict.action === "crisis") ports.metrics?.count(METRIC.crisisVerdicts);
    // A concern is a risk level (the persona checks in gently), not a rule's flag: profanity or a phone number is a flag too.
    // The check-in after a crisis earlier in the session is counted apart, or every crisis would add up to three concerns.
    if (verdict.action !== "crisis" && verdict.risk.level === "concern") ports.metrics?.count(verdict.risk.decidedBy === "earlier_crisis" ? METRIC.checkInsAfterCrisis : METRIC.concernVerdicts);
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
        verdict: inputVerdictOf(verdict),
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
    const verdict = await screenWithModeration(data.text, ports.screener.screenOutput(data.text), ports.moderation, "output");
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
        // A concern's soft resource line is our own words, not the model's: it stays under the replacement.
        text: replaced ? [replacedOutputReply(data.locale), data.resourceLine].filter((part) => part !== undefined).join("\n\n") : data.text,
        replaced,
        verdict: replyVerdictOf(verdict),
        model: data.model,
        streamed: data.streamed,
        usage: data.usage,
        ...(data.cost ? { cost: data.cost } : {}),
        ...(data.resourceLineKind ? { resourceLineKind: data.resourceLineKind } : {}),
        ...(data.connectionId ? { connectionId: data.connectionId } : {}),
        ...(data.receivedAt ? { receivedAt: data.receivedAt } : {}),
      },
    });
  },
});
