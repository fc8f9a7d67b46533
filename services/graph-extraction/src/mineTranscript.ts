// Graph extraction's logic: turns a finished session's transcript into entities and relations merged into the user's graph.
import type { MessageStore } from "@innerworld/conversation/messages";
import { canonicalEntityKey, type Extractor, type KnownEntity, type TranscriptMessage } from "@innerworld/memory/extraction";
import { planMerge, userVertexIdOf, type GraphStore } from "@innerworld/memory/graph";
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import { withImpliedRetractions } from "./impliedRetractions";

export interface GraphExtractionPorts {
  messages: MessageStore;
  graph: GraphStore;
  publisher: Publisher;
  /** When the transcript is distilled: its messages then expire a day later. */
  clock: Clock;
  /** Built per transcript, so the offline extractor can resolve names against the people the graph already knows, in the user's zone. */
  extractorFor: (known: readonly KnownEntity[], timeZone: string) => Extractor;
  /**
   * How long before the function's timeout the extractor starts on no more of the transcript (EXTRACTION_RESERVE_MS):
   * time for the merge, the announcement, and the one message or prompt it may just have started.
   */
  extractionReserveMs?: number;
  /** The runtime's logger (silent when absent): where a session mined only in part is said, by counts, never words. */
  logger?: { warn(message: string, extra: Record<string, unknown>): void };
}

/** The offline extractor's reserve: its slowest message (4,000 characters) takes about half a second. */
export const EXTRACTION_RESERVE_MS = 20_000;

/** How many of the user's most recent graph edges seed entity resolution ("Jordan" is the Jordan we know). */
const KNOWN_ENTITY_EDGES = 200;

/**
 * When the session's facts were mentioned, as the graph records it (first and last mentioned): when the teen last
 * spoke in it. The session's end can be the idle sweep's, a quarter of an hour later and past midnight; a merge is one
 * time for the whole session, so a fact said early in a long one is dated by its last message. Without a usable
 * message time, the end.
 */
function lastSaidAt(transcript: readonly TranscriptMessage[], endedAt: string): string {
  const said = transcript
    .filter((message) => message.role === "user")
    .map((message) => Date.parse(message.createdAt ?? ""))
    .filter((ms) => Number.isFinite(ms) && ms <= Date.parse(endedAt));
  return said.length === 0 ? endedAt : new Date(Math.max(...said)).toISOString();
}

export const createTranscriptMiner = (ports: GraphExtractionPorts) => {
  const { messages } = ports;
  return async ({ envelope, replayName, context }: ConsumedEvent<"TranscriptReady">): Promise<void> => {
    const { data, metadata } = envelope;
    const userId = metadata.userId;
    const stored = await messages.listSession(data.sessionId);
    // Words safety stopped (crisis, blocked) are not remembered: the graph holds what a friend would recall, not a case file.
    const transcript: TranscriptMessage[] = stored
      .filter((m) => m.status !== "crisis" && m.status !== "blocked")
      .map((m) => ({ role: m.role, content: m.content, createdAt: m.createdAt }));

    const recent = await ports.graph.topEdges(userId, KNOWN_ENTITY_EDGES);
    const known = recent
      .flatMap(({ from, to }) => [from, to])
      .filter((v) => v.label !== "User")
      .map((v) => ({ type: v.label as KnownEntity["type"], name: v.name }));
    const extractor = ports.extractorFor(known, data.timeZone ?? "UTC");
    // A session too long to mine before the timeout would time out on every retry and be dead-lettered, never
    // remembered: the extractor mines newest first and stops in time, and the oldest part goes unmined, said in the log.
    // Never more than half the time the invocation had is held back, so a short one still mines its session.
    const reserveMs = Math.min(ports.extractionReserveMs ?? EXTRACTION_RESERVE_MS, context.getRemainingTimeInMillis() / 2);
    const mined = await extractor.extract(transcript, { referenceDate: new Date(data.endedAt), timeLeftMs: () => context.getRemainingTimeInMillis() - reserveMs });
    if (mined.messagesLeftOut) {
      ports.logger?.warn("session mined in part: time ran out before its oldest messages", { sessionId: data.sessionId, messagesLeftOut: mined.messagesLeftOut });
    }
    const extraction = withImpliedRetractions({ entities: mined.entities, relations: mined.relations }, userVertexIdOf(userId), recent);
    const mutation = planMerge({ userId, sessionId: data.sessionId, extraction, observedAt: lastSaidAt(transcript, data.endedAt), keyOf: canonicalEntityKey });
    const result = await ports.graph.apply(userId, mutation);
    // Distilled: the words themselves need not outlive the day (never later than the 30 days they were stored for).
    await messages.expireAfterDistillation(data.sessionId, ports.clock());

    await ports.publisher.publish({
      type: "GraphUpdated",
      correlationId: data.sessionId,
      causationId: metadata.eventId,
      userId,
      sessionId: data.sessionId,
      // A replay is a deliberate rebuild: its GraphUpdated must reach context-refresh as a new event.
      deduplicationKey: `${data.sessionId}:${replayName ?? "live"}`,
      data: {
        sessionId: data.sessionId,
        entitiesMerged: result.entitiesMerged,
        relationsMerged: result.relationsMerged,
        relationsInvalidated: result.relationsInvalidated,
        extractor: extractor.name,
        ...(data.timeZone ? { timeZone: data.timeZone } : {}),
        transcriptEndedAt: data.endedAt,
      },
    });
  };
};
