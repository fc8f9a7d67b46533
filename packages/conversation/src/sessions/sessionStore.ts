// The sessions port: what the gateway, storage, the notifier and the read API need of chat sessions, whatever holds them.
import { epochSeconds } from "@innerworld/platform/clock";

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Session records outlive the session itself so users can read their history; TTL removes them after this. */
export const SESSION_RECORD_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** active ↔ paused (its last connection dropped; a resume or a message makes it active again) → ended. */
export type SessionStatus = "active" | "paused" | "ended";
export type SessionEndReason = "client_end" | "disconnect" | "idle" | "expired" | "persona_deleted";

/** A persona of a session with the name it had when the session started. */
export interface SessionPersona {
  personaId: string;
  name: string;
}

export interface SessionRecord {
  sessionId: string;
  userId: string;
  /** The session's persona; in a group, the first of `personaIds`. */
  personaId: string;
  /** A group conversation's personas (2 or 3), in the order the client gave them. */
  personaIds?: string[];
  /** Every persona of the session with its name, kept so history still says who spoke after a persona is deleted. */
  personas?: SessionPersona[];
  status: SessionStatus;
  connectionId?: string;
  locale?: string;
  /** IANA zone from start_session (default UTC): the zone relative dates in this session resolve in. */
  timeZone?: string;
  startedAt: string;
  lastActivityAt: string;
  /** When the session ends at the latest (24 h after its start). */
  endsAt: string;
  lastSeq: number;
  endedAt?: string;
  endReason?: SessionEndReason;
  /** Set when the session's connection closed; a resume clears it, the sweep ends the session after a grace period. */
  disconnectedAt?: string;
  /**
   * Set by the end and removed once SessionEnded went out. An ended session that still has it lost its announcement (a
   * failed publish, a gateway that died between the two): a retried end and the sweep publish it again, under the same
   * event id. Records ended before it existed lack it and count as announced.
   */
  endAnnouncementPending?: boolean;
  /** Set once storage has announced the finished transcript, so TranscriptReady goes out once per session. */
  transcriptPublishedAt?: string;
  expiresAt: number;
}

export interface StartSession {
  userId: string;
  personaId: string;
  personaIds?: string[];
  personas?: SessionPersona[];
  connectionId: string;
  locale?: string;
  timeZone?: string;
  /** Sessions the user may have active at once, this one included. */
  maxActive: number;
}

export interface StaleSession {
  session: SessionRecord;
  reason: SessionEndReason;
}

/** Where GET /sessions resumes: the last session of the page before (the byUser index's key). */
export interface SessionPageCursor {
  sessionId: string;
  startedAt: string;
}

export interface SessionPage {
  sessions: SessionRecord[];
  /** Present when there may be more: the next page starts after it. */
  next?: SessionPageCursor;
}

/** What makes a session stale for the sweep: no activity since `idleSinceMs`, or disconnected since before `disconnectedSinceMs`. */
export interface StaleCutoffs {
  idleSinceMs: number;
  disconnectedSinceMs: number;
}

export class SessionLimitError extends Error {
  override readonly name = "SessionLimitError";
  readonly code = "SESSION_LIMIT_REACHED";
  constructor(readonly limit: number) {
    super(`At most ${limit} sessions may be active at once; end one first`);
  }
}

export class SessionNotActiveError extends Error {
  override readonly name = "SessionNotActiveError";
  readonly code = "SESSION_NOT_ACTIVE";
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} is not active`);
  }
}

export const isSessionLimitError = (error: unknown): error is SessionLimitError => (error as { code?: unknown } | null)?.code === "SESSION_LIMIT_REACHED";
export const isSessionNotActiveError = (error: unknown): error is SessionNotActiveError => (error as { code?: unknown } | null)?.code === "SESSION_NOT_ACTIVE";

/**
 * The key of a user's ledger of live sessions, an item of the sessions table: not a session id (those are UUIDs), and
 * without a userId attribute, so the byUser index, the exports and the sweep's scans never take it for a session.
 * DELETE /me deletes it with the sessions.
 */
export const liveSessionsKeyOf = (userId: string) => `live-sessions#${userId}`;

/** A session is live (active or paused) until it is ended or past its 24 hours, whichever comes first. */
export const isSessionLive = (session: SessionRecord, nowMs: number): boolean => session.status !== "ended" && Date.parse(session.endsAt) > nowMs;

