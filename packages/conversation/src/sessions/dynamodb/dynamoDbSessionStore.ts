// Chat sessions in the DynamoDB `sessions` table: conditional updates keep the turn counter and the end exactly-once, and
// a per-user ledger of live sessions keeps the cap on them under concurrency.
import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { ClaimLedger, ifConditionHolds, pagesOf, queryByUserInStatus } from "@innerworld/platform/dynamodb";
import {
  SESSION_LIFETIME_MS,
  SessionLimitError,
  SessionNotActiveError,
  isSessionLive,
  liveSessionsKeyOf,
  newSessionRecord,
  staleReasonOf,
  type SessionEndReason,
  type SessionPage,
  type SessionPageCursor,
  type SessionRecord,
  type SessionStore,
  type StaleCutoffs,
  type StaleSession,
  type StartSession,
} from "../sessionStore";

/**
 * How long a start may take between claiming its place and writing its session. A claim older than this with no session
 * is a start that failed between the two (a crash, a lost connection): it holds no place.
 */
const CLAIM_GRACE_MS = 60_000;

/** What the sweep ends (isStaleSession): idle, past its 24 hours (`:now`), or disconnected too long. */
const STALE_CONDITION = "(lastActivityAt < :idle OR endsAt <= :now OR disconnectedAt < :gone)";
const staleValues = ({ idleSinceMs, disconnectedSinceMs }: StaleCutoffs) => ({ ":idle": new Date(idleSinceMs).toISOString(), ":gone": new Date(disconnectedSinceMs).toISOString() });

