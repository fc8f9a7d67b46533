// Token buckets in the DynamoDB `rateLimits` table: taking a token is one conditional update in the common case.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { isConditionFailure } from "@innerworld/platform/dynamodb";
import { BUCKET_TTL_MS, bucketKeyOf, bucketStateOf, burstOf, intervalOf, retryAfterOf, type BucketSpec, type BucketState, type RateDecision, type RateLimiter, type RateLimitScope, type ChatRateLimitScope } from "../rateLimiter";

const MAX_ATTEMPTS = 5;

export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The buckets are tried at once; when one refuses, the tokens taken from the others are given back. */
  async take<S extends RateLimitScope = ChatRateLimitScope>(buckets: readonly BucketSpec<S>[]): Promise<RateDecision<S>> {
    const now = this.clock();
    const results = await Promise.all(buckets.map((bucket) => this.takeOne(bucket, now)));
    const refusedAt = results.findIndex((r) => !r.allowed);
    if (refusedAt === -1) return { allowed: true };
    await Promise.all(buckets.map((bucket, i) => (results[i]?.allowed ? this.giveBack(bucket) : undefined)));
    const bucket = buckets[refusedAt] as BucketSpec<S>;
    return { allowed: false, scope: bucket.scope, retryAfter: (results[refusedAt] as { retryAfter: number }).retryAfter, limit: bucket.perMinute };
  }

  async status<S extends RateLimitScope = ChatRateLimitScope>(bucket: BucketSpec<S>): Promise<BucketState<S>> {
    const now = this.clock();
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { bucketKey: bucketKeyOf(bucket) }, ConsistentRead: true }));
    return bucketStateOf(bucket, Item?.tat as number | undefined, now);
  }

  private async takeOne(bucket: BucketSpec<RateLimitScope>, now: number, attempt = 1): Promise<{ allowed: true } | { allowed: false; retryAfter: number }> {
    const interval = intervalOf(bucket);
    const burst = burstOf(bucket);
    const key = { bucketKey: bucketKeyOf(bucket) };
    const expiresAt = epochSeconds(now + BUCKET_TTL_MS);
    try {
      // A bucket in use (TAT still ahead of now) and not empty: advance TAT by one interval.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "SET tat = tat + :interval, expiresAt = :expires",
          ConditionExpression: "tat >= :now AND tat <= :limit",
          ExpressionAttributeValues: { ":interval": interval, ":now": now, ":limit": now + burst, ":expires": expiresAt },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // A new or idle bucket (TAT in the past): it is full, so the message starts it afresh at now + interval.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "SET tat = :next, expiresAt = :expires",
          ConditionExpression: "attribute_not_exists(tat) OR tat < :now",
          ExpressionAttributeValues: { ":next": now + interval, ":now": now, ":expires": expiresAt },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Neither: the bucket is empty (or another instance moved it between our two tries, which reads the same).
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    const tat = (Item?.tat as number | undefined) ?? now;
    // Room after all: another instance changed the bucket between our tries. Try again, a bounded number of times.
    if (tat - now <= burst && attempt < MAX_ATTEMPTS) return this.takeOne(bucket, this.clock(), attempt + 1);
    if (tat - now <= burst) throw new Error(`rate limit bucket ${bucketKeyOf(bucket)} stayed contended after ${MAX_ATTEMPTS} tries`);
    return { allowed: false, retryAfter: retryAfterOf(bucket, tat, now) };
  }

  /** Returns a token taken by a message that another bucket then refused. */
  private async giveBack(bucket: BucketSpec<RateLimitScope>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { bucketKey: bucketKeyOf(bucket) },
        UpdateExpression: "SET tat = tat - :interval",
        ConditionExpression: "attribute_exists(tat)",
        ExpressionAttributeValues: { ":interval": intervalOf(bucket) },
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }
}
