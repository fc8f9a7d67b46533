// The cached context block per user: what generation puts in the prompt, rebuilt by context-refresh, 1-hour TTL.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";

export const CONTEXT_TTL_SECONDS = 60 * 60;

export interface CachedContext {
  userId: string;
  block: string;
  version: number;
  tokenCount: number;
  entityCount: number;
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
}
