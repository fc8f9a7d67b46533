// Graph extraction turns a finished transcript into the user's graph: what the teen said is remembered, what safety stopped is not.
import { InMemoryMessageStore, type NewMessage } from "@innerworld/conversation/messages";
import { RecordingPublisher } from "@innerworld/events";
import { TURN_AT, delivered, transcriptReadyRequest, turn, type Turn } from "@innerworld/events/factories";
import type { Extractor, KnownEntity } from "@innerworld/memory/extraction";
import { createOfflineExtractor } from "@innerworld/memory/offline-extraction";
import { InMemoryGraphStore, userVertexIdOf, type Extraction } from "@innerworld/memory/graph";
import { manualClock } from "@innerworld/platform/clock";
import { beforeEach, describe, expect, it } from "vitest";
import { createTranscriptMiner } from "./mineTranscript";

const USER = "user-maya";

/** An extractor that answers with a fixed extraction, for behaviour that must not depend on the offline extractor's reading. */
const scripted = (extraction: Extraction): Extractor => ({ name: "scripted", extract: async () => structuredClone(extraction) });

describe("graph-extraction: mineTranscript", () => {
  let messages: InMemoryMessageStore;
  let graph: InMemoryGraphStore;
  let publisher: RecordingPublisher;
  let known: (readonly KnownEntity[])[];
  let clock: ReturnType<typeof manualClock>;
  let t: Turn;
  const miner = (extractor: Extractor = createOfflineExtractor()) =>
    createTranscriptMiner({
      messages,
      graph,
      publisher,
      clock,
      extractorFor: (entities) => {
        known.push(entities);
        return extractor;
      },
    });
  const say = async (seq: number, content: string, extra: Partial<NewMessage> = {}) => {
    const base = { sessionId: t.sessionId, seq, messageId: `m${seq}`, userId: USER, personaId: "companion", createdAt: "2026-12-03T18:00:00.000Z" };
    await messages.putOnce({ ...base, role: "user", content, status: "delivered", ...extra });
    await messages.putOnce({ ...base, role: "assistant", content: "Tell me more!", status: "delivered" });
  };

  beforeEach(() => {
    clock = manualClock(TURN_AT);
    messages = new InMemoryMessageStore(clock);
    graph = new InMemoryGraphStore();
    publisher = new RecordingPublisher("graph-extraction", clock);
    known = [];
    t = turn({ userId: USER });
  });

  it("merges the people and places the teen talked about into their graph and announces it", async () => {
    // Prepare
    await say(1, "my best friend Sofia moved to Chicago");
    await say(2, "my friend Jordan is coming over");

    // Act
    await miner()(delivered(transcriptReadyRequest(t, { messageCount: 4 })));

    // Assess
    const names = (await graph.getUserGraph(USER)).vertices.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(["Sofia", "Chicago", "Jordan"]));
    const [updated] = publisher.ofType("GraphUpdated");
    // It says when the transcript ended, so an erasure after the session and before this merge drops the merge as well.
    expect(updated?.data).toMatchObject({ sessionId: t.sessionId, extractor: "offline", relationsInvalidated: 0, transcriptEndedAt: TURN_AT });
    expect(updated?.data.entitiesMerged).toBeGreaterThanOrEqual(3);
    expect(updated?.metadata).toMatchObject({ userId: USER, sessionId: t.sessionId, correlationId: t.sessionId });
  });

  it("has the session's messages expire a day after the transcript was distilled", async () => {
    await say(1, "my best friend Sofia moved to Chicago");
    const before = await messages.get(t.sessionId, 1, "user");

    await miner()(delivered(transcriptReadyRequest(t, { messageCount: 2 })));

    const after = await messages.get(t.sessionId, 1, "user");
    expect(after?.distilledAt).toBe(new Date(clock()).toISOString());
    expect(after?.expiresAt).toBe(Math.floor(clock() / 1000) + 24 * 60 * 60);
    expect(after!.expiresAt).toBeLessThan(before!.expiresAt);
    expect((await messages.get(t.sessionId, 1, "assistant"))?.expiresAt).toBe(after?.expiresAt);
  });

  it("resolves the transcript's relative dates in the session's time zone", async () => {
    const zones: string[] = [];
    await say(1, "test tomorrow");
    await createTranscriptMiner({ messages, graph, publisher, clock, extractorFor: (_known, timeZone) => (zones.push(timeZone), createOfflineExtractor({ timeZone })) })(
      delivered(transcriptReadyRequest(t, { messageCount: 2, timeZone: "Asia/Seoul" })),
    );
    expect(zones).toEqual(["Asia/Seoul"]);
    // context-refresh says the rebuilt block's days in the same zone.
    expect(publisher.ofType("GraphUpdated")[0]?.data.timeZone).toBe("Asia/Seoul");
  });

  it("records a fact as mentioned when the teen last spoke in the session, not when the idle sweep ended it past midnight", async () => {
    // Prepare: the teen's last message at 23:58, the session ended by the idle sweep at 00:13.
    await say(1, "my friend Jordan is coming over", { createdAt: "2026-12-03T23:50:00.000Z" });
    await say(2, "we have a chemistry test tomorrow", { createdAt: "2026-12-03T23:58:00.000Z" });

    // Act
    await miner()(delivered(transcriptReadyRequest(t, { messageCount: 4, endedAt: "2026-12-04T00:13:00.000Z" })));

    // Assess
    const jordan = (await graph.getUserGraph(USER)).vertices.find((v) => v.name === "Jordan");
    expect(jordan).toMatchObject({ firstSeenAt: "2026-12-03T23:58:00.000Z", lastSeenAt: "2026-12-03T23:58:00.000Z" });
  });

  it("dates an event by the day it was last moved to, within a session and by a later one", async () => {
    // Prepare: said on Thursday 2026-12-03; Friday is 2026-12-04, Monday 2026-12-07, Wednesday 2026-12-09.
    await say(1, "my math test is on friday");
    await say(2, "wait no, my math test got moved to monday");
    await miner()(delivered(transcriptReadyRequest(t, { messageCount: 4 })));
    const moved = (await graph.getUserGraph(USER)).vertices.find((v) => v.name === "math test");
    t = turn({ userId: USER });
    await say(1, "ugh my math test got moved again, to wednesday", { createdAt: "2026-12-05T18:00:00.000Z" });

    // Act
    await miner()(delivered(transcriptReadyRequest(t, { messageCount: 2, endedAt: "2026-12-05T18:10:00.000Z" })));

    // Assess
    expect(moved?.attributes.date).toBe("2026-12-07");
    const movedAgain = (await graph.getUserGraph(USER)).vertices.find((v) => v.name === "math test");
    expect(movedAgain?.attributes.date).toBe("2026-12-09");
  });

  it("mines a session too long for the time left newest first, and says what it left out instead of timing out", async () => {
    // Prepare: 120 s when the invocation starts, 30 s left over the reserve after the newest message, none after the next.
    await say(1, "my friend Jordan is coming over");
    await say(2, "Maya and I went to the mall");
    await say(3, "my best friend Sofia moved to Chicago");
    const remaining = [120_000, 50_000, 15_000];
    const event = delivered(transcriptReadyRequest(t, { messageCount: 6 }));
    const warnings: Record<string, unknown>[] = [];
    const mine = createTranscriptMiner({ messages, graph, publisher, clock, extractorFor: () => createOfflineExtractor(), logger: { warn: (_message, extra) => warnings.push(extra) } });

    // Act
    await mine({ ...event, context: { ...event.context, getRemainingTimeInMillis: () => remaining.shift() ?? 0 } });

    // Assess
    const names = (await graph.getUserGraph(USER)).vertices.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(["Sofia", "Chicago", "Maya"]));
    expect(names).not.toContain("Jordan");
    expect(warnings).toEqual([{ sessionId: t.sessionId, messagesLeftOut: 1 }]);
    expect(publisher.ofType("GraphUpdated")).toHaveLength(1);
  });

  it("does not remember words safety stopped", async () => {
    await say(1, "my friend Jordan is coming over");
    await say(2, "my friend Riley is in danger", { status: "crisis" });
    await say(3, "my friend Casey is a loser", { status: "blocked" });

    await miner()(delivered(transcriptReadyRequest(t)));

    const names = (await graph.getUserGraph(USER)).vertices.map((v) => v.name);
    expect(names).toContain("Jordan");
    expect(names).not.toContain("Riley");
    expect(names).not.toContain("Casey");
  });

  it("hands the extractor the entities the graph already knows, so a name resolves to the same person", async () => {
    await say(1, "my friend Jordan is coming over");
    await miner()(delivered(transcriptReadyRequest(t)));
    const next = turn({ userId: USER });
    t = next;
    await say(1, "Jordan and I watched a movie");

    await miner()(delivered(transcriptReadyRequest(next)));

    expect(known[0]).toEqual([]);
    expect(known[1]).toContainEqual({ type: "Person", name: "Jordan" });
    expect((await graph.getUserGraph(USER)).vertices.filter((v) => v.name === "Jordan")).toHaveLength(1);
  });

  it("merges nothing twice and publishes the same event when the transcript is delivered again; a replay publishes anew", async () => {
    await say(1, "my friend Jordan is coming over");
    const ready = transcriptReadyRequest(t);

    await miner()(delivered(ready));
    const before = await graph.getUserGraph(USER);
    await miner()(delivered(ready, { receiveCount: 2 }));
    await miner()(delivered(ready, { replayName: "rebuild-2026-12" }));

    expect(await graph.getUserGraph(USER)).toEqual(before);
    const [first, again, replayed] = publisher.ofType("GraphUpdated");
    expect(again?.metadata.eventId).toBe(first?.metadata.eventId);
    expect(again?.data).toMatchObject({ entitiesMerged: 0, relationsMerged: 0 });
    expect(replayed?.metadata.eventId).not.toBe(first?.metadata.eventId);
  });

  it("ends what a quit activity was part of, along with the facts the extractor retracted", async () => {
    const team = { type: "Activity" as const, name: "varsity soccer team", aliases: [], attributes: {} };
    await say(1, "I made the varsity soccer team");
    await miner(scripted({ entities: [team], relations: [{ type: "involves", from: "user", to: "varsity soccer team" }] }))(delivered(transcriptReadyRequest(t, { endedAt: "2026-11-20T18:00:00.000Z" })));
    t = turn({ userId: USER });
    await say(1, "I quit soccer");

    await miner(scripted({ entities: [{ type: "Activity", name: "soccer", aliases: [], attributes: {} }], relations: [{ type: "involves", from: "user", to: "soccer", ended: true }] }))(
      delivered(transcriptReadyRequest(t, { endedAt: "2026-12-03T18:00:00.000Z" })),
    );

    const edges = (await graph.getUserGraph(USER)).edges.filter((e) => e.from === userVertexIdOf(USER));
    expect(edges.find((e) => e.to.endsWith(":varsity-soccer"))?.invalidAt).toBe("2026-12-03T18:00:00.000Z");
    expect(publisher.ofType("GraphUpdated")[1]?.data.relationsInvalidated).toBe(2);
  });

  it("leaves the graph alone and publishes nothing when extraction fails, so the queue retries", async () => {
    await say(1, "my friend Jordan is coming over");
    const failing: Extractor = { name: "gpt-test", extract: () => Promise.reject(new Error("the model timed out")) };

    await expect(miner(failing)(delivered(transcriptReadyRequest(t)))).rejects.toThrow("the model timed out");

    expect(await graph.counts(USER)).toEqual({ vertices: 0, edges: 0 });
    expect(publisher.published).toEqual([]);
  });
});
