// One teen's chat: the session, its transcript, the link, and what survives a reload (session id, last answered seq, outbox).
import type { ServerFrame, ServerFrames } from "@innerworld/events/protocol";
import { isSessionLive, type HttpApi } from "../api/httpApi";
import type { Say } from "../language/messages";
import { ChatConnection, type LinkState } from "./chatConnection";
import { wordsForError, wordsForStartError } from "./teenWords";
import { Transcript, type TranscriptEntry } from "./transcript";

export interface ChatSession {
  sessionId: string;
  /** The persona, or a group's first. */
  personaId: string;
  /** A group conversation's personas (2 or 3), in the session's order. */
  personaIds?: string[];
  /** The names the session's personas had when it started, as the server gave them (a persona may since be renamed or deleted). */
  personas?: { personaId: string; name: string }[];
  /** Set once the session has ended: the transcript stays readable, the composer goes. */
  ended?: { reason: string };
}

export interface RateLimitNotice {
  scope: "user" | "session" | "channel";
  /** Milliseconds since the epoch when sending is allowed again. */
  until: number;
}

/** A question about a chat the server asked ("How was this conversation?"), until it is answered or closed. */
export interface FeedbackPrompt {
  requestId: string;
  sessionId: string;
  question: string;
  options: string[];
  /** The choice the server recorded; the prompt then says thanks. */
  answered?: string;
  /** Sent and not yet recorded. */
  sending?: boolean;
}

export interface ChatSnapshot {
  link: LinkState;
  session: ChatSession | undefined;
  entries: TranscriptEntry[];
  /** What the persona is doing for the newest turn, for the typing line. */
  agentStatus: "thinking" | "typing" | undefined;
  /** Which persona that is, once the server says (in a group, each answering persona in turn). */
  agentPersonaId: string | undefined;
  rateLimit: RateLimitNotice | undefined;
  /** A problem in a teen's words, until the next action clears it. */
  problem: string | undefined;
  /** Waiting for session_started after picking a persona. */
  starting: boolean;
  /** Loading a session's history. */
  loading: boolean;
  feedback: FeedbackPrompt | undefined;
}

export type ChatListener = (snapshot: ChatSnapshot, completed: TranscriptEntry | undefined) => void;

interface StoredChat {
  session: ChatSession;
  lastAnsweredSeq: number;
  outbox: { clientMessageId: string; text: string }[];
}

const GAP_FILL_EVERY_MS = 1500;
/**
 * How long a sent message waits for its acknowledgement before it is marked "not sent" and the next one goes: the
 * gateway answers every message frame, but an answer can be lost (its function timed out and API Gateway said
 * "Internal server error" instead), and a queue behind a lost one would never move.
 */
const ACK_WAIT_MS = 15_000;
const GAP_FILL_FOR_MS = 90_000;

export interface ChatControllerOptions {
  websocketUrl: string;
  userId: string;
  token: () => string | undefined;
  api: HttpApi;
  /** Sent with start_session so safety notices name this country's helplines. */
  locale: string;
  /** The browser's IANA time zone, sent with start_session so "tomorrow" and "on Friday" mean the teen's days. */
  timeZone: string | undefined;
  /** The teen's language, for the problems the chat reports. */
  say: Say;
  /** A persona's name as the picker shows it, for a refused start that names the persona it refused. */
  personaName: (personaId: string) => string;
  onUnauthorized: () => void;
  /** A persona the teen's survey made is ready (`persona_ready`): the picker should list it as chattable now. */
  onPersonaReady?: (personaId: string) => void;
}

