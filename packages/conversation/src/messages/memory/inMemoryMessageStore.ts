// The live conversation in memory, with the DynamoDB adapter's conditional writes, turn order and TTL filtering.
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import type { TurnFailure } from "../../turns/turnFailure";
import { afterTurnKey, distilledExpiryOf, messageKeyOf, messageRecordOf, type ListSessionOptions, type MessageRecord, type MessageRole, type MessageStatus, type MessageStore, type NewMessage } from "../messageStore";

export class InMemoryMessageStore implements MessageStore {
  /** sessionId → messageKey → record, as the table's partition and sort keys. */
  private readonly sessions = new Map<string, Map<string, MessageRecord>>();

  constructor(private readonly clock: Clock = systemClock) {}

  async putOnce(message: NewMessage): Promise<boolean> {
    const item = messageRecordOf(message, this.clock());
    const session = this.sessions.get(item.sessionId) ?? new Map<string, MessageRecord>();
    this.sessions.set(item.sessionId, session);
    // An expired record still holds its key until TTL removes it, as in DynamoDB.
    if (session.has(item.messageKey)) return false;
    session.set(item.messageKey, structuredClone(item));
    return true;
  }

  async get(sessionId: string, seq: number, role: MessageRole, replyIndex = 0): Promise<MessageRecord | undefined> {
    const record = this.sessions.get(sessionId)?.get(messageKeyOf(seq, role, replyIndex));
    return record && !isExpired(record, this.clock()) ? structuredClone(record) : undefined;
  }

  async setStatus(sessionId: string, seq: number, role: MessageRole, status: MessageStatus, onlyFrom?: MessageStatus[], replyIndex = 0): Promise<boolean> {
    const record = this.sessions.get(sessionId)?.get(messageKeyOf(seq, role, replyIndex));
    if (!record) return false;
    if (onlyFrom?.length && !onlyFrom.includes(record.status)) return false;
    record.status = status;
    record.updatedAt = new Date(this.clock()).toISOString();
    return true;
  }

  async markFailed(sessionId: string, seq: number, failure: TurnFailure, onlyFrom: MessageStatus[]): Promise<boolean> {
    const record = this.sessions.get(sessionId)?.get(messageKeyOf(seq, "user"));
    if (!record || !onlyFrom.includes(record.status)) return false;
    record.status = "failed";
    record.failure = { ...failure };
    record.updatedAt = new Date(this.clock()).toISOString();
    return true;
  }

  async listSession(sessionId: string, options: ListSessionOptions = {}): Promise<MessageRecord[]> {
    const now = this.clock();
    const after = options.afterSeq !== undefined ? afterTurnKey(options.afterSeq) : undefined;
    const live = this.inOrder(sessionId).filter((m) => (after === undefined || m.messageKey > after) && !isExpired(m, now));
    return options.limit ? live.slice(0, options.limit) : live;
  }

  async recent(sessionId: string, count: number): Promise<MessageRecord[]> {
    if (count <= 0) return [];
    const now = this.clock();
    return this.inOrder(sessionId)
      .slice(-count)
      .filter((m) => !isExpired(m, now));
  }

  async expireAfterDistillation(sessionId: string, distilledAtMs: number): Promise<number> {
    let shortened = 0;
    for (const record of this.sessions.get(sessionId)?.values() ?? []) {
      const expiresAt = distilledExpiryOf(record, distilledAtMs);
      if (expiresAt >= record.expiresAt) continue;
      record.expiresAt = expiresAt;
      record.distilledAt = new Date(distilledAtMs).toISOString();
      shortened += 1;
    }
    return shortened;
  }

  private inOrder(sessionId: string): MessageRecord[] {
    return [...(this.sessions.get(sessionId)?.values() ?? [])].sort((a, b) => (a.messageKey < b.messageKey ? -1 : 1)).map((m) => structuredClone(m));
  }
}
