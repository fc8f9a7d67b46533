// Everything the conversation tables (sessions, messages, connections, feedback) hold about one user, found through their byUser indexes: to export it, or to erase it.
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { pagesOf } from "@innerworld/platform/dynamodb";
import type { MessageRecord } from "../messages/messageStore";
import { liveSessionsKeyOf, type SessionRecord } from "../sessions/sessionStore";

export interface ConversationTables {
  sessions: string;
  messages: string;
  connections: string;
  feedback: string;
}

export interface UserConversations {
  sessions: SessionRecord[];
  /** Every message item still stored, expired or not: an export shows what is kept, an erasure must find it all. */
  messages: MessageRecord[];
  connections: { connectionId: string; userId: string }[];
  /** Feedback requests and the answers given to them. */
  feedback: { requestId: string; userId: string }[];
}

const BATCH_WRITE_MAX = 25;

async function queryByUser<T>(client: DynamoDBDocumentClient, tableName: string, userId: string): Promise<T[]> {
  const items: T[] = [];
  const pages = pagesOf((start) =>
    client.send(
      new QueryCommand({ TableName: tableName, IndexName: "byUser", KeyConditionExpression: "userId = :user", ExpressionAttributeValues: { ":user": userId }, ExclusiveStartKey: start }),
    ),
  );
  for await (const page of pages) {
    items.push(...((page.Items ?? []) as T[]));
  }
  return items;
}

/**
 * The user's message items. The messages table's byUser index holds keys only (so status and expiry updates are not
 * written to it), so it names the sessions, and one Query per session reads their items from the table.
 */
async function messagesOfUser(client: DynamoDBDocumentClient, tableName: string, userId: string): Promise<MessageRecord[]> {
  const keys = await queryByUser<Pick<MessageRecord, "sessionId" | "messageKey">>(client, tableName, userId);
  const sessionIds = [...new Set(keys.map((key) => key.sessionId))];
  const perSession = await Promise.all(
    sessionIds.map(async (sessionId) => {
      const items: MessageRecord[] = [];
      const pages = pagesOf((start) =>
        client.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: "sessionId = :session", ExpressionAttributeValues: { ":session": sessionId }, ConsistentRead: true, ExclusiveStartKey: start }),
        ),
      );
      for await (const page of pages) items.push(...((page.Items ?? []) as MessageRecord[]));
      // A session is one user's, but the index is the authority on whose items these are.
      return items.filter((item) => item.userId === userId);
    }),
  );
  return perSession.flat();
}

export async function findUserConversations(client: DynamoDBDocumentClient, tables: ConversationTables, userId: string): Promise<UserConversations> {
  const [sessions, messages, connections, feedback] = await Promise.all([
    queryByUser<SessionRecord>(client, tables.sessions, userId),
    messagesOfUser(client, tables.messages, userId),
    queryByUser<{ connectionId: string; userId: string }>(client, tables.connections, userId),
    queryByUser<{ requestId: string; userId: string }>(client, tables.feedback, userId),
  ]);
  return { sessions, messages, connections, feedback };
}

/** Deletes items by key in batches of 25, retrying what DynamoDB left unprocessed. */
export async function deleteKeys(client: DynamoDBDocumentClient, tableName: string, keys: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
    let requests: { DeleteRequest: { Key: Record<string, unknown> } }[] = keys.slice(i, i + BATCH_WRITE_MAX).map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; requests.length > 0; round += 1) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/** What an erasure found and deleted: messages by key only, since nothing is kept of them. */
export type ErasedConversations = Omit<UserConversations, "messages"> & { messages: Pick<MessageRecord, "sessionId" | "messageKey">[] };

/**
 * Erases the user's sessions, messages and connection records (DELETE /me, and storage on UserDeleted). Messages
 * before sessions, so a reader never finds messages of a session it can no longer see; their keys come from the
 * key-only index, with no read of the items. Returns what was found, so the caller can clear keys derived from it
 * (rate-limit buckets per session and connection).
 */
export async function eraseUserConversations(client: DynamoDBDocumentClient, tables: ConversationTables, userId: string): Promise<ErasedConversations> {
  const [sessions, messages, connections, feedback] = await Promise.all([
    queryByUser<SessionRecord>(client, tables.sessions, userId),
    queryByUser<Pick<MessageRecord, "sessionId" | "messageKey">>(client, tables.messages, userId),
    queryByUser<{ connectionId: string; userId: string }>(client, tables.connections, userId),
    queryByUser<{ requestId: string; userId: string }>(client, tables.feedback, userId),
  ]);
  await deleteKeys(client, tables.messages, messages.map((m) => ({ sessionId: m.sessionId, messageKey: m.messageKey })));
  // With the sessions, the ledger of their places (it names the user in its key).
  await deleteKeys(client, tables.sessions, [...sessions.map((s) => ({ sessionId: s.sessionId })), { sessionId: liveSessionsKeyOf(userId) }]);
  await deleteKeys(client, tables.connections, connections.map((c) => ({ connectionId: c.connectionId })));
  await deleteKeys(client, tables.feedback, feedback.map((f) => ({ requestId: f.requestId })));
  return { sessions, messages, connections, feedback };
}
