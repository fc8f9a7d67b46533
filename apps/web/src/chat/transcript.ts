// One chat's transcript as the teen sees it, built from frames and history in any order: one entry per turn side (and
// in a group, per persona that answered), never two.
import type { ServerFrames } from "@innerworld/events/protocol";
import type { Helpline } from "./helplines";

export type EntryRole = "user" | "assistant" | "notice";

export type EntryState =
  /** Written, not yet acknowledged by the gateway (queued while offline, or on its way). */
  | "sending"
  /** Acknowledged with a messageId and seq. */
  | "sent"
  /** Refused (a rate limit): shown so the teen can send it again. */
  | "not_sent"
  | "streaming"
  | "complete"
  /** Streamed text the final screening replaced with a safe reply. */
  | "retracted"
  /**
   * Streamed text whose turn failed before the stream ended (an `error` naming the turn: it timed out, or the model
   * gave up): kept as far as it came, marked unfinished. A reply that comes later for the turn (a resume, history)
   * replaces it.
   */
  | "interrupted";

export interface TranscriptEntry {
  /**
   * Stable across frames and reloads: `user:<messageId|clientMessageId>`, `reply:<messageId>:<personaId>`,
   * `notice:<messageId>`. A reply is told from its turn's other replies by its persona: a group's personas are all
   * different, and the persona is on every copy of a reply (stream frames carry no replyIndex, history no replyId).
   */
  key: string;
  role: EntryRole;
  text: string;
  state: EntryState;
  /** The turn's number in the session; a reply has the seq of the message it answers. */
  seq?: number;
  /** The turn's id: the user's message and its reply or notice share it. */
  messageId?: string;
  clientMessageId?: string;
  helplines?: Helpline[];
  /** Who wrote a reply, and the name it had then (replies and history name it; stream frames give only the id). */
  personaId?: string;
  personaName?: string;
  /** A reply's place among its turn's replies (a group turn has one per persona that answers). */
  replyIndex?: number;
  /** A message whose turn ended in an error (the teen was told): it waits for no reply, though one may still come. */
  failed?: boolean;
}

/** Who wrote a reply, as much as the frame or message that brought it says. */
interface Speaker {
  personaId?: string;
  personaName?: string;
  replyIndex?: number;
}

/** A message as the read API returns it (`GET /sessions/{id}/messages`). */
export interface HistoryMessage {
  seq: number;
  role: "user" | "assistant";
  messageId: string;
  content: string;
  status?: string;
  /** Set on the assistant's side of a turn that safety answered: the notice the teen was shown, helplines and all. */
  safetyNotice?: { categories: string[]; resources: Helpline[] };
  /** A reply's persona, its name when it spoke, and its place among the turn's replies. */
  personaId?: string;
  personaName?: string;
  replyIndex?: number;
}

/** What a change did, so the view can announce new replies and notices and nothing else. */
export interface TranscriptChange {
  changed: boolean;
  /** An assistant reply or notice that just became complete (for screen readers). */
  completed?: TranscriptEntry;
}

const NO_CHANGE: TranscriptChange = { changed: false };
const ROLE_ORDER: Record<EntryRole, number> = { user: 0, notice: 1, assistant: 2 };

export class Transcript {
  private readonly items: TranscriptEntry[] = [];
  /** Chunks of replies still streaming, by entry key then chunk index, so a repeated or late chunk lands once. */
  private readonly chunks = new Map<string, Map<number, string>>();

  /**
   * Turn order: by seq, the user's side first, then the turn's replies in the order they were given; messages not yet
   * acknowledged last, in the order they were written.
   */
  entries(): TranscriptEntry[] {
    const order = (e: TranscriptEntry) => (e.seq === undefined ? Number.MAX_SAFE_INTEGER : e.seq);
    return this.items
      .map((entry, index) => ({ entry, index }))
      .sort(
        (a, b) =>
          order(a.entry) - order(b.entry) ||
          ROLE_ORDER[a.entry.role] - ROLE_ORDER[b.entry.role] ||
          (a.entry.replyIndex ?? 0) - (b.entry.replyIndex ?? 0) ||
          a.index - b.index,
      )
      .map(({ entry }) => entry);
  }

  /** The highest seq whose reply or notice is here: what `resume {afterSeq}` asks to be sent after. */
  lastAnsweredSeq(): number {
    return this.items.reduce((max, e) => (e.role !== "user" && isFinal(e) && e.seq !== undefined ? Math.max(max, e.seq) : max), 0);
  }

  /** Acknowledged messages whose reply or notice has not arrived yet. */
  awaitingReply(): TranscriptEntry[] {
    return this.items.filter((e) => e.role === "user" && e.state === "sent" && e.messageId !== undefined && e.failed !== true && !this.answerOf(e.messageId));
  }

  /** Messages written but not acknowledged: sent again, with their clientMessageId, once the connection is back. */
  unacknowledged(): TranscriptEntry[] {
    return this.items.filter((e) => e.role === "user" && e.state === "sending");
  }

