// The SessionStore contract: one suite the DynamoDB adapter (e2e lane, dynalite) and the in-memory one (unit lane) both pass.
import { randomUUID } from "node:crypto";
import { adapterUnderTest } from "@innerworld/emulators/port-contract";
import { beforeEach, describe, expect, it } from "vitest";
import { SESSION_LIFETIME_MS, SESSION_RECORD_RETENTION_SECONDS, isSessionLimitError, isSessionNotActiveError, type SessionStore } from "../../src/sessions";

export interface SessionStoreUnderTest {
  store: SessionStore;
  close(): Promise<void>;
}

const START = "2026-12-04T16:00:00.000Z";
const MINUTE = 60_000;

export function sessionStoreContract(adapter: string, open: (clock: () => number) => Promise<SessionStoreUnderTest>): void {
  describe(`SessionStore contract: ${adapter}`, () => {
    let store: SessionStore;
    let userId: string;
    const start = (connectionId = "conn-1", maxActive = 3) => store.start({ userId, personaId: "companion", connectionId, maxActive, locale: "en-US" });

    const clock = adapterUnderTest({ start: START, open, ready: (opened) => (store = opened.store) });
    beforeEach(() => {
      userId = `user-${randomUUID()}`;
    });

    it("starts a session that lives 24 hours and reads it back", async () => {
      // Act
      const session = await start();

      // Assess
      expect(session).toMatchObject({ userId, personaId: "companion", status: "active", connectionId: "conn-1", locale: "en-US", lastSeq: 0, startedAt: START, lastActivityAt: START });
      expect(Date.parse(session.endsAt) - Date.parse(START)).toBe(SESSION_LIFETIME_MS);
      expect(await store.get(session.sessionId)).toEqual(session);
      expect(await store.get(randomUUID())).toBeUndefined();
    });

    it("refuses a session beyond the cap; ended sessions and sessions past their 24 hours do not count", async () => {
      const first = await start("conn-1", 2);
      clock.advance(1000);
      await start("conn-1", 2);

      const third = start("conn-1", 2);

      await expect(third).rejects.toSatisfy(isSessionLimitError);
      await expect(third).rejects.toMatchObject({ code: "SESSION_LIMIT_REACHED", limit: 2 });
      await store.end(first.sessionId, "client_end");
      await expect(start("conn-1", 2)).resolves.toMatchObject({ status: "active" });
      clock.advance(SESSION_LIFETIME_MS);
      expect(await store.listActiveByUser(userId)).toEqual([]);
      await expect(start("conn-1", 2)).resolves.toMatchObject({ status: "active" });
    });

    it("holds the cap when starts race: twenty at once leave three sessions; ending one frees its place", async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => start(`conn-${i}`, 3)));

      const started = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
      const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
      expect(started).toHaveLength(3);
      expect(refused.every(isSessionLimitError)).toBe(true);
      expect(await store.listActiveByUser(userId)).toHaveLength(3);

      await store.end(started[0]?.sessionId ?? "", "client_end");
      const afterEnd = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => start(`conn-again-${i}`, 3)));
      expect(afterEnd.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(await store.listActiveByUser(userId)).toHaveLength(3);
    });

    it("gives a paused session's place up only when it ends; one past its 24 hours frees it without an end", async () => {
      const paused = await start("conn-1", 1);
      await store.markDisconnected(paused.sessionId, "conn-1");

      await expect(start("conn-2", 1)).rejects.toSatisfy(isSessionLimitError);
      await store.attach(paused.sessionId, "conn-2");
      await expect(start("conn-2", 1)).rejects.toSatisfy(isSessionLimitError);
      clock.advance(SESSION_LIFETIME_MS);
      await expect(start("conn-3", 1)).resolves.toMatchObject({ status: "active" });
    });

    it("numbers turns one by one and binds the session to the connection they arrive on", async () => {
      const session = await start("conn-1");
      await store.markDisconnected(session.sessionId, "conn-1");

      clock.advance(MINUTE);
      const first = await store.nextTurn(session.sessionId, userId, "conn-2");
      const second = await store.nextTurn(session.sessionId, userId, "conn-2");

      expect([first.lastSeq, second.lastSeq]).toEqual([1, 2]);
      expect(second).toMatchObject({ connectionId: "conn-2", lastActivityAt: new Date(Date.parse(START) + MINUTE).toISOString() });
      expect(second.disconnectedAt).toBeUndefined();
      expect(await store.get(session.sessionId)).toEqual(second);
    });

    it("refuses a turn in another user's, an ended, an expired or an unknown session", async () => {
      const session = await start();
      const ended = await start();
      await store.end(ended.sessionId, "client_end");

      await expect(store.nextTurn(session.sessionId, "someone-else", "conn-9")).rejects.toSatisfy(isSessionNotActiveError);
      await expect(store.nextTurn(ended.sessionId, userId, "conn-1")).rejects.toMatchObject({ code: "SESSION_NOT_ACTIVE", sessionId: ended.sessionId });
      await expect(store.nextTurn(randomUUID(), userId, "conn-1")).rejects.toSatisfy(isSessionNotActiveError);
      clock.advance(SESSION_LIFETIME_MS);
      await expect(store.nextTurn(session.sessionId, userId, "conn-1")).rejects.toSatisfy(isSessionNotActiveError);
      expect((await store.get(session.sessionId))?.lastSeq).toBe(0);
    });

    it("ends a session once, forgetting its connection", async () => {
      const session = await start();
      clock.advance(MINUTE);

      const ended = await store.end(session.sessionId, "idle");
      const again = await store.end(session.sessionId, "client_end");

      expect(ended).toMatchObject({ status: "ended", endReason: "idle", endedAt: new Date(Date.parse(START) + MINUTE).toISOString() });
      expect(ended?.connectionId).toBeUndefined();
      expect(again).toBeUndefined();
      expect(await store.get(session.sessionId)).toEqual(ended);
      expect(await store.end(randomUUID(), "idle")).toBeUndefined();
    });

    it("marks a session disconnected only from the connection it is bound to; attaching clears it", async () => {
      const session = await start("conn-1");

      await store.markDisconnected(session.sessionId, "conn-other");
      expect((await store.get(session.sessionId))?.disconnectedAt).toBeUndefined();
      await store.markDisconnected(session.sessionId, "conn-1");
      expect((await store.get(session.sessionId))?.disconnectedAt).toBe(START);
      expect(await store.listActiveOnConnection(userId, "conn-1")).toHaveLength(1);

      clock.advance(MINUTE);
      await store.attach(session.sessionId, "conn-2");

      const attached = await store.get(session.sessionId);
      expect(attached).toMatchObject({ connectionId: "conn-2", lastActivityAt: new Date(Date.parse(START) + MINUTE).toISOString() });
      expect(attached?.disconnectedAt).toBeUndefined();
      expect(await store.listActiveOnConnection(userId, "conn-1")).toEqual([]);
      expect((await store.listActiveOnConnection(userId, "conn-2")).map((s) => s.sessionId)).toEqual([session.sessionId]);
    });

    it("pauses a session whose connection dropped; a resume or a new turn makes it active again, an ended one stays ended", async () => {
      const session = await start("conn-1");

      await store.markDisconnected(session.sessionId, "conn-1");
      expect((await store.get(session.sessionId))?.status).toBe("paused");
      expect((await store.listActiveByUser(userId)).map((s) => s.sessionId)).toContain(session.sessionId);
      await store.attach(session.sessionId, "conn-2");
      expect((await store.get(session.sessionId))?.status).toBe("active");
      await store.markDisconnected(session.sessionId, "conn-2");
      expect((await store.nextTurn(session.sessionId, userId, "conn-3")).status).toBe("active");

      await store.markDisconnected(session.sessionId, "conn-3");
      expect((await store.end(session.sessionId, "disconnect"))?.status).toBe("ended");
      await store.attach(session.sessionId, "conn-4");
      expect(await store.get(session.sessionId)).toMatchObject({ status: "ended" });
    });

    it("counts live sessions by state", async () => {
      const before = await store.countLive();
      const paused = await start("conn-a");
      await start("conn-b");
      await store.markDisconnected(paused.sessionId, "conn-a");
      const ended = await start("conn-c");
      await store.end(ended.sessionId, "client_end");

      expect(await store.countLive()).toEqual({ active: before.active + 1, paused: before.paused + 1 });
    });

    it("lists stale sessions with the reason to end each: idle, disconnected too long, or past 24 hours", async () => {
      const idle = await start("conn-idle");
      const gone = await start("conn-gone");
      const busy = await start("conn-busy");
      await store.markDisconnected(gone.sessionId, "conn-gone");
      clock.advance(16 * MINUTE);
      await store.nextTurn(busy.sessionId, userId, "conn-busy");
      await store.nextTurn(gone.sessionId, userId, "conn-gone");
      await store.markDisconnected(gone.sessionId, "conn-gone");
      clock.advance(2 * MINUTE);

      const now = clock();
      const stale = (await store.listStale({ idleSinceMs: now - 15 * MINUTE, disconnectedSinceMs: now - MINUTE })).filter((s) => s.session.userId === userId);

      expect(stale.map((s) => [s.session.sessionId, s.reason]).sort()).toEqual([[gone.sessionId, "disconnect"], [idle.sessionId, "idle"]].sort());
      clock.advance(SESSION_LIFETIME_MS);
      await store.end(idle.sessionId, "idle");
      await store.markEndAnnounced(idle.sessionId);
      const later = clock();
      const expired = (await store.listStale({ idleSinceMs: later - 15 * MINUTE, disconnectedSinceMs: later - MINUTE })).filter((s) => s.session.userId === userId);
      expect(expired.map((s) => [s.session.sessionId, s.reason]).sort()).toEqual([[busy.sessionId, "expired"], [gone.sessionId, "expired"]].sort());
    });

    it("ends a session for the sweep only while it is still stale: a turn, a resume or a reconnection since the scan keeps it live", async () => {
      // Prepare: three sessions the sweep's scan finds idle, one disconnected too long, one past its 24 hours.
      const talked = await start("conn-talked");
      const resumed = await start("conn-resumed");
      const stillIdle = await start("conn-idle");
      clock.advance(16 * MINUTE);
      const scannedAt = clock();
      const cutoffs = { idleSinceMs: scannedAt - 15 * MINUTE, disconnectedSinceMs: scannedAt - MINUTE };
      const scanned = (await store.listStale(cutoffs)).filter((s) => s.session.userId === userId);

      // Act: between the scan and the sweep's ends, the teen writes in one session and resumes another.
      await store.nextTurn(talked.sessionId, userId, "conn-talked");
      await store.attach(resumed.sessionId, "conn-back");
      const ends = await Promise.all(scanned.map((s) => store.end(s.session.sessionId, s.reason, cutoffs)));

      // Assess
      expect(scanned.map((s) => [s.session.sessionId, s.reason]).sort()).toEqual([[talked.sessionId, "idle"], [resumed.sessionId, "idle"], [stillIdle.sessionId, "idle"]].sort());
      expect(ends.filter(Boolean).map((e) => e?.sessionId)).toEqual([stillIdle.sessionId]);
      expect(await store.get(talked.sessionId)).toMatchObject({ status: "active", lastSeq: 1 });
      expect(await store.get(resumed.sessionId)).toMatchObject({ status: "active", connectionId: "conn-back" });
      expect(await store.get(stillIdle.sessionId)).toMatchObject({ status: "ended", endReason: "idle" });
    });

    it("ends for the sweep a session disconnected too long or past its 24 hours, even one active a moment ago", async () => {
      const gone = await start("conn-gone");
      const expiring = await start("conn-expiring");
      await store.markDisconnected(gone.sessionId, "conn-gone");
      clock.advance(SESSION_LIFETIME_MS - MINUTE);
      await store.nextTurn(expiring.sessionId, userId, "conn-expiring");
      clock.advance(2 * MINUTE);
      const now = clock();
      const cutoffs = { idleSinceMs: now - 15 * MINUTE, disconnectedSinceMs: now - MINUTE };

      expect(await store.end(gone.sessionId, "disconnect", cutoffs)).toMatchObject({ status: "ended", endReason: "disconnect" });
      expect(await store.end(expiring.sessionId, "expired", cutoffs)).toMatchObject({ status: "ended", endReason: "expired" });
    });

    it("keeps an end's announcement pending until it is recorded; the sweep lists an unannounced end with the reason it ended", async () => {
      const lost = await start();
      const announced = await start();

      const ended = await store.end(lost.sessionId, "client_end");
      await store.end(announced.sessionId, "client_end");
      await store.markEndAnnounced(announced.sessionId);
      await store.markEndAnnounced(randomUUID());
      const now = clock();
      const stale = (await store.listStale({ idleSinceMs: now - 15 * MINUTE, disconnectedSinceMs: now - MINUTE })).filter((s) => s.session.userId === userId);

      expect(ended?.endAnnouncementPending).toBe(true);
      expect((await store.get(announced.sessionId))?.endAnnouncementPending).toBeUndefined();
      expect(stale.map((s) => [s.session.sessionId, s.session.status, s.reason])).toEqual([[lost.sessionId, "ended", "client_end"]]);
    });

    it("lists a user's sessions newest first, within the limit, and no one else's", async () => {
      const older = await start();
      clock.advance(MINUTE);
      const newer = await start();
      await store.start({ userId: `other-${randomUUID()}`, personaId: "companion", connectionId: "conn-x", maxActive: 3 });

      expect((await store.listByUser(userId)).map((s) => s.sessionId)).toEqual([newer.sessionId, older.sessionId]);
      expect((await store.listByUser(userId, 1)).map((s) => s.sessionId)).toEqual([newer.sessionId]);
      expect((await store.listActiveByUser(userId)).map((s) => s.sessionId).sort()).toEqual([newer.sessionId, older.sessionId].sort());
    });

    it("pages a user's sessions newest first: each page's next resumes after it, the last has none, and no one else's come in", async () => {
      const started: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const session = await start(`conn-${i}`);
        await store.end(session.sessionId, "client_end");
        started.unshift(session.sessionId);
        clock.advance(MINUTE);
      }
      await store.start({ userId: `other-${randomUUID()}`, personaId: "companion", connectionId: "conn-x", maxActive: 3 });

      const first = await store.pageByUser(userId, 2);
      const second = await store.pageByUser(userId, 2, first.next);
      const third = await store.pageByUser(userId, 2, second.next);
      const whole = await store.pageByUser(userId, 10);

      expect([first, second, third].flatMap((p) => p.sessions.map((s) => s.sessionId))).toEqual(started);
      expect(third.next).toBeUndefined();
      expect(whole.sessions.map((s) => s.sessionId)).toEqual(started);
      expect(whole.next).toBeUndefined();
    });

    it("records the transcript's announcement on known sessions only", async () => {
      const session = await start();
      await store.end(session.sessionId, "client_end");
      clock.advance(MINUTE);

      await store.markTranscriptPublished(session.sessionId);
      const unknown = randomUUID();
      await store.markTranscriptPublished(unknown);

      expect((await store.get(session.sessionId))?.transcriptPublishedAt).toBe(new Date(Date.parse(START) + MINUTE).toISOString());
      expect(await store.get(unknown)).toBeUndefined();
    });

    it("treats a record past its retention as gone, before TTL removes it", async () => {
      const session = await start();

      clock.advance(SESSION_LIFETIME_MS + SESSION_RECORD_RETENTION_SECONDS * 1000);

      expect(await store.get(session.sessionId)).toBeUndefined();
      expect(await store.listByUser(userId)).toEqual([]);
    });
  });
}
