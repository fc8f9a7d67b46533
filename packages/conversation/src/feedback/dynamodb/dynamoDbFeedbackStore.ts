// Feedback requests in DynamoDB: conditional writes decide the one answer that counts and the one expiry that is announced.
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import {
  DEFAULT_FEEDBACK_OPTIONS,
  DEFAULT_FEEDBACK_QUESTION,
  effectiveStatus,
  FEEDBACK_OPEN_MS,
  FEEDBACK_RECORD_RETENTION_SECONDS,
  FeedbackError,
  type FeedbackAnswer,
  type FeedbackRequestRecord,
  type FeedbackStore,
  type NewFeedbackRequest,
} from "../feedbackStore";

export class DynamoDbFeedbackStore implements FeedbackStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Writes the request once; `created` is false when a request with this id already existed (a redelivered trigger). */
  async create(input: NewFeedbackRequest): Promise<{ request: FeedbackRequestRecord; created: boolean }> {
    const now = this.clock();
    const request: FeedbackRequestRecord = {
      requestId: input.requestId,
      sessionId: input.sessionId,
      userId: input.userId,
      question: input.question ?? DEFAULT_FEEDBACK_QUESTION,
      options: [...(input.options ?? DEFAULT_FEEDBACK_OPTIONS)],
      reason: input.reason,
      status: "open",
      requestedAt: new Date(now).toISOString(),
      closesAt: new Date(now + FEEDBACK_OPEN_MS).toISOString(),
      expiresAt: epochSeconds(now + FEEDBACK_OPEN_MS) + FEEDBACK_RECORD_RETENTION_SECONDS,
    };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: request, ConditionExpression: "attribute_not_exists(requestId)" }));
      return { request, created: true };
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      const existing = await this.get(input.requestId);
      if (!existing) throw error;
      return { request: existing, created: false };
    }
  }

  async get(requestId: string): Promise<FeedbackRequestRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { requestId }, ConsistentRead: true }));
    return Item as FeedbackRequestRecord | undefined;
  }

  async listBySession(sessionId: string): Promise<FeedbackRequestRecord[]> {
    const { Items } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: "bySession", KeyConditionExpression: "sessionId = :session", ExpressionAttributeValues: { ":session": sessionId } }),
    );
    return (Items ?? []) as FeedbackRequestRecord[];
  }

  /** The user's requests still waiting for an answer: what a new connection is offered. */
  async listOpenByUser(userId: string): Promise<FeedbackRequestRecord[]> {
    const now = this.clock();
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byUser",
        KeyConditionExpression: "userId = :user",
        FilterExpression: "#status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":user": userId, ":open": "open" },
      }),
    );
    return ((Items ?? []) as FeedbackRequestRecord[]).filter((r) => effectiveStatus(r, now) === "open");
  }

  /**
   * Records the answer with one conditional write (still open, not past its deadline), so of any number of answers
   * racing, exactly one is kept. Another user's request reads as missing.
   */
  async answer(requestId: string, userId: string, answer: Omit<FeedbackAnswer, "answeredAt">): Promise<FeedbackRequestRecord> {
    const request = await this.get(requestId);
    if (!request || request.userId !== userId) throw new FeedbackError("FEEDBACK_NOT_FOUND", `No feedback request ${requestId}`, requestId);
    if (!request.options.includes(answer.choice)) {
      throw new FeedbackError("INVALID_CHOICE", `"${answer.choice}" is not one of ${request.options.map((o) => `"${o}"`).join(", ")}`, requestId);
    }
    const now = this.clock();
    const status = effectiveStatus(request, now);
    if (status === "answered") throw new FeedbackError("FEEDBACK_ALREADY_ANSWERED", "This feedback request has already been answered", requestId);
    if (status === "expired") throw new FeedbackError("FEEDBACK_EXPIRED", "This feedback request has expired", requestId);
    const recorded: FeedbackAnswer = { ...answer, answeredAt: new Date(now).toISOString() };
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { requestId },
          UpdateExpression: "SET #status = :answered, answer = :answer",
          ConditionExpression: "#status = :open AND closesAt > :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":answered": "answered", ":open": "open", ":answer": recorded, ":now": recorded.answeredAt },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes as FeedbackRequestRecord;
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      const after = await this.get(requestId);
      if (after?.status === "answered") throw new FeedbackError("FEEDBACK_ALREADY_ANSWERED", "This feedback request has already been answered", requestId);
      throw new FeedbackError("FEEDBACK_EXPIRED", "This feedback request has expired", requestId);
    }
  }

  /** Marks every open request past its deadline expired; returns the ones this call closed (each exactly once). */
  async expireDue(): Promise<FeedbackRequestRecord[]> {
    const now = new Date(this.clock()).toISOString();
    const closed: FeedbackRequestRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#status = :open AND closesAt <= :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":now": now },
          ExclusiveStartKey: start,
        }),
      );
      for (const request of (page.Items ?? []) as FeedbackRequestRecord[]) {
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { requestId: request.requestId },
              UpdateExpression: "SET #status = :expired",
              ConditionExpression: "#status = :open",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":expired": "expired", ":open": "open" },
            }),
          );
          closed.push({ ...request, status: "expired" });
        } catch (error) {
          // Answered (or expired by another sweep) between the scan and the write: not this call's to close.
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return closed;
  }
}
