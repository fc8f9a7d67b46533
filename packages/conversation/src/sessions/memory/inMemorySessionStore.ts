// Chat sessions in memory, with the DynamoDB adapter's conditions, ordering and TTL filtering, for unit tests and tools.
import { randomUUID } from "node:crypto";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import {
  SessionLimitError,
  SessionNotActiveError,
  isEndUnannounced,
  isSessionLive,
  isStaleSession,
  newSessionRecord,
  staleReasonOf,
  type SessionEndReason,
  type SessionPage,
  type SessionPageCursor,
  type SessionRecord,
  type SessionStore,
  type StaleCutoffs,
  type StaleSession,
  type StartSession,
} from "../sessionStore";

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(private readonly clock: Clock = systemClock) {}

  async listByUser(userId: string, limit = 50): Promise<SessionRecord[]> {
    const now = this.clock();
    // The byUser index: newest start first; the limit applies before expired records are dropped, as in DynamoDB.
    return this.ofUser(userId)
      .slice(0, limit)
      .filter((s) => !isExpired(s, now));
  }

  async pageByUser(userId: string, limit: number, after?: SessionPageCursor): Promise<SessionPage> {
    const now = this.clock();
    const ordered = this.ofUser(userId);
    const from = after ? ordered.findIndex((s) => s.startedAt < after.startedAt || (s.startedAt === after.startedAt && s.sessionId < after.sessionId)) : 0;
    const read = from < 0 ? [] : ordered.slice(from, from + limit);
    const last = read.at(-1);
    // As DynamoDB: a full page has a next one, perhaps empty; the limit applies before expired records are dropped.
    const sessions = read.filter((s) => !isExpired(s, now));
    return last && read.length === limit ? { sessions, next: { sessionId: last.sessionId, startedAt: last.startedAt } } : { sessions };
  }

  async listActiveByUser(userId: string): Promise<SessionRecord[]> {
    const now = this.clock();
    return this.ofUser(userId).filter((s) => isSessionLive(s, now));
  }

  async start(input: StartSession): Promise<SessionRecord> {
    // Counted and written with no await between, so racing starts cannot both see room for one.
    const now = this.clock();
    const active = this.ofUser(input.userId).filter((s) => isSessionLive(s, now));
    if (active.length >= input.maxActive) throw new SessionLimitError(input.maxActive);
    const session = newSessionRecord(input, randomUUID(), this.clock());
    this.sessions.set(session.sessionId, session);
    return structuredClone(session);
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(sessionId);
    return session && !isExpired(session, this.clock()) ? structuredClone(session) : undefined;
  }

  async nextTurn(sessionId: string, userId: string, connectionId: string): Promise<SessionRecord> {
    const now = new Date(this.clock()).toISOString();
    const session = this.sessions.get(sessionId);
    if (!session || session.userId !== userId || session.status === "ended" || !(session.endsAt > now)) throw new SessionNotActiveError(sessionId);
    delete session.disconnectedAt;
    Object.assign(session, { lastSeq: session.lastSeq + 1, lastActivityAt: now, connectionId, status: "active" });
    return structuredClone(session);
  }

  async attach(sessionId: string, connectionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session || session.status === "ended") return;
    delete session.disconnectedAt;
    Object.assign(session, { connectionId, lastActivityAt: new Date(this.clock()).toISOString(), status: "active" });
  }

  async listActiveOnConnection(userId: string, connectionId: string): Promise<SessionRecord[]> {
    return (await this.listActiveByUser(userId)).filter((s) => s.connectionId === connectionId);
  }

  async markDisconnected(sessionId: string, connectionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    // Another connection took the session over meanwhile: it is not disconnected.
    if (!session || session.connectionId !== connectionId || session.status !== "active") return;
    session.disconnectedAt = new Date(this.clock()).toISOString();
    session.status = "paused";
  }

  async end(sessionId: string, reason: SessionEndReason, ifStale?: StaleCutoffs): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(sessionId);
    if (!session || session.status === "ended") return undefined;
    if (ifStale && !isStaleSession(session, this.clock(), ifStale)) return undefined;
    delete session.connectionId;
    Object.assign(session, { status: "ended", endedAt: new Date(this.clock()).toISOString(), endReason: reason, endAnnouncementPending: true });
    return structuredClone(session);
  }

  async markEndAnnounced(sessionId: string): Promise<void> {
    delete this.sessions.get(sessionId)?.endAnnouncementPending;
  }

  async listStale(cutoffs: StaleCutoffs): Promise<StaleSession[]> {
    const now = this.clock();
    return [...this.sessions.values()]
      .filter((s) => isStaleSession(s, now, cutoffs) || isEndUnannounced(s))
      .map((s) => ({ session: structuredClone(s), reason: staleReasonOf(s, now, cutoffs.disconnectedSinceMs) }));
  }

  async markTranscriptPublished(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session) session.transcriptPublishedAt = new Date(this.clock()).toISOString();
  }

  async countLive(): Promise<{ active: number; paused: number }> {
    const now = new Date(this.clock()).toISOString();
    const live = [...this.sessions.values()].filter((s) => s.endsAt > now);
    return { active: live.filter((s) => s.status === "active").length, paused: live.filter((s) => s.status === "paused").length };
  }

  private ofUser(userId: string): SessionRecord[] {
    return [...this.sessions.values()]
      .filter((s) => s.userId === userId)
      // Newest start first; ties (same millisecond) by id, so a page's cursor names one place in the order.
      .sort((a, b) => (a.startedAt !== b.startedAt ? (a.startedAt < b.startedAt ? 1 : -1) : a.sessionId < b.sessionId ? 1 : a.sessionId > b.sessionId ? -1 : 0))
      .map((s) => structuredClone(s));
  }
}
