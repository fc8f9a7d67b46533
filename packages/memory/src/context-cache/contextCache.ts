// The cached context block per user: what generation puts in the prompt, rebuilt by context-refresh, 1-hour TTL.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";

export const CONTEXT_TTL_SECONDS = 60 * 60;

export interface CachedContext {
  userId: string;
  block: string;
  version: number;
  tokenCount: number;
  entityCount: number;
  /** Per line of `block`, the graph vertex ids it speaks of (ContextBlock.lineFactIds); absent on entries built before. */
  lineFactIds?: string[][];
  builtAt: string;
  expiresAt: number;
}

export class ContextCacheStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(userId: string): Promise<CachedContext | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    const cached = Item as CachedContext | undefined;
    return cached && !isExpired(cached, this.clock()) ? cached : undefined;
  }

  async put(entry: Omit<CachedContext, "expiresAt" | "builtAt">): Promise<CachedContext> {
    const now = this.clock();
    const item: CachedContext = { ...entry, builtAt: new Date(now).toISOString(), expiresAt: epochSeconds(now) + CONTEXT_TTL_SECONDS };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
    return item;
  }

  /** The entry whatever its age: for the user's export, which shows what is stored, not what is fresh. */
  async read(userId: string): Promise<CachedContext | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    return Item as CachedContext | undefined;
  }

  async delete(userId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { userId } }));
  }
}

/** The vertex ids the first `lines` lines of a cached block speak of, each once, in line order. */
export function factIdsOfLines(cached: Pick<CachedContext, "lineFactIds">, lines: number): string[] {
  return [...new Set((cached.lineFactIds ?? []).slice(0, Math.max(0, lines)).flat())];
}
