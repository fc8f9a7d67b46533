// The ConnectionStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { CONNECTION_TTL_SECONDS, type ConnectionStore } from "../../src/connections";

export interface ConnectionStoreUnderTest {
  store: ConnectionStore;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";

export function connectionStoreContract(adapter: string, open: (clock: () => number) => Promise<ConnectionStoreUnderTest>): void {
  describe(`ConnectionStore contract: ${adapter}`, () => {
    let store: ConnectionStore;
    let connectionId: string;

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (store = opened.store) });
    beforeEach(() => {
      connectionId = `conn-${randomUUID()}`;
    });

    it("opens a connection for its user and forgets it on close", async () => {
      const opened = await store.open(connectionId, "user-maya");

      expect(opened).toEqual({ connectionId, userId: "user-maya", connectedAt: START, lastSeenAt: START, expiresAt: Date.parse(START) / 1000 + CONNECTION_TTL_SECONDS });
      expect(await store.get(connectionId)).toEqual(opened);
      await store.close(connectionId);
      expect(await store.get(connectionId)).toBeUndefined();
      await expect(store.close(connectionId)).resolves.toBeUndefined();
    });

    it("lists a user's open connections and no one else's", async () => {
      const userId = `user-${randomUUID()}`;
      const second = `conn-${randomUUID()}`;
      await store.open(connectionId, userId);
      await store.open(second, userId);
      await store.open(`conn-${randomUUID()}`, `other-${randomUUID()}`);
      expect((await store.listByUser(userId)).map((c) => c.connectionId).sort()).toEqual([connectionId, second].sort());
      await store.close(second);
      expect((await store.listByUser(userId)).map((c) => c.connectionId)).toEqual([connectionId]);
    });

    it("expires a quiet connection after its TTL; activity keeps it alive", async () => {
      const quiet = `conn-${randomUUID()}`;
      await store.open(connectionId, "user-maya");
      await store.open(quiet, "user-maya");

      clock.advance((CONNECTION_TTL_SECONDS - 60) * 1000);
      await store.touch(connectionId);
      clock.advance(120_000);

      expect(await store.get(quiet)).toBeUndefined();
      expect(await store.get(connectionId)).toMatchObject({ connectedAt: START, lastSeenAt: new Date(Date.parse(START) + (CONNECTION_TTL_SECONDS - 60) * 1000).toISOString() });
    });

    it("marks a reply shown on a connection once, apart from other connections and other replies", async () => {
      const other = `conn-${randomUUID()}`;
      await store.open(connectionId, "user-maya");
      await store.open(other, "user-maya");

      expect(await store.markShown(connectionId, "reply-1")).toBe(true);
      expect(await store.markShown(connectionId, "reply-1")).toBe(false);
      expect(await store.markShown(connectionId, "reply-2")).toBe(true);
      expect(await store.markShown(other, "reply-1")).toBe(true);
      // The record a caller reads stays as it was.
      expect(Object.keys((await store.get(connectionId)) ?? {}).sort()).toEqual(["connectedAt", "connectionId", "expiresAt", "lastSeenAt", "userId"]);
    });

    it("takes a mark back, so a reply whose push failed can be shown by the next attempt, and only that one", async () => {
      await store.open(connectionId, "user-maya");
      expect(await store.markShown(connectionId, "reply-1")).toBe(true);
      expect(await store.markShown(connectionId, "reply-2")).toBe(true);

      await store.unmarkShown(connectionId, "reply-1");

      expect(await store.markShown(connectionId, "reply-1")).toBe(true);
      expect(await store.markShown(connectionId, "reply-2")).toBe(false);
      // On a connection that is gone it changes nothing and brings nothing back.
      await store.unmarkShown("conn-gone", "reply-1");
      expect(await store.get("conn-gone")).toBeUndefined();
    });

    it("leaves an unknown connection unknown when a reply is marked on it", async () => {
      expect(await store.markShown(connectionId, "reply-1")).toBe(true);
      expect(await store.get(connectionId)).toBeUndefined();
    });

    it("does not bring back an unknown connection by touching it", async () => {
      await store.touch(connectionId);

      expect(await store.get(connectionId)).toBeUndefined();
    });
  });
}
