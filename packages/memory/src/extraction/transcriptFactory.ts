// Builds realistic transcripts for extraction tests: user and assistant turns a few seconds apart on a fixed day.
import type { TranscriptMessage } from "./types.js";

/** Wednesday 2026-11-18, 16:00 UTC: "Friday" is 2026-11-20, "tomorrow" 2026-11-19, "next week" starts 2026-11-23. */
export const REFERENCE_DATE = new Date("2026-11-18T16:00:00.000Z");

type Turn = { user: string } | { assistant: string };

/** A session in order; each turn 10 s after the previous, ending at REFERENCE_DATE. */
export function transcript(...turns: Turn[]): TranscriptMessage[] {
  const start = REFERENCE_DATE.getTime() - turns.length * 10_000;
  return turns.map((turn, index) => ({
    role: "user" in turn ? "user" : "assistant",
    content: "user" in turn ? turn.user : turn.assistant,
    createdAt: new Date(start + index * 10_000).toISOString(),
  }));
}

/** A session where only the user speaks. */
export function userSays(...messages: string[]): TranscriptMessage[] {
  return transcript(...messages.map((user) => ({ user })));
}