export class DynamoDbSessionStore implements SessionStore {
  /** Each user's live sessions by id, with when each was claimed, in one item of this table (liveSessionsKeyOf). */
  private readonly ledger: ClaimLedger;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.ledger = new ClaimLedger(client, tableName, "sessionId");
  }

  async listByUser(userId: string, limit = 50): Promise<SessionRecord[]> {
    return (await this.pageByUser(userId, limit)).sessions;
  }

  async pageByUser(userId: string, limit: number, after?: SessionPageCursor): Promise<SessionPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byUser",
        KeyConditionExpression: "userId = :user",
        ExpressionAttributeValues: { ":user": userId },
        ScanIndexForward: false,
        Limit: limit,
        // The index's key with the table's: the caller's own userId, so a cursor cannot reach into another user's sessions.
        ...(after ? { ExclusiveStartKey: { sessionId: after.sessionId, userId, startedAt: after.startedAt } } : {}),
      }),
    );
    const now = this.clock();
    const sessions = ((Items ?? []) as SessionRecord[]).filter((s) => !isExpired(s, now));
    const next = LastEvaluatedKey as Partial<SessionPageCursor> | undefined;
    return next?.sessionId && next.startedAt ? { sessions, next: { sessionId: next.sessionId, startedAt: next.startedAt } } : { sessions };
  }

  async listActiveByUser(userId: string): Promise<SessionRecord[]> {
    const now = this.clock();
    const live = await queryByUserInStatus<SessionRecord>(this.client, this.tableName, userId, ["active", "paused"]);
    return live.filter((s) => isSessionLive(s, now));
  }

  /**
   * Claims a place in the user's ledger of live sessions (one conditional write: racing starts cannot all pass), then
   * writes the session. A full ledger is checked once against the sessions themselves: places held by sessions that
   * ended, passed their 24 hours, were erased or never got written are given up, and the start tries again.
   */
  async start(input: StartSession): Promise<SessionRecord> {
    const now = this.clock();
    const session = newSessionRecord(input, randomUUID(), now);
    const key = liveSessionsKeyOf(input.userId);
    const claim = () =>
      this.ledger.claim(key, session.sessionId, now, {
        max: input.maxActive,
        // Every claim lapses when its session's 24 hours are up: so may the ledger, once its newest one has.
        expiresAtMs: Date.parse(session.endsAt),
        // Sessions live before the user's ledger was first written hold their places in it.
        seed: async () => Object.fromEntries((await this.listActiveByUser(input.userId)).map((live) => [live.sessionId, Date.parse(live.startedAt)])),
      });
    let outcome = await claim();
    if (outcome === "full" && (await this.giveUpLapsedPlaces(input.userId, now)) > 0) outcome = await claim();
    if (outcome === "full") throw new SessionLimitError(input.maxActive);
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: session, ConditionExpression: "attribute_not_exists(sessionId)" }));
    } catch (error) {
      // The place goes back; if even that fails, the claim lapses after CLAIM_GRACE_MS.
      await this.ledger.release(key, session.sessionId, now).catch(() => undefined);
      throw error;
    }
    return session;
  }

  /** Gives up the places of the user's ledger that no live session holds; returns how many. */
  private async giveUpLapsedPlaces(userId: string, now: number): Promise<number> {
    const key = liveSessionsKeyOf(userId);
    let given = 0;
    for (const [sessionId, claimedAt] of Object.entries((await this.ledger.claims(key)) ?? {})) {
      const session = claimedAt + SESSION_LIFETIME_MS > now ? await this.get(sessionId) : undefined;
      const lapsed = session ? !isSessionLive(session, now) : claimedAt + SESSION_LIFETIME_MS <= now || claimedAt + CLAIM_GRACE_MS <= now;
      if (!lapsed) continue;
      await this.ledger.release(key, sessionId, claimedAt);
      given += 1;
    }
    return given;
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

  /**
   * Ends a live session, pending its announcement. With `ifStale`, the write holds the sweep's own filter as its
   * condition, so a session a message made live again between the sweep's scan and this write is left live.
   */
  async end(sessionId: string, reason: SessionEndReason, ifStale?: StaleCutoffs): Promise<SessionRecord | undefined> {
    const now = new Date(this.clock()).toISOString();
    const ended = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { sessionId },
          UpdateExpression: "SET #status = :ended, endedAt = :now, endReason = :reason, endAnnouncementPending = :pending REMOVE connectionId",
          ConditionExpression: `#status IN (:active, :paused)${ifStale ? ` AND ${STALE_CONDITION}` : ""}`,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":ended": "ended",
            ":active": "active",
            ":paused": "paused",
            ":now": now,
            ":reason": reason,
            ":pending": true,
            ...(ifStale ? staleValues(ifStale) : {}),
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    const record = ended?.Attributes as SessionRecord | undefined;
    // The ended session's place in its user's ledger is free again. A release that fails leaves the session ended and
    // announced once all the same: the next start that finds the ledger full gives the place up itself.
    if (record) await this.ledger.release(liveSessionsKeyOf(record.userId), sessionId).catch(() => undefined);
    return record;
  }

  async markEndAnnounced(sessionId: string): Promise<void> {
    // No such session (erased meanwhile): there is nothing to mark, and nothing is created.
    await ifConditionHolds(
      this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: { sessionId }, UpdateExpression: "REMOVE endAnnouncementPending", ConditionExpression: "attribute_exists(sessionId)" }),
      ),
    );
  }

  /** A scan: the sweep runs once a minute, not per message. */
  async listStale(cutoffs: StaleCutoffs): Promise<StaleSession[]> {
    const now = this.clock();
    const stale: StaleSession[] = [];
    const pages = pagesOf((start) =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: `(#status IN (:active, :paused) AND ${STALE_CONDITION}) OR (#status = :ended AND endAnnouncementPending = :pending)`,
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":active": "active", ":paused": "paused", ":ended": "ended", ":pending": true, ":now": new Date(now).toISOString(), ...staleValues(cutoffs) },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      for (const session of (page.Items ?? []) as SessionRecord[]) stale.push({ session, reason: staleReasonOf(session, now, cutoffs.disconnectedSinceMs) });
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
