// Replay safety: a day of traffic through the gateway, every graph wiped, the day replayed into graph-extraction only.
// The graphs come back as they were, no connected client hears a thing, no message row is written twice; a second
// replay of the same window changes nothing at all.
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { DescribeArchiveCommand, DescribeReplayCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { DynamoDbGraphStore, type UserGraph } from "@innerworld/memory/graph";
import { localTarget, memoryReporter, replayIntoServices, type AnalystTarget } from "@innerworld/analyst";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { DRAIN_TIMEOUT_MS, contextVersion, messageRows, queuesDrained, tableItemCount, windowStartNow, wipeGraphTable } from "./support/cloudState";
import { A_DAY_OF_TRAFFIC, driveADayOfTraffic, type TrafficResult } from "./support/dayOfTraffic";

const USERS = Object.keys(A_DAY_OF_TRAFFIC);
const ids = (graph: UserGraph) => ({ vertices: graph.vertices.map((v) => v.id).sort(), edges: graph.edges.map((e) => e.id).sort() });

describe("replaying a day of traffic into graph-extraction", () => {
  let env: TestCloud;
  let target: AnalystTarget;
  let graph: DynamoDbGraphStore;
  let traffic: TrafficResult;
  let window: { from: Date; to: Date };
  let tables: { graph: string; messages: string; contextCache: string };
  const before = new Map<string, UserGraph>();
  let messagesBefore: Record<string, string[]>;
  let messageItemsBefore: number;

  const graphsOfEveryone = async () => new Map(await Promise.all(USERS.map(async (u) => [u, await graph.getUserGraph(u)] as const)));
  const framesHeard = () => new Map([...traffic.clients].map(([user, client]) => [user, client.frames.length]));

  beforeAll(async () => {
    env = await startTestCloud();
    const prefix = env.cloud.endpoints.tablePrefix;
    tables = { graph: `${prefix}-graph`, messages: `${prefix}-messages`, contextCache: `${prefix}-contextCache` };
    graph = DynamoDbGraphStore.fromClient(env.dynamodb, tables.graph);
    target = localTarget(env.cloud.endpoints, { quietSeconds: 0.5 });

    // The day: four teens, nine sessions, every one ended, so each transcript reaches graph-extraction.
    const from = windowStartNow();
    traffic = await driveADayOfTraffic(env.cloud.endpoints);
    await until(
      async () => {
        for (const { userId, sessionId } of traffic.sessions) {
          const g = await graph.getUserGraph(userId);
          if (!g.vertices.some((v) => v.label === "User" && v.sourceSessions.includes(sessionId))) return undefined;
        }
        return true;
      },
      "every session merged into its user's graph",
      20_000,
    );
    await queuesDrained(env.sqs, env.cloud.endpoints);
    window = { from, to: new Date(Date.now() + 1000) };
    for (const [user, g] of await graphsOfEveryone()) before.set(user, g);
    messagesBefore = await messageRows(env.dynamodb, tables.messages, traffic.sessions.map((s) => s.sessionId));
    messageItemsBefore = await tableItemCount(env.dynamodb, tables.messages);
  }, DRAIN_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    for (const client of traffic?.clients.values() ?? []) await client.close();
    target?.close();
    await env?.stop();
  });

  it("had a real day: every teen has a graph with people, places or plans in it", () => {
    expect(traffic.sessions).toHaveLength(10);
    for (const user of USERS) {
      const g = before.get(user)!;
      expect(g.vertices.filter((v) => v.label !== "User").length, `${user}'s graph`).toBeGreaterThan(1);
      expect(g.edges.length).toBeGreaterThan(0);
    }
    expect(Object.values(messagesBefore).flat().length).toBe(2 * 17);
  });

  it("rebuilds every wiped graph from the archive, with no frame to any client and no message row written twice", async () => {
    // Prepare: wipe every graph while the teens stay connected.
    const wiped = await wipeGraphTable(env.dynamodb, tables.graph);
    expect(wiped).toBeGreaterThan(0);
    for (const user of USERS) expect((await graph.counts(user)).vertices).toBe(0);
    const heardBefore = framesHeard();

    // Act: the documented rebuild, through the CLI's own function.
    const reporter = memoryReporter();
    const outcome = await replayIntoServices(target, { window, services: ["graph-extraction"], follow: true, reporter });
    await until(
      async () => {
        const now = await graphsOfEveryone();
        return USERS.every((u) => JSON.stringify(ids(now.get(u)!)) === JSON.stringify(ids(before.get(u)!))) || undefined;
      },
      "every graph rebuilt with the same vertex and edge ids",
      30_000,
    );
    await queuesDrained(env.sqs, env.cloud.endpoints);

    // Assess
    expect(outcome.routes).toEqual([{ service: "graph-extraction", types: ["TranscriptReady"], via: "service-rule", ruleArn: env.cloud.endpoints.ruleArns["graph-extraction"] }]);
    expect(outcome.final?.state).toBe("COMPLETED");
    expect(reporter.lines.join("\n")).toContain(`started replay ${outcome.name}`);
    const after = await graphsOfEveryone();
    for (const user of USERS) {
      expect(ids(after.get(user)!), `${user}'s rebuilt graph`).toEqual(ids(before.get(user)!));
      // Every fact is back with its times, validity and sources: the graph is the one the live day built.
      expect(after.get(user)).toEqual(before.get(user));
    }
    expect(framesHeard()).toEqual(heardBefore);
    expect(await messageRows(env.dynamodb, tables.messages, traffic.sessions.map((s) => s.sessionId))).toEqual(messagesBefore);
    expect(await tableItemCount(env.dynamodb, tables.messages)).toBe(messageItemsBefore);
  }, DRAIN_TIMEOUT_MS + 60_000);

  it("changes nothing when the same window is replayed a second time", async () => {
    // Prepare
    const graphsBefore = await graphsOfEveryone();
    const heardBefore = framesHeard();
    const versionsBefore = new Map(await Promise.all(USERS.map(async (u) => [u, await contextVersion(env.dynamodb, tables.contextCache, u)] as const)));
    const sessionsOf = (user: string) => traffic.sessions.filter((s) => s.userId === user).length;

    // Act
    const outcome = await replayIntoServices(target, { window, services: ["graph-extraction"], follow: true, reporter: memoryReporter() });
    // The replay did run the extraction again: each session's GraphUpdated made context-refresh rebuild the context.
    await until(
      async () => {
        for (const user of USERS) if ((await contextVersion(env.dynamodb, tables.contextCache, user)) < versionsBefore.get(user)! + sessionsOf(user)) return undefined;
        return true;
      },
      "context rebuilt once per replayed transcript",
      30_000,
    );
    await queuesDrained(env.sqs, env.cloud.endpoints);

    // Assess
    expect(outcome.final?.state).toBe("COMPLETED");
    expect(await graphsOfEveryone()).toEqual(graphsBefore);
    expect(framesHeard()).toEqual(heardBefore);
    expect(await messageRows(env.dynamodb, tables.messages, traffic.sessions.map((s) => s.sessionId))).toEqual(messagesBefore);
    expect(await tableItemCount(env.dynamodb, tables.messages)).toBe(messageItemsBefore);
  }, DRAIN_TIMEOUT_MS + 60_000);

  it("reaches no client even when a replay is aimed at every rule on the bus, bypassing the tool", async () => {
    // Prepare: the tool refuses the notifier and generation; this goes around it, to show the rules' own guard holds.
    const items = async () =>
      Promise.all(traffic.sessions.map(async (s) => (await env.dynamodb.send(new QueryCommand({ TableName: tables.messages, KeyConditionExpression: "sessionId = :s", ExpressionAttributeValues: { ":s": { S: s.sessionId } }, ConsistentRead: true }))).Items));
    const itemsBefore = await items();
    const graphsBefore = await graphsOfEveryone();
    const heardBefore = framesHeard();
    const archive = await env.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: env.cloud.endpoints.archiveName }));

    // Act: no FilterArns, so every rule on the bus sees every replayed event of the day.
    const name = `everything-${Date.now()}`;
    await env.eventBridge.send(
      new StartReplayCommand({ ReplayName: name, EventSourceArn: archive.ArchiveArn, EventStartTime: window.from, EventEndTime: window.to, Destination: { Arn: archive.EventSourceArn } }),
    );
    await until(async () => (await env.eventBridge.send(new DescribeReplayCommand({ ReplayName: name }))).State === "COMPLETED" || undefined, "the replay");
    await queuesDrained(env.sqs, env.cloud.endpoints);

    // Assess: storage and graph-extraction ran again and changed nothing; safety, generation and the notifier never ran.
    expect(framesHeard()).toEqual(heardBefore);
    expect(await items()).toEqual(itemsBefore);
    expect(await graphsOfEveryone()).toEqual(graphsBefore);
  }, DRAIN_TIMEOUT_MS + 60_000);
});
