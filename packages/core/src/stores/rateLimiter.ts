// Token buckets kept in DynamoDB, so every Lambda instance draws from the same bucket.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "./time";

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

interface BucketItem {
  bucketKey: string;
  tokens: number;
  refilledAt: number;
  version: number;
  expiresAt: number;
}

const MAX_CONFLICT_RETRIES = 8;

export class TokenBucketRateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Takes one token from every bucket, or from none: a denied later bucket refunds the earlier ones. */
  async take(buckets: readonly BucketSpec[]): Promise<RateDecision> {
    const taken: BucketSpec[] = [];
    for (const bucket of buckets) {
      const result = await this.change(bucket, -1);
      if (!result.applied) {
        for (const earlier of taken) await this.change(earlier, +1);
        return { allowed: false, scope: bucket.scope, retryAfter: result.retryAfter, limit: bucket.perMinute };
      }
      taken.push(bucket);
    }
    return { allowed: true };
  }

  async status(bucket: BucketSpec): Promise<BucketState> {
    const now = this.clock();
    const item = await this.read(bucket);
    const tokens = this.refill(bucket, item, now);
    return { scope: bucket.scope, limit: bucket.perMinute, remaining: Math.floor(tokens), retryAfter: this.waitFor(bucket, tokens) };
  }

  private async read(bucket: BucketSpec): Promise<BucketItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { bucketKey: this.keyOf(bucket) }, ConsistentRead: true }));
    return Item as BucketItem | undefined;
  }

  private keyOf(bucket: BucketSpec) {
    return `${bucket.scope}#${bucket.key}`;
  }

  private refill(bucket: BucketSpec, item: BucketItem | undefined, now: number): number {
    if (!item) return bucket.perMinute;
    const perMs = bucket.perMinute / 60_000;
    return Math.min(bucket.perMinute, item.tokens + Math.max(0, now - item.refilledAt) * perMs);
  }

  /** Whole seconds until the bucket holds one token again; clients wait at least this long. */
  private waitFor(bucket: BucketSpec, tokens: number): number {
    if (tokens >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / bucket.perMinute));
  }

  private async change(bucket: BucketSpec, delta: number): Promise<{ applied: true } | { applied: false; retryAfter: number }> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const now = this.clock();
      const item = await this.read(bucket);
      const tokens = this.refill(bucket, item, now);
      if (delta < 0 && tokens < 1) return { applied: false, retryAfter: this.waitFor(bucket, tokens) };
      const next: BucketItem = {
        bucketKey: this.keyOf(bucket),
        tokens: Math.min(bucket.perMinute, tokens + delta),
        refilledAt: now,
        version: (item?.version ?? 0) + 1,
        // A full bucket needs no record: let TTL remove it once it would have refilled anyway.
        expiresAt: epochSeconds(now) + 120,
      };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: next,
            // Optimistic concurrency: another instance that took a token meanwhile makes us read again.
            ConditionExpression: item ? "version = :version" : "attribute_not_exists(bucketKey)",
            ...(item ? { ExpressionAttributeValues: { ":version": item.version } } : {}),
          }),
        );
        return { applied: true };
      } catch (error) {
        if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      }
    }
    throw new Error(`rate limit bucket ${this.keyOf(bucket)} stayed contended after ${MAX_CONFLICT_RETRIES} tries`);
  }
}