/** The record a session starts as, in either adapter: active, its 24 hours from `nowMs`, kept a month after they end. */
export const newSessionRecord = (input: StartSession, sessionId: string, nowMs: number): SessionRecord => ({
  sessionId,
  userId: input.userId,
  personaId: input.personaId,
  ...(input.personaIds ? { personaIds: input.personaIds } : {}),
  ...(input.personas ? { personas: input.personas } : {}),
  status: "active",
  connectionId: input.connectionId,
  ...(input.locale ? { locale: input.locale } : {}),
  ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  startedAt: new Date(nowMs).toISOString(),
  lastActivityAt: new Date(nowMs).toISOString(),
  endsAt: new Date(nowMs + SESSION_LIFETIME_MS).toISOString(),
  lastSeq: 0,
  expiresAt: epochSeconds(nowMs + SESSION_LIFETIME_MS) + SESSION_RECORD_RETENTION_SECONDS,
});

/** A live-status session idle since `idleSinceMs`, gone since `disconnectedSinceMs`, or past its 24 hours: what the sweep ends. */
export const isStaleSession = (session: SessionRecord, nowMs: number, { idleSinceMs, disconnectedSinceMs }: StaleCutoffs): boolean =>
  session.status !== "ended" &&
  (session.lastActivityAt < new Date(idleSinceMs).toISOString() ||
    session.endsAt <= new Date(nowMs).toISOString() ||
    (session.disconnectedAt !== undefined && session.disconnectedAt < new Date(disconnectedSinceMs).toISOString()));

/** An ended session whose SessionEnded has not gone out yet: the sweep announces it again. */
export const isEndUnannounced = (session: SessionRecord): boolean => session.status === "ended" && session.endAnnouncementPending === true;

/** Why the sweep ends a stale session: its 24 hours are up, its connection has been gone too long, or it idled. */
export const staleReasonOf = (session: SessionRecord, nowMs: number, disconnectedSinceMs: number): SessionEndReason => {
  // An ended session the sweep lists is one whose end was never announced: it is announced for the reason it ended.
  if (session.status === "ended") return session.endReason ?? "idle";
  return Date.parse(session.endsAt) <= nowMs ? "expired" : session.disconnectedAt && Date.parse(session.disconnectedAt) < disconnectedSinceMs ? "disconnect" : "idle";
};

export interface SessionStore {
  /** A user's sessions, newest start first, past their retention left out. */
  listByUser(userId: string, limit?: number): Promise<SessionRecord[]>;
  /** A page of a user's sessions, newest start first, after `after` (the `next` of the page before). */
  pageByUser(userId: string, limit: number, after?: SessionPageCursor): Promise<SessionPage>;
  listActiveByUser(userId: string): Promise<SessionRecord[]>;
  /** Starts a session; SessionLimitError when the user already has `maxActive` live ones, however many starts race. */
  start(input: StartSession): Promise<SessionRecord>;
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** Numbers the next turn and binds the session to the connection it arrived on; SessionNotActiveError if it is not the user's live session. */
  nextTurn(sessionId: string, userId: string, connectionId: string): Promise<SessionRecord>;
  /** Binds a live session to a new connection (a resume), clears its disconnection and makes it active again. */
  attach(sessionId: string, connectionId: string): Promise<void>;
  /** Active sessions bound to a connection. */
  listActiveOnConnection(userId: string, connectionId: string): Promise<SessionRecord[]>;
  /** Marks the session disconnected and paused, unless another connection took it over meanwhile. */
  markDisconnected(sessionId: string, connectionId: string): Promise<void>;
  /**
   * Ends a live session, pending its announcement (endAnnouncementPending); undefined when it had already ended, so each
   * session ends once. With `ifStale`, only a session still stale by those cutoffs at the moment of the write: one that
   * a message, a resume or a reconnection made live again since the sweep's scan stays live.
   */
  end(sessionId: string, reason: SessionEndReason, ifStale?: StaleCutoffs): Promise<SessionRecord | undefined>;
  /** Records that the session's SessionEnded went out. */
  markEndAnnounced(sessionId: string): Promise<void>;
  /**
   * Live sessions idle since before `idleSinceMs`, disconnected since before `disconnectedSinceMs`, or past their 24
   * hours, with the reason to end each; and ended sessions whose end was never announced, with the reason they ended.
   */
  listStale(cutoffs: StaleCutoffs): Promise<StaleSession[]>;
  /** Records that the session's TranscriptReady went out. */
  markTranscriptPublished(sessionId: string): Promise<void>;
  /** Live sessions across all users by state, for the admin status page: a counting scan, not for hot paths. */
  countLive(): Promise<{ active: number; paused: number }>;
}
