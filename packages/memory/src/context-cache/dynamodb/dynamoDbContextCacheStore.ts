// The cached context blocks in the DynamoDB `contextCache` table.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { cachedContextOf, type CachedContext, type ContextCacheStore, type NewContext } from "../contextCacheStore";

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
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
    return item;
  }

  async read(userId: string): Promise<CachedContext | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    return Item as CachedContext | undefined;
  }

  async delete(userId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { userId } }));
  }
}
