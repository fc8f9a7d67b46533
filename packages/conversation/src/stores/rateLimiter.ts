// Token buckets kept in DynamoDB, so every Lambda instance draws from the same bucket.
//
// Each bucket is stored as GCRA's "theoretical arrival time" (TAT): the moment the bucket would be full again.
// That is a token bucket in one number, so taking a token is one conditional update in the common case instead
// of a read and a write: a bucket of capacity C refilling one token every T ms allows a message at `now` when
// TAT - now <= (C - 1) * T, and the message moves TAT to max(TAT, now) + T.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";

export type RateLimitScope = "user" | "session" | "channel";

export interface BucketSpec {
  scope: RateLimitScope;
  key: string;
  /** Messages per minute; also the bucket's capacity. */
  perMinute: number;
}

export interface BucketState {
  scope: RateLimitScope;
  limit: number;
  remaining: number;
  retryAfter: number;
}

export type RateDecision = { allowed: true } | { allowed: false; scope: RateLimitScope; retryAfter: number; limit: number };

const MAX_ATTEMPTS = 5;

const isConditionFailure = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

export class TokenBucketRateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Takes one token from every bucket, or from none: the buckets are tried at once, and when one refuses, the
   * tokens taken from the others are given back. The scope reported is the first refusing one in the given order.
   */
  async take(buckets: readonly BucketSpec[]): Promise<RateDecision> {
    const now = this.clock();
    const results = await Promise.all(buckets.map((bucket) => this.takeOne(bucket, now)));
    const refusedAt = results.findIndex((r) => !r.allowed);
    if (refusedAt === -1) return { allowed: true };
    await Promise.all(buckets.map((bucket, i) => (results[i]?.allowed ? this.giveBack(bucket) : undefined)));
    const bucket = buckets[refusedAt] as BucketSpec;
    return { allowed: false, scope: bucket.scope, retryAfter: (results[refusedAt] as { retryAfter: number }).retryAfter, limit: bucket.perMinute };
  }

  async status(bucket: BucketSpec): Promise<BucketState> {
    const now = this.clock();
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { bucketKey: this.keyOf(bucket) }, ConsistentRead: true }));
    const tat = Math.max(now, (Item?.tat as number | undefined) ?? now);
    const interval = this.intervalOf(bucket);
    const remaining = Math.max(0, Math.min(bucket.perMinute, Math.floor(bucket.perMinute - (tat - now) / interval)));
    return { scope: bucket.scope, limit: bucket.perMinute, remaining, retryAfter: this.retryAfter(bucket, tat, now) };
  }

  private keyOf(bucket: BucketSpec) {
    return `${bucket.scope}#${bucket.key}`;
  }

  private intervalOf(bucket: BucketSpec) {
    return 60_000 / bucket.perMinute;
  }

  /** Whole seconds until the bucket would allow one more message. */
  private retryAfter(bucket: BucketSpec, tat: number, now: number): number {
    const waitMs = tat - now - (bucket.perMinute - 1) * this.intervalOf(bucket);
    return waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }

  private async takeOne(bucket: BucketSpec, now: number, attempt = 1): Promise<{ allowed: true } | { allowed: false; retryAfter: number }> {
    const interval = this.intervalOf(bucket);
    const burst = (bucket.perMinute - 1) * interval;
    const key = { bucketKey: this.keyOf(bucket) };
    const expiresAt = epochSeconds(now + 2 * 60_000);
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
    if (tat - now <= burst) throw new Error(`rate limit bucket ${this.keyOf(bucket)} stayed contended after ${MAX_ATTEMPTS} tries`);
    return { allowed: false, retryAfter: this.retryAfter(bucket, tat, now) };
  }

  /** Returns a token taken by a message that another bucket then refused. */
  private async giveBack(bucket: BucketSpec): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { bucketKey: this.keyOf(bucket) },
        UpdateExpression: "SET tat = tat - :interval",
        ConditionExpression: "attribute_exists(tat)",
        ExpressionAttributeValues: { ":interval": this.intervalOf(bucket) },
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
  }
}
