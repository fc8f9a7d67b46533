// Feedback requests in DynamoDB: conditional writes decide the one answer that counts and the one expiry that is announced.
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, isConditionFailure, pagesOf, queryByUserInStatus } from "@innerworld/platform/dynamodb";
import {
  acceptAnswer,
  effectiveStatus,
  feedbackAlreadyAnswered,
  feedbackExpired,
  newFeedbackRequest,
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
    const request = newFeedbackRequest(input, this.clock());
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: request, ConditionExpression: "attribute_not_exists(requestId)" }));
      return { request, created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
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
    const open = await queryByUserInStatus<FeedbackRequestRecord>(this.client, this.tableName, userId, ["open"]);
    return open.filter((r) => effectiveStatus(r, now) === "open");
  }

  /**
   * Records the answer with one conditional write (still open, not past its deadline), so of any number of answers
   * racing, exactly one is kept. Another user's request reads as missing.
   */
  async answer(requestId: string, userId: string, answer: Omit<FeedbackAnswer, "answeredAt">): Promise<FeedbackRequestRecord> {
    const { recorded } = acceptAnswer(await this.get(requestId), requestId, userId, answer, this.clock());
    const updated = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { requestId },
          UpdateExpression: "SET #status = :answered, answer = :answer",
          ConditionExpression: "#status = :open AND closesAt > :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":answered": "answered", ":open": "open", ":answer": recorded, ":now": recorded.answeredAt },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    if (updated) return updated.Attributes as FeedbackRequestRecord;
    // Another answer or the deadline got there between the read and the write.
    const after = await this.get(requestId);
    throw after?.status === "answered" ? feedbackAlreadyAnswered(requestId) : feedbackExpired(requestId);
  }

  /** Marks every open request past its deadline expired; returns the ones this call closed (each exactly once). */
  async expireDue(): Promise<FeedbackRequestRecord[]> {
    const now = new Date(this.clock()).toISOString();
    const closed: FeedbackRequestRecord[] = [];
    const pages = pagesOf((start) =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "#status = :open AND closesAt <= :now",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":now": now },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      for (const request of (page.Items ?? []) as FeedbackRequestRecord[]) {
        const expiredNow = await ifConditionHolds(
          this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { requestId: request.requestId },
              UpdateExpression: "SET #status = :expired",
              ConditionExpression: "#status = :open",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":expired": "expired", ":open": "open" },
            }),
          ),
        );
        // Answered (or expired by another sweep) between the scan and the write: not this call's to close.
        if (expiredNow) closed.push({ ...request, status: "expired" });
      }
    }
    return closed;
  }
}
