// The gateway's logic: validates, authorises and rate-limits client frames, then starts sagas by publishing events.
import { randomUUID } from "node:crypto";
import type { ClientMessageLog, ReceivedTurn } from "@innerworld/conversation/client-messages";
import type { ConnectionStore } from "@innerworld/conversation/connections";
import type { MessageStore } from "@innerworld/conversation/messages";
import type { TurnOutcomes } from "@innerworld/conversation/turns";
import {
  SessionLimitError,
  SessionNotActiveError,
  isEndUnannounced,
  isSessionLive,
  type SessionEndReason,
  type SessionPersona,
  type SessionRecord,
  type SessionStore,
  type StaleCutoffs,
} from "@innerworld/conversation/sessions";
import type { BucketSpec, RateLimiter } from "@innerworld/conversation/rate-limits";
import type { Clock } from "@innerworld/platform/clock";
import { CHATTABLE_STATUSES, type PersonaStore } from "@innerworld/personas/store";
import type { ConnectionPusher, PushResult } from "@innerworld/platform/delivery";
import {
  MAX_CONTENT_CHARS,
  serverFrame,
  type ClientFrame,
  type ErrorCode,
  type Publisher,
  type ServerFrames,
  type ServerFrameType,
} from "@innerworld/events";
import { isFeedbackError, type FeedbackStore } from "@innerworld/conversation/feedback";
import { parseClientFrame } from "./frames";
import { storedSafetyNotice } from "./safetyNotices";
import { failureShownKey } from "@innerworld/conversation/turn-failure";
import { sessionBucketKey } from "./keys";
import { createFeedbackDesk, type FeedbackDesk } from "./feedback";

/** What the gateway knows of the token that opened a socket, as far as a frame needs it. */
export interface ConnectionToken {
  /** True when the token was issued at or before its account's erasure (one consistent read of the tombstone). */
  issuedBeforeErasure?: () => Promise<boolean>;
}

export interface GatewayLimits {
  userPerMinute: number;
  sessionPerMinute: number;
  channelPerMinute: number;
  maxActiveSessions: number;
  /**
   * Frames other than messages and pings (start_session, end_session, resume, read, get_rate_limit_status,
   * feedback_response) a user may send a minute over all their sockets: each does store work, and a flood of them must
   * not slow everyone else. Generous for a real client: a reconnect after a blip sends a resume per session and a status.
   */
  framesPerMinute: number;
  idleSeconds: number;
  disconnectGraceSeconds: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  userPerMinute: 30,
  sessionPerMinute: 10,
  channelPerMinute: 20,
  maxActiveSessions: 3,
  framesPerMinute: 120,
  idleSeconds: 15 * 60,
  disconnectGraceSeconds: 60,
};

/** What starting a turn needs beyond its session. */
interface StartingTurn {
  messageId: string;
  seq: number;
  connectionId: string;
  content: string;
  stream: boolean;
  receivedAt: string;
  clientMessageId?: string;
}

export interface GatewayPorts {
  connections: ConnectionStore;
  sessions: SessionStore;
  messages: MessageStore;
  rateLimiter: RateLimiter;
  /** The clientMessageIds already received, so a message resent after a lost ack is acknowledged, not answered twice. */
  clientMessages: ClientMessageLog;
  /** Where personas are looked up. */
  personas: PersonaStore;
  feedback: FeedbackStore;
  publisher: Publisher;
  clock: Clock;
  /** Present where frames can be pushed (resume replays replies, feedback is offered). */
  pusher?: ConnectionPusher;
  /** Where a resume tells the turns still in flight that their session moved, so their replies follow it. */
  outcomes: Pick<TurnOutcomes, "moveTo" | "get">;
  limits?: Partial<GatewayLimits>;
  /** Where a failure the gateway rides over (a feedback offer not pushed) is logged. */
  warn?: (message: string, extra: Record<string, unknown>) => void;
}

/** A frame to send back on the same connection, as a route response. */
export type Reply = string;

/** Format characters (Unicode Cf: zero-width spaces and joiners, the byte-order mark, direction marks). */
const INVISIBLE = /\p{Cf}/gu;

/**
 * How recent a user turn must be for a resume to move it with the session. A turn ends within its deadline (the
 * watchdog times it out then, and a reply after that is kept for resume, never pushed); a retried generation may answer
 * up to its 6-minute visibility timeout later. A quarter of an hour covers both with room for a backlog.
 */
