// Token buckets in the DynamoDB `rateLimits` table: a record holds one or more buckets' TATs, and taking a token from
// every bucket of a record is one read and one conditional write, however many buckets it holds.
import { setTimeout as sleep } from "node:timers/promises";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, isConditionFailure } from "@innerworld/platform/dynamodb";
import { BUCKET_TTL_MS, bucketKeyOf, bucketStateOf, burstOf, intervalOf, recordKeyOf, retryAfterOf, type BucketSpec, type BucketState, type RateDecision, type RateLimiter, type RateLimitScope, type ChatRateLimitScope, type WindowSpec, windowOf } from "../rateLimiter";

/** Every round of a contended record lets one writer through: enough rounds for a burst of one user's messages at once. */
const MAX_ATTEMPTS = 12;

/** What a refusal for contention tells the client to wait: the burst that crowded the record is over by then. */
const CONTENDED_RETRY_AFTER_SECONDS = 2;

/** A record as stored: bucketKey → TAT, and a version every write advances (the condition of the next one). */
interface BucketRecord {
  tats: Record<string, number>;
  /** Absent on a record written before records held several buckets. */
  version: number | undefined;
}

type RecordTake = { allowed: true } | { allowed: false; bucket: BucketSpec<RateLimitScope>; retryAfter: number };

