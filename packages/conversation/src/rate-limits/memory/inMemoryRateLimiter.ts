// Token buckets in memory: the same GCRA arithmetic as the DynamoDB adapter, read against the injected clock.
import { systemClock, type Clock } from "@innerworld/platform/clock";
import { bucketKeyOf, bucketStateOf, burstOf, intervalOf, retryAfterOf, type BucketSpec, type BucketState, type RateDecision, type RateLimiter, type RateLimitScope, type ChatRateLimitScope, type WindowSpec, windowOf } from "../rateLimiter";

export class InMemoryRateLimiter implements RateLimiter {
  /** bucketKey → TAT in epoch milliseconds. */
  private readonly tats = new Map<string, number>();
  /** bucketKey → the minute counted and how many it took. */
  private readonly windows = new Map<string, { start: number; taken: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async take<S extends RateLimitScope = ChatRateLimitScope>(buckets: readonly BucketSpec<S>[]): Promise<RateDecision<S>> {
    const now = this.clock();
    for (const bucket of buckets) {
      const tat = this.tats.get(bucketKeyOf(bucket));
      if (tat !== undefined && tat - now > burstOf(bucket)) {
        return { allowed: false, scope: bucket.scope, retryAfter: retryAfterOf(bucket, tat, now), limit: bucket.perMinute };
      }
    }
    // Every bucket has room: take one token from each (a new or idle bucket starts afresh at now).
    for (const bucket of buckets) {
      const key = bucketKeyOf(bucket);
      this.tats.set(key, Math.max(now, this.tats.get(key) ?? now) + intervalOf(bucket));
    }
    return { allowed: true };
  }

  async status<S extends RateLimitScope = ChatRateLimitScope>(bucket: BucketSpec<S>): Promise<BucketState<S>> {
    return bucketStateOf(bucket, this.tats.get(bucketKeyOf(bucket)), this.clock());
  }

  async admit<S extends RateLimitScope>(window: WindowSpec<S>): Promise<RateDecision<S>> {
    const { start, retryAfter } = windowOf(this.clock());
    const key = bucketKeyOf(window);
    const counted = this.windows.get(key);
    const taken = counted?.start === start ? counted.taken : 0;
    if (taken >= window.perMinute) return { allowed: false, scope: window.scope, retryAfter, limit: window.perMinute };
    this.windows.set(key, { start, taken: taken + 1 });
    return { allowed: true };
  }
}