const IN_FLIGHT_WINDOW_MS = 15 * 60 * 1000;

const frame = <T extends ServerFrameType>(type: T, payload: ServerFrames[T]): Reply => serverFrame(type, payload);

export const errorFrame = (code: ErrorCode, message: string, extra: { retryable?: boolean; sessionId?: string; messageId?: string; personaId?: string } = {}): Reply =>
  frame("error", {
    code,
    message,
    retryable: extra.retryable ?? false,
    ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
    ...(extra.messageId ? { messageId: extra.messageId } : {}),
    ...(extra.personaId ? { personaId: extra.personaId } : {}),
  });

/** What endAndAnnounce did: whether this call ended the session, and the session as it stands now (undefined: no such session). */
export interface EndOutcome {
  ended: boolean;
  session: SessionRecord | undefined;
}

export class ChatGateway {
  readonly limits: GatewayLimits;
  readonly feedback: FeedbackDesk;
  private readonly connections: ConnectionStore;
  private readonly sessions: SessionStore;
  private readonly messages: MessageStore;
  private readonly rateLimiter: RateLimiter;
  private readonly personas: PersonaStore;
  private readonly clientMessages: ClientMessageLog;
  private readonly clock: Clock;

  constructor(private readonly ports: GatewayPorts) {
    this.limits = { ...DEFAULT_LIMITS, ...ports.limits };
    ({ connections: this.connections, sessions: this.sessions, messages: this.messages, rateLimiter: this.rateLimiter, personas: this.personas } = ports);
    ({ clientMessages: this.clientMessages, clock: this.clock } = ports);
    this.feedback = createFeedbackDesk({
      feedback: ports.feedback,
      sessions: this.sessions,
      publisher: ports.publisher,
      clock: this.clock,
      ...(ports.pusher ? { pusher: ports.pusher } : {}),
    });
  }

  async connect(connectionId: string, userId: string): Promise<void> {
    await this.connections.open(connectionId, userId);
  }

  /**
   * The connection is gone; its sessions wait a grace period for a resume before the sweep ends them. Background work:
   * one store call at a time, with `between` (live frames first) before each of the next.
   */
  async disconnect(connectionId: string, userId: string, between: () => Promise<void> = async () => undefined): Promise<void> {
    await this.connections.close(connectionId);
    await between();
    for (const session of await this.sessions.listActiveOnConnection(userId, connectionId)) {
      await between();
      await this.sessions.markDisconnected(session.sessionId, connectionId);
    }
  }

  /**
   * One client frame. `token.issuedBeforeErasure` says whether the token that opened this socket predates its account's
   * erasure (DELETE /me): such a socket, one the erasure could not close, starts no new session.
   */
  async handle(connectionId: string, userId: string, body: string | undefined, token: ConnectionToken = {}): Promise<Reply> {
    const parsed = parseClientFrame(body);
    if (!parsed.ok) return errorFrame(parsed.code, parsed.message);
    try {
      return await this.dispatch(connectionId, userId, parsed.frame, token);
    } catch (error) {
      if (error instanceof SessionLimitError) return errorFrame("SESSION_LIMIT_REACHED", error.message);
      throw error;
    }
  }

  private async dispatch(connectionId: string, userId: string, clientFrame: ClientFrame, token: ConnectionToken): Promise<Reply> {
    // Messages draw on their own buckets (receiveMessage); a ping does no work. Every other frame is counted, one
    // conditional write, before it does any.
    if (clientFrame.type !== "message" && clientFrame.type !== "ping") {
      const decision = await this.rateLimiter.admit({ scope: "frames", key: userId, perMinute: this.limits.framesPerMinute });
      if (!decision.allowed) {
        const sessionId = clientFrame.payload && "sessionId" in clientFrame.payload ? clientFrame.payload.sessionId : undefined;
        return frame("rate_limit_exceeded", { scope: "user", retryAfter: decision.retryAfter, limit: decision.limit, frame: clientFrame.type, ...(sessionId ? { sessionId } : {}) });
      }
    }
    switch (clientFrame.type) {
      case "ping":
        return frame("pong", { serverTime: new Date(this.clock()).toISOString() });
      case "start_session":
        // One read a session, not a turn: the erasure ended every session it found, so frames about them find nothing.
        if (await token.issuedBeforeErasure?.()) return errorFrame("FORBIDDEN", "This account's data was erased: sign in again to start over");
        return this.startSession(connectionId, userId, clientFrame.payload.personaIds ?? [clientFrame.payload.personaId ?? ""], clientFrame.payload.locale, clientFrame.payload.timeZone);
      case "message":
        return this.receiveMessage(connectionId, userId, clientFrame.payload);
      case "end_session":
        return this.endSession(userId, clientFrame.payload.sessionId);
      case "get_rate_limit_status":
        return this.rateLimitStatus(connectionId, userId, clientFrame.payload?.sessionId);
      case "resume":
        return this.resume(connectionId, userId, clientFrame.payload.sessionId, clientFrame.payload.afterSeq);
      case "read":
        return this.markRead(userId, clientFrame.payload.sessionId, clientFrame.payload.upToSeq);
      case "feedback_response":
        return this.answerFeedback(connectionId, userId, clientFrame.payload);
    }
  }

