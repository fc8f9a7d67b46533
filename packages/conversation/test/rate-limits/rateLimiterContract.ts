// The RateLimiter contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import type { BucketSpec, RateLimiter } from "../../src/rate-limits";

export interface RateLimiterUnderTest {
  limiter: RateLimiter;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function rateLimiterContract(adapter: string, open: (clock: () => number) => Promise<RateLimiterUnderTest>): void {
  describe(`RateLimiter contract: ${adapter}`, () => {
    let limiter: RateLimiter;
    let user: BucketSpec;
    let session: BucketSpec;

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (limiter = opened.limiter) });
    beforeEach(() => {
      user = { scope: "user", key: `user-${randomUUID()}`, perMinute: 6 };
      session = { scope: "session", key: randomUUID(), perMinute: 3 };
    });

    it("allows a full bucket's worth at once, then refuses with the seconds to wait", async () => {
      const decisions = [];
      for (let i = 0; i < 4; i += 1) decisions.push(await limiter.take([user]));
      clock.advance(1000);
      for (let i = 0; i < 3; i += 1) decisions.push(await limiter.take([user]));

      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, true, false]);
      // Six taken at 0 s and 1 s refill one every 10 s; the next token is 10 s after the first.
      expect(decisions.at(-1)).toEqual({ allowed: false, scope: "user", retryAfter: 9, limit: 6 });
    });

    it("admits a window's count in a clock minute, refuses the rest with the seconds left in it, and counts afresh in the next", async () => {
      const frames = { scope: "frames" as const, key: `user-${randomUUID()}`, perMinute: 3 };
      clock.advance(15_000);

      const decisions = [];
      for (let i = 0; i < 4; i += 1) decisions.push(await limiter.admit(frames));
      clock.advance(30_000);
      const later = await limiter.admit(frames);
      clock.advance(15_000);
      const nextMinute = await limiter.admit(frames);

      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(decisions[3]).toEqual({ allowed: false, scope: "frames", retryAfter: 45, limit: 3 });
      expect(later).toEqual({ allowed: false, scope: "frames", retryAfter: 15, limit: 3 });
      expect(nextMinute).toEqual({ allowed: true });
      // A window is not a bucket: the buckets of the same user are untouched.
      expect(await limiter.status(user)).toMatchObject({ remaining: 6 });
    });

    it("admits no more than a window's count however many takes race", async () => {
      const frames = { scope: "frames" as const, key: `user-${randomUUID()}`, perMinute: 20 };

      const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.admit(frames)));

      expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    });

    it("refills one token per interval", async () => {
      for (let i = 0; i < 3; i += 1) await limiter.take([session]);
      expect((await limiter.take([session])).allowed).toBe(false);

      clock.advance(20_000);

      expect(await limiter.take([session])).toEqual({ allowed: true });
      expect(await limiter.take([session])).toMatchObject({ allowed: false, scope: "session" });
    });

    it("takes from every bucket or from none, naming the first that refuses", async () => {
      for (let i = 0; i < 3; i += 1) await limiter.take([session]);

      const refused = await limiter.take([user, session]);

      expect(refused).toMatchObject({ allowed: false, scope: "session", limit: 3 });
      // The user's token came back: the refused message cost nothing.
      expect(await limiter.status(user)).toEqual({ scope: "user", limit: 6, remaining: 6, retryAfter: 0 });
    });

    it("keeps buckets held by another in its record, each its own bucket, taken from all together or not at all", async () => {
      const held = { scope: "user" as const, key: user.key };
      const mySession: BucketSpec = { ...session, heldBy: held };
      const otherSession: BucketSpec = { scope: "session", key: randomUUID(), perMinute: 3, heldBy: held };
      const channel: BucketSpec = { scope: "channel", key: randomUUID(), perMinute: 5, heldBy: held };

      const decisions = [];
      for (let i = 0; i < 4; i += 1) decisions.push(await limiter.take([user, mySession, channel]));
      decisions.push(await limiter.take([user, otherSession, channel]));

      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, true]);
      expect(decisions[3]).toMatchObject({ allowed: false, scope: "session", limit: 3 });
      // The refused message took nothing from the user or the channel; the other session had its own three.
      expect(await limiter.status(user)).toMatchObject({ remaining: 2 });
      expect(await limiter.status(channel)).toMatchObject({ remaining: 1 });
      expect(await limiter.status(mySession)).toMatchObject({ remaining: 0, retryAfter: 20 });
      expect(await limiter.status(otherSession)).toMatchObject({ remaining: 2 });
      expect((await limiter.take([user, otherSession, channel])).allowed).toBe(true);
      expect(await limiter.take([user, otherSession, channel])).toMatchObject({ allowed: false, scope: "channel", limit: 5 });

      clock.advance(60_000);
      expect(await limiter.take([user, mySession, channel])).toEqual({ allowed: true });
    });

    it("hands out no more tokens than a record's buckets hold when many instances take at once", async () => {
      const channel: BucketSpec = { scope: "channel", key: randomUUID(), perMinute: 10, heldBy: { scope: "user", key: user.key } };

      const decisions = await Promise.all(Array.from({ length: 8 }, () => limiter.take([user, channel])));

      expect(decisions.filter((d) => d.allowed)).toHaveLength(6);
      expect(await limiter.status(channel)).toMatchObject({ remaining: 4 });
    });

    it("reports a bucket's remaining tokens and wait", async () => {
      expect(await limiter.status(user)).toEqual({ scope: "user", limit: 6, remaining: 6, retryAfter: 0 });
      for (let i = 0; i < 6; i += 1) await limiter.take([user]);
      clock.advance(4000);

      expect(await limiter.status(user)).toEqual({ scope: "user", limit: 6, remaining: 0, retryAfter: 6 });
      clock.advance(60_000);
      expect(await limiter.status(user)).toMatchObject({ remaining: 6, retryAfter: 0 });
    });
  });
}
