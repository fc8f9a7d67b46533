// Chat sessions in the DynamoDB `sessions` table: conditional updates keep the turn counter and the end exactly-once.
import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, pagesOf, queryByUserInStatus } from "@innerworld/platform/dynamodb";
import {
  SessionLimitError,
  SessionNotActiveError,
  isSessionLive,
  newSessionRecord,
  staleReasonOf,
  type SessionEndReason,
  type SessionRecord,
  type SessionStore,
  type StaleSession,
  type StartSession,
} from "../sessionStore";

export class DynamoDbSessionStore implements SessionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async listByUser(userId: string, limit = 50): Promise<SessionRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byUser",
        KeyConditionExpression: "userId = :user",
        ExpressionAttributeValues: { ":user": userId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const now = this.clock();
    return ((Items ?? []) as SessionRecord[]).filter((s) => !isExpired(s, now));
  }

  async listActiveByUser(userId: string): Promise<SessionRecord[]> {
    const now = this.clock();
    const live = await queryByUserInStatus<SessionRecord>(this.client, this.tableName, userId, ["active", "paused"]);
    return live.filter((s) => isSessionLive(s, now));
  }

  async start(input: StartSession): Promise<SessionRecord> {
    // Not transactional (the local DynamoDB has no transactions): two starts racing may both pass. The limit is a
    // fairness rule, not a security boundary, so a rare fourth session is acceptable.
    const active = await this.listActiveByUser(input.userId);
    if (active.length >= input.maxActive) throw new SessionLimitError(input.maxActive);
    const session = newSessionRecord(input, randomUUID(), this.clock());
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: session, ConditionExpression: "attribute_not_exists(sessionId)" }));
    return session;
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { sessionId }, ConsistentRead: true }));
    const session = Item as SessionRecord | undefined;
    return session && !isExpired(session, this.clock()) ? session : undefined;
  }

  /** Numbers the next turn and binds the session to the connection it arrived on, in one conditional write. */
  async nextTurn(sessionId: string, userId: string, connectionId: string): Promise<SessionRecord> {
    const now = this.clock();
    const updated = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET lastSeq = lastSeq + :one, lastActivityAt = :now, connectionId = :connection, #status = :active REMOVE disconnectedAt",
          ConditionExpression: "userId = :user AND #status IN (:active, :paused) AND endsAt > :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":one": 1, ":now": new Date(now).toISOString(), ":connection": connectionId, ":user": userId, ":active": "active", ":paused": "paused" },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    if (!updated) throw new SessionNotActiveError(sessionId);
    return updated.Attributes as SessionRecord;
  }

  /** Binds a live session to a connection and makes it active again (a resume); an ended session stays ended. */
  async attach(sessionId: string, connectionId: string): Promise<void> {
    await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET connectionId = :connection, lastActivityAt = :now, #status = :active REMOVE disconnectedAt",
          ConditionExpression: "attribute_exists(sessionId) AND #status IN (:active, :paused)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":connection": connectionId, ":now": new Date(this.clock()).toISOString(), ":active": "active", ":paused": "paused" },
        }),
      ),
    );
  }

  async listActiveOnConnection(userId: string, connectionId: string): Promise<SessionRecord[]> {
    return (await this.listActiveByUser(userId)).filter((s) => s.connectionId === connectionId);
  }

  async markDisconnected(sessionId: string, connectionId: string): Promise<void> {
    // Another connection took the session over meanwhile: it is not disconnected.
    await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET disconnectedAt = :now, #status = :paused",
          ConditionExpression: "connectionId = :connection AND #status = :active",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString(), ":connection": connectionId, ":active": "active", ":paused": "paused" },
        }),
      ),
    );
  }

  /** Ends an active session; false when it had already ended, so each session ends, and is announced, once. */
  async end(sessionId: string, reason: SessionEndReason): Promise<SessionRecord | undefined> {
    const ended = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET #status = :ended, endedAt = :now, endReason = :reason REMOVE connectionId",
          ConditionExpression: "#status IN (:active, :paused)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":ended": "ended", ":active": "active", ":paused": "paused", ":now": new Date(this.clock()).toISOString(), ":reason": reason },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return ended?.Attributes as SessionRecord | undefined;
  }

  /** A scan: the sweep runs once a minute, not per message. */
  async listStale(idleSinceMs: number, disconnectedSinceMs: number): Promise<StaleSession[]> {
    const now = this.clock();
    const stale: StaleSession[] = [];
    const pages = pagesOf((start) =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#status IN (:active, :paused) AND (lastActivityAt < :idle OR endsAt <= :now OR disconnectedAt < :gone)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":active": "active",
            ":paused": "paused",
            ":idle": new Date(idleSinceMs).toISOString(),
            ":gone": new Date(disconnectedSinceMs).toISOString(),
            ":now": new Date(now).toISOString(),
          },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      for (const session of (page.Items ?? []) as SessionRecord[]) stale.push({ session, reason: staleReasonOf(session, now, disconnectedSinceMs) });
    }
    return stale;
  }

  async markTranscriptPublished(sessionId: string): Promise<void> {
    // No such session: there is nothing to mark, and nothing is created.
    await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET transcriptPublishedAt = :now",
          ConditionExpression: "attribute_exists(sessionId)",
          ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString() },
        }),
      ),
    );
  }

  async countLive(): Promise<{ active: number; paused: number }> {
    const now = new Date(this.clock()).toISOString();
    const counts = { active: 0, paused: 0 };
    for (const status of ["active", "paused"] as const) {
      const pages = pagesOf((start) =>
        this.client.send(
          new ScanCommand({
            TableName: this.tableName,
            Select: "COUNT",
            FilterExpression: "#status = :status AND endsAt > :now",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":status": status, ":now": now },
            ExclusiveStartKey: start,
          }),
        ),
      );
      for await (const page of pages) {
        counts[status] += page.Count ?? 0;
      }
    }
    return counts;
  }
}
