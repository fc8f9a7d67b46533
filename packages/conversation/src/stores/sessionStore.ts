// Chat sessions: at most a few active per user, a 24-hour life, an end after idling, and the turn counter that numbers frames.
import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Session records outlive the session itself so users can read their history; TTL removes them after this. */
export const SESSION_RECORD_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export type SessionStatus = "active" | "ended";
export type SessionEndReason = "client_end" | "disconnect" | "idle" | "expired";

export interface SessionRecord {
  sessionId: string;
  userId: string;
  personaId: string;
  status: SessionStatus;
  connectionId?: string;
  locale?: string;
  startedAt: string;
  lastActivityAt: string;
  /** When the session ends at the latest (24 h after its start). */
  endsAt: string;
  lastSeq: number;
  endedAt?: string;
  endReason?: SessionEndReason;
  /** Set when the session's connection closed; a resume clears it, the sweep ends the session after a grace period. */
  disconnectedAt?: string;
  expiresAt: number;
}

export class SessionLimitError extends Error {
  override readonly name = "SessionLimitError";
  readonly code = "SESSION_LIMIT_REACHED";
  constructor(readonly limit: number) {
    super(`At most ${limit} sessions may be active at once; end one first`);
  }
}

export class SessionNotActiveError extends Error {
  override readonly name = "SessionNotActiveError";
  readonly code = "SESSION_NOT_ACTIVE";
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} is not active`);
  }
}

export class SessionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A session counts as active until it is ended or past its 24 hours, whichever comes first. */
  isLive(session: SessionRecord, nowMs = this.clock()): boolean {
    return session.status === "active" && Date.parse(session.endsAt) > nowMs;
  }

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
    return (Items ?? []) as SessionRecord[];
  }

  async listActiveByUser(userId: string): Promise<SessionRecord[]> {
    const now = this.clock();
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byUser",
        KeyConditionExpression: "userId = :user",
        FilterExpression: "#status = :active",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":user": userId, ":active": "active" },
      }),
    );
    return ((Items ?? []) as SessionRecord[]).filter((s) => this.isLive(s, now));
  }

  async start(input: { userId: string; personaId: string; connectionId: string; locale?: string; maxActive: number }): Promise<SessionRecord> {
    // Not transactional (the local DynamoDB has no transactions): two starts racing may both pass. The limit is a
    // fairness rule, not a security boundary, so a rare fourth session is acceptable.
    const active = await this.listActiveByUser(input.userId);
    if (active.length >= input.maxActive) throw new SessionLimitError(input.maxActive);
    const now = this.clock();
    const session: SessionRecord = {
      sessionId: randomUUID(),
      userId: input.userId,
      personaId: input.personaId,
      status: "active",
      connectionId: input.connectionId,
      ...(input.locale ? { locale: input.locale } : {}),
      startedAt: new Date(now).toISOString(),
      lastActivityAt: new Date(now).toISOString(),
      endsAt: new Date(now + SESSION_LIFETIME_MS).toISOString(),
      lastSeq: 0,
      expiresAt: epochSeconds(now + SESSION_LIFETIME_MS) + SESSION_RECORD_RETENTION_SECONDS,
    };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: session, ConditionExpression: "attribute_not_exists(sessionId)" }));
    return session;
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { sessionId }, ConsistentRead: true }));
    return Item as SessionRecord | undefined;
  }

  /** Numbers the next turn and binds the session to the connection it arrived on, in one conditional write. */
  async nextTurn(sessionId: string, userId: string, connectionId: string): Promise<SessionRecord> {
    const now = this.clock();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET lastSeq = lastSeq + :one, lastActivityAt = :now, connectionId = :connection REMOVE disconnectedAt",
          ConditionExpression: "userId = :user AND #status = :active AND endsAt > :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":one": 1, ":now": new Date(now).toISOString(), ":connection": connectionId, ":user": userId, ":active": "active" },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes as SessionRecord;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") throw new SessionNotActiveError(sessionId);
      throw error;
    }
  }

  async attach(sessionId: string, connectionId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { sessionId },
        UpdateExpression: "SET connectionId = :connection, lastActivityAt = :now REMOVE disconnectedAt",
        ConditionExpression: "attribute_exists(sessionId)",
        ExpressionAttributeValues: { ":connection": connectionId, ":now": new Date(this.clock()).toISOString() },
      }),
    );
  }

  /** Active sessions bound to a connection, found through the user's index (a user has only a handful). */
  async listActiveOnConnection(userId: string, connectionId: string): Promise<SessionRecord[]> {
    return (await this.listActiveByUser(userId)).filter((s) => s.connectionId === connectionId);
  }

  async markDisconnected(sessionId: string, connectionId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { sessionId },
        UpdateExpression: "SET disconnectedAt = :now",
        ConditionExpression: "connectionId = :connection AND #status = :active",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString(), ":connection": connectionId, ":active": "active" },
      }),
    ).catch((error: unknown) => {
      // Another connection took the session over meanwhile: it is not disconnected.
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    });
  }

  /** Ends an active session; false when it had already ended, so each session ends, and is announced, once. */
  async end(sessionId: string, reason: SessionEndReason): Promise<SessionRecord | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET #status = :ended, endedAt = :now, endReason = :reason REMOVE connectionId",
          ConditionExpression: "#status = :active",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":ended": "ended", ":active": "active", ":now": new Date(this.clock()).toISOString(), ":reason": reason },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes as SessionRecord;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return undefined;
      throw error;
    }
  }

  /**
   * Active sessions to end: idle since before `idleSinceMs`, disconnected since before `disconnectedSinceMs`, or past
   * their 24 hours. A scan: the sweep runs once a minute, not per message.
   */
  async listStale(idleSinceMs: number, disconnectedSinceMs: number): Promise<{ session: SessionRecord; reason: SessionEndReason }[]> {
    const now = this.clock();
    const stale: { session: SessionRecord; reason: SessionEndReason }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#status = :active AND (lastActivityAt < :idle OR endsAt <= :now OR disconnectedAt < :gone)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":active": "active",
            ":idle": new Date(idleSinceMs).toISOString(),
            ":gone": new Date(disconnectedSinceMs).toISOString(),
            ":now": new Date(now).toISOString(),
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const session of (page.Items ?? []) as SessionRecord[]) {
        const reason: SessionEndReason =
          Date.parse(session.endsAt) <= now ? "expired" : session.disconnectedAt && Date.parse(session.disconnectedAt) < disconnectedSinceMs ? "disconnect" : "idle";
        stale.push({ session, reason });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return stale;
  }
}
