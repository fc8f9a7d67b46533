// The live conversation: one item per message, written idempotently, read back for history, resume and transcripts.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";

/** Until the transcript has been mined, messages stay; afterwards TTL removes them after this long. */
export const MESSAGE_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export type MessageRole = "user" | "assistant";
export type MessageStatus = "received" | "screened" | "blocked" | "crisis" | "delivered" | "undelivered" | "failed";

export interface MessageRecord {
  sessionId: string;
  /** `<seq, zero-padded>#<0 user | 1 assistant>`: sorts a turn's question before its answer. */
  messageKey: string;
  seq: number;
  role: MessageRole;
  messageId: string;
  replyId?: string;
  userId: string;
  personaId: string;
  content: string;
  status: MessageStatus;
  model?: string;
  replaced?: boolean;
  categories?: string[];
  createdAt: string;
  updatedAt: string;
  expiresAt: number;
}

export const messageKeyOf = (seq: number, role: MessageRole) => `${String(seq).padStart(8, "0")}#${role === "user" ? "0user" : "1assistant"}`;

export type NewMessage = Omit<MessageRecord, "messageKey" | "createdAt" | "updatedAt" | "expiresAt"> & { createdAt?: string };

export class MessageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Writes a message once; a redelivered event finds it there and changes nothing. Returns whether it was new. */
  async putOnce(message: NewMessage): Promise<boolean> {
    const now = this.clock();
    const item: MessageRecord = {
      ...message,
      messageKey: messageKeyOf(message.seq, message.role),
      createdAt: message.createdAt ?? new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      expiresAt: epochSeconds(now) + MESSAGE_RETENTION_SECONDS,
    };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(messageKey)" }));
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async get(sessionId: string, seq: number, role: MessageRole): Promise<MessageRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { sessionId, messageKey: messageKeyOf(seq, role) }, ConsistentRead: true }),
    );
    const record = Item as MessageRecord | undefined;
    return record && !isExpired(record, this.clock()) ? record : undefined;
  }

  /** Moves a message's status forward; `onlyFrom` guards against a late event undoing a later state. */
  async setStatus(sessionId: string, seq: number, role: MessageRole, status: MessageStatus, onlyFrom?: MessageStatus[]): Promise<boolean> {
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
          Key: { sessionId, messageKey: messageKeyOf(seq, role) },
          UpdateExpression: "SET #status = :status, updatedAt = :now",
          ConditionExpression: condition,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  /** Every message of a session in turn order, question before answer. */
  async listSession(sessionId: string, options: { afterSeq?: number; limit?: number } = {}): Promise<MessageRecord[]> {
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
            ...(options.afterSeq !== undefined ? { ":after": messageKeyOf(options.afterSeq, "assistant") } : {}),
          },
          ExclusiveStartKey: start,
          ...(options.limit ? { Limit: options.limit } : {}),
        }),
      );
      for (const item of (page.Items ?? []) as MessageRecord[]) if (!isExpired(item, now)) items.push(item);
      start = options.limit && items.length >= options.limit ? undefined : page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The most recent messages of a session, oldest first: the history a prompt draws on. */
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
}
