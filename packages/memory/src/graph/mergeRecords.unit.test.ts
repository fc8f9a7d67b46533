// The merge rules both adapters share: once per session, min/max of times, closing and re-opening facts.
import { describe, expect, it } from "vitest";
import { MAX_SOURCE_SESSIONS, assertEdge, closeEdge, mergeVertex, sameRecord } from "./mergeRecords";
import type { EdgeInvalidation, EdgeUpsert, VertexUpsert } from "./mutation";
import { resolveEdge } from "./resolveMutation";

const session = (sessionId: string, observedAt: string) => ({ userId: "u1", sessionId, observedAt });
const soccer: VertexUpsert = { id: "Activity:u1:soccer", label: "Activity", name: "soccer", aliases: [], attributes: { team: "JV" } };
const plays = (validAt: string): EdgeUpsert => ({ id: "U|relates_to|S", label: "relates_to", from: "U", to: "S", validAt });
const quits = (invalidAt: string): EdgeInvalidation => ({ id: "U|relates_to|S", label: "relates_to", from: "U", to: "S", invalidAt });

/** `iso` moved on by `seconds`. */
const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
const DAY_S = 24 * 60 * 60;

const S1 = session("s1", "2026-10-01T10:00:00.000Z");
const S2 = session("s2", "2026-11-10T10:00:00.000Z");
const S3 = session("s3", "2026-12-05T10:00:00.000Z");

describe("mergeVertex", () => {
  it("counts a session once, however often it is applied", () => {
    const first = mergeVertex(undefined, soccer, S1);
    const again = mergeVertex(first, soccer, S1);
    const second = mergeVertex(again, soccer, S2);

    expect(sameRecord(first, again)).toBe(true);
    expect(second).toMatchObject({ mentionCount: 2, sourceSessions: ["s1", "s2"], firstSeenAt: S1.observedAt, lastSeenAt: S2.observedAt });
  });

  it("keeps first/last seen as min/max when an older session arrives late, and lets it only fill attribute gaps", () => {
    const newer = mergeVertex(undefined, { ...soccer, attributes: { team: "varsity" } }, S2);
    const late = mergeVertex(newer, { ...soccer, name: "Soccer club", attributes: { team: "JV", coach: "Ms Diaz" } }, S1);

    expect(late).toMatchObject({ firstSeenAt: S1.observedAt, lastSeenAt: S2.observedAt, attributes: { team: "varsity", coach: "Ms Diaz" } });
    expect(late.name).toBe("soccer");
    expect(late.aliases).toEqual(["Soccer club"]);
  });

  it("caps source sessions so an item cannot outgrow DynamoDB's item limit", () => {
    let vertex = mergeVertex(undefined, soccer, S1);
    for (let i = 0; i < MAX_SOURCE_SESSIONS + 5; i += 1) vertex = mergeVertex(vertex, soccer, session(`x${i}`, later(S2.observedAt, i)));

    expect(vertex.sourceSessions).toHaveLength(MAX_SOURCE_SESSIONS);
    expect(vertex.sourceSessions.at(-1)).toBe(`x${MAX_SOURCE_SESSIONS + 4}`);
    expect(Object.keys(vertex.sessionTimes ?? {})).toEqual(vertex.sourceSessions);
    expect(vertex.mentionCount).toBe(MAX_SOURCE_SESSIONS + 6);
  });

  it("counts a session the cap dropped once, however late it is applied again", () => {
    // Prepare: s1, then more sessions than the record keeps, one a day.
    let vertex = mergeVertex(undefined, soccer, S1);
    for (let i = 0; i < MAX_SOURCE_SESSIONS + 1; i += 1) vertex = mergeVertex(vertex, soccer, session(`x${i}`, later(S2.observedAt, i * DAY_S)));
    const counted = vertex.mentionCount;

    // Act: s1 and the first dropped x0 come again (a replay), and a session never seen, newer than every one dropped.
    const replayed = mergeVertex(mergeVertex(vertex, soccer, S1), soccer, session("x0", S2.observedAt));
    const fresh = mergeVertex(replayed, soccer, session("new", later(S2.observedAt, MAX_SOURCE_SESSIONS * DAY_S + 60)));

    // Assess
    expect(counted).toBe(MAX_SOURCE_SESSIONS + 2);
    expect(vertex.sourceSessions).not.toContain("s1");
    expect(vertex.sessionsDroppedThrough).toBe(later(S2.observedAt, 0));
    expect(sameRecord(replayed, vertex)).toBe(true);
    expect(fresh.mentionCount).toBe(counted + 1);
  });
});

