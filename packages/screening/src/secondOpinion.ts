// The port for a second opinion on a message the classifier is unsure of: a chat model asked for a structured risk reading.

import type { RiskCategory, RiskLevel } from "./classifier/labels";

export interface SecondOpinionRequest {
  text: string;
  /** The session's earlier user messages, oldest first. */
  recent: readonly string[];
  /** Aborted when the screener stops waiting. */
  signal: AbortSignal;
}

export interface SecondOpinion {
  level: RiskLevel;
  category: RiskCategory;
}

export interface SecondOpinionPort {
  assess(request: SecondOpinionRequest): Promise<SecondOpinion>;
}

/** For tests and the local cloud: fixed answers by message text, a default for the rest, or a failure. */
export function createInMemorySecondOpinion(answer: (request: SecondOpinionRequest) => SecondOpinion | Promise<SecondOpinion>): SecondOpinionPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async assess(request) {
      asked.push(request.text);
      return answer(request);
    },
  };
}
