// Picks the teen's own words out of a transcript: the only text either extractor may mine.
import { withoutPersonaMentions } from "@innerworld/chat-model/mentions";
import type { TranscriptMessage } from "./types.js";

/**
 * Assistant turns are the persona talking: a name or plan it suggested is not a fact about the user,
 * so both extractors see user turns only, without the @mentions that address the personas. Blank turns are dropped
 * so they cost nothing downstream.
 */
export function userMessages(messages: readonly TranscriptMessage[]): TranscriptMessage[] {
  return messages
    .filter((message) => message.role === "user")
    .map((message) => ({ ...message, content: withoutPersonaMentions(message.content) }))
    .filter((message) => message.content.trim().length > 0);
}
