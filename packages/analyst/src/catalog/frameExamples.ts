// Example WebSocket frames, both directions, for the protocol's AsyncAPI document; typed so they cannot drift from protocol.ts.
import type { ClientFrame, ClientFrameType, ServerFrames, ServerFrameType } from "@innerworld/events";

const SESSION = "5d0c2f4e-8b1a-4c55-9e07-3a6f1b2c9d10";
const MESSAGE = "b7e4a1c2-3d5f-4e68-8a9b-0c1d2e3f4a5b";
const REPLY = "reply-b7e4a1c2-1";
const FEEDBACK = "feedback-5d0c2f4e-end";

export const CLIENT_FRAME_EXAMPLES: { [T in ClientFrameType]: Extract<ClientFrame, { type: T }> } = {
  start_session: { type: "start_session", payload: { personaId: "companion", locale: "en-US" } },
  message: { type: "message", payload: { sessionId: SESSION, content: "ugh my chem test is on friday and i haven't even started studying", stream: true, clientMessageId: "ios-5512" } },
  end_session: { type: "end_session", payload: { sessionId: SESSION } },
  ping: { type: "ping" },
  get_rate_limit_status: { type: "get_rate_limit_status", payload: { sessionId: SESSION } },
  resume: { type: "resume", payload: { sessionId: SESSION, afterSeq: 3 } },
  read: { type: "read", payload: { sessionId: SESSION, upToSeq: 5 } },
  feedback_response: { type: "feedback_response", payload: { requestId: FEEDBACK, choice: "great", comment: "the study plan actually helped" } },
};

const limit = (limitPerMinute: number, remaining: number) => ({ limit: limitPerMinute, remaining, retryAfter: 0 });

export const SERVER_FRAME_EXAMPLES: { [T in ServerFrameType]: ServerFrames[T] } = {
  session_started: { sessionId: SESSION, personaId: "companion", personas: [{ personaId: "companion", name: "Companion" }], expiresAt: "2026-03-15T16:02:11.204Z" },
  message_received: { sessionId: SESSION, messageId: MESSAGE, seq: 1, clientMessageId: "ios-5512" },
  agent_status: { sessionId: SESSION, messageId: MESSAGE, personaId: "companion", status: "thinking" },
  stream_start: { sessionId: SESSION, messageId: MESSAGE, replyId: REPLY, personaId: "companion" },
  stream_chunk: { sessionId: SESSION, messageId: MESSAGE, replyId: REPLY, personaId: "companion", index: 0, text: "That sounds stressful." },
  stream_end: { sessionId: SESSION, messageId: MESSAGE, replyId: REPLY, personaId: "companion", seq: 1, text: "That sounds stressful. Want to make a quick plan for the next few days together?", retracted: false, model: "gpt-4o-mini" },
  reply: { sessionId: SESSION, messageId: MESSAGE, replyId: REPLY, seq: 1, text: "That sounds stressful. Want to make a quick plan for the next few days together?", personaId: "companion", personaName: "Companion", model: "gpt-4o-mini", replaced: false },
  safety_notice: {
    sessionId: SESSION,
    messageId: MESSAGE,
    seq: 2,
    text: "I'm really glad you told me. You deserve support right now, and you don't have to go through this alone.",
    categories: ["self_harm"],
    resources: [{ name: "988 Suicide & Crisis Lifeline", contact: "Call or text 988", description: "Free, confidential support, 24/7 (US)" }],
  },
  rate_limit_exceeded: { scope: "session", retryAfter: 6, limit: 10, sessionId: SESSION, clientMessageId: "ios-5513" },
  rate_limit_status: { user: limit(30, 27), channel: limit(20, 18), session: limit(10, 8) },
  session_ended: { sessionId: SESSION, reason: "client_end" },
  persona_ready: { personaId: "survey-0b6c1f0e-2a3d-4e5f-9a8b-7c6d5e4f3a21", surveyId: "0b6c1f0e-2a3d-4e5f-9a8b-7c6d5e4f3a21", name: "Maya", portrait: true },
  session_resumed: { sessionId: SESSION, afterSeq: 3, lastSeq: 5, replayed: 2 },
  pong: { serverTime: "2026-03-14T16:05:00.000Z" },
  messages_read: { sessionId: SESSION, upToSeq: 5, updated: 2 },
  feedback_request: { requestId: FEEDBACK, sessionId: SESSION, question: "How was this conversation?", options: ["great", "okay", "not great"], expiresAt: "2026-03-16T16:19:05.702Z" },
  feedback_recorded: { requestId: FEEDBACK, sessionId: SESSION, choice: "great" },
  error: { code: "SESSION_NOT_FOUND", message: "No active session 5d0c2f4e-8b1a-4c55-9e07-3a6f1b2c9d10 on this account", retryable: false, sessionId: SESSION },
};

