// The ContextCacheStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { CONTEXT_TTL_SECONDS, type ContextCacheStore } from "../../src/context-cache";

export interface ContextCacheStoreUnderTest {
  store: ContextCacheStore;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function contextCacheStoreContract(adapter: string, open: (clock: () => number) => Promise<ContextCacheStoreUnderTest>): void {
  describe(`ContextCacheStore contract: ${adapter}`, () => {
    let store: ContextCacheStore;
    let userId: string;
    const context = (version: number) => ({ userId, block: `Maya's math test is on Friday (v${version}).`, version, tokenCount: 12, entityCount: 2 });

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (store = opened.store) });
    beforeEach(() => {
      userId = `user-${randomUUID()}`;
    });

    it("keeps one context per user, the latest put winning", async () => {
      await store.put(context(1));
      clock.advance(60_000);

      const stored = await store.put(context(2));

      expect(stored).toEqual({ ...context(2), builtAt: "2026-12-04T16:01:00.000Z", expiresAt: Date.parse("2026-12-04T16:01:00.000Z") / 1000 + CONTEXT_TTL_SECONDS });
      expect(await store.get(userId)).toEqual(stored);
      expect(await store.get(`user-${randomUUID()}`)).toBeUndefined();
    });

    it("treats a context past its hour as gone, before TTL removes it, yet still shows it to the user's export", async () => {
      const stored = await store.put({ ...context(1), lineFactIds: [[`Event:${userId}:chem-test`], []] });

      clock.advance(CONTEXT_TTL_SECONDS * 1000 - 1000);
      expect(await store.get(userId)).toMatchObject({ version: 1 });
      clock.advance(1000);

      expect(await store.get(userId)).toBeUndefined();
      expect(await store.read(userId)).toEqual(stored);
    });

    it("forgets a user's context on delete", async () => {
      await store.put(context(1));

      await store.delete(userId);
      await store.delete(`user-${randomUUID()}`);

      expect(await store.get(userId)).toBeUndefined();
      expect(await store.read(userId)).toBeUndefined();
    });
  });
}