  /** Read receipt: every reply up to `upToSeq` the teen has now seen moves to read (never back from it). */
  private async markRead(userId: string, sessionId: string, upToSeq: number): Promise<Reply> {
    const owned = await this.ownedSession(userId, sessionId);
    if (typeof owned === "string") return owned;
    let updated = 0;
    for (const message of await this.messages.listSession(sessionId)) {
      if (message.seq > upToSeq) break;
      if (message.role !== "assistant" || message.status === "read") continue;
      if (await this.messages.setStatus(sessionId, message.seq, "assistant", "read", ["screened", "delivered", "undelivered"])) updated += 1;
    }
    return frame("messages_read", { sessionId, upToSeq, updated });
  }

  private async answerFeedback(connectionId: string, userId: string, payload: { requestId: string; choice: string; comment?: string | undefined }): Promise<Reply> {
    try {
      const outcome = await this.feedback.answer({ userId, requestId: payload.requestId, choice: payload.choice, comment: payload.comment, channel: "websocket", correlationId: connectionId });
      const { sessionId } = outcome.request;
      if (outcome.safetyNotice) return frame("safety_notice", { sessionId, messageId: payload.requestId, seq: 0, ...outcome.safetyNotice });
      return frame("feedback_recorded", { requestId: payload.requestId, sessionId, choice: payload.choice });
    } catch (error) {
      if (!isFeedbackError(error)) throw error;
      return errorFrame(error.code, error.message);
    }
  }

  /**
   * Starts a session with one persona, or a group with 2 or 3. Each must be a built-in or the user's own; another
   * user's persona is refused exactly like one that does not exist, so ids cannot be probed.
   */
  private async startSession(connectionId: string, userId: string, personaIds: string[], locale?: string, timeZone = "UTC"): Promise<Reply> {
    const personas: SessionPersona[] = [];
    for (const personaId of personaIds) {
      const record = await this.personas.get(personaId);
      // The refusal names the persona (the id the client sent), so a group's client can say which one to swap.
      if (!record || (!record.builtIn && record.ownerId !== userId)) return errorFrame("UNKNOWN_PERSONA", `No persona "${personaId}"`, { personaId });
      if (!CHATTABLE_STATUSES.includes(record.status)) return errorFrame("PERSONA_NOT_READY", `Persona "${personaId}" is still being made (${record.status})`, { retryable: true, personaId });
      personas.push({ personaId, name: record.name });
    }
    const [first] = personas;
    if (!first) return errorFrame("INVALID_FRAME", "start_session needs a persona");
    const group = personas.length > 1 ? personas.map((p) => p.personaId) : undefined;
    const session = await this.sessions.start({
      userId,
      personaId: first.personaId,
      ...(group ? { personaIds: group } : {}),
      personas,
      connectionId,
      maxActive: this.limits.maxActiveSessions,
      ...(locale ? { locale } : {}),
      timeZone,
    });
    await this.ports.publisher.publish({
      type: "SessionStarted",
      correlationId: session.sessionId,
      userId,
      sessionId: session.sessionId,
      data: { sessionId: session.sessionId, personaId: first.personaId, ...(group ? { personaIds: group } : {}), connectionId, startedAt: session.startedAt, expiresAt: session.endsAt, timeZone },
    });
    await this.offerFeedback(userId, connectionId);
    return frame("session_started", { sessionId: session.sessionId, personaId: first.personaId, ...(group ? { personaIds: group } : {}), personas, expiresAt: session.endsAt, timeZone });
  }

