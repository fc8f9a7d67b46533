// The WebSocket protocol: JSON frames `{ type, payload }` between chat clients and the gateway/notifier.
import { z } from "zod";

/** API Gateway's own limit for one WebSocket message. */
export const MAX_FRAME_BYTES = 128 * 1024;
export const MAX_CONTENT_CHARS = 4000;
export const MAX_FEEDBACK_COMMENT_CHARS = 2000;

/**
 * The characters a text field may hold: those SQS (and so every queue a turn travels through) accepts — tab, LF,
 * CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (emoji). Anything else (other control characters, the
 * noncharacters U+FFFE and U+FFFF, lone surrogates) is refused with INVALID_FRAME, so an acknowledged turn can
 * always be delivered.
 */
export const ACCEPTED_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const text = () => z.string().regex(ACCEPTED_TEXT, "holds a character outside the accepted set (see ACCEPTED_TEXT)");

const sessionId = text().min(1).max(64);

/** An IANA time zone name the runtime knows ("America/Chicago", "Europe/London", "UTC"): relative dates resolve in it. */
export const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
const timeZone = text().min(1).max(64).refine(isTimeZone, "is not an IANA time zone name (e.g. America/Chicago)");

export const clientFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start_session"),
    payload: z
      .object({
        /** One persona: a built-in or one of the user's own. */
        personaId: text().min(1).max(64).optional(),
        /** A group conversation with 2 or 3 different personas. */
        personaIds: z.array(text().min(1).max(64)).min(2).max(3).optional(),
        locale: text().max(16).optional(),
        /** The user's IANA time zone (default UTC): "tomorrow" and "on Friday" resolve in it. */
        timeZone: timeZone.optional(),
      })
      .refine((p) => (p.personaId === undefined) !== (p.personaIds === undefined), { message: "give either personaId or personaIds (2 or 3)" })
      .refine((p) => !p.personaIds || new Set(p.personaIds).size === p.personaIds.length, { message: "personaIds must be different personas" }),
  }),
  z.object({
    type: z.literal("message"),
    payload: z.object({
      sessionId,
      content: text(),
      stream: z.boolean().optional(),
      clientMessageId: text().min(1).max(128).optional(),
    }),
  }),
  z.object({ type: z.literal("end_session"), payload: z.object({ sessionId }) }),
  z.object({ type: z.literal("ping"), payload: z.object({}).passthrough().optional() }),
  z.object({ type: z.literal("get_rate_limit_status"), payload: z.object({ sessionId: sessionId.optional() }).optional() }),
  z.object({ type: z.literal("resume"), payload: z.object({ sessionId, afterSeq: z.number().int().nonnegative() }) }),
  /** The teen has seen every reply of the session up to `upToSeq`. */
  z.object({ type: z.literal("read"), payload: z.object({ sessionId, upToSeq: z.number().int().nonnegative() }) }),
  z.object({
    type: z.literal("feedback_response"),
    payload: z.object({ requestId: z.string().min(1).max(128), choice: z.string().min(1).max(64), comment: z.string().max(MAX_FEEDBACK_COMMENT_CHARS).optional() }),
  }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameType = ClientFrame["type"];
export const CLIENT_FRAME_TYPES = clientFrameSchema.options.map((o) => o.shape.type.value);

/** Stable codes of `error` frames; clients branch on these, never on the message text. */
export const ERROR_CODES = [
  "MALFORMED_JSON",
  "UNKNOWN_FRAME_TYPE",
  "INVALID_FRAME",
  "EMPTY_CONTENT",
  "CONTENT_TOO_LONG",
  "FRAME_TOO_LARGE",
  "UNKNOWN_PERSONA",
  "PERSONA_NOT_READY",
  "SESSION_NOT_FOUND",
  "SESSION_NOT_ACTIVE",
  "SESSION_LIMIT_REACHED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "GENERATION_FAILED",
  /** The model's provider declined the turn for what it holds: sending the same message again would be refused again. */
  "REPLY_REFUSED",
  "PERSONA_DELETED",
  "FEEDBACK_NOT_FOUND",
  "FEEDBACK_ALREADY_ANSWERED",
  "FEEDBACK_EXPIRED",
  "INVALID_CHOICE",
  "STEP_FAILED",
  "TURN_TIMED_OUT",
  "INTERNAL_ERROR",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface PersonaSummary {
  personaId: string;
  name: string;
}

export interface RateLimitView {
  limit: number;
  remaining: number;
  /** Seconds until one more message is allowed (0 when one is allowed now). */
  retryAfter: number;
}

export interface ServerFrames {
  session_started: {
    sessionId: string;
    personaId: string;
    /** Set for a group conversation, in the order given. */
    personaIds?: string[];
    /** Every persona of the session with the name it had at the start. */
    personas: PersonaSummary[];
    expiresAt: string;
    resumed?: boolean;
    /** The time zone relative dates of this session resolve in. */
    timeZone?: string;
  };
  message_received: { sessionId: string; messageId: string; seq: number; clientMessageId?: string; duplicate?: boolean };
  /**
   * `personaId` is thinking about the turn, then responding (in a group each answering persona has its own frames).
   * The turn's last frame (`reply`, `stream_end`, `safety_notice`, `error`) says it is done, so no `idle` follows; a
   * safety notice has no status before it, since no persona is asked.
   */
  agent_status: { sessionId: string; messageId: string; personaId: string; status: "thinking" | "responding" };
  stream_start: { sessionId: string; messageId: string; replyId: string; personaId: string };
  stream_chunk: { sessionId: string; messageId: string; replyId: string; personaId: string; index: number; text: string };
  stream_end: { sessionId: string; messageId: string; replyId: string; personaId: string; seq: number; text: string; retracted: boolean; model: string };
  reply: {
    sessionId: string;
    messageId: string;
    replyId: string;
    seq: number;
    text: string;
    personaId: string;
    personaName?: string;
    /** Position among this turn's replies (a group turn can have up to 3); absent means 0. */
    replyIndex?: number;
    model: string;
    replaced: boolean;
    resumed?: boolean;
  };
  safety_notice: {
    sessionId: string;
    messageId: string;
    seq: number;
    text: string;
    categories: string[];
    resources: { name: string; contact: string; description: string }[];
    /** Shown again by a resume (the teen missed it live): the same notice, helplines and all. */
    resumed?: boolean;
  };
  /**
   * A frame refused for its rate: a message (by the session and the client's id for it, when it gave one), or another
   * frame that does work (`frame` names its type; those share a per-user count a minute, scope `user`).
   */
  rate_limit_exceeded: { scope: "user" | "session" | "channel"; retryAfter: number; limit: number; sessionId?: string; clientMessageId?: string; frame?: ClientFrameType };
  rate_limit_status: { user: RateLimitView; channel: RateLimitView; session?: RateLimitView };
  session_ended: { sessionId: string; reason: string };
  /** A persona made from a survey is ready to chat with; `portrait` is false when its picture could not be drawn. */
  persona_ready: { personaId: string; surveyId: string; name: string; portrait: boolean };
  session_resumed: { sessionId: string; afterSeq: number; lastSeq: number; replayed: number };
  pong: { serverTime: string };
  /** The answer to `read`: how many replies moved to read. */
  messages_read: { sessionId: string; upToSeq: number; updated: number };
  /** How did this conversation go? Offered again on every start_session or resume until answered or expired. */
  feedback_request: { requestId: string; sessionId: string; question: string; options: string[]; expiresAt: string };
  /** The answer to `feedback_response`: the answer was recorded (the first valid one wins). */
  feedback_recorded: { requestId: string; sessionId: string; choice: string };
  /**
   * `personaId`: in a group turn, the persona that could not answer (the others' replies stand). `resumed`: a turn that
   * failed while the client was away, told on its resume.
   */
  error: { code: ErrorCode; message: string; retryable: boolean; messageId?: string; sessionId?: string; personaId?: string; resumed?: boolean };
}
export type ServerFrameType = keyof ServerFrames;
export interface ServerFrame<T extends ServerFrameType = ServerFrameType> {
  type: T;
  payload: ServerFrames[T];
}

export const serverFrame = <T extends ServerFrameType>(type: T, payload: ServerFrames[T]): string => JSON.stringify({ type, payload });
