// What the local event tap streams to the operator view (server-sent events `turn` and `dead-letters`); the server imports these types.

/** One event of a turn, placed after the event that caused it. */
export interface TapStep {
  eventId: string;
  /** The event's name (DetailType), e.g. `MessageScreened`. */
  type: string;
  /** The service that published it. */
  producer: string;
  occurredAt: string;
  /** 0 for the event that started the turn, 1 for what it caused, and so on. */
  depth: number;
  /** This event's occurredAt minus its cause's: how long the hop took. */
  hopMs?: number;
  sinceStartMs: number;
  /** A short line about the event without the teen's words (verdicts, model, counts). */
  summary: string;
  /** More than 1 when the bus carried the same eventId more than once. */
  copies: number;
}

/** Every event of one correlation id (a turn's messageId, or a session id for session-level sagas). */
export interface TapTurn {
  correlationId: string;
  userId?: string;
  sessionId?: string;
  startedAt: string;
  totalMs: number;
  steps: TapStep[];
}

export interface TapDeadLetters {
  /** Messages waiting in each service's dead-letter queue. */
  counts: Record<string, number>;
  checkedAt: string;
}

export const TAP_EVENT_TURN = "turn";
export const TAP_EVENT_DEAD_LETTERS = "dead-letters";
