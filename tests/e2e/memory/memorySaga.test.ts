// Memory end to end: a finished session becomes graph entities, and the next session's prompt carries them.
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { StartReplayCommand, DescribeReplayCommand } from "@aws-sdk/client-eventbridge";
import { DynamoDbGraphStore, type UserGraph } from "@innerworld/memory/graph";
import { EventPublisher } from "@innerworld/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { metadataOf, tapBus, type BusTapHandle } from "@innerworld/testing/bus-tap";
import { ChatClient } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";

const USER = "teen-memory";

/** The services' clock: a Wednesday, so "a test on Friday" is two days ahead whatever day the suite runs. */
const clock = clockStartingAt("2026-11-18T16:00:00Z");
const FRIDAY = "2026-11-20";

describe("memory: sessions become a graph, and the graph shapes the next prompt", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;
  let graph: DynamoDbGraphStore;
  let bus: BusTapHandle;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ defaultBehaviour: { reply: "Tell me more about that." } });
    Object.assign(process.env, {
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL_API_KEY: "test-key",
      INNERWORLD_MODEL: "chat-model",
      INNERWORLD_EXTRACTOR: "offline",
    });
    env = await startTestCloud({ clock });
    graph = DynamoDbGraphStore.fromClient(env.dynamodb, `${env.cloud.endpoints.tablePrefix}-graph`);
    bus = await tapBus(env, ["GraphUpdated", "ContextRefreshed"]);
  });
  afterAll(async () => {
    await bus.close();
    await env.stop();
    await server.close();
  });

  const contextVersion = async () => {
    const item = await env.dynamodb.send(new GetItemCommand({ TableName: `${env.cloud.endpoints.tablePrefix}-contextCache`, Key: { userId: { S: USER } }, ConsistentRead: true }));
    return { version: Number(item.Item?.version?.N ?? 0), block: item.Item?.block?.S ?? "" };
  };

  /**
   * Ends a session and waits until its merge is whole: GraphUpdated is published once every vertex and edge is written.
   * (The user's vertex lists the session as soon as the vertices are written, before the edges, so a test that waited
   * for that alone could read a graph whose closed facts were still being written.)
   */
  const endAndAwaitMerge = async (client: ChatClient, sessionId: string) => {
    await client.request("end_session", { sessionId }, "session_ended");
    await client.close();
    return bus.waitFor("GraphUpdated", (e) => metadataOf(e).sessionId === sessionId);
  };

  /** Runs one session: start, say each line and wait for its reply, end, and wait until the graph has merged it. */
  const haveSession = async (lines: string[]) => {
    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    for (const content of lines) {
      const ack = await client.request("message", { sessionId, content }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    }
    await endAndAwaitMerge(client, sessionId);
    return sessionId;
  };

  const vertex = (g: UserGraph, label: string, name: RegExp) => g.vertices.find((v) => v.label === label && name.test(v.name));

  let firstSession = "";

  it("turns a first session into a friend, a dated test and a goal", async () => {
    firstSession = await haveSession([
      "My friend Jordan is helping me study, we have a chemistry test on Friday",
      "I really want to make the varsity soccer team this year",
    ]);
    await until(async () => (await contextVersion()).block.includes("Jordan") || undefined, "context with Jordan", 20_000);
    const g = await graph.getUserGraph(USER);
    expect(vertex(g, "Person", /jordan/i)).toBeDefined();
    const test = vertex(g, "Event", /test/i);
    expect(test).toBeDefined();
    const testEdge = g.edges.find((e) => e.to === test!.id);
    expect(testEdge?.validAt.slice(0, 10)).toBe(FRIDAY);
    expect(vertex(g, "Goal", /varsity soccer/i) ?? vertex(g, "Activity", /soccer/i)).toBeDefined();
  });

  let secondSession = "";

  it("puts what it learned into the prompt of the next session", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    secondSession = sessionId;
    const ack = await client.request("message", { sessionId, content: "hey, guess what happened today" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    const system = String(server.requestsFor("chat-model").at(-1)?.messages?.[0]?.content);
    expect(system).toContain("Jordan");
    expect(system).toMatch(/chemistry test|test/i);
    expect(system).toMatch(/soccer/i);
    expect(system).toContain(new Date(`${FRIDAY}T00:00:00Z`).toUTCString().slice(5, 11).replace(/^0/, ""));
    await endAndAwaitMerge(client, sessionId);
  });

  it("leaves the graph exactly as it was when the same transcript is processed twice", async () => {
    const before = await graph.getUserGraph(USER);
    // The same TranscriptReady again (same eventId: the idempotency record stops it) ...
    const publisher = new EventPublisher({ client: env.eventBridge, busName: env.cloud.endpoints.busName, producer: "storage" });
    const transcript = publisher.envelope({
      type: "TranscriptReady",
      correlationId: firstSession,
      userId: USER,
      sessionId: firstSession,
      deduplicationKey: firstSession,
      data: { sessionId: firstSession, personaId: "companion", messageCount: 4, startedAt: new Date(clock() - 60_000).toISOString(), endedAt: new Date(clock()).toISOString() },
    });
    await publisher.send([transcript]);
    // ... and a replay of everything archived into graph-extraction, which does run the extraction again.
    const replayName = `rebuild-${Date.now()}`;
    await env.eventBridge.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`,
        // Events carry the services' clock as their time, so the window is on that clock too.
        EventStartTime: new Date(clock() - 10 * 60_000),
        EventEndTime: new Date(clock() + 1000),
        Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/innerworld", FilterArns: [env.cloud.endpoints.ruleArns["graph-extraction"]!] },
      }),
    );
    await until(async () => (await env.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }))).State === "COMPLETED" || undefined, "replay");
    // Each archived session is merged again, published as a GraphUpdated of its own (its eventId comes from the replay's
    // name, where a redelivered live transcript's would repeat the live one's), and its context rebuilt after: waited
    // for, so that no rebuild of this replay lands in the next test.
    for (const sessionId of [firstSession, secondSession]) {
      const live = metadataOf(await bus.waitFor("GraphUpdated", (e) => metadataOf(e).sessionId === sessionId)).eventId;
      const replayed = metadataOf(await bus.waitFor("GraphUpdated", (e) => metadataOf(e).sessionId === sessionId && metadataOf(e).eventId !== live)).eventId;
      await bus.waitFor("ContextRefreshed", (e) => metadataOf(e).causationId === replayed);
    }
    const after = await graph.getUserGraph(USER);
    expect(after.vertices.length).toBe(before.vertices.length);
    expect(after.edges.length).toBe(before.edges.length);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.vertices)).toEqual(byId(before.vertices));
    expect(byId(after.edges)).toEqual(byId(before.edges));
  });

  it("closes a contradicted fact instead of deleting it, and stops stating it as current", async () => {
    await haveSession(["ugh I quit soccer, the coach was so harsh"]);
    const g = await graph.getUserGraph(USER);
    const soccerIds = new Set(g.vertices.filter((v) => /soccer/i.test(v.name)).map((v) => v.id));
    expect(g.edges.length).toBeGreaterThan(0);
    const closed = g.edges.filter((e) => (soccerIds.has(e.to) || soccerIds.has(e.from)) && e.invalidAt);
    expect(closed.length).toBeGreaterThan(0);
    // The context is rebuilt from the graph after the merge: wait for a block that speaks of soccer in the past.
    const block = await until(async () => {
      const { block: current } = await contextVersion();
      return /used to be into soccer/i.test(current) ? current : undefined;
    }, "the rebuilt context", 20_000);
    const factLines = block.split("\n").slice(1).filter((line) => /soccer/i.test(line));
    expect(factLines.length).toBeGreaterThan(0);
    for (const line of factLines) expect(line).toMatch(/used to|former|dropped|until|no longer/i);
  });
});
