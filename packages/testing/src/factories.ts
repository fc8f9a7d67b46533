// Realistic event requests for tests, built the way the services build them.
import { randomUUID } from "node:crypto";
import type { PublishRequest } from "@innerworld/events";

export const messageReceived = (overrides: { userId?: string; sessionId?: string; content?: string; seq?: number } = {}): PublishRequest<"MessageReceived"> => {
  const messageId = randomUUID();
  const sessionId = overrides.sessionId ?? randomUUID();
  const userId = overrides.userId ?? "user-alex";
  return {
    type: "MessageReceived",
    correlationId: messageId,
    userId,
    sessionId,
    data: {
      messageId,
      sessionId,
      seq: overrides.seq ?? 1,
      personaId: "companion",
      connectionId: "conn-1",
      content: overrides.content ?? "I have a math test on Friday and I'm nervous",
      stream: false,
      receivedAt: new Date().toISOString(),
    },
  };
};

export const transcriptReady = (overrides: { userId?: string; sessionId?: string } = {}): PublishRequest<"TranscriptReady"> => {
  const sessionId = overrides.sessionId ?? randomUUID();
  return {
    type: "TranscriptReady",
    correlationId: sessionId,
    userId: overrides.userId ?? "user-alex",
    sessionId,
    data: { sessionId, personaId: "companion", messageCount: 4, startedAt: new Date(Date.now() - 60_000).toISOString(), endedAt: new Date().toISOString() },
  };
};
