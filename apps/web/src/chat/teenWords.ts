// What a teen reads when something goes wrong: plain words chosen by error code, never the server's technical text.
import type { ErrorCode } from "@innerworld/events/protocol";
import type { MessageKey, Say } from "../language/messages";

const WORDS: Record<ErrorCode, MessageKey> = {
  MALFORMED_JSON: "errorNotSent",
  UNKNOWN_FRAME_TYPE: "errorNotSent",
  INVALID_FRAME: "errorNotSent",
  FRAME_TOO_LARGE: "errorFrameTooLarge",
  EMPTY_CONTENT: "errorEmpty",
  CONTENT_TOO_LONG: "errorTooLong",
  UNKNOWN_PERSONA: "errorUnknownPersona",
  PERSONA_NOT_READY: "errorPersonaNotReady",
  SESSION_NOT_FOUND: "errorSessionNotFound",
  SESSION_NOT_ACTIVE: "errorSessionNotActive",
  SESSION_LIMIT_REACHED: "errorSessionLimit",
  FORBIDDEN: "errorForbidden",
  RATE_LIMITED: "errorRateLimited",
  GENERATION_FAILED: "errorGenerationFailed",
  REPLY_REFUSED: "errorReplyRefused",
  TURN_TIMED_OUT: "errorTurnTimedOut",
  PERSONA_DELETED: "errorPersonaDeleted",
  STEP_FAILED: "errorOurSide",
  FEEDBACK_NOT_FOUND: "errorFeedbackNotFound",
  FEEDBACK_ALREADY_ANSWERED: "errorFeedbackAnswered",
  FEEDBACK_EXPIRED: "errorFeedbackExpired",
  INVALID_CHOICE: "errorInvalidChoice",
  INTERNAL_ERROR: "errorOurSide",
};

/**
 * A refusal (REPLY_REFUSED) is not an outage: the teen is not told to send it again (the same words would be refused
 * again), but to say it another way. A GENERATION_FAILED with `retryable: false` is told the same way: a failure kept
 * from before refusals had their own code is replayed on resume so, and sending it again would not help either.
 */
export const wordsForError = (say: Say, code: string, options: { retryable?: boolean } = {}): string => {
  if (code === "GENERATION_FAILED" && options.retryable === false) return say("errorReplyRefused");
  return say(code in WORDS ? WORDS[code as ErrorCode] : WORDS.INTERNAL_ERROR);
};

/**
 * Why a chat could not start, about the chat the teen tried to start: the persona the gateway names (an unknown one —
 * deleted, or never theirs — or one still being made), a group the gateway would not take (INVALID_FRAME: fewer than
 * 2, more than 3, or the same persona twice), or the general words for anything else.
 */
export const wordsForStartError = (say: Say, code: string, tried: { group: boolean; personaName?: string }): string => {
  const persona = tried.personaName;
  if (code === "UNKNOWN_PERSONA" && persona) return say(tried.group ? "startUnknownPersonaGroup" : "startUnknownPersona", { persona });
  if (code === "PERSONA_NOT_READY" && persona) return say(tried.group ? "startPersonaNotReadyGroup" : "startPersonaNotReady", { persona });
  if (code === "INVALID_FRAME" && tried.group) return say("startGroupInvalid");
  return wordsForError(say, code);
};

/** For HTTP API failures (sessions, memory, personas), by status. */
export const wordsForHttpStatus = (say: Say, status: number): string => {
  if (status === 401 || status === 403) return say("httpSignInRanOut");
  if (status === 404) return say("httpNotHere");
  if (status === 429) return say("httpTooMany");
  if (status === 0) return say("httpOffline");
  return say("errorOurSide");
};

export const rateLimitWords = (say: Say, scope: "user" | "session" | "channel", secondsLeft: number): string =>
  secondsLeft > 0
    ? say(scope === "session" ? "rateLimitedSession" : "rateLimitedUser", { wait: say(secondsLeft === 1 ? "secondOne" : "secondMany", { count: secondsLeft }) })
    : say("rateLimitOver");
