// Privacy end to end: dates in the user's time zone, messages expiring a day after distillation, export, and DELETE /me that a replay cannot undo.
import { GetItemCommand, PutItemCommand, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { DescribeReplayCommand, DescribeRuleCommand, StartReplayCommand, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";
import { DeleteObjectCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCredentials } from "@innerworld/emulators/net";
import { BUS_NAME, TOPOLOGY, ruleNameOf } from "@innerworld/events";
import { DynamoDbGraphStore } from "@innerworld/memory/graph";
import { TABLE_KEYS } from "@innerworld/platform/tables";
import { metadataOf, tapBus, type BusTapHandle } from "@innerworld/testing/bus-tap";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";
import { DRAIN_TIMEOUT_MS, archivedEvents, queuesDrained } from "../analyst/support/cloudState";
import { callFrom, networkOfFriend } from "../survey/fromNetwork";

const USER = "teen-erased";
const BYSTANDER = "teen-stays";
/** 07:30 UTC on Thursday is still 23:30 on Wednesday in Los Angeles: "tomorrow" there is Thursday the 19th. */
const clock = clockStartingAt("2026-11-19T07:30:00Z");
const DAY_SECONDS = 24 * 60 * 60;
/** Read from the topology table, so a service that starts accepting replays is replayed into here too. */
const SERVICES_TAKING_REPLAYS = TOPOLOGY.filter((topology) => topology.acceptsReplay).map((topology) => topology.service);

describe("retention and erasure", () => {
  let env: TestCloud;
  let graph: DynamoDbGraphStore;
  let bus: BusTapHandle;
  let s3: S3Client;
  let windowStart: Date;
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    for (const key of ["INNERWORLD_MODEL_BASE_URL", "INNERWORLD_MODEL_API_KEY", "INNERWORLD_MODEL"]) delete process.env[key];
    // Events carry the services' clock as their time: the archive window is on that clock.
    windowStart = new Date(Math.floor(clock() / 1000) * 1000 - 1000);
    env = await startTestCloud({ clock });
    graph = DynamoDbGraphStore.fromClient(env.dynamodb, `${env.cloud.endpoints.tablePrefix}-graph`);
    bus = await tapBus(env, ["GraphUpdated"]);
    s3 = new S3Client({ endpoint: env.cloud.endpoints.s3Endpoint, region: env.cloud.endpoints.region, credentials: localCredentials, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await bus?.close();
    await env?.stop();
  });

  const table = (key: string) => `${env.cloud.endpoints.tablePrefix}-${key}`;
  /** A call to the HTTP API, as `userId` (JWT) or, with none, as an anonymous friend answering a survey. */
  const call = async (userId: string | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    if (userId) headers.authorization = `Bearer ${await mintToken(env.cloud.endpoints, { sub: userId })}`;
    const response = await fetch(`${env.cloud.endpoints.readApiUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  /** GraphUpdated comes once the session's merge is whole, edges included (the user's vertex lists it before its edges are written). */
  const merged = (sessionId: string) => bus.waitFor("GraphUpdated", (e) => metadataOf(e).sessionId === sessionId);

  const haveSession = async (userId: string, lines: string[], timeZone?: string) => {
    const client = await ChatClient.connect(env.cloud.endpoints, userId);
    const started = await client.request("start_session", { personaId: "companion", ...(timeZone ? { timeZone } : {}) }, "session_started");
    const sessionId = started.payload.sessionId as string;
    for (const [index, content] of lines.entries()) {
      const ack = await client.request("message", { sessionId, content, clientMessageId: `${userId}-${index}` }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    }
    await client.request("end_session", { sessionId }, "session_ended");
    await client.close();
    await merged(sessionId);
    return { sessionId, timeZone: started.payload.timeZone };
  };

  /** Every item of every table whose attributes mention any of `ids` (a user's id, their sessions', surveys' and personas'), as a scan sees them. */
  const itemsMentioning = async (...ids: string[]) => {
    const found: string[] = [];
    for (const key of TABLE_KEYS) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await env.dynamodb.send(new ScanCommand({ TableName: table(key), ExclusiveStartKey: start, ConsistentRead: true }));
        for (const item of page.Items ?? []) if (ids.some((id) => JSON.stringify(item).includes(id))) found.push(`${key}: ${JSON.stringify(item).slice(0, 120)}`);
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return found;
  };

  /**
   * Every object of every bucket the local cloud has whose key or content mentions any of `ids`. A portrait is stored
   * under its persona's id, so the user's persona ids find what their own id cannot.
   */
  const objectsMentioning = async (...ids: string[]) => {
    const found: string[] = [];
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    for (const { Name: bucket } of Buckets) {
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const { Key: key } of page.Contents ?? []) {
          const body = (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString("utf8")) ?? "";
          if (ids.some((id) => key?.includes(id) || body.includes(id))) found.push(`${bucket}/${key}`);
        }
        token = page.NextContinuationToken;
      } while (token);
    }
    return found;
  };

  it("resolves 'tomorrow' in the time zone start_session names, and refuses a zone that does not exist", async () => {
    const { sessionId, timeZone } = await haveSession(USER, ["my friend Maya and I have a chem test tomorrow", "i really want to make the swim team"], "America/Los_Angeles");
    sessions[USER] = sessionId;
    expect(timeZone).toBe("America/Los_Angeles");
    const userGraph = await graph.getUserGraph(USER);
    const test = userGraph.vertices.find((v) => v.label === "Event" && /test/.test(v.name));
    expect(test?.attributes.date).toBe("2026-11-19");
    // Memory says its days on the teen's clock too: at 23:30 on Wednesday in Los Angeles the test is tomorrow, though
    // it is already Thursday in UTC.
    const facts = (await call(USER, "GET", "/me/memory")).body.facts as { id: string; summary: string }[];
    expect(facts.find((fact) => fact.id === test?.id)?.summary).toMatch(/on Thu 19 Nov \(tomorrow\)/);
    const block = await until(async () => {
      const item = await env.dynamodb.send(new GetItemCommand({ TableName: table("contextCache"), Key: { userId: { S: USER } }, ConsistentRead: true }));
      return item.Item?.timeZone?.S === "America/Los_Angeles" ? item.Item.block?.S : undefined;
    }, "the context block built in the session's zone");
    expect(block).toMatch(/chem test on Thu 19 Nov \(tomorrow\)/);

    const client = await ChatClient.connect(env.cloud.endpoints, USER);
    const refused = await client.request("start_session", { personaId: "companion", timeZone: "Mars/Olympus_Mons" }, "error");
    expect(refused.payload.code).toBe("INVALID_FRAME");
    await client.close();
  });

  it("sets a message's TTL to a day after its transcript was distilled, never past its 30 days", async () => {
    const key = { sessionId: { S: sessions[USER]! }, messageKey: { S: "00000001#0user" } };
    const item = (await env.dynamodb.send(new GetItemCommand({ TableName: table("messages"), Key: key, ConsistentRead: true }))).Item;
    const distilledAt = Date.parse(item?.distilledAt?.S ?? "");
    const createdAt = Date.parse(item?.createdAt?.S ?? "");
    const expiresAt = Number(item?.expiresAt?.N);
    expect(Number.isNaN(distilledAt)).toBe(false);
    expect(expiresAt).toBe(Math.floor(distilledAt / 1000) + DAY_SECONDS);
    expect(expiresAt).toBeLessThan(Math.floor(createdAt / 1000) + 30 * DAY_SECONDS);
    expect(item?.content?.S).toContain("chem test");
  });

  /** The survey the user made about themself, and the one the bystander made, each answered once by a friend. */
  const surveys: Record<string, string> = {};
  const surveyAnsweredBy = async (owner: string, subjectName: string, friend: string, answer: string) => {
    const created = await call(owner, "POST", "/surveys", { subjectName });
    expect(created.status).toBe(201);
    const surveyId = created.body.surveyId as string;
    const answered = await call(undefined, "POST", `/surveys/${surveyId}/responses`, { respondentId: `browser-${friend}-0001`, answers: [{ questionId: "three_words", answer }] });
    expect(answered.status).toBe(202);
    return surveyId;
  };
  /** Every item of the surveys table in one survey's partition: the survey and its responses. */
  const surveyItems = async (surveyId: string) => {
    const page = await env.dynamodb.send(new ScanCommand({ TableName: table("surveys"), ConsistentRead: true, FilterExpression: "surveyId = :id", ExpressionAttributeValues: { ":id": { S: surveyId } } }));
    return page.Items ?? [];
  };

  it("exports everything stored about the caller", async () => {
    sessions[BYSTANDER] = (await haveSession(BYSTANDER, ["my brother Leo has a game on saturday"])).sessionId;
    surveys[USER] = await surveyAnsweredBy(USER, "Robin", "sam", "funny loyal stubborn");
    surveys[BYSTANDER] = await surveyAnsweredBy(BYSTANDER, "Leo's sib", "kit", "calm kind sporty");
    const { status, body } = await call(USER, "GET", "/me/export");
    expect(status).toBe(200);
    expect((body.sessions as { sessionId: string }[]).map((s) => s.sessionId)).toEqual([sessions[USER]]);
    expect((body.messages as { content: string; userId: string }[]).some((m) => m.content.includes("chem test"))).toBe(true);
    expect((body.messages as { userId: string }[]).every((m) => m.userId === USER)).toBe(true);
    expect((body.facts as { name: string }[]).map((f) => f.name)).toEqual(expect.arrayContaining(["Maya"]));
    expect((body.context as { block: string }).block).toMatch(/Maya|test/);
    // The survey the user made, with what a friend answered about them, and nothing that names the friend.
    const exported = body.surveys as { surveyId: string; ownerId: string; subjectName: string; answers: { questionId: string; answers: string[] }[] }[];
    expect(exported.map((s) => [s.surveyId, s.ownerId, s.subjectName])).toEqual([[surveys[USER], USER, "Robin"]]);
    expect(exported[0]?.answers).toEqual([{ questionId: "three_words", answers: ["funny loyal stubborn"] }]);
    expect(JSON.stringify(body)).not.toMatch(/respondentKey|browser-sam/);
    expect(JSON.stringify(body)).not.toContain(BYSTANDER);
    expect(JSON.stringify(body)).not.toContain(surveys[BYSTANDER]);
  });

  /** The persona each survey became, once friends answered it to the threshold. */
  const personas: Record<string, string> = {};
  /** The first whole second on the services' clock that holds anything of the erasure. */
  let erasureSecond: Date;
  /** Everything that names the user: their id, and the ids of their session, survey and persona (a portrait is keyed by the last). */
  const idsOf = (userId: string) => [userId, sessions[userId]!, surveys[userId]!, personas[userId]!];
  /** Friend `n` answers from a network of their own: the threshold wants answers from more than one. */
  const friendAnswers = (surveyId: string, n: number, threeWords: string) =>
    callFrom(networkOfFriend(n), `${env.cloud.endpoints.readApiUrl}/surveys/${surveyId}/responses`, "POST", {
      respondentId: `browser-friend${n}-0001`,
      answers: [
        { questionId: "three_words", answer: threeWords },
        { questionId: "passions", answer: "marine biology and drawing" },
        { questionId: "talk_style", answer: "playful and joking" },
      ],
    });
  /** Every item of the bystander's survey partition, in key order: what erasure and replay must leave exactly as it was. */
  const bystanderSurvey = async () => (await surveyItems(surveys[BYSTANDER]!)).map((item) => JSON.stringify(item)).sort();

  it("writes a persona and paints its portrait once friends answer a survey to the threshold", { timeout: 60_000 }, async () => {
    for (const [owner, friends] of [[USER, [0, 1]], [BYSTANDER, [2, 3]]] as const) {
      for (const n of friends) expect((await friendAnswers(surveys[owner]!, n, "funny, loyal and kind")).status).toBe(202);
      const ownerApi = await readApiAs(env.cloud.endpoints, owner);
      const ready = await until(async () => {
        const view = await ownerApi.json<{ status?: string; personaId?: string }>(`/surveys/${surveys[owner]!}`);
        return view.status === "ready" ? view : undefined;
      }, `${owner}'s persona to be ready`, 30_000);
      personas[owner] = ready.personaId!;
      expect((await call(owner, "GET", `/personas/${personas[owner]}`)).status).toBe(200);
    }
    // Both portraits are in the local cloud's bucket, and the S3 scan finds each by its persona's id.
    const bucket = env.cloud.endpoints.portraitBucket;
    expect(await objectsMentioning(personas[USER]!)).toEqual([expect.stringMatching(new RegExp(`^${bucket}/.*${personas[USER]}`))]);
    expect(await objectsMentioning(personas[BYSTANDER]!)).toEqual([expect.stringMatching(new RegExp(`^${bucket}/.*${personas[BYSTANDER]}`))]);
  });

  it("erases the user from every table, the graph and the buckets, publishes UserDeleted, and leaves others alone", { timeout: DRAIN_TIMEOUT_MS + 30_000 }, async () => {
    await queuesDrained(env.sqs, env.cloud.endpoints);
    expect((await itemsMentioning(...idsOf(USER))).length).toBeGreaterThan(0);
    expect(await objectsMentioning(...idsOf(USER))).toHaveLength(1);
    const bystanderSurveyBefore = await bystanderSurvey();
    const bystanderPortraitBefore = await objectsMentioning(personas[BYSTANDER]!);
    // The teen still has the app open when the account is erased.
    const stillOpen = await ChatClient.connect(env.cloud.endpoints, USER);
    const closed = new Promise<number>((resolve) => stillOpen.socket.once("close", resolve));
    // Event times are whole seconds: the erasure starts on a second of its own, so a replay can end just before it.
    erasureSecond = new Date(Math.ceil(clock() / 1000) * 1000);
    await until(() => clock() >= erasureSecond.getTime() || undefined, "the next second on the services' clock", 5_000);

    expect((await call(USER, "DELETE", "/me")).status).toBe(204);
    // Its socket is closed by the server: nothing more is taken for an account that no longer exists.
    expect(await closed).toBe(1000);
    await queuesDrained(env.sqs, env.cloud.endpoints);

    expect(await itemsMentioning(...idsOf(USER))).toEqual([`tombstones: ${JSON.stringify((await env.dynamodb.send(new GetItemCommand({ TableName: table("tombstones"), Key: { userId: { S: USER } } }))).Item).slice(0, 120)}`]);
    expect(await objectsMentioning(...idsOf(USER))).toEqual([]);
    expect(await graph.counts(USER)).toEqual({ vertices: 0, edges: 0 });
    expect((await call(USER, "GET", "/me/memory")).body.facts).toEqual([]);
    // The survey and the friends' answers (which name no user, so the scan above cannot see them) are gone; the bystander's stay.
    expect(await surveyItems(surveys[USER]!)).toEqual([]);
    expect((await call(USER, "GET", "/me/export")).body.surveys).toEqual([]);
    // The bystander's survey, the friends' answers, and the counts of the networks and browsers they came from, as they were.
    expect(bystanderSurveyBefore.length).toBeGreaterThan(0);
    expect(await bystanderSurvey()).toEqual(bystanderSurveyBefore);
    expect(await objectsMentioning(personas[BYSTANDER]!)).toEqual(bystanderPortraitBefore);
    expect((await call(BYSTANDER, "GET", `/personas/${personas[BYSTANDER]}`)).status).toBe(200);
    expect((await graph.counts(BYSTANDER)).vertices).toBeGreaterThan(0);
    expect((await call(BYSTANDER, "GET", "/me/export")).body.sessions).toHaveLength(1);
  });

  /** Replays [from, to) of the archive into every service that accepts replays, and waits until they have handled it all. */
  const replayIntoEveryServiceTakingReplays = async (replayName: string, from: Date, to: Date) => {
    const rules = SERVICES_TAKING_REPLAYS.map((service) => {
      const arn = env.cloud.endpoints.ruleArns[service];
      if (!arn) throw new Error(`the local cloud has no rule for ${service}, which accepts replays`);
      return arn;
    });
    await env.eventBridge.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`,
        EventStartTime: from,
        EventEndTime: to,
        Destination: { Arn: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS_NAME}`, FilterArns: rules },
      }),
    );
    await until(async () => (await env.eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }))).State === "COMPLETED" || undefined, `the replay ${replayName}`, 20_000);
    await queuesDrained(env.sqs, env.cloud.endpoints);
  };

  /** The services taking replays whose rule takes, from a replay, none of the archived events about the user before their erasure. */
  const servicesWithNothingToRebuild = async () => {
    const aboutUser = (await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName)).filter(
      (event) => (event.detail as { metadata?: { userId?: string } }).metadata?.userId === USER && Date.parse(event.time) < erasureSecond.getTime(),
    );
    const nothing: string[] = [];
    for (const service of SERVICES_TAKING_REPLAYS) {
      const { EventPattern } = await env.eventBridge.send(new DescribeRuleCommand({ Name: ruleNameOf(service), EventBusName: BUS_NAME }));
      let takes = false;
      for (const event of aboutUser) {
        takes = (await env.eventBridge.send(new TestEventPatternCommand({ EventPattern, Event: JSON.stringify({ ...event, "replay-name": "any-replay" }) }))).Result === true;
        if (takes) break;
      }
      if (!takes) nothing.push(service);
    }
    return nothing;
  };

  it("recreates nothing when the archive of the same window is replayed into every service that accepts replays", { timeout: 2 * DRAIN_TIMEOUT_MS + 30_000 }, async () => {
    // Each of those services would rebuild something of the user from the window: its rule takes, from a replay, at
    // least one archived event about them. Otherwise finding nothing afterwards would prove nothing about it.
    expect(SERVICES_TAKING_REPLAYS).toEqual(expect.arrayContaining(["storage", "portrait"]));
    expect(await servicesWithNothingToRebuild()).toEqual([]);
    const bystanderContext = async () =>
      Number((await env.dynamodb.send(new GetItemCommand({ TableName: table("contextCache"), Key: { userId: { S: BYSTANDER } }, ConsistentRead: true }))).Item?.version?.N ?? 0);
    const bystanderPortrait = await objectsMentioning(personas[BYSTANDER]!);
    expect(bystanderPortrait).toHaveLength(1);

    // Up to the erasure, nothing of it is replayed to clean up after the replay: only the erasure's tombstone keeps
    // the user gone. The whole window carries the erasure's own events (a PersonaDeleted for each persona) too.
    const windows = [
      { name: "until-erasure", to: erasureSecond },
      { name: "with-erasure", to: new Date(clock() + 1000) },
    ];
    for (const window of windows) {
      const versionBefore = await bystanderContext();
      // The bystander's portrait is lost: the replay must paint it again, so it shows that portrait took the replay.
      for (const object of bystanderPortrait) {
        const [bucket, ...key] = object.split("/");
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key.join("/") }));
      }
      expect(await objectsMentioning(personas[BYSTANDER]!)).toEqual([]);

      await replayIntoEveryServiceTakingReplays(`${window.name}-${Date.now()}`, windowStart, window.to);

      const left = await itemsMentioning(...idsOf(USER));
      expect(left, window.name).toHaveLength(1);
      expect(left[0]).toMatch(/^tombstones: /);
      expect(await objectsMentioning(...idsOf(USER)), window.name).toEqual([]);
      expect(await graph.counts(USER)).toEqual({ vertices: 0, edges: 0 });
      // The replay did run: the bystander's saga went through context-refresh again, their portrait was painted again,
      // and their graph and persona are as they were.
      expect(await bystanderContext()).toBeGreaterThan(versionBefore);
      expect(await objectsMentioning(personas[BYSTANDER]!)).toEqual(bystanderPortrait);
      expect((await call(BYSTANDER, "GET", `/personas/${personas[BYSTANDER]}`)).status).toBe(200);
      expect((await graph.counts(BYSTANDER)).vertices).toBeGreaterThan(0);
    }
  });

  it("starts no session on a socket its account's erasure could not close", async () => {
    const teen = "teen-socket-left-open";
    const leftOpen = await ChatClient.connect(env.cloud.endpoints, teen);
    // An erasure whose close of this socket failed: the tombstone is written, the socket stays. Dated after any token
    // the issuer can have minted, whatever the machine's clock says.
    await env.dynamodb.send(new PutItemCommand({ TableName: table("tombstones"), Item: { userId: { S: teen }, deletedAt: { S: "2999-01-01T00:00:00.000Z" } } }));

    const refused = await leftOpen.request("start_session", { personaId: "companion" }, ["session_started", "error"]);
    expect(refused).toMatchObject({ type: "error", payload: { code: "FORBIDDEN" } });
    expect((await itemsMentioning(teen)).filter((item) => item.startsWith("sessions:"))).toEqual([]);
    // The socket itself stays usable for what needs no session.
    expect((await leftOpen.request("ping", undefined, "pong")).type).toBe("pong");
    await leftOpen.close();
  });
});
