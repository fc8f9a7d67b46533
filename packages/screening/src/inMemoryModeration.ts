// A ModerationPort that answers from a function, for tests of services that take the port; the OpenAI adapter is tested against a real HTTP server.

import type { ModerationPort, SafetyCategory } from "./types";

export type InMemoryModerationAnswer = { flagged: boolean; categories: SafetyCategory[] } | Error;

/** Answers each text with decide(text); an Error answer is thrown, as a failing endpoint would. Every text asked is kept in `asked`. */
export function createInMemoryModeration(decide: (text: string) => InMemoryModerationAnswer): ModerationPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async moderate(text) {
      asked.push(text);
      const answer = decide(text);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}