export class ChatController {
  private transcript = new Transcript();
  private session: ChatSession | undefined;
  private link: LinkState = "closed";
  private agentStatus: ChatSnapshot["agentStatus"];
  private agentPersonaId: string | undefined;
  private rateLimit: RateLimitNotice | undefined;
  private problem: string | undefined;
  private starting = false;
  private loading = false;
  private resumed = false;
  private feedback: FeedbackPrompt | undefined;
  /**
   * The message sent and not yet acknowledged. The gateway numbers messages in the order it handles them, and frames
   * sent back to back may be handled in any order, so the next message goes only once this one is acknowledged.
   */
  private onTheWire: string | undefined;
  private ackTimer: number | undefined;
  /** Personas picked while the link was still coming up: their chat starts when the link opens. */
  private pendingStart: readonly string[] | undefined;
  /** The personas of the start on its way, until session_started or a refusal answers it. */
  private startingWith: readonly string[] = [];
  private gapFillTimer: number | undefined;
  /** A resume refused for its rate, asked again after the wait. */
  private resumeTimer: number | undefined;
  private gapFillUntil = 0;
  private readonly listeners = new Set<ChatListener>();
  private readonly connection: ChatConnection;
  private readonly storageKey: string;

  constructor(private readonly options: ChatControllerOptions) {
    this.storageKey = `innerworld.chat.${options.userId}`;
    this.connection = new ChatConnection({
      websocketUrl: options.websocketUrl,
      token: options.token,
      tokenRefused: () => options.api.tokenRefused(),
      onFrame: (frame) => this.receive(frame),
      onOpen: () => this.linkOpened(),
      onState: (state) => {
        this.link = state;
        // A new socket starts with nothing on the wire: what was not acknowledged goes again after the resume.
        if (state !== "open") {
          this.resumed = false;
          this.releaseWire();
          // An answer to a feedback question sent on the lost socket may not have arrived: it can be given again.
          if (this.feedback?.sending) this.feedback = { ...this.feedback, sending: false };
        }
        if (this.pendingStart !== undefined && (state === "offline" || state === "unauthorized" || state === "closed")) {
          this.pendingStart = undefined;
          this.starting = false;
          this.problem = this.options.say("startOffline");
        }
        if (state === "unauthorized") options.onUnauthorized();
        this.changed();
      },
    });
  }

  /** Picks up the chat this tab had before a reload (history first, so resume asks only for what is missing), then connects. */
  async start(): Promise<void> {
    const stored = this.loadStored();
    if (stored) {
      this.session = stored.session;
      for (const message of stored.outbox) this.transcript.addOwnMessage(message.clientMessageId, message.text);
      await this.loadHistory(stored.session.sessionId);
    }
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
    window.clearTimeout(this.gapFillTimer);
    window.clearTimeout(this.ackTimer);
    window.clearTimeout(this.resumeTimer);
    this.listeners.clear();
  }

