// Picks the teen's own words out of a transcript: the only text either extractor may mine.
import type { TranscriptMessage } from "./types.js";

/**
 * "@Luna" in a group chat: it says which persona should answer, and the persona is not someone in the teen's life. Not
 * the "@" of an e-mail address ("a@gmail.com") nor of a time ("@5pm").
 */
const PERSONA_MENTION = /(?<![\p{L}\p{N}._%+-])@\p{L}[\p{L}\p{N}_'’-]*/gu;

/**
 * Assistant turns are the persona talking: a name or plan it suggested is not a fact about the user,
 * so both extractors see user turns only, without the @mentions that address the personas. Blank turns are dropped
 * so they cost nothing downstream.
 */
export function userMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  return messages
    .filter((message) => message.role === "user")
    .map((message) => ({ ...message, content: message.content.replace(PERSONA_MENTION, " ") }))
    .filter((message) => message.content.trim().length > 0);
}
