// The connections port: who is on which WebSocket connection, kept with a 30-minute TTL refreshed by activity.
import { epochSeconds } from "@innerworld/platform/clock";

export const CONNECTION_TTL_SECONDS = 30 * 60;

export interface ConnectionRecord {
  connectionId: string;
  userId: string;
  connectedAt: string;
  lastSeenAt: string;
  expiresAt: number;
}

/** A connection's record as either adapter opens it at `nowMs`: seen now, kept for one TTL. */
export const newConnectionRecord = (connectionId: string, userId: string, nowMs: number): ConnectionRecord => ({
  connectionId,
  userId,
  connectedAt: new Date(nowMs).toISOString(),
  lastSeenAt: new Date(nowMs).toISOString(),
  expiresAt: epochSeconds(nowMs) + CONNECTION_TTL_SECONDS,
});

export interface ConnectionStore {
  open(connectionId: string, userId: string): Promise<ConnectionRecord>;
  /** The connection's record, unless it is closed or past its TTL. */
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Keeps a known connection alive for another TTL; an unknown one stays unknown. */
  touch(connectionId: string): Promise<void>;
  close(connectionId: string): Promise<void>;
  /** The user's open connections (a phone and a laptop, say). */
  listByUser(userId: string): Promise<ConnectionRecord[]>;
  /**
   * Records that a reply (or notice) is about to be pushed on this connection: false if it already was, so the notifier
   * and a resume (or two resumes) never show the same reply twice on one connection. A connection the store does not
   * know answers true: whether it is still there is the push's to find out.
   */
  markShown(connectionId: string, replyId: string): Promise<boolean>;
  /** Takes back a `markShown` whose push failed, so the reply is shown by the next attempt rather than never. */
  unmarkShown(connectionId: string, replyId: string): Promise<void>;
}
