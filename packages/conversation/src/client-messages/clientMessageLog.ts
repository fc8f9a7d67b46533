// The client-messages port: which clientMessageIds a user has already sent in a session, so a message resent after a lost ack is acknowledged, not answered twice.

/** How long a clientMessageId is remembered: far longer than any client retries a send. */
export const CLIENT_MESSAGE_MEMORY_SECONDS = 24 * 60 * 60;

/** The turn a client message became. */
export interface ReceivedTurn {
  messageId: string;
  sessionId: string;
  seq: number;
}

/**
 * A client message's identity: its clientMessageId within one session of one user. A client may number its messages
 * afresh in each session ("m1", "m2"), so the same id in another session is another message, never a resend.
 */
export interface ClientMessageKey {
  userId: string;
  sessionId: string;
  clientMessageId: string;
}

export interface ClientMessageLog {
  /** The turn this client message became, if it was received within the last day. */
  find(key: ClientMessageKey): Promise<ReceivedTurn | undefined>;
  /** Records the turn; false when the message was already recorded (another delivery of the same message won). */
  remember(key: ClientMessageKey, turn: ReceivedTurn): Promise<boolean>;
}