  /**
   * A persona was deleted: every active session of the user that has it ends with reason `persona_deleted`, and the
   * client hears so on the session's connection. Returns the ended sessions' ids.
   */
  async endSessionsWithPersona(userId: string, personaId: string): Promise<string[]> {
    const ended: string[] = [];
    for (const session of (await this.sessions.listActiveByUser(userId)).filter((s) => s.personaId === personaId || (s.personaIds ?? []).includes(personaId))) {
      if (!(await this.endAndAnnounce(session, "persona_deleted")).ended) continue;
      ended.push(session.sessionId);
      if (session.connectionId && this.ports.pusher) {
        await this.ports.pusher.push(session.connectionId, frame("session_ended", { sessionId: session.sessionId, reason: "persona_deleted" })).catch(() => "gone");
      }
    }
    return ended;
  }

  /**
   * Loads a session the user owns; the error frame says why not otherwise. Another user's session answers exactly
   * like a missing one, so session ids cannot be probed.
   */
  private async ownedSession(userId: string, sessionId: string): Promise<SessionRecord | Reply> {
    const session = await this.sessions.get(sessionId);
    if (!session || session.userId !== userId) return errorFrame("SESSION_NOT_FOUND", `No session ${sessionId}`, { sessionId });
    return session;
  }

  private sessionBucket(userId: string, sessionId: string): BucketSpec {
    // Keyed by the sender too: messages aimed at someone else's session spend only the sender's tokens.
    return { scope: "session", key: sessionBucketKey(userId, sessionId), perMinute: this.limits.sessionPerMinute, heldBy: { scope: "user", key: userId } };
  }

  /** The connection's bucket: only its own (authenticated) user draws from it, so the user's record keeps it. */
  private channelBucket(userId: string, connectionId: string): BucketSpec {
    return { scope: "channel", key: connectionId, perMinute: this.limits.channelPerMinute, heldBy: { scope: "user", key: userId } };
  }

  /** All three in the user's record: one read and one conditional write per message. */
  private buckets(userId: string, connectionId: string, sessionId?: string): BucketSpec[] {
    return [{ scope: "user", key: userId, perMinute: this.limits.userPerMinute }, ...(sessionId ? [this.sessionBucket(userId, sessionId)] : []), this.channelBucket(userId, connectionId)];
  }

  private async receiveMessage(
    connectionId: string,
    userId: string,
    payload: { sessionId: string; content: string; stream?: boolean | undefined; clientMessageId?: string | undefined },
  ): Promise<Reply> {
    const content = payload.content.trim();
    const { sessionId, clientMessageId } = payload;
    // Invisible characters alone (zero-width spaces, joiners, a byte-order mark) are no text either.
    if (content.replace(INVISIBLE, "").trim().length === 0) return errorFrame("EMPTY_CONTENT", "A message needs some text", { sessionId });
    // Characters as the teen counts them: an emoji is one (JavaScript's length counts two).
    if ([...content].length > MAX_CONTENT_CHARS) return errorFrame("CONTENT_TOO_LONG", `A message may have at most ${MAX_CONTENT_CHARS} characters`, { sessionId });

    const clientMessage = clientMessageId ? { userId, sessionId, clientMessageId } : undefined;
    if (clientMessage) {
      const seen = await this.clientMessages.find(clientMessage);
      if (seen) return this.resent(connectionId, userId, seen, { content, stream: payload.stream ?? false, clientMessageId: clientMessage.clientMessageId });
    }

    const decision = await this.rateLimiter.take(this.buckets(userId, connectionId, sessionId));
    // Said of one message: a client that sent several at once must know which one to send again.
    if (!decision.allowed) return frame("rate_limit_exceeded", { scope: decision.scope, retryAfter: decision.retryAfter, limit: decision.limit, sessionId, ...(clientMessageId ? { clientMessageId } : {}) });

    let session: SessionRecord;
    try {
      session = await this.sessions.nextTurn(sessionId, userId, connectionId);
    } catch (error) {
      if (!(error instanceof SessionNotActiveError)) throw error;
      const owned = await this.ownedSession(userId, sessionId);
      return typeof owned === "string" ? owned : errorFrame("SESSION_NOT_ACTIVE", `Session ${sessionId} has ended`, { sessionId });
    }
    const seq = session.lastSeq;
    const messageId = randomUUID();
    // Two deliveries of the same message racing: the one that records it first is the turn; the other is told so.
    if (clientMessage && !(await this.clientMessages.remember(clientMessage, { messageId, sessionId, seq }))) {
      const seen = await this.clientMessages.find(clientMessage);
      if (seen) return frame("message_received", { sessionId, messageId: seen.messageId, seq: seen.seq, clientMessageId: clientMessage.clientMessageId, duplicate: true });
    }
    const receivedAt = new Date(this.clock()).toISOString();
    await this.startTurn(session, { messageId, seq, connectionId, content, stream: payload.stream ?? false, receivedAt, ...(clientMessageId ? { clientMessageId } : {}) });
    return frame("message_received", { sessionId, messageId, seq, ...(clientMessageId ? { clientMessageId } : {}) });
  }