/** What each client frame is for, and what the server answers. */
export const CLIENT_FRAME_DOCS: Record<ClientFrameType, { summary: string; answers: ServerFrameType[] }> = {
  start_session: {
    summary: "Start a session with a persona (`personaId`: a built-in or one of your own), or a group conversation with 2 or 3 (`personaIds`); at most 3 active sessions per user.",
    answers: ["session_started", "rate_limit_exceeded", "error"],
  },
  message: {
    summary: "Send a turn. The gateway acks it with message_received at once; the reply arrives later, streamed or whole.",
    answers: ["message_received", "rate_limit_exceeded", "error"],
  },
  end_session: { summary: "End a session; its transcript then becomes part of the user's graph.", answers: ["session_ended", "rate_limit_exceeded", "error"] },
  ping: { summary: "Keep-alive and clock check.", answers: ["pong"] },
  get_rate_limit_status: { summary: "How many messages are left this minute, per user, channel and session.", answers: ["rate_limit_status", "rate_limit_exceeded", "error"] },
  resume: { summary: "After a reconnect: resend the replies after `afterSeq` (as reply frames with resumed: true), then session_resumed.", answers: ["reply", "session_resumed", "rate_limit_exceeded", "error"] },
  read: { summary: "Read receipt: every reply up to `upToSeq` has been seen; their status becomes read.", answers: ["messages_read", "rate_limit_exceeded", "error"] },
  feedback_response: {
    summary: "Answer a feedback_request with one of its options and an optional comment (screened; a crisis comment gets crisis resources).",
    answers: ["feedback_recorded", "safety_notice", "rate_limit_exceeded", "error"],
  },
};

/** What each server frame says, and whether it answers a client frame or is pushed as a turn progresses. */
export const SERVER_FRAME_DOCS: Record<ServerFrameType, { summary: string; pushed: boolean }> = {
  session_started: { summary: "The session exists; messages may be sent to it.", pushed: false },
  message_received: { summary: "The gateway accepted a message and gave it its messageId and seq (duplicate: true for a clientMessageId seen before).", pushed: false },
  agent_status: { summary: "The persona `personaId` is thinking about the turn, then responding once the model answers (in a group, each answering persona has its own); the turn's last frame says it is done, so no idle follows.", pushed: true },
  stream_start: { summary: "A streamed reply begins.", pushed: true },
  stream_chunk: { summary: "One sentence of a streamed reply, already screened by the output rules.", pushed: true },
  stream_end: { summary: "The authoritative final text of a streamed reply; retracted: true when final screening replaced it.", pushed: true },
  reply: { summary: "A whole reply (not streamed), or one resent after resume.", pushed: true },
  safety_notice: { summary: "The message was blocked or showed crisis signs: a caring reply with crisis resources.", pushed: true },
  rate_limit_exceeded: { summary: "Too many messages, or too many other frames that do work (`frame` names the one refused; pings are never counted): wait retryAfter seconds.", pushed: false },
  rate_limit_status: { summary: "The answer to get_rate_limit_status.", pushed: false },
  session_ended: { summary: "The session is closed; pushed unasked with reason `persona_deleted` when a persona it used was deleted.", pushed: false },
  persona_ready: { summary: "A persona made from friends' answers is ready; sent to every open connection of its owner.", pushed: true },
  session_resumed: { summary: "Resume finished: how many replies were resent.", pushed: false },
  pong: { summary: "The answer to ping, with the server's clock.", pushed: false },
  messages_read: { summary: "The answer to read: how many replies moved to read.", pushed: false },
  feedback_request: { summary: "How did this conversation go? Pushed at session end (or after some turns), and again on start_session or resume while open.", pushed: true },
  feedback_recorded: { summary: "The answer to feedback_response: recorded (the first valid answer wins).", pushed: false },
  error: { summary: "Something failed; clients branch on the stable code, never on the message.", pushed: true },
};
