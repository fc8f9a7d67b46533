// The rate-limits port: token buckets per user, session and channel, every bucket drawn from by every instance.
//
// Each bucket is kept as GCRA's "theoretical arrival time" (TAT): the moment the bucket would be full again. That is
// a token bucket in one number: a bucket of capacity C refilling one token every T ms allows a message at `now` when
// TAT - now <= (C - 1) * T, and the message moves TAT to max(TAT, now) + T.

export type RateLimitScope = "user" | "session" | "channel" | "frames" | "survey_respondent" | "survey";
/** The scopes a chat client hears of in `rate_limit_exceeded`; the survey API answers its own over HTTP. */
export type ChatRateLimitScope = Extract<RateLimitScope, "user" | "session" | "channel">;

/** Chat buckets unless said otherwise. */
export interface BucketSpec<S extends RateLimitScope = ChatRateLimitScope> {
  scope: S;
  key: string;
  /** Messages per minute; also the bucket's capacity. */
  perMinute: number;
  /**
   * The bucket this one is only ever drawn beside, whose record keeps it too (a user's session and connection buckets
   * live in the user's record): a stored adapter then takes from all of them with one read and one conditional write.
   * Only for a bucket no one else draws from; absent, the bucket has a record of its own.
   */
  heldBy?: { scope: RateLimitScope; key: string };
}

export interface BucketState<S extends RateLimitScope = ChatRateLimitScope> {
  scope: S;
  limit: number;
  remaining: number;
  retryAfter: number;
}

export type RateDecision<S extends RateLimitScope = ChatRateLimitScope> = { allowed: true } | { allowed: false; scope: S; retryAfter: number; limit: number };

/**
 * A count per clock minute rather than a bucket: each take is one conditional write with no read, so a flood of takes
 * on one key costs one write each and never retries against itself. It allows up to twice its rate across a minute's
 * turn, which suits a guard against floods, not a fair share.
 */
export interface WindowSpec<S extends RateLimitScope = RateLimitScope> {
  scope: S;
  key: string;
  perMinute: number;
}

/** The start of the clock minute `now` is in, and whole seconds until the next one. */
export const windowOf = (now: number): { start: number; retryAfter: number } => {
  const start = Math.floor(now / 60_000) * 60_000;
  return { start, retryAfter: Math.max(1, Math.ceil((start + 60_000 - now) / 1000)) };
};

export interface RateLimiter {
  /**
   * Takes one token from every bucket, or from none: when one bucket refuses, the tokens taken from the others are
   * given back. The scope reported is the first refusing one in the given order.
   */
  take<S extends RateLimitScope = ChatRateLimitScope>(buckets: readonly BucketSpec<S>[]): Promise<RateDecision<S>>;
  status<S extends RateLimitScope = ChatRateLimitScope>(bucket: BucketSpec<S>): Promise<BucketState<S>>;
  /** Counts one take in the window's current minute, or refuses it once the minute has had `perMinute`. */
  admit<S extends RateLimitScope>(window: WindowSpec<S>): Promise<RateDecision<S>>;
}

/** How long a bucket's record is worth keeping: past this it is full again, and TTL may remove it. */
export const BUCKET_TTL_MS = 2 * 60_000;

export const bucketKeyOf = (bucket: Pick<BucketSpec<RateLimitScope>, "scope" | "key">) => `${bucket.scope}#${bucket.key}`;

/** The key of the record a bucket is kept in: its holder's, or its own. */
export const recordKeyOf = (bucket: BucketSpec<RateLimitScope>) => bucketKeyOf(bucket.heldBy ?? bucket);

/** Milliseconds between two tokens. */
export const intervalOf = (bucket: BucketSpec<RateLimitScope>) => 60_000 / bucket.perMinute;

/** How far TAT may run ahead of now while a token is still left. */
export const burstOf = (bucket: BucketSpec<RateLimitScope>) => (bucket.perMinute - 1) * intervalOf(bucket);

/** Whole seconds until the bucket would allow one more message. */
export const retryAfterOf = (bucket: BucketSpec<RateLimitScope>, tat: number, now: number): number => {
  const waitMs = tat - now - burstOf(bucket);
  return waitMs <= 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
};

/** The bucket as a client sees it, from its stored TAT (undefined: never used, or long idle). */
export const bucketStateOf = <S extends RateLimitScope>(bucket: BucketSpec<S>, storedTat: number | undefined, now: number): BucketState<S> => {
  const tat = Math.max(now, storedTat ?? now);
  const remaining = Math.max(0, Math.min(bucket.perMinute, Math.floor(bucket.perMinute - (tat - now) / intervalOf(bucket))));
  return { scope: bucket.scope, limit: bucket.perMinute, remaining, retryAfter: retryAfterOf(bucket, tat, now) };
};