describe("assertEdge and closeEdge", () => {
  it("closes an open fact without deleting it", () => {
    const open = assertEdge(undefined, plays(S1.observedAt), S1);
    const closed = closeEdge(open, quits("2026-11-09"), S2);

    expect(closed).toMatchObject({ validAt: S1.observedAt, invalidAt: "2026-11-09", mentionCount: 2, lastSeenAt: S2.observedAt });
  });

  it("re-opens a closed fact asserted again later, keeping the closed period as history", () => {
    const closed = closeEdge(assertEdge(undefined, plays(S1.observedAt), S1), quits("2026-11-09"), S2);
    const reopened = assertEdge(closed, plays(S3.observedAt), S3);

    expect(reopened.invalidAt).toBeUndefined();
    expect(reopened.validAt).toBe(S3.observedAt);
    expect(reopened.pastPeriods).toEqual([{ validAt: S1.observedAt, invalidAt: "2026-11-09" }]);
    expect(sameRecord(assertEdge(reopened, plays(S3.observedAt), S3), reopened)).toBe(true);
  });

  it("treats an assertion dated before the closing as old news", () => {
    const closed = closeEdge(assertEdge(undefined, plays(S1.observedAt), S1), quits("2026-11-09"), S2);
    const late = assertEdge(closed, plays("2026-10-20"), session("s0", "2026-10-20T10:00:00.000Z"));

    expect(late.invalidAt).toBe("2026-11-09");
    expect(late.mentionCount).toBe(3);
  });

  it("records a retraction of a fact never seen as a closed edge", () => {
    const closed = closeEdge(undefined, quits("2026-11-09"), S2);

    expect(closed).toMatchObject({ validAt: "2026-11-09", invalidAt: "2026-11-09", mentionCount: 1, sourceSessions: ["s2"] });
  });

  it("keeps the first closing time and leaves a re-opened period alone when an older retraction arrives late", () => {
    const closed = closeEdge(assertEdge(undefined, plays(S1.observedAt), S1), quits("2026-11-09"), S2);
    expect(closeEdge(closed, quits("2026-11-20"), S3).invalidAt).toBe("2026-11-09");

    const reopened = assertEdge(closed, plays(S3.observedAt), S3);
    expect(closeEdge(reopened, quits("2026-11-09"), session("s2b", S2.observedAt)).invalidAt).toBeUndefined();
  });

  it("does not move a re-opened fact's start back into a closed period", () => {
    const reopened = assertEdge(closeEdge(assertEdge(undefined, plays(S1.observedAt), S1), quits("2026-11-09"), S2), plays(S3.observedAt), S3);

    expect(assertEdge(reopened, plays("2026-11-01"), session("s4", "2026-12-06T00:00:00.000Z")).validAt).toBe(S3.observedAt);
  });

  it("counts an invalidation as closing only when it closes an open fact", () => {
    const mutation = { userId: "u1", sessionId: "s2", observedAt: S2.observedAt, vertices: [], edges: [], invalidations: [], unresolved: [] };
    const open = { record: assertEdge(undefined, plays(S1.observedAt), S1), version: 1 };

    const first = resolveEdge(mutation, { kind: "end", edge: quits("2026-11-09") }, open);
    const repeat = resolveEdge(mutation, { kind: "end", edge: quits("2026-11-09") }, { record: first.write!.record, version: 2 });

    expect(first.closes).toBe(true);
    expect(first.write?.expectedVersion).toBe(1);
    expect(repeat).toEqual({ write: undefined, closes: false });
  });
});
