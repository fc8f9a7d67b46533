// Picks the teen's own words out of a transcript: the only text either extractor may mine.
import type { TranscriptMessage } from "./types.js";

/**
 * Assistant turns are the persona talking: a name or plan it suggested is not a fact about the user,
 * so both extractors see user turns only. Blank turns are dropped so they cost nothing downstream.
 */
export function userMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  return messages.filter((message) => message.role === "user" && message.content.trim().length > 0);
}
