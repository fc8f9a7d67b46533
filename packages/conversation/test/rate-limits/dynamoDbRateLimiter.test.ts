// DynamoDbRateLimiter against dynalite: the RateLimiter contract, and a burst of conditional writes on one record.
import { randomUUID } from "node:crypto";
import { startLocalTables, type LocalTables } from "@innerworld/emulators/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbRateLimiter, type BucketSpec } from "../../src/rate-limits";
import { rateLimiterContract } from "./rateLimiterContract";

rateLimiterContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { limiter: new DynamoDbRateLimiter(local.client, local.tables.rateLimits, clock), close: local.close };
});

describe("DynamoDbRateLimiter under a burst on one record", () => {
  let local: LocalTables;
  beforeAll(async () => {
    local = await startLocalTables("rate-burst");
  });
  afterAll(() => local.close());

  it("answers every take of a burst it cannot settle as a refusal with time to wait, never an error, and never allows more than the bucket", async () => {
    const limiter = new DynamoDbRateLimiter(local.client, local.tables.rateLimits, () => Date.parse("2026-12-04T16:00:00.000Z"));
    const user: BucketSpec = { scope: "user", key: `burst-${randomUUID()}`, perMinute: 30 };
    const channel = (i: number): BucketSpec => ({ scope: "channel", key: `conn-${i % 12}`, perMinute: 20, heldBy: { scope: "user", key: user.key } });

    // Twelve sockets of one user, ten messages each, all at once: every take writes the same record.
    const decisions = await Promise.all(Array.from({ length: 120 }, (_, i) => limiter.take([user, channel(i)])));

    const allowed = decisions.filter((d) => d.allowed).length;
    const refused = decisions.flatMap((d) => (d.allowed ? [] : [d]));
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThanOrEqual(30);
    expect(refused.every((d) => d.retryAfter >= 1)).toBe(true);
    // The bucket counts exactly the messages let through.
    expect((await limiter.status(user)).remaining).toBe(30 - allowed);
  });
});