  isStreaming(): boolean {
    return this.items.some((e) => e.state === "streaming");
  }

  addOwnMessage(clientMessageId: string, text: string): TranscriptChange {
    if (this.items.some((e) => e.clientMessageId === clientMessageId)) return NO_CHANGE;
    this.items.push({ key: `user:${clientMessageId}`, role: "user", text, state: "sending", clientMessageId });
    return { changed: true };
  }

  messageReceived(frame: ServerFrames["message_received"]): TranscriptChange {
    const own = frame.clientMessageId ? this.items.find((e) => e.clientMessageId === frame.clientMessageId) : undefined;
    const known = this.items.find((e) => e.role === "user" && e.messageId === frame.messageId);
    if (own && known && own !== known) {
      // History already brought this message in under its messageId; keep that one.
      this.remove(own);
      return { changed: true };
    }
    const entry = own ?? known;
    if (!entry) return NO_CHANGE;
    if (entry.state === "sent" && entry.seq === frame.seq) return NO_CHANGE;
    Object.assign(entry, { state: "sent", messageId: frame.messageId, seq: frame.seq });
    return { changed: true };
  }

  /** The oldest message still sending was refused; it stays, marked, so it can be sent again. */
  notSent(clientMessageId?: string): TranscriptEntry | undefined {
    const entry = this.items.find((e) => e.role === "user" && e.state === "sending" && (clientMessageId === undefined || e.clientMessageId === clientMessageId));
    if (entry) entry.state = "not_sent";
    return entry;
  }

  /** A refused message about to go again. */
  resend(clientMessageId: string): TranscriptEntry | undefined {
    const entry = this.items.find((e) => e.clientMessageId === clientMessageId && e.state === "not_sent");
    if (entry) entry.state = "sending";
    return entry;
  }

  streamStart(frame: ServerFrames["stream_start"]): TranscriptChange {
    if (this.replyOf(frame.messageId, frame.personaId)) return NO_CHANGE;
    this.addReply(frame.messageId, this.seqOf(frame.messageId), "", "streaming", { personaId: frame.personaId });
    return { changed: true };
  }

  streamChunk(frame: ServerFrames["stream_chunk"]): TranscriptChange {
    let entry = this.replyOf(frame.messageId, frame.personaId);
    if (entry && isFinal(entry)) return NO_CHANGE;
    if (!entry) {
      // The stream_start was missed (it went to a connection that has since dropped): the chunk opens the reply.
      this.streamStart({ sessionId: frame.sessionId, messageId: frame.messageId, replyId: frame.replyId, personaId: frame.personaId });
      entry = this.replyOf(frame.messageId, frame.personaId);
      if (!entry) return NO_CHANGE;
    }
    const chunks = this.chunks.get(entry.key) ?? new Map<number, string>();
    if (chunks.get(frame.index) === frame.text) return NO_CHANGE;
    chunks.set(frame.index, frame.text);
    this.chunks.set(entry.key, chunks);
    entry.text = [...chunks.entries()].sort(([a], [b]) => a - b).map(([, text]) => text).join(" ");
    return { changed: true };
  }

  streamEnd(frame: ServerFrames["stream_end"]): TranscriptChange {
    // Taken back with nothing in its place: the model broke off or the turn ran out of time (an error follows). Not a
    // safety change, which always comes with the words shown instead: the half-written reply goes, marked cut off.
    if (frame.retracted && frame.text.trim() === "") {
      const entry = this.replyOf(frame.messageId, frame.personaId);
      if (!entry || isFinal(entry) || entry.state === "interrupted") return NO_CHANGE;
      this.chunks.delete(entry.key);
      Object.assign(entry, { text: "", state: "interrupted" });
      return { changed: true };
    }
    return this.complete(frame.messageId, frame.seq, frame.text, frame.retracted ? "retracted" : "complete", { personaId: frame.personaId });
  }

  /** The turn failed (an `error` naming it): a reply still streaming for it will get no `stream_end`. */
  turnFailed(messageId: string): TranscriptChange {
    const streaming = this.items.filter((e) => e.role === "assistant" && e.messageId === messageId && e.state === "streaming");
    for (const entry of streaming) entry.state = "interrupted";
    // The turn is over: its message awaits nothing more, so a later turn's reply is what "typing" waits for.
    const message = this.items.find((e) => e.role === "user" && e.messageId === messageId && e.failed !== true);
    if (message) message.failed = true;
    return { changed: streaming.length > 0 || message !== undefined };
  }

  reply(frame: ServerFrames["reply"]): TranscriptChange {
    // The protocol's absent replyIndex means the turn's first reply.
    const speaker = { personaId: frame.personaId, replyIndex: frame.replyIndex ?? 0, ...(frame.personaName ? { personaName: frame.personaName } : {}) };
    return this.complete(frame.messageId, frame.seq, frame.text, frame.replaced ? "retracted" : "complete", speaker);
  }

