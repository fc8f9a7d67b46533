// Received client messages in the DynamoDB `idempotency` table, beside (and shaped like) Powertools' idempotency records.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { isConditionFailure, keyPart } from "@innerworld/platform/dynamodb";
import { CLIENT_MESSAGE_MEMORY_SECONDS, type ClientMessageKey, type ClientMessageLog, type ReceivedTurn } from "../clientMessageLog";

interface ClientMessageItem extends ReceivedTurn {
  /**
   * `client-message#<userId>#<sessionId>#<clientMessageId>`, each part escaped: a prefix no Powertools key (a function
   * name) starts with.
   */
  id: string;
  /** Whose message this was; a record of someone else's is never answered with (absent on records kept before). */
  userId?: string;
  /** The table's TTL attribute, in epoch seconds (Powertools' name). */
  expiration: number;
}

/** Escapes `#` (the separator) and `%` (the escape itself), so no user id or client id can make a key that matches another's. */

/** What every one of a user's client-message ids begins with: an erasure finds them by it. */
export const clientMessageIdPrefixOf = (userId: string): string => `client-message#${keyPart(userId)}#`;

const idOf = ({ userId, sessionId, clientMessageId }: ClientMessageKey) => `${clientMessageIdPrefixOf(userId)}${keyPart(sessionId)}#${keyPart(clientMessageId)}`;

export class DynamoDbClientMessageLog implements ClientMessageLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async find(key: ClientMessageKey): Promise<ReceivedTurn | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: idOf(key) }, ConsistentRead: true }));
    const item = Item as ClientMessageItem | undefined;
    if (!item || item.expiration <= epochSeconds(this.clock()) || (item.userId !== undefined && item.userId !== key.userId)) return undefined;
    return { messageId: item.messageId, sessionId: item.sessionId, seq: item.seq };
  }

  async remember(key: ClientMessageKey, turn: ReceivedTurn): Promise<boolean> {
    const now = epochSeconds(this.clock());
    const item: ClientMessageItem = { id: idOf(key), userId: key.userId, ...turn, expiration: now + CLIENT_MESSAGE_MEMORY_SECONDS };
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
