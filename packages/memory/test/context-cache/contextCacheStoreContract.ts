// The ContextCacheStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { CONTEXT_TTL_SECONDS, isContextSupersededError, type ContextCacheStore } from "../../src/context-cache";

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

    it("refuses a put that is not newer than the stored version, keeping the newer block", async () => {
      await store.put(context(2));

      const older = await store.put(context(2)).then(() => undefined, (error: unknown) => error);
      const stale = await store.put(context(1)).then(() => undefined, (error: unknown) => error);

      expect(isContextSupersededError(older)).toBe(true);
      expect(isContextSupersededError(stale)).toBe(true);
      expect(await store.get(userId)).toMatchObject({ version: 2, block: context(2).block });
      expect(await store.put(context(3))).toMatchObject({ version: 3 });
    });

    it("gives a block in use another hour from now, only while it is the version read and only ever later", async () => {
      const built = await store.put(context(5));
      clock.advance(50 * 60_000);

      expect(await store.keepAlive(userId, 4)).toBe(false);
      expect(await store.keepAlive(userId, 5)).toBe(true);
      // A keep-alive never shortens: asked again at once, the end it would set is no later.
      expect(await store.keepAlive(userId, 5)).toBe(false);
      expect(await store.keepAlive(`user-${randomUUID()}`, 1)).toBe(false);

      clock.advance(59 * 60_000);
      expect(await store.get(userId)).toMatchObject({ version: 5, builtAt: built.builtAt, expiresAt: built.expiresAt + 50 * 60 });
      clock.advance(60_000);
      expect(await store.get(userId)).toBeUndefined();
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
