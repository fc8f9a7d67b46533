// Received client messages in the DynamoDB `idempotency` table, beside (and shaped like) Powertools' idempotency records.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { isConditionFailure } from "../../dynamodb";
import { CLIENT_MESSAGE_MEMORY_SECONDS, type ClientMessageLog, type ReceivedTurn } from "../clientMessageLog";

interface ClientMessageItem extends ReceivedTurn {
  /** `client-message#<userId>#<clientMessageId>`: a prefix no Powertools key (a function name) starts with. */
  id: string;
  /** The table's TTL attribute, in epoch seconds (Powertools' name). */
  expiration: number;
}

const idOf = (userId: string, clientMessageId: string) => `client-message#${userId}#${clientMessageId}`;

export class DynamoDbClientMessageLog implements ClientMessageLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async find(userId: string, clientMessageId: string): Promise<ReceivedTurn | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: idOf(userId, clientMessageId) }, ConsistentRead: true }));
    const item = Item as ClientMessageItem | undefined;
    if (!item || item.expiration <= epochSeconds(this.clock())) return undefined;
    return { messageId: item.messageId, sessionId: item.sessionId, seq: item.seq };
  }

  async remember(userId: string, clientMessageId: string, turn: ReceivedTurn): Promise<boolean> {
    const now = epochSeconds(this.clock());
    const item: ClientMessageItem = { id: idOf(userId, clientMessageId), ...turn, expiration: now + CLIENT_MESSAGE_MEMORY_SECONDS };
    try {
      // A record past its TTL that DynamoDB has not removed yet no longer counts.
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(id) OR expiration <= :now", ExpressionAttributeValues: { ":now": now } }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
