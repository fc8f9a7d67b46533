// Memory a teen can see: what one session taught the offline model shows in the next session's first reply, in GET /me/memory, and goes when deleted.
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeReplayCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "@innerworld/analyst";
import { DynamoDbGraphStore } from "@innerworld/memory/graph";
import { ChatClient } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";
import { DRAIN_TIMEOUT_MS, archivedEvents, queuesDrained } from "../analyst/support/cloudState";

const USER = "teen-sees-memory";
/** A Wednesday: "a chemistry test on Friday" is two days ahead. */
const clock = clockStartingAt("2026-11-18T16:00:00Z");

interface Fact {
  id: string;
  type: string;
  name: string;
  summary: string;
  firstMentionedAt: string;
  lastMentionedAt: string;
  sessionIds: string[];
}

describe("memory you can see (offline model)", () => {
  let env: TestCloud;
  let graph: DynamoDbGraphStore;

  beforeAll(async () => {
    // No model endpoint: the offline model answers, and must use the context block itself.
    for (const key of ["INNERWORLD_MODEL_BASE_URL", "INNERWORLD_MODEL_API_KEY", "INNERWORLD_MODEL"]) delete process.env[key];
    env = await startTestCloud({ clock });
    graph = DynamoDbGraphStore.fromClient(env.dynamodb, `${env.cloud.endpoints.tablePrefix}-graph`);
  });
  afterAll(async () => {
    await env?.stop();
  });

  const call = async (userId: string, method: string, path: string) => {
    const response = await (await readApiAs(env.cloud.endpoints, userId)).request(method, path);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const facts = async () => (await call(USER, "GET", "/me/memory")).body.facts as Fact[];
  const contextBlock = async () => {
    const item = await env.dynamodb.send(new GetItemCommand({ TableName: `${env.cloud.endpoints.tablePrefix}-contextCache`, Key: { userId: { S: USER } }, ConsistentRead: true }));
    return { version: Number(item.Item?.version?.N ?? 0), block: item.Item?.block?.S ?? "" };
  };

  /** Starts a session and sends one message; returns the reply text and the turn's messageId. */
  const say = async (client: ChatClient, sessionId: string, content: string) => {
    const ack = await client.request("message", { sessionId, content }, "message_received");
    const reply = await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    return { text: String(reply.payload.text ?? reply.payload.content ?? ""), messageId: String(ack.payload.messageId) };
  };
  const startSession = async (client: ChatClient) => (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;

  let firstSessionId = "";
  let forgottenMaya = "";

  it("remembers a person, an upcoming test and a goal from session 1", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    firstSessionId = await startSession(client);
    await say(client, firstSessionId, "my friend Maya is helping me study, we have a chemistry test on Friday");
    await say(client, firstSessionId, "I really want to make the varsity soccer team this year");
    await client.request("end_session", { sessionId: firstSessionId }, "session_ended");
    await client.close();
    await until(async () => ((await contextBlock()).block.includes("chemistry test") ? true : undefined), "the context built from session 1", 20_000);

    const listed = await facts();
    const byType = (type: string, name: RegExp) => listed.find((fact) => fact.type === type && name.test(fact.name));
    expect(byType("Person", /maya/i)).toMatchObject({ sessionIds: [firstSessionId] });
    expect(byType("Event", /chemistry test/i)?.summary).toMatch(/Upcoming: chemistry test on Fri 20 Nov/);
    expect(byType("Goal", /varsity soccer team/i)).toBeDefined();
    for (const fact of listed) {
      expect(fact.id.startsWith(`${fact.type}:${USER}:`)).toBe(true);
      expect(Date.parse(fact.firstMentionedAt)).toBeLessThanOrEqual(Date.parse(fact.lastMentionedAt));
    }
  });

  it("refers to one of them in session 2's first reply, and records the facts it used", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    const sessionId = await startSession(client);
    const { text, messageId } = await say(client, sessionId, "hey, i'm back");
    expect(text).toMatch(/chemistry test|Maya|varsity soccer team/i);
    await client.request("end_session", { sessionId }, "session_ended");
    await client.close();

    const generated = await until(async () => {
      const events = await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName);
      return events.find((event: BusEvent) => event["detail-type"] === "ReplyGenerated" && (event.detail as { data: { messageId: string } }).data.messageId === messageId);
    }, "the archived ReplyGenerated");
    const context = (generated.detail as { data: { context?: { version: number; factIds: string[]; lines: string[] } } }).data.context;
    expect(context?.version).toBeGreaterThan(0);
    const listed = await facts();
    const test = listed.find((fact) => fact.type === "Event" && /chemistry test/i.test(fact.name));
    expect(context?.factIds).toContain(test?.id);
    expect(context?.lines.join("\n")).toMatch(/chemistry test/);
  });

  it("forgets a deleted fact: gone from GET /me/memory and from the next prompt; 404 for unknown, another user's and a second delete", async () => {
    const maya = (await facts()).find((fact) => fact.type === "Person" && /maya/i.test(fact.name));
    expect(maya).toBeDefined();
    const id = encodeURIComponent(maya!.id);

    expect((await call("someone-else", "DELETE", `/me/memory/${id}`)).status).toBe(404);
    expect((await call(USER, "DELETE", `/me/memory/${encodeURIComponent(`Person:${USER}:nobody`)}`)).status).toBe(404);
    expect((await call(USER, "DELETE", `/me/memory/${id}`)).status).toBe(204);
    expect((await call(USER, "DELETE", `/me/memory/${id}`)).status).toBe(404);
    forgottenMaya = maya!.id;

    expect((await facts()).some((fact) => fact.id === maya!.id)).toBe(false);
    expect((await graph.getUserGraph(USER)).edges.some((edge) => edge.from === maya!.id || edge.to === maya!.id)).toBe(false);
    // The cached context was rebuilt at once: the next prompt is built from it.
    expect((await contextBlock()).block).not.toMatch(/maya/i);

    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    const sessionId = await startSession(client);
    const { text, messageId } = await say(client, sessionId, "maya was being weird at lunch today");
    expect(text).not.toMatch(/how are things with maya|maya came up last time/i);
    await client.close();
    const generated = await until(async () => {
      const events = await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName);
      return events.find((event: BusEvent) => event["detail-type"] === "ReplyGenerated" && (event.detail as { data: { messageId: string } }).data.messageId === messageId);
    }, "the archived ReplyGenerated");
    const context = (generated.detail as { data: { context?: { factIds: string[]; lines: string[] } } }).data.context;
    expect(context?.factIds ?? []).not.toContain(maya!.id);
    expect((context?.lines ?? []).join("\n")).not.toMatch(/maya/i);
  });
  it("keeps a forgotten fact forgotten when the archive is replayed into graph-extraction (the documented rebuild)", { timeout: DRAIN_TIMEOUT_MS + 30_000 }, async () => {
    // Prepare: the first session, which told of Maya, was distilled before she was forgotten.
    expect(forgottenMaya).not.toBe("");
    const replayName = `rebuild-after-forgetting-${Date.now()}`;
    const graphUpdatesOfFirstSession = async () =>
      (await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName)).filter(
        (event: BusEvent) => event["detail-type"] === "GraphUpdated" && (event.detail as { data: { sessionId: string } }).data.sessionId === firstSessionId,
      ).length;
    const updatesBefore = await graphUpdatesOfFirstSession();

    // Act
    await env.eventBridge.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`,
        EventStartTime: new Date(Date.parse("2026-11-18T00:00:00Z")),
        EventEndTime: new Date(clock() + 1000),
        Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/innerworld", FilterArns: [env.cloud.endpoints.ruleArns["graph-extraction"]!] },
      }),
    );
    await until(async () => (await env.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }))).State === "COMPLETED" || undefined, "the replay", 20_000);
    await queuesDrained(env.sqs, env.cloud.endpoints);

    // Assess: the replay mined the first session again (a second GraphUpdated for it), and Maya is not back from its words.
    await until(async () => ((await graphUpdatesOfFirstSession()) > updatesBefore) || undefined, "the first session's replayed GraphUpdated");
    const graphAfter = await graph.getUserGraph(USER);
    const chemistry = graphAfter.vertices.find((vertex) => vertex.label === "Event" && /chemistry test/i.test(vertex.name));
    expect(chemistry?.sourceSessions).toContain(firstSessionId);
    const maya = graphAfter.vertices.find((vertex) => vertex.id === forgottenMaya);
    expect(maya?.sourceSessions ?? []).not.toContain(firstSessionId);
    expect((await facts()).find((fact) => fact.id === forgottenMaya)?.sessionIds ?? []).not.toContain(firstSessionId);
  });
});
