// Connection records in the DynamoDB `connections` table.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { isConditionFailure } from "@innerworld/platform/dynamodb";
import { CONNECTION_TTL_SECONDS, type ConnectionRecord, type ConnectionStore } from "../connectionStore";

export class DynamoDbConnectionStore implements ConnectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async open(connectionId: string, userId: string): Promise<ConnectionRecord> {
    const now = this.clock();
    const record: ConnectionRecord = {
      connectionId,
      userId,
      connectedAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: epochSeconds(now) + CONNECTION_TTL_SECONDS,
    };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: record }));
    return record;
  }

  async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { connectionId } }));
    const record = Item as ConnectionRecord | undefined;
    return record && !isExpired(record, this.clock()) ? record : undefined;
  }

  async listByUser(userId: string): Promise<ConnectionRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: "byUser", KeyConditionExpression: "userId = :user", ExpressionAttributeValues: { ":user": userId } }),
    );
    const now = this.clock();
    return ((Items ?? []) as ConnectionRecord[]).filter((record) => !isExpired(record, now));
  }

  async touch(connectionId: string): Promise<void> {
    const now = this.clock();
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { connectionId },
        UpdateExpression: "SET lastSeenAt = :seen, expiresAt = :expires",
        ConditionExpression: "attribute_exists(connectionId)",
        ExpressionAttributeValues: { ":seen": new Date(now).toISOString(), ":expires": epochSeconds(now) + CONNECTION_TTL_SECONDS },
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }

  async close(connectionId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { connectionId } }));
  }
}
