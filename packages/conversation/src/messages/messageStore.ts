// The messages port: the live conversation, one record per message, as storage writes it and generation, resume and transcripts read it.
import { epochSeconds } from "@innerworld/platform/clock";
import type { TurnFailure } from "../turns/turnFailure";

/** The longest a message is kept: until its transcript is distilled into the graph, and never beyond this. */
export const MESSAGE_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/** How long a message stays once its transcript was distilled: a day to resume, read back or be re-mined, no more. */
export const DISTILLED_MESSAGE_RETENTION_SECONDS = 24 * 60 * 60;

export type MessageRole = "user" | "assistant";
/** Stored states; the read API shows them as sent → delivered → read, or failed. `read` comes from the client's read receipt. */
export type MessageStatus = "received" | "screened" | "blocked" | "crisis" | "delivered" | "undelivered" | "read" | "failed";

export interface MessageRecord {
  sessionId: string;
  /** `<seq, zero-padded>#<0 user | 1 assistant>[#<replyIndex>]`: sorts a turn's question before its answers, in order. */
  messageKey: string;
  seq: number;
  role: MessageRole;
  /** Position among the turn's replies; a group turn can have several (absent means 0). */
  replyIndex?: number;
  messageId: string;
  replyId?: string;
  userId: string;
  /** Who spoke (an assistant message), or the session's persona (a user message). */
  personaId: string;
  /** The speaking persona's name when it spoke, so history reads right after the persona is deleted. */
  personaName?: string;
  content: string;
  status: MessageStatus;
  model?: string;
  /** A reply's tokens and what they cost at its model's prices, as generation recorded them. */
  usage?: { inputTokens: number; outputTokens: number };
  cost?: { usd: number; inputUsdPerMillionTokens: number; outputUsdPerMillionTokens: number };
  replaced?: boolean;
  categories?: string[];
  /**
   * The resource line generation put under a reply (`soft`: the teen's own helplines; `someone_at_risk`: help for someone
   * they know). The next turn tells from it whether the teen was just shown the line; absent, as on replies kept before
   * it was recorded, means none.
   */
  resourceLineKind?: "soft" | "someone_at_risk";
  /** A failed turn's teen message: what the client was told (or, away then, is told on its next resume). */
  failure?: TurnFailure;
  createdAt: string;
  updatedAt: string;
  expiresAt: number;
  /** When the transcript holding this message was distilled into the graph; expiresAt was then brought forward. */
  distilledAt?: string;
}

/** A safety notice stands as the assistant's side of a stopped turn under this reply id (`notice-<messageId>`). */
export const safetyNoticeReplyId = (messageId: string): string => `notice-${messageId}`;

/** Whether a stored assistant message is the safety notice the teen was shown instead of a persona's reply. */
export const isSafetyNotice = (message: Pick<MessageRecord, "role" | "replyId" | "messageId">): boolean =>
  message.role === "assistant" && message.replyId === safetyNoticeReplyId(message.messageId);

/** The first reply keeps the plain key (so one-persona sessions look as they always did); later ones add their index. */
export const messageKeyOf = (seq: number, role: MessageRole, replyIndex = 0) =>
  `${String(seq).padStart(8, "0")}#${role === "user" ? "0user" : "1assistant"}${role === "assistant" && replyIndex > 0 ? `#${replyIndex}` : ""}`;
/** Sorts after every key of turn `seq` (`~` sorts after digits, letters and `#`): where a listing after that turn starts. */
export const afterTurnKey = (seq: number) => `${String(seq).padStart(8, "0")}#~`;

export type NewMessage = Omit<MessageRecord, "messageKey" | "createdAt" | "updatedAt" | "expiresAt" | "distilledAt"> & { createdAt?: string };

/** The expiry a message gets once its transcript was distilled at `distilledAtMs`: a day later, or its own if sooner. */
export const distilledExpiryOf = (record: Pick<MessageRecord, "expiresAt">, distilledAtMs: number): number =>
  Math.min(record.expiresAt, epochSeconds(distilledAtMs) + DISTILLED_MESSAGE_RETENTION_SECONDS);

/** Builds the stored record of a new message at `nowMs`: the same in every adapter. */
export const messageRecordOf = (message: NewMessage, nowMs: number): MessageRecord => ({
  ...message,
  messageKey: messageKeyOf(message.seq, message.role, message.replyIndex),
  createdAt: message.createdAt ?? new Date(nowMs).toISOString(),
  updatedAt: new Date(nowMs).toISOString(),
  expiresAt: epochSeconds(nowMs) + MESSAGE_RETENTION_SECONDS,
});

export interface ListSessionOptions {
  /** Only turns after this seq (both sides of it excluded). */
  afterSeq?: number;
  limit?: number;
}

export interface MessageStore {
  /** Writes a message once; a redelivered event finds it there and changes nothing. Returns whether it was new. */
  putOnce(message: NewMessage): Promise<boolean>;
  /** One message; `replyIndex` picks among a group turn's replies (default the first). */
  get(sessionId: string, seq: number, role: MessageRole, replyIndex?: number): Promise<MessageRecord | undefined>;
  /** Moves a message's status forward; `onlyFrom` guards against a late event undoing a later state. False when nothing changed. */
  setStatus(sessionId: string, seq: number, role: MessageRole, status: MessageStatus, onlyFrom?: MessageStatus[], replyIndex?: number): Promise<boolean>;
  /** Marks a teen's message `failed` with what the client is told, unless its status is no longer one of `onlyFrom`. False when nothing changed. */
  markFailed(sessionId: string, seq: number, failure: TurnFailure, onlyFrom: MessageStatus[]): Promise<boolean>;
  /** Every message of a session in turn order, question before answer. */
  listSession(sessionId: string, options?: ListSessionOptions): Promise<MessageRecord[]>;
  /** The most recent `count` messages of a session, oldest first: the history a prompt draws on. */
  recent(sessionId: string, count: number): Promise<MessageRecord[]>;
  /**
   * Brings every message of a session forward to expire a day after its transcript was distilled (distilledExpiryOf),
   * never later than it would have. Returns how many messages were shortened.
   */
  expireAfterDistillation(sessionId: string, distilledAtMs: number): Promise<number>;
}