  /**
   * Stores the teen's side of the turn and publishes MessageReceived. The message is kept here, before the turn starts,
   * rather than by storage hearing of MessageReceived (a delivery, an erasure check and a put): the session was just
   * found live and theirs, and the turn's later steps (a reply, a notice, a failure) find the message stored. The
   * event's id is a function of the messageId, so running this again for the same turn (a resend after a failed write
   * or publish, see `resent`) publishes the same event, which every consumer deduplicates.
   */
  private async startTurn(session: SessionRecord, turn: StartingTurn): Promise<void> {
    const { messageId, seq, connectionId, content, stream, receivedAt, clientMessageId } = turn;
    const { sessionId, userId } = session;
    await this.messages.putOnce({ sessionId, seq, role: "user", messageId, userId, personaId: session.personaId, content, status: "received", createdAt: receivedAt });
    await this.ports.publisher.publish({
      type: "MessageReceived",
      correlationId: messageId,
      userId,
      sessionId,
      deduplicationKey: messageId,
      data: {
        messageId,
        sessionId,
        seq,
        personaId: session.personaId,
        ...(session.personaIds ? { personaIds: session.personaIds } : {}),
        connectionId,
        content,
        stream,
        ...(session.locale ? { locale: session.locale } : {}),
        receivedAt,
        ...(clientMessageId ? { clientMessageId } : {}),
      },
    });
  }

  /**
   * A clientMessageId already recorded. The id is recorded before the message is stored and MessageReceived published,
   * so a write or publish that failed (the client was told INTERNAL_ERROR, retryable) or a gateway that died between
   * the steps leaves a recorded id without a running turn. While the stored message is missing or still `received`
   * (nothing downstream has screened it), the resend runs the turn's start again: the same messageId and seq, the same
   * event id, so a turn that did start is deduplicated by its consumers and one that did not now starts. A message
   * screened or past is a plain duplicate.
   */
  private async resent(connectionId: string, userId: string, seen: ReceivedTurn, resend: { content: string; stream: boolean; clientMessageId: string }): Promise<Reply> {
    const { sessionId, messageId, seq } = seen;
    const ack = frame("message_received", { sessionId, messageId, seq, clientMessageId: resend.clientMessageId, duplicate: true });
    const stored = await this.messages.get(sessionId, seq, "user");
    if (stored && stored.status !== "received") return ack;
    // An allowed message stays `received`; a turn that already ended (a reply shown, a notice, a failure, the watchdog's
    // timeout) is the duplicate it looks like, whether or not its session is still live: nothing is run again.
    if (await this.ports.outcomes.get(messageId)) return ack;
    const session = await this.sessions.get(sessionId);
    if (!session || session.userId !== userId) return ack;
    if (!isSessionLive(session, this.clock())) return errorFrame("SESSION_NOT_ACTIVE", `Session ${sessionId} has ended`, { sessionId });
    await this.startTurn(session, {
      messageId,
      seq,
      connectionId,
      content: stored?.content ?? resend.content,
      stream: resend.stream,
      receivedAt: stored?.createdAt ?? new Date(this.clock()).toISOString(),
      clientMessageId: resend.clientMessageId,
    });
    return ack;
  }

  private async endSession(userId: string, sessionId: string): Promise<Reply> {
    const owned = await this.ownedSession(userId, sessionId);
    if (typeof owned === "string") return owned;
    const { session } = await this.endAndAnnounce(owned, "client_end");
    return frame("session_ended", { sessionId, reason: session?.endReason ?? "client_end" });
  }

