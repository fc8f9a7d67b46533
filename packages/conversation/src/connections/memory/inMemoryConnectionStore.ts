// Connection records in memory, with the DynamoDB adapter's TTL filtering by the injected clock.
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { CONNECTION_TTL_SECONDS, newConnectionRecord, type ConnectionRecord, type ConnectionStore } from "../connectionStore";

export class InMemoryConnectionStore implements ConnectionStore {
  private readonly connections = new Map<string, ConnectionRecord>();
  private readonly shown = new Map<string, Set<string>>();

  constructor(private readonly clock: Clock = systemClock) {}

  async open(connectionId: string, userId: string): Promise<ConnectionRecord> {
    const record = newConnectionRecord(connectionId, userId, this.clock());
    this.connections.set(connectionId, record);
    return { ...record };
  }

  async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    const record = this.connections.get(connectionId);
    return record && !isExpired(record, this.clock()) ? { ...record } : undefined;
  }

  async listByUser(userId: string): Promise<ConnectionRecord[]> {
    const now = this.clock();
    return [...this.connections.values()].filter((c) => c.userId === userId && !isExpired(c, now)).map((c) => structuredClone(c));
  }

  async touch(connectionId: string): Promise<void> {
    const record = this.connections.get(connectionId);
    if (!record) return;
    const now = this.clock();
    record.lastSeenAt = new Date(now).toISOString();
    record.expiresAt = epochSeconds(now) + CONNECTION_TTL_SECONDS;
  }

  async markShown(connectionId: string, replyId: string): Promise<boolean> {
    if (!this.connections.has(connectionId)) return true;
    const shown = this.shown.get(connectionId) ?? new Set<string>();
    if (shown.has(replyId)) return false;
    this.shown.set(connectionId, shown.add(replyId));
    return true;
  }

  async unmarkShown(connectionId: string, replyId: string): Promise<void> {
    this.shown.get(connectionId)?.delete(replyId);
  }

  async close(connectionId: string): Promise<void> {
    this.connections.delete(connectionId);
    this.shown.delete(connectionId);
  }
}
