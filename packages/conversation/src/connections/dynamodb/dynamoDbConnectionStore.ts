// Connection records in the DynamoDB `connections` table.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { isConditionFailure } from "@innerworld/platform/dynamodb";
import { CONNECTION_TTL_SECONDS, newConnectionRecord, type ConnectionRecord, type ConnectionStore } from "../connectionStore";

/** The record without the replies shown on the connection, which only `markShown` reads. */
const recordOf = (item: Record<string, unknown>): ConnectionRecord => {
  const { connectionId, userId, connectedAt, lastSeenAt, expiresAt } = item as unknown as ConnectionRecord;
  return { connectionId, userId, connectedAt, lastSeenAt, expiresAt };
};

export class DynamoDbConnectionStore implements ConnectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async open(connectionId: string, userId: string): Promise<ConnectionRecord> {
    const record = newConnectionRecord(connectionId, userId, this.clock());
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: record }));
    return record;
  }

  async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { connectionId } }));
    const record = Item === undefined ? undefined : recordOf(Item);
    return record && !isExpired(record, this.clock()) ? record : undefined;
  }

  async listByUser(userId: string): Promise<ConnectionRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: "byUser", KeyConditionExpression: "userId = :user", ExpressionAttributeValues: { ":user": userId } }),
    );
    const now = this.clock();
    return (Items ?? []).map(recordOf).filter((record) => !isExpired(record, now));
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

  async markShown(connectionId: string, replyId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { connectionId },
          UpdateExpression: "ADD shownReplies :reply",
          ConditionExpression: "attribute_exists(connectionId) AND NOT contains(shownReplies, :replyId)",
          ExpressionAttributeValues: { ":reply": new Set([replyId]), ":replyId": replyId },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Either shown already, or no such connection (which the push will find gone).
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { connectionId }, ConsistentRead: true }));
    return Item === undefined;
  }

  async unmarkShown(connectionId: string, replyId: string): Promise<void> {
    // Only on a record that is still there: a DELETE on a missing key would create an empty record without a TTL.
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { connectionId },
          UpdateExpression: "DELETE shownReplies :reply",
          ConditionExpression: "attribute_exists(connectionId)",
          ExpressionAttributeValues: { ":reply": new Set([replyId]) },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async close(connectionId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { connectionId } }));
  }
}
