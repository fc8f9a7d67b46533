// Tombstones of erased users: who asked to be forgotten and when, so no late or replayed event brings their data back.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface Tombstone {
  userId: string;
  /** When the erasure was asked for: every event that occurred before it is dropped by every consumer. */
  deletedAt: string;
}

/** True when `tombstone` says the user was erased after `occurredAt`: an event that old must not be written again. */
export const erasedAfter = (tombstone: Tombstone | undefined, occurredAt: string): boolean =>
  tombstone !== undefined && Date.parse(occurredAt) <= Date.parse(tombstone.deletedAt);

/**
 * One item per erased user, kept for good: it holds the opaque user id and a time, nothing the user said. Without it a
 * replay of the archive (which keeps events for its retention period) would rebuild what DELETE /me erased.
 */
export class TombstoneStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(userId: string, deletedAt: string): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { userId, deletedAt } satisfies Tombstone }));
  }

  async get(userId: string): Promise<Tombstone | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId }, ConsistentRead: true }));
    return Item as Tombstone | undefined;
  }

  /** True when the user was erased after `occurredAt`: what that event carries must not be written again. */
  async erasedSince(userId: string, occurredAt: string): Promise<boolean> {
    return erasedAfter(await this.get(userId), occurredAt);
  }
}

/** The same tombstones in memory, for the unit lane: what DELETE /me wrote, and the same rule for what it outlaws. */
export class InMemoryTombstoneStore implements Pick<TombstoneStore, "put" | "get" | "erasedSince"> {
  private readonly tombstones = new Map<string, Tombstone>();

  async put(userId: string, deletedAt: string): Promise<void> {
    this.tombstones.set(userId, { userId, deletedAt });
  }

  async get(userId: string): Promise<Tombstone | undefined> {
    const tombstone = this.tombstones.get(userId);
    return tombstone ? { ...tombstone } : undefined;
  }

  async erasedSince(userId: string, occurredAt: string): Promise<boolean> {
    return erasedAfter(this.tombstones.get(userId), occurredAt);
  }
}
