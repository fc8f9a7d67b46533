// What a teen reads when something goes wrong: plain words chosen by error code, never the server's technical text.
import type { ErrorCode } from "@innerworld/events/protocol";

const WORDS: Record<ErrorCode, string> = {
  MALFORMED_JSON: "That didn't send properly. Try again?",
  UNKNOWN_FRAME_TYPE: "That didn't send properly. Try again?",
  INVALID_FRAME: "That didn't send properly. Try again?",
  FRAME_TOO_LARGE: "That message is too long to send. Try splitting it into a few shorter ones.",
  EMPTY_CONTENT: "Type something first, then press Send.",
  CONTENT_TOO_LONG: "That message is too long. Try splitting it into a few shorter ones.",
  UNKNOWN_PERSONA: "That companion isn't available right now. Pick another one.",
  PERSONA_NOT_READY: "That companion is still being made. Try again in a minute.",
  SESSION_NOT_FOUND: "We couldn't find that chat. Start a new one to keep talking.",
  SESSION_NOT_ACTIVE: "This chat has ended. Start a new one to keep talking.",
  SESSION_LIMIT_REACHED: "You already have 3 chats open. End one in “Your chats” to start a new one.",
  FORBIDDEN: "That chat isn't yours, so it can't be opened here.",
  RATE_LIMITED: "You're sending messages really fast. Take a breath and try again in a moment.",
  GENERATION_FAILED: "Sorry, I couldn't come up with a reply just now. Try sending that again.",
  TURN_TIMED_OUT: "That reply is taking too long. Try sending your message again.",
  PERSONA_DELETED: "That companion was deleted, so it can't answer. Pick another one to keep talking.",
  STEP_FAILED: "Something went wrong on our side. Try again in a moment.",
  FEEDBACK_NOT_FOUND: "That question about your chat isn't here any more.",
  FEEDBACK_ALREADY_ANSWERED: "You already answered that one. Thanks!",
  FEEDBACK_EXPIRED: "That question has closed, but thanks for wanting to answer.",
  INVALID_CHOICE: "Pick one of the answers shown.",
  INTERNAL_ERROR: "Something went wrong on our side. Try again in a moment.",
};

/** A reply the model refused for what the turn holds: the same words again would be refused again, so they are not asked for. */
const REFUSED_REPLY = "That companion can't answer that one. Try saying it another way, or chat with someone else.";

/** `retryable: false` on a GENERATION_FAILED is a refusal, not an outage: the teen is not told to send it again. */
export const wordsForError = (code: string, options: { retryable?: boolean } = {}): string => {
  if (code === "GENERATION_FAILED" && options.retryable === false) return REFUSED_REPLY;
  return code in WORDS ? WORDS[code as ErrorCode] : WORDS.INTERNAL_ERROR;
};

/**
 * Why a chat could not start, about the chat the teen tried to start: the persona the gateway names (an unknown one —
 * deleted, or never theirs — or one still being made), a group the gateway would not take (INVALID_FRAME: fewer than
 * 2, more than 3, or the same persona twice), or the general words for anything else.
 */
export const wordsForStartError = (code: string, tried: { group: boolean; personaName?: string }): string => {
  const chat = tried.group ? "the group chat" : "the chat";
  const who = tried.personaName;
  if (code === "UNKNOWN_PERSONA" && who) return `${who} isn't available any more, so ${chat} couldn't start. Pick someone else.`;
  if (code === "PERSONA_NOT_READY" && who) return `${who} is still being made, so ${chat} couldn't start. Try again in a minute, or pick someone else.`;
  if (code === "INVALID_FRAME" && tried.group) return "A group chat needs 2 or 3 different personas. Check who you picked, then start again.";
  return wordsForError(code);
};

/** For HTTP API failures (sessions, memory, personas), by status. */
export const wordsForHttpStatus = (status: number): string => {
  if (status === 401 || status === 403) return "Your sign-in ran out. Sign in again to carry on.";
  if (status === 404) return "That isn't here any more.";
  if (status === 429) return "Lots of requests at once. Wait a few seconds and try again.";
  if (status === 0) return "You seem to be offline. Check your connection and try again.";
  return "Something went wrong on our side. Try again in a moment.";
};

export const seconds = (n: number): string => `${n} ${n === 1 ? "second" : "seconds"}`;

export const rateLimitWords = (scope: "user" | "session" | "channel", secondsLeft: number): string =>
  secondsLeft > 0
    ? `You're sending messages faster than ${scope === "session" ? "this chat" : "InnerWorld"} can keep up with. You can send again in ${seconds(secondsLeft)}.`
    : "You can send messages again.";