  /** A notice live, or shown again by a resume (`resumed`): the same entry either way, so it shows once. */
  safetyNotice(frame: ServerFrames["safety_notice"]): TranscriptChange {
    return this.notice(frame.messageId, frame.seq, frame.text, frame.resources);
  }

  /** Messages from the read API; what is already here stays as it is. */
  loadHistory(messages: readonly HistoryMessage[]): TranscriptChange {
    let changed = false;
    for (const message of messages) {
      if (message.role === "user") {
        if (this.items.some((e) => e.role === "user" && e.messageId === message.messageId)) continue;
        this.items.push({ key: `user:${message.messageId}`, role: "user", text: message.content, state: "sent", messageId: message.messageId, seq: message.seq });
        changed = true;
      } else if (message.safetyNotice) {
        if (this.notice(message.messageId, message.seq, message.content, message.safetyNotice.resources).changed) changed = true;
      } else {
        const speaker = {
          ...(message.personaId ? { personaId: message.personaId } : {}),
          ...(message.personaName ? { personaName: message.personaName } : {}),
          ...(message.replyIndex !== undefined ? { replyIndex: message.replyIndex } : {}),
        };
        if (this.complete(message.messageId, message.seq, message.content, "complete", speaker).changed) changed = true;
      }
    }
    return { changed };
  }

  private notice(messageId: string, seq: number, text: string, helplines: Helpline[]): TranscriptChange {
    const existing = this.items.find((e) => e.messageId === messageId && e.role !== "user");
    if (existing?.role === "notice") return NO_CHANGE;
    // An older read API gave no sign a message was a notice, so its text may be here as a plain reply: the notice wins.
    if (existing) this.remove(existing);
    const entry: TranscriptEntry = { key: `notice:${messageId}`, role: "notice", text, state: "complete", messageId, seq, helplines };
    this.items.push(entry);
    if (existing) this.chunks.delete(existing.key);
    return { changed: true, completed: entry };
  }

  private complete(messageId: string, seq: number, text: string, state: "complete" | "retracted", speaker: Speaker): TranscriptChange {
    const entry = this.replyOf(messageId, speaker.personaId);
    if (entry && isFinal(entry)) return { changed: entry.role === "assistant" && this.learnSpeaker(entry, speaker) };
    if (entry) {
      this.chunks.delete(entry.key);
      this.learnSpeaker(entry, speaker);
      Object.assign(entry, { text, seq, state });
      return { changed: true, completed: entry };
    }
    return { changed: true, completed: this.addReply(messageId, seq, text, state, speaker) };
  }

  private addReply(messageId: string, seq: number | undefined, text: string, state: EntryState, speaker: Speaker): TranscriptEntry {
    // A group's personas answer one after another, so a reply that does not say its place comes after those here.
    const replyIndex = speaker.replyIndex ?? this.items.filter((e) => e.role === "assistant" && e.messageId === messageId).length;
    const key = speaker.personaId ? `reply:${messageId}:${speaker.personaId}` : `reply:${messageId}`;
    const entry: TranscriptEntry = { key, role: "assistant", text, state, messageId, ...(seq !== undefined ? { seq } : {}), ...speaker, replyIndex };
    this.items.push(entry);
    return entry;
  }

  /** Fills in what a later copy of a reply says about who wrote it (a stream names no persona's name, nor the reply's place). */
  private learnSpeaker(entry: TranscriptEntry, speaker: Speaker): boolean {
    const learnt = {
      ...(speaker.personaName !== undefined && entry.personaName !== speaker.personaName ? { personaName: speaker.personaName } : {}),
      ...(speaker.replyIndex !== undefined && entry.replyIndex !== speaker.replyIndex ? { replyIndex: speaker.replyIndex } : {}),
    };
    Object.assign(entry, learnt);
    return Object.keys(learnt).length > 0;
  }

  /** Whether the turn has its reply or notice (a group turn is answered once its first reply is in). */
  private answerOf(messageId: string): TranscriptEntry | undefined {
    return this.items.find((e) => e.role !== "user" && e.messageId === messageId);
  }

  /**
   * The entry a copy of a reply lands on: the turn's notice (nothing else answers a turn safety stopped), else the
   * reply by the same persona. One side not naming a persona (an older server's history) means the turn's one reply.
   */
  private replyOf(messageId: string, personaId: string | undefined): TranscriptEntry | undefined {
    const answers = this.items.filter((e) => e.role !== "user" && e.messageId === messageId);
    return answers.find((e) => e.role === "notice") ?? answers.find((e) => personaId === undefined || e.personaId === undefined || e.personaId === personaId);
  }

  private seqOf(messageId: string): number | undefined {
    return this.items.find((e) => e.role === "user" && e.messageId === messageId)?.seq;
  }

  private remove(entry: TranscriptEntry) {
    this.items.splice(this.items.indexOf(entry), 1);
  }
}

const isFinal = (entry: TranscriptEntry): boolean => entry.state === "complete" || entry.state === "retracted";