  subscribe(listener: ChatListener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot(), undefined);
    return () => this.listeners.delete(listener);
  }

  snapshot(): ChatSnapshot {
    return {
      link: this.link,
      session: this.session,
      entries: this.transcript.entries(),
      agentStatus: this.agentStatus,
      agentPersonaId: this.agentStatus ? this.agentPersonaId : undefined,
      rateLimit: this.rateLimit && this.rateLimit.until > Date.now() ? this.rateLimit : undefined,
      problem: this.problem,
      starting: this.starting,
      loading: this.loading,
      feedback: this.feedback,
    };
  }

  /** Starts a chat with one persona, or a group with 2 or 3 (`personaIds`, which the gateway wants different). */
  startSession(personaIds: readonly string[]): void {
    this.problem = undefined;
    this.starting = true;
    this.pendingStart = undefined;
    this.startingWith = personaIds;
    const [only] = personaIds;
    const who = personaIds.length === 1 && only !== undefined ? { personaId: only } : { personaIds: [...personaIds] };
    if (!this.connection.send({ type: "start_session", payload: { ...who, locale: this.options.locale, ...(this.options.timeZone ? { timeZone: this.options.timeZone } : {}) } })) {
      if (this.link === "connecting" || this.link === "reconnecting") {
        // The link is still coming up (a tap right after signing in): the chat starts as soon as it is open.
        this.pendingStart = personaIds;
      } else {
        this.starting = false;
        this.problem = this.options.say("startOffline");
      }
    }
    this.changed();
  }

  /** Opens one of the teen's sessions (from the sessions list): its history, and live replies if it is still active. */
  async openSession(session: ChatSession): Promise<void> {
    this.reset(session);
    await this.loadHistory(session.sessionId);
    if (!this.session?.ended) this.sendResume();
  }

  /** Back to the persona picker, leaving the session running on the server (it ends itself when idle). */
  leaveSession(): void {
    this.reset(undefined);
  }

  send(text: string): void {
    const content = text.trim();
    if (!this.session || this.session.ended || content.length === 0) return;
    this.problem = undefined;
    const clientMessageId = crypto.randomUUID();
    this.transcript.addOwnMessage(clientMessageId, content);
    this.store();
    this.sendMessage(clientMessageId, content);
    this.changed();
  }

  /** Sends a message a rate limit refused, once the limit allows. */
  resend(clientMessageId: string): void {
    const entry = this.transcript.resend(clientMessageId);
    if (!entry) return;
    this.problem = undefined;
    this.store();
    this.sendMessage(clientMessageId, entry.text);
    this.changed();
  }

  async endSession(): Promise<void> {
    const session = this.session;
    if (!session || session.ended) return;
    this.problem = undefined;
    if (this.connection.send({ type: "end_session", payload: { sessionId: session.sessionId } })) return;
    // Offline: the read API can end it too, and says so the same way.
    try {
      await this.options.api.endSession(session.sessionId);
      this.sessionEnded({ sessionId: session.sessionId, reason: "client_end" });
    } catch {
      this.problem = this.options.say("endOffline");
      this.changed();
    }
  }

  /** Answers the open feedback question with one of its options. */
  answerFeedback(choice: string): void {
    const prompt = this.feedback;
    if (!prompt || prompt.answered !== undefined || !prompt.options.includes(choice)) return;
    if (!this.connection.send({ type: "feedback_response", payload: { requestId: prompt.requestId, choice } })) {
      this.problem = this.options.say("feedbackOffline");
    } else this.feedback = { ...prompt, sending: true };
    this.changed();
  }

  /** Puts the feedback question away; the server offers an unanswered one again on a later chat. */
  dismissFeedback(): void {
    this.feedback = undefined;
    this.changed();
  }

  retryConnection(): void {
    this.connection.reconnectNow();
  }

  private sendMessage(clientMessageId: string, content: string) {
    if (!this.session) return;
    // Sent only once resumed, so the gateway has the session on this connection; until then it waits in the outbox.
    if (!this.resumed) return;
    // One at a time, in the order typed: this one waits in the outbox until the one on the wire is acknowledged.
    if (this.onTheWire !== undefined && this.onTheWire !== clientMessageId) return;
    if (!this.connection.send({ type: "message", payload: { sessionId: this.session.sessionId, content, stream: true, clientMessageId } })) return;
    this.onTheWire = clientMessageId;
    window.clearTimeout(this.ackTimer);
    this.ackTimer = window.setTimeout(() => {
      if (this.onTheWire !== clientMessageId) return;
      this.transcript.notSent(clientMessageId);
      this.problem = this.options.say("messageNotThrough");
      this.sendNextWaiting(clientMessageId);
      this.store();
      this.changed();
    }, ACK_WAIT_MS);
  }

  /** Nothing is on the wire any more (acknowledged, refused, or its socket gone), and no wait for it runs. */
  private releaseWire() {
    this.onTheWire = undefined;
    window.clearTimeout(this.ackTimer);
  }

  /** The message on the wire was acknowledged or refused: the next one waiting goes. */
  private sendNextWaiting(settled: string | undefined) {
    if (settled !== undefined && this.onTheWire !== settled) return;
    this.releaseWire();
    const next = this.transcript.unacknowledged()[0];
    if (next?.clientMessageId) this.sendMessage(next.clientMessageId, next.text);
  }

  private linkOpened() {
    if (this.session && !this.session.ended) this.sendResume();
    else this.resumed = true;
    if (this.pendingStart !== undefined && !this.session) this.startSession(this.pendingStart);
  }

  private sendResume() {
    if (!this.session || this.session.ended) return;
    this.connection.send({ type: "resume", payload: { sessionId: this.session.sessionId, afterSeq: this.afterSeq() } });
  }

  /** What this tab has already shown: the transcript's last answered turn, or what storage says if history is not in yet. */
  private afterSeq(): number {
    return Math.max(this.transcript.lastAnsweredSeq(), this.loadStored()?.lastAnsweredSeq ?? 0);
  }

  /** After a resume: the messages waiting go again, the first now and each next once the one before is acknowledged. */
  private flushOutbox() {
    this.sendNextWaiting(undefined);
  }

  private receive(frame: ServerFrame) {
    let completed: TranscriptEntry | undefined;
    const track = (change: { changed: boolean; completed?: TranscriptEntry }) => {
      if (change.completed) completed = change.completed;
      return change.changed;
    };
    switch (frame.type) {
      case "session_started": {
        const payload = frame.payload as ServerFrames["session_started"];
        this.starting = false;
        this.reset({ sessionId: payload.sessionId, personaId: payload.personaId, ...(payload.personaIds ? { personaIds: payload.personaIds } : {}), personas: payload.personas });
        this.resumed = true;
        break;
      }
      case "session_resumed": {
        const payload = frame.payload as ServerFrames["session_resumed"];
        if (payload.sessionId !== this.session?.sessionId) return;
        this.resumed = true;
        this.flushOutbox();
        this.startGapFill();
        break;
      }
      case "message_received": {
        const payload = frame.payload as ServerFrames["message_received"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.messageReceived(payload));
        this.agentStatus = "thinking";
        // Who answers a group's message is the server's choice: no name until it says.
        this.agentPersonaId = undefined;
        this.sendNextWaiting(payload.clientMessageId);
        break;
      }
      case "agent_status": {
        const payload = frame.payload as ServerFrames["agent_status"];
        if (!this.isCurrent(payload.sessionId)) return;
        // The turn's last frame (reply, stream_end, notice, error) clears the line: the server sends no idle.
        this.agentStatus = payload.status === "responding" ? "typing" : "thinking";
        this.agentPersonaId = payload.personaId;
        break;
      }
      case "stream_start": {
        const payload = frame.payload as ServerFrames["stream_start"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.streamStart(payload));
        this.agentStatus = "typing";
        this.agentPersonaId = payload.personaId;
        break;
      }
      case "stream_chunk": {
        const payload = frame.payload as ServerFrames["stream_chunk"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.streamChunk(payload));
        this.agentStatus = "typing";
        this.agentPersonaId = payload.personaId;
        break;
      }
      case "stream_end": {
        const payload = frame.payload as ServerFrames["stream_end"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.streamEnd(payload));
        break;
      }
      case "reply": {
        const payload = frame.payload as ServerFrames["reply"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.reply(payload));
        break;
      }
      case "safety_notice": {
        const payload = frame.payload as ServerFrames["safety_notice"];
        if (!this.isCurrent(payload.sessionId)) return;
        track(this.transcript.safetyNotice(payload));
        break;
      }
      case "rate_limit_exceeded": {
        const payload = frame.payload as ServerFrames["rate_limit_exceeded"];
        // A refused frame other than a message (a resume, a start, a read) leaves the messages alone: a flood of those
        // says to wait, not that a message failed.
        if (payload.frame !== undefined && payload.frame !== "message") {
          const waitMs = Math.max(1, payload.retryAfter) * 1000;
          this.rateLimit = { scope: payload.scope, until: Date.now() + waitMs };
          // A refused start is over: the teen starts again once the wait is done. A refused resume is asked again after
          // the wait, or the messages waiting for it would never go.
          if (payload.frame === "start_session") {
            this.starting = false;
            this.problem = wordsForError(this.options.say, "RATE_LIMITED");
          }
          if (payload.frame === "resume") {
            window.clearTimeout(this.resumeTimer);
            this.resumeTimer = window.setTimeout(() => this.sendResume(), waitMs);
          }
          break;
        }
        // The refusal names the message it refused; the first still sending, from a server that does not.
        this.transcript.notSent(payload.clientMessageId);
        this.sendNextWaiting(payload.clientMessageId);
        // The view counts down from `until`; the refused message waits, marked, to be sent again.
        this.rateLimit = { scope: payload.scope, until: Date.now() + Math.max(1, payload.retryAfter) * 1000 };
        break;
      }
      case "session_ended": {
        const payload = frame.payload as ServerFrames["session_ended"];
        this.sessionEnded(payload);
        return;
      }
      case "error": {
        const payload = frame.payload as ServerFrames["error"];
        // A refused start says which persona and why, in words about the chat the teen tried to start.
        if (this.starting && !this.session) {
          this.starting = false;
          this.problem = wordsForStartError(this.options.say, payload.code, { group: this.startingWith.length > 1, ...(payload.personaId ? { personaName: this.options.personaName(payload.personaId) } : {}) });
          break;
        }
        this.starting = false;
        // About another session than the one open (a turn of a chat the teen left): not this chat's problem.
        if (payload.sessionId && this.session && payload.sessionId !== this.session.sessionId) return;
        if ((payload.code === "SESSION_NOT_FOUND" || payload.code === "SESSION_NOT_ACTIVE") && this.session && (!payload.sessionId || payload.sessionId === this.session.sessionId)) {
          this.sessionEnded({ sessionId: this.session.sessionId, reason: "ended" });
          return;
        }
        // A message the gateway refused outright (empty, too long) will not be acknowledged: stop showing it as sending.
        // Any other refusal with no turn named, while a message is on the wire, is that message's: it is marked to send
        // again by hand (never automatically, which could repeat a refusal for ever), and the next one waiting goes.
        const aboutFeedback = payload.code.startsWith("FEEDBACK_") || payload.code === "INVALID_CHOICE";
        if (!payload.messageId && !aboutFeedback && this.onTheWire !== undefined) {
          this.transcript.notSent(this.onTheWire);
          this.sendNextWaiting(this.onTheWire);
        } else if (["EMPTY_CONTENT", "CONTENT_TOO_LONG", "FRAME_TOO_LARGE", "INVALID_FRAME"].includes(payload.code)) this.transcript.notSent();
        if (payload.messageId) {
          this.agentStatus = undefined;
          // The turn is over: a reply that was streaming for it gets no stream_end, and stops looking unfinished-but-coming.
          track(this.transcript.turnFailed(payload.messageId));
        }
        // The question was answered elsewhere or closed: it goes, and the teen hears why.
        if (aboutFeedback) this.feedback = undefined;
        this.problem = wordsForError(this.options.say, payload.code, { retryable: payload.retryable });
        break;
      }
      case "feedback_request": {
        const payload = frame.payload as ServerFrames["feedback_request"];
        // The server offers an open request again on every start and resume: one already on screen stays as it is.
        // One still sending when it is offered again was not recorded (the server offers only open ones): it can be given again.
        if (this.feedback?.requestId !== payload.requestId || this.feedback.sending === true) {
          this.feedback = { requestId: payload.requestId, sessionId: payload.sessionId, question: payload.question, options: payload.options };
        }
        break;
      }
      case "feedback_recorded": {
        const payload = frame.payload as ServerFrames["feedback_recorded"];
        if (this.feedback?.requestId === payload.requestId) this.feedback = { ...this.feedback, answered: payload.choice, sending: false };
        break;
      }
      case "persona_ready": {
        this.options.onPersonaReady?.((frame.payload as ServerFrames["persona_ready"]).personaId);
        return;
      }
      case "rate_limit_status":
      case "pong":
        return;
    }
    // A group turn counts as answered once its first reply is in; the next persona's status still shows.
    if (frame.type !== "agent_status" && this.transcript.awaitingReply().length === 0 && !this.transcript.isStreaming()) this.agentStatus = undefined;
    this.store();
    this.changed(completed);
  }

  private sessionEnded(payload: ServerFrames["session_ended"]) {
    if (!this.session || this.session.sessionId !== payload.sessionId) return;
    this.session = { ...this.session, ended: { reason: payload.reason } };
    this.agentStatus = undefined;
    this.forgetStored();
    this.changed();
  }

  /** After a resume, a reply may still be on its way into the table: ask the read API until every turn has its answer. */
  private startGapFill() {
    window.clearTimeout(this.gapFillTimer);
    this.gapFillUntil = Date.now() + GAP_FILL_FOR_MS;
    const check = async () => {
      const session = this.session;
      if (!session || this.transcript.awaitingReply().length === 0 || Date.now() > this.gapFillUntil) return;
      try {
        const messages = await this.options.api.sessionMessages(session.sessionId, this.transcript.lastAnsweredSeq());
        if (this.session?.sessionId !== session.sessionId) return;
        const change = this.transcript.loadHistory(messages);
        if (change.changed) {
          if (this.transcript.awaitingReply().length === 0) this.agentStatus = undefined;
          this.store();
          this.changed(this.transcript.entries().filter((e) => e.role !== "user").at(-1));
        }
      } catch {
        // Offline again, or the API is briefly unhappy: the next round, or the next resume, tries again.
      }
      this.gapFillTimer = window.setTimeout(() => void check(), GAP_FILL_EVERY_MS);
    };
    this.gapFillTimer = window.setTimeout(() => void check(), GAP_FILL_EVERY_MS);
  }

  private async loadHistory(sessionId: string) {
    this.loading = true;
    this.changed();
    try {
      const [summary, messages] = await Promise.all([this.options.api.getSession(sessionId), this.options.api.sessionMessages(sessionId)]);
      if (this.session?.sessionId !== sessionId) return;
      this.transcript.loadHistory(messages);
      if (!isSessionLive(summary)) this.session = { ...this.session, ended: { reason: summary.endReason ?? summary.status } };
      if (this.session.ended) this.forgetStored();
      else this.store();
    } catch {
      this.problem = this.options.say("earlierNotLoaded");
    } finally {
      this.loading = false;
      this.changed();
    }
  }

  private reset(session: ChatSession | undefined) {
    window.clearTimeout(this.gapFillTimer);
    this.releaseWire();
    this.pendingStart = undefined;
    this.transcript = new Transcript();
    this.session = session;
    this.agentStatus = undefined;
    this.problem = undefined;
    this.resumed = false;
    if (session && !session.ended) this.store();
    else this.forgetStored();
    this.changed();
  }

  private isCurrent(sessionId: string): boolean {
    return this.session?.sessionId === sessionId;
  }

  private store() {
    if (!this.session || this.session.ended) return;
    const stored: StoredChat = {
      session: this.session,
      lastAnsweredSeq: this.transcript.lastAnsweredSeq(),
      outbox: this.transcript.unacknowledged().map((e) => ({ clientMessageId: e.clientMessageId ?? "", text: e.text })),
    };
    sessionStorage.setItem(this.storageKey, JSON.stringify(stored));
  }

  private loadStored(): StoredChat | undefined {
    try {
      const stored = JSON.parse(sessionStorage.getItem(this.storageKey) ?? "null") as StoredChat | null;
      return stored && typeof stored.session?.sessionId === "string" ? stored : undefined;
    } catch {
      return undefined;
    }
  }

  /** Drops what this tab kept of the chat (its session, unsent messages): the chat ended, signed out, or the account is gone. */
  forgetStored(): void {
    sessionStorage.removeItem(this.storageKey);
  }

  private changed(completed?: TranscriptEntry) {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot, completed);
  }
}
