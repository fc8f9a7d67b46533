// One chat's transcript as the teen sees it, built from frames and history in any order: one entry per turn side, never two.
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
  | "retracted";

export interface TranscriptEntry {
  /** Stable across frames and reloads: `user:<messageId|clientMessageId>`, `reply:<messageId>`, `notice:<messageId>`. */
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
  /** Chunks of replies still streaming, by messageId then chunk index, so a repeated or late chunk lands once. */
  private readonly chunks = new Map<string, Map<number, string>>();

  /** Turn order: by seq, the user's side first; messages not yet acknowledged last, in the order they were written. */
  entries(): TranscriptEntry[] {
    const order = (e: TranscriptEntry) => (e.seq === undefined ? Number.MAX_SAFE_INTEGER : e.seq);
    return this.items
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => order(a.entry) - order(b.entry) || ROLE_ORDER[a.entry.role] - ROLE_ORDER[b.entry.role] || a.index - b.index)
      .map(({ entry }) => entry);
  }

  /** The highest seq whose reply or notice is here: what `resume {afterSeq}` asks to be sent after. */
  lastAnsweredSeq(): number {
    return this.items.reduce((max, e) => (e.role !== "user" && isFinal(e) && e.seq !== undefined ? Math.max(max, e.seq) : max), 0);
  }

  /** Acknowledged messages whose reply or notice has not arrived yet. */
  awaitingReply(): TranscriptEntry[] {
    return this.items.filter((e) => e.role === "user" && e.state === "sent" && e.messageId !== undefined && !this.answerOf(e.messageId));
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
    if (this.answerOf(frame.messageId)) return NO_CHANGE;
    this.items.push({ key: `reply:${frame.messageId}`, role: "assistant", text: "", state: "streaming", messageId: frame.messageId, seq: this.seqOf(frame.messageId) });
    return { changed: true };
  }

  streamChunk(frame: ServerFrames["stream_chunk"]): TranscriptChange {
    let entry = this.answerOf(frame.messageId);
    if (entry && isFinal(entry)) return NO_CHANGE;
    if (!entry) {
      // The stream_start was missed (it went to a connection that has since dropped): the chunk opens the reply.
      this.streamStart({ sessionId: frame.sessionId, messageId: frame.messageId, replyId: frame.replyId, personaId: frame.personaId });
      entry = this.answerOf(frame.messageId);
      if (!entry) return NO_CHANGE;
    }
    const chunks = this.chunks.get(frame.messageId) ?? new Map<number, string>();
    if (chunks.get(frame.index) === frame.text) return NO_CHANGE;
    chunks.set(frame.index, frame.text);
    this.chunks.set(frame.messageId, chunks);
    entry.text = [...chunks.entries()].sort(([a], [b]) => a - b).map(([, text]) => text).join(" ");
    return { changed: true };
  }

  streamEnd(frame: ServerFrames["stream_end"]): TranscriptChange {
    return this.complete(frame.messageId, frame.seq, frame.text, frame.retracted ? "retracted" : "complete");
  }

  reply(frame: ServerFrames["reply"]): TranscriptChange {
    return this.complete(frame.messageId, frame.seq, frame.text, frame.replaced ? "retracted" : "complete");
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
      } else if (this.complete(message.messageId, message.seq, message.content, "complete").changed) {
        changed = true;
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
    this.chunks.delete(messageId);
    return { changed: true, completed: entry };
  }

  private complete(messageId: string, seq: number, text: string, state: "complete" | "retracted"): TranscriptChange {
    const entry = this.answerOf(messageId);
    if (entry && isFinal(entry)) return NO_CHANGE;
    this.chunks.delete(messageId);
    if (entry) {
      Object.assign(entry, { text, seq, state });
      return { changed: true, completed: entry };
    }
    const added: TranscriptEntry = { key: `reply:${messageId}`, role: "assistant", text, state, messageId, seq };
    this.items.push(added);
    return { changed: true, completed: added };
  }

  private answerOf(messageId: string): TranscriptEntry | undefined {
    return this.items.find((e) => e.role !== "user" && e.messageId === messageId);
  }

  private seqOf(messageId: string): number | undefined {
    return this.items.find((e) => e.role === "user" && e.messageId === messageId)?.seq;
  }

  private remove(entry: TranscriptEntry) {
    this.items.splice(this.items.indexOf(entry), 1);
  }
}

const isFinal = (entry: TranscriptEntry): boolean => entry.state === "complete" || entry.state === "retracted";