export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Buckets are grouped by the record that keeps them; each record is taken from at once, all or nothing. When one
   * record refuses, the tokens taken from the other records are given back.
   */
  async take<S extends RateLimitScope = ChatRateLimitScope>(buckets: readonly BucketSpec<S>[]): Promise<RateDecision<S>> {
    const byRecord = new Map<string, BucketSpec<S>[]>();
    for (const bucket of buckets) byRecord.set(recordKeyOf(bucket), [...(byRecord.get(recordKeyOf(bucket)) ?? []), bucket]);
    const records = [...byRecord.entries()];
    const results = await Promise.all(records.map(([recordKey, held]) => this.takeRecord(recordKey, held)));
    if (results.every((r) => r.allowed)) return { allowed: true };
    await Promise.all(records.map(([recordKey, held], i) => (results[i]?.allowed ? this.giveBack(recordKey, held) : undefined)));
    // The first refusing bucket in the order given.
    const refusedBy = new Map(results.flatMap((r) => (r.allowed ? [] : [[bucketKeyOf(r.bucket), r] as const])));
    const first = buckets.map((b) => refusedBy.get(bucketKeyOf(b))).find((r) => r !== undefined) as Extract<RecordTake, { allowed: false }>;
    return { allowed: false, scope: first.bucket.scope as S, retryAfter: first.retryAfter, limit: first.bucket.perMinute };
  }

  async status<S extends RateLimitScope = ChatRateLimitScope>(bucket: BucketSpec<S>): Promise<BucketState<S>> {
    const record = await this.read(recordKeyOf(bucket));
    return bucketStateOf(bucket, record?.tats[bucketKeyOf(bucket)], this.clock());
  }

  /**
   * One conditional write counts the take in the current minute. Only when that fails is the minute a new one (or the
   * key new): a second write starts it, and if a racing take started it first, the first write is tried once more.
   */
  async admit<S extends RateLimitScope>(window: WindowSpec<S>): Promise<RateDecision<S>> {
    const now = this.clock();
    const { start, retryAfter } = windowOf(now);
    const Key = { bucketKey: bucketKeyOf(window) };
    const expires = epochSeconds(start + 60_000 + BUCKET_TTL_MS);
    const countIn = () =>
      ifConditionHolds(
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: "SET taken = taken + :one",
            ConditionExpression: "windowStart = :start AND taken < :max",
            ExpressionAttributeValues: { ":one": 1, ":start": start, ":max": window.perMinute },
          }),
        ),
      );
    if (await countIn()) return { allowed: true };
    const started = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: "SET windowStart = :start, taken = :one, expiresAt = :expires",
          ConditionExpression: "attribute_not_exists(windowStart) OR windowStart < :start",
          ExpressionAttributeValues: { ":start": start, ":one": 1, ":expires": expires },
        }),
      ),
    );
    if (started || (await countIn())) return { allowed: true };
    return { allowed: false, scope: window.scope, retryAfter, limit: window.perMinute };
  }

  private async read(recordKey: string): Promise<BucketRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { bucketKey: recordKey }, ConsistentRead: true }));
    if (!Item) return undefined;
    const tats = { ...((Item.tats as Record<string, number> | undefined) ?? {}) };
    // A record written before records held several buckets kept its own TAT as `tat`.
    if (typeof Item.tat === "number" && tats[recordKey] === undefined) tats[recordKey] = Item.tat;
    return { tats, version: Item.version as number | undefined };
  }

  /** GCRA on every bucket of one record: allowed only if each has a token; then one write moves them all, if no one wrote between. */
  private async takeRecord(recordKey: string, buckets: readonly BucketSpec<RateLimitScope>[], attempt = 1): Promise<RecordTake> {
    const now = this.clock();
    const record = await this.read(recordKey);
    const stored = record?.tats ?? {};
    for (const bucket of buckets) {
      const tat = stored[bucketKeyOf(bucket)];
      if (tat !== undefined && tat - now > burstOf(bucket)) return { allowed: false, bucket, retryAfter: retryAfterOf(bucket, tat, now) };
    }
    // Full buckets (TAT not ahead of now) need no entry: absent reads as full, so the record stays small.
    const tats = Object.fromEntries(Object.entries(stored).filter(([, tat]) => tat > now));
    for (const bucket of buckets) tats[bucketKeyOf(bucket)] = Math.max(now, stored[bucketKeyOf(bucket)] ?? now) + intervalOf(bucket);
    const version = record?.version;
    const unchanged = !record ? "attribute_not_exists(bucketKey)" : version === undefined ? "attribute_not_exists(version)" : "version = :version";
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bucketKey: recordKey },
          UpdateExpression: "SET tats = :tats, version = :next, expiresAt = :expires REMOVE tat",
          ConditionExpression: unchanged,
          ExpressionAttributeValues: { ":tats": tats, ":next": (version ?? 0) + 1, ":expires": epochSeconds(now + BUCKET_TTL_MS), ...(version === undefined ? {} : { ":version": version }) },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Another instance wrote the record between our read and our write: read it again, a bounded number of times.
    if (attempt < MAX_ATTEMPTS) {
      // A few random milliseconds apart, so the losers of one round do not meet again in the next.
      await sleep(Math.random() * 5 * attempt);
      return this.takeRecord(recordKey, buckets, attempt + 1);
    }
    // Still contended: as many writers are drawing from these buckets at this moment as the rounds could let through,
    // more than a client within its rate sends. The message is refused as over the rate, taking nothing, and told to
    // wait a moment rather than come back at once into the same crowd.
    const [first] = buckets;
    if (!first) throw new Error(`rate limit record ${recordKey} was asked for no bucket`);
    return { allowed: false, bucket: first, retryAfter: CONTENDED_RETRY_AFTER_SECONDS };
  }

  /** Returns the tokens a message took from a record's buckets when another record then refused it. */
  private async giveBack(recordKey: string, buckets: readonly BucketSpec<RateLimitScope>[]): Promise<void> {
    const names = Object.fromEntries(buckets.map((b, i) => [`#b${i}`, bucketKeyOf(b)]));
    const values = Object.fromEntries(buckets.map((b, i) => [`:i${i}`, intervalOf(b)]));
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bucketKey: recordKey },
          UpdateExpression: `SET ${buckets.map((_, i) => `tats.#b${i} = tats.#b${i} - :i${i}`).join(", ")}, version = version + :one`,
          ConditionExpression: buckets.map((_, i) => `attribute_exists(tats.#b${i})`).join(" AND "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ":one": 1 },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}