  /**
   * Ends a session once and publishes SessionEnded. A session that had already ended is not ended again, but if its
   * end was never announced (the publish failed, or the gateway died before it), it is announced now. With `ifStale`
   * (the sweep), a session that became live again since the scan is left live.
   */
  async endAndAnnounce(session: SessionRecord, reason: SessionEndReason, ifStale?: StaleCutoffs): Promise<EndOutcome> {
    const ended = await this.sessions.end(session.sessionId, reason, ifStale);
    if (ended) {
      await this.announceEnd(ended);
      return { ended: true, session: ended };
    }
    // Ended by someone else, or live again: what the caller reports is the session as it now stands.
    const current = await this.sessions.get(session.sessionId);
    if (current && isEndUnannounced(current)) await this.announceEnd(current);
    return { ended: false, session: current };
  }

  /**
   * Publishes an ended session's SessionEnded, then records that it went out. The event's id is a function of the
   * session id, so announcing again (a retried end, the sweep, both racing) publishes the same event, which every
   * consumer deduplicates; its data comes from the stored end, so it is the same each time too.
   */
  private async announceEnd(ended: SessionRecord): Promise<void> {
    await this.ports.publisher.publish({
      type: "SessionEnded",
      correlationId: ended.sessionId,
      userId: ended.userId,
      sessionId: ended.sessionId,
      deduplicationKey: ended.sessionId,
      data: { sessionId: ended.sessionId, personaId: ended.personaId, reason: ended.endReason ?? "client_end", endedAt: ended.endedAt ?? new Date(this.clock()).toISOString() },
    });
    await this.sessions.markEndAnnounced(ended.sessionId);
  }

  private async rateLimitStatus(connectionId: string, userId: string, sessionId?: string): Promise<Reply> {
    if (sessionId) {
      const owned = await this.ownedSession(userId, sessionId);
      if (typeof owned === "string") return owned;
    }
    const [user, session, channel] = await Promise.all([
      this.rateLimiter.status({ scope: "user", key: userId, perMinute: this.limits.userPerMinute }),
      sessionId ? this.rateLimiter.status(this.sessionBucket(userId, sessionId)) : undefined,
      this.rateLimiter.status(this.channelBucket(userId, connectionId)),
    ]);
    const view = (b: { limit: number; remaining: number; retryAfter: number }) => ({ limit: b.limit, remaining: b.remaining, retryAfter: b.retryAfter });
    return frame("rate_limit_status", { user: view(user), channel: view(channel), ...(session ? { session: view(session) } : {}) });
  }

