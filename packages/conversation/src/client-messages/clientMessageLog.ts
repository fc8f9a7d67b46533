// The client-messages port: which clientMessageIds a user has already sent, so a message resent after a lost ack is acknowledged, not answered twice.

/** How long a clientMessageId is remembered: far longer than any client retries a send. */
export const CLIENT_MESSAGE_MEMORY_SECONDS = 24 * 60 * 60;

/** The turn a client message became. */
export interface ReceivedTurn {
  messageId: string;
  sessionId: string;
  seq: number;
}

export interface ClientMessageLog {
  /** The turn this user's clientMessageId became, if it was received within the last day. */
  find(userId: string, clientMessageId: string): Promise<ReceivedTurn | undefined>;
  /** Records the turn; false when the id was already recorded (another delivery of the same message won). */
  remember(userId: string, clientMessageId: string, turn: ReceivedTurn): Promise<boolean>;
}
