// The cached context blocks in the DynamoDB `contextCache` table.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@innerworld/platform/dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { cachedContextOf, CONTEXT_TTL_SECONDS, ContextSupersededError, type CachedContext, type ContextCacheStore, type NewContext } from "../contextCacheStore";

export class DynamoDbContextCacheStore implements ContextCacheStore {
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

  async put(entry: NewContext): Promise<CachedContext> {
    const item = cachedContextOf(entry, this.clock());
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: "attribute_not_exists(userId) OR version < :version",
          ExpressionAttributeValues: { ":version": item.version },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ContextSupersededError(entry.userId, entry.version);
      throw error;
    }
    return item;
  }

  async keepAlive(userId: string, version: number): Promise<boolean> {
    const until = epochSeconds(this.clock()) + CONTEXT_TTL_SECONDS;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { userId },
          UpdateExpression: "SET expiresAt = :until",
          ConditionExpression: "version = :version AND expiresAt < :until",
          ExpressionAttributeValues: { ":version": version, ":until": until },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async read(userId: string): Promise<CachedContext | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    return Item as CachedContext | undefined;
  }

  async delete(userId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { userId } }));
  }
}