  /** Re-binds a session to this connection and pushes every reply after `afterSeq` this connection has not been shown. */
  private async resume(connectionId: string, userId: string, sessionId: string, afterSeq: number): Promise<Reply> {
    const owned = await this.ownedSession(userId, sessionId);
    if (typeof owned === "string") return owned;
    const live = isSessionLive(owned, this.clock());
    // The session moves first, then the messages are listed: a turn not in the listing was claimed after it, and a
    // notifier whose push finds that turn's old connection gone reads the session, which is on this connection by then.
    if (live) await this.sessions.attach(sessionId, connectionId);
    let stored = await this.messages.listSession(sessionId);
    if (live) {
      // Turns that may still be in flight follow the session: whoever claims one later pushes to this connection, not
      // to the one it came in on, which may still look open. That is every recent user turn not failed, whatever its
      // status or stored answers say: a crisis turn is stored as `crisis` with its notice before the notifier has pushed
      // that notice, and a group turn's first reply is stored before its siblings are pushed. Marking a turn already
      // decided changes nothing.
      const since = this.clock() - IN_FLIGHT_WINDOW_MS;
      const inFlight = stored.filter((m) => m.role === "user" && m.status !== "failed" && Date.parse(m.createdAt) >= since);
      const before = await Promise.all(inFlight.map((turn) => this.ports.outcomes.moveTo(turn.messageId, connectionId)));
      // A reply whose push found the old connection gone before its turn was marked here will not look for this
      // connection. Its notifier kept it in the messages table before settling `nowhere`, and the mark came after that
      // settle (both write the turn's one item), so a listing made now has it even where the one above did not
      // (notifyClient.ts, findTheTeen, has the whole argument). Listed again only then: a resume costs no more otherwise.
      const replied = new Set(stored.map((m) => m.replyId));
      if (before.some((outcome) => outcome?.settledAs === "nowhere" && !replied.has(outcome.decidedBy))) stored = await this.messages.listSession(sessionId);
    }
    // Every reply or notice after afterSeq this connection has not been shown, and, in turn order among them, a turn
    // that failed while the client was away: it ends in the error it would have been shown live. A failed turn whose
    // late reply is stored ends in that reply instead.
    const answered = new Set(stored.filter((m) => m.role === "assistant").map((m) => m.seq));
    const missed = stored.filter((m) => m.seq > afterSeq && (m.role === "assistant" || (m.status === "failed" && m.failure !== undefined && !answered.has(m.seq))));
    let replayed = 0;
    for (const message of missed) {
      if (!this.ports.pusher) break;
      if (message.role === "user") {
        if (!message.failure || !(await this.connections.markShown(connectionId, failureShownKey(message.messageId)))) continue;
        const told = await this.pushMarked(connectionId, failureShownKey(message.messageId), frame("error", { ...message.failure, sessionId, messageId: message.messageId, resumed: true }));
        if (told === "gone") break;
        replayed += 1;
        continue;
      }
      // A reply this connection was already shown (by the notifier, or by an earlier resume) is not shown again.
      if (!(await this.connections.markShown(connectionId, message.replyId ?? message.messageId))) continue;
      // A safety notice comes back as the notice it was, helplines and all, not as a persona's words.
      const notice = storedSafetyNotice(message, owned.locale);
      const pushed = await this.pushMarked(
        connectionId,
        message.replyId ?? message.messageId,
        notice
          ? frame("safety_notice", { sessionId, messageId: message.messageId, seq: message.seq, text: message.content, ...notice, resumed: true })
          : frame("reply", {
          sessionId,
          messageId: message.messageId,
          replyId: message.replyId ?? message.messageId,
          seq: message.seq,
          text: message.content,
          personaId: message.personaId,
          ...(message.personaName ? { personaName: message.personaName } : {}),
          ...(message.replyIndex ? { replyIndex: message.replyIndex } : {}),
          model: message.model ?? "unknown",
          replaced: message.replaced ?? false,
          resumed: true,
        }),
      );
      if (pushed === "gone") break;
      replayed += 1;
      // Shown now, unless the teen has read it already: a read reply never goes back to delivered.
      await this.messages.setStatus(sessionId, message.seq, "assistant", "delivered", ["screened", "undelivered"], message.replyIndex ?? 0);
    }
    await this.offerFeedback(userId, connectionId);
    return frame("session_resumed", { sessionId, afterSeq, lastSeq: owned.lastSeq, replayed });
  }

  /**
   * Pushes a frame this connection was just marked as shown (`markShown`): if the push fails, the mark is taken back,
   * so the client's retry of the resume shows it rather than skipping it for good.
   */
  private async pushMarked(connectionId: string, shownKey: string, outgoing: string): Promise<PushResult> {
    const pusher = this.ports.pusher;
    if (!pusher) return "gone";
    try {
      return await pusher.push(connectionId, outgoing);
    } catch (error) {
      // The push's failure is what the client is told; a failure to take the mark back is only logged.
      await this.connections.unmarkShown(connectionId, shownKey).catch((unmarkError: unknown) =>
        this.ports.warn?.("shown mark not taken back", { connectionId, shownKey, error: unmarkError instanceof Error ? unmarkError.message : String(unmarkError) }),
      );
      throw error;
    }
  }

  /**
   * Offers the user's open feedback requests on this connection, as a courtesy after a session starts or resumes: a
   * failure here (a push throttled) must not turn a session that did start into an error the client cannot act on.
   */
  private async offerFeedback(userId: string, connectionId: string): Promise<void> {
    try {
      await this.feedback.offerOpen(userId, connectionId);
    } catch (error) {
      this.ports.warn?.("feedback offer failed", { userId, connectionId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Ends idle, expired and long-disconnected sessions, announces ends whose announcement was lost, and closes feedback
   * requests past their 48 hours; run on a schedule. Returns how many sessions it ended.
   */
  async sweep(): Promise<number> {
    const now = this.clock();
    const cutoffs: StaleCutoffs = { idleSinceMs: now - this.limits.idleSeconds * 1000, disconnectedSinceMs: now - this.limits.disconnectGraceSeconds * 1000 };
    let ended = 0;
    // Each end holds the scan's cutoffs as its condition: a message handled since the scan keeps its session live.
    for (const { session, reason } of await this.sessions.listStale(cutoffs)) if ((await this.endAndAnnounce(session, reason, cutoffs)).ended) ended += 1;
    await this.feedback.expireDue();
    return ended;
  }
}
