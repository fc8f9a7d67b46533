// The connections port: who is on which WebSocket connection, kept with a 30-minute TTL refreshed by activity.

export const CONNECTION_TTL_SECONDS = 30 * 60;

export interface ConnectionRecord {
  connectionId: string;
  userId: string;
  connectedAt: string;
  lastSeenAt: string;
  expiresAt: number;
}

export interface ConnectionStore {
  open(connectionId: string, userId: string): Promise<ConnectionRecord>;
  /** The connection's record, unless it is closed or past its TTL. */
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Keeps a known connection alive for another TTL; an unknown one stays unknown. */
  touch(connectionId: string): Promise<void>;
  close(connectionId: string): Promise<void>;
  /** The user's open connections (a phone and a laptop, say). */
  listByUser(userId: string): Promise<ConnectionRecord[]>;
}
