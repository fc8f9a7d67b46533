// The live conversation in the DynamoDB `messages` table: one item per message, keyed so that a query reads a session in turn order.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, isConditionFailure, pagesOf } from "@innerworld/platform/dynamodb";
import type { TurnFailure } from "../../turns/turnFailure";
import { afterTurnKey, distilledExpiryOf, messageKeyOf, messageRecordOf, type ListSessionOptions, type MessageRecord, type MessageRole, type MessageStatus, type MessageStore, type NewMessage } from "../messageStore";

export class DynamoDbMessageStore implements MessageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async putOnce(message: NewMessage): Promise<boolean> {
    const item = messageRecordOf(message, this.clock());
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(messageKey)" }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(sessionId: string, seq: number, role: MessageRole, replyIndex = 0): Promise<MessageRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { sessionId, messageKey: messageKeyOf(seq, role, replyIndex) }, ConsistentRead: true }),
    );
    const record = Item as MessageRecord | undefined;
    return record && !isExpired(record, this.clock()) ? record : undefined;
  }

  async setStatus(sessionId: string, seq: number, role: MessageRole, status: MessageStatus, onlyFrom?: MessageStatus[], replyIndex = 0): Promise<boolean> {
    const values: Record<string, unknown> = { ":status": status, ":now": new Date(this.clock()).toISOString() };
    let condition = "attribute_exists(messageKey)";
    if (onlyFrom?.length) {
      condition += ` AND #status IN (${onlyFrom.map((_, i) => `:from${i}`).join(", ")})`;
      onlyFrom.forEach((s, i) => (values[`:from${i}`] = s));
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId, messageKey: messageKeyOf(seq, role, replyIndex) },
          UpdateExpression: "SET #status = :status, updatedAt = :now",
          ConditionExpression: condition,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markFailed(sessionId: string, seq: number, failure: TurnFailure, onlyFrom: MessageStatus[]): Promise<boolean> {
    const values: Record<string, unknown> = { ":failed": "failed", ":failure": failure, ":now": new Date(this.clock()).toISOString() };
    onlyFrom.forEach((s, i) => (values[`:from${i}`] = s));
    const updated = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId, messageKey: messageKeyOf(seq, "user") },
          UpdateExpression: "SET #status = :failed, failure = :failure, updatedAt = :now",
          ConditionExpression: `attribute_exists(messageKey) AND #status IN (${onlyFrom.map((_, i) => `:from${i}`).join(", ")})`,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return updated !== undefined;
  }

  async listSession(sessionId: string, options: ListSessionOptions = {}): Promise<MessageRecord[]> {
    const now = this.clock();
    const items: MessageRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: options.afterSeq !== undefined ? "sessionId = :session AND messageKey > :after" : "sessionId = :session",
          ExpressionAttributeValues: {
            ":session": sessionId,
            ...(options.afterSeq !== undefined ? { ":after": afterTurnKey(options.afterSeq) } : {}),
          },
          ExclusiveStartKey: start,
          ...(options.limit ? { Limit: options.limit } : {}),
        }),
      );
      for (const item of (page.Items ?? []) as MessageRecord[]) if (!isExpired(item, now)) items.push(item);
      start = options.limit && items.length >= options.limit ? undefined : page.LastEvaluatedKey;
    } while (start);
    // A later query page (after expired items were skipped) can overshoot the limit.
    return options.limit ? items.slice(0, options.limit) : items;
  }

  async recent(sessionId: string, count: number): Promise<MessageRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "sessionId = :session",
        ExpressionAttributeValues: { ":session": sessionId },
        ScanIndexForward: false,
        Limit: count,
      }),
    );
    const now = this.clock();
    return ((Items ?? []) as MessageRecord[]).filter((m) => !isExpired(m, now)).reverse();
  }

  async expireAfterDistillation(sessionId: string, distilledAtMs: number): Promise<number> {
    let shortened = 0;
    const pages = pagesOf((start) =>
      this.client.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: "sessionId = :session", ExpressionAttributeValues: { ":session": sessionId }, ConsistentRead: true, ExclusiveStartKey: start }),
      ),
    );
    for await (const page of pages) {
      for (const item of (page.Items ?? []) as MessageRecord[]) {
        const expiresAt = distilledExpiryOf(item, distilledAtMs);
        if (expiresAt >= item.expiresAt) continue;
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { sessionId, messageKey: item.messageKey },
              UpdateExpression: "SET expiresAt = :expires, distilledAt = :distilled",
              // Only ever earlier: a concurrent writer's shorter expiry stands.
              ConditionExpression: "attribute_exists(messageKey) AND expiresAt > :expires",
              ExpressionAttributeValues: { ":expires": expiresAt, ":distilled": new Date(distilledAtMs).toISOString() },
            }),
          );
          shortened += 1;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    }
    return shortened;
  }
}
