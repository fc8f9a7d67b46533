// GremlinGraphStore through a recording connection (bytecode and translated-script snapshots), and Neptune's SigV4 handshake.
import { createHash, createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { gremlinDriver, gremlinProcess, type GremlinBytecode } from "../../src/graph/gremlin";
import { edgeProperties, vertexProperties } from "../../src/graph/gremlinRecords";
import { VERSION_CONFLICT } from "../../src/graph/gremlinTraversals";
import { GremlinGraphStore, NeptuneConnection, isGraphWriteConflictError, createNeptuneConnection, type AwsCredentials, type DriverConnection, type GraphEdge, type GraphMutation, type GraphVertex } from "../../src/graph/index";
import { resolveMutation } from "../../src/graph/resolveMutation";
import { T1, T2, T3, entity, firstSession, mutationFor, quitSession, relation } from "./graphFactories";
import { forgottenDigestOf } from "../../src/graph/forgottenFacts";
import { graphStoreContract } from "./graphStoreContract";
import { RecordingConnection, type CannedAnswer } from "./recordingConnection";

const endpoint = process.env.INNERWORLD_GREMLIN_ENDPOINT;
graphStoreContract(
  endpoint ? `Gremlin (${endpoint})` : "Gremlin (set INNERWORLD_GREMLIN_ENDPOINT to run)",
  async () => {
    const url = endpoint as string;
    const connection = /\.neptune\.amazonaws\.com/.test(url)
      ? createNeptuneConnection({ url, region: process.env.AWS_REGION ?? "us-east-1" })
      : new gremlinDriver.DriverRemoteConnection(url);
    return { store: new GremlinGraphStore(connection), close: () => connection.close() };
  },
  { skip: !endpoint },
);

/** Rows as the server returns the store's projections: Maps, vertex property values wrapped in lists by valueMap(). */
const vertexRow = (vertex: GraphVertex, version: number) =>
  new Map<string, unknown>([
    ["id", vertex.id],
    ["label", vertex.label],
    ["props", new Map(vertexProperties(vertex, version).map(([key, value]) => [key, [value]]))],
  ]);
const edgeRow = (edge: GraphEdge, version: number) =>
  new Map<string, unknown>([
    ["id", edge.id],
    ["label", edge.label],
    ["from", edge.from],
    ["to", edge.to],
    ["props", new Map(edgeProperties(edge, version))],
  ]);

const isVertexRead = (script: string) => script.startsWith("g.V(") && script.includes(".project('id', 'label', 'props')");
const isEdgeRead = (script: string) => script.startsWith("g.E(") && script.includes(".project('id', 'label', 'from', 'to', 'props')");
const isWrite = (script: string) => /^g\.merge[VE]\(/.test(script);

/** The state the first apply of `mutation` writes, as the server would then return it. */
const storedAfter = (mutation: GraphMutation) => {
  const { vertexWrites, edgeWrites } = resolveMutation(mutation, new Map(), new Map());
  return {
    vertices: vertexWrites.map((w) => vertexRow(w.record, w.version)),
    edges: edgeWrites.map((w) => edgeRow(w.record, w.version)),
  };
};

/** Answers reads from `state`, writes with the last element's id. */
const serve = (state: { vertices: unknown[]; edges: unknown[] }) => (script: string): CannedAnswer => {
  if (isVertexRead(script)) return state.vertices;
  if (isEdgeRead(script)) return state.edges;
  if (isWrite(script)) return ["written"];
  return [];
};

describe("GremlinGraphStore (recording connection)", () => {
  const small: GraphMutation = mutationFor("u1", "s1", T1, {
    entities: [entity("Person", "Jordan", { relation: "best friend" }), entity("Activity", "soccer")],
    relations: [relation("relates_to", "user", "Jordan"), relation("relates_to", "user", "soccer", { ended: true, time: "2026-11-18" })],
  });

  it("reads what a mutation touches, then writes every element in one mergeV/mergeE traversal with version guards", async () => {
    // Prepare
    const connection = new RecordingConnection(serve({ vertices: [], edges: [] }));
    const store = new GremlinGraphStore(connection);

    // Act
    const result = await store.apply("u1", small);

    // Assess
    expect(result).toEqual({ entitiesMerged: 2, relationsMerged: 1, relationsInvalidated: 1 });
    expect(connection.scripts).toHaveLength(5);
    // First what the user forgot of these vertices (forgottenFacts.ts), then the elements themselves; after the writes,
    // what was forgotten again, for a forgetting that landed meanwhile.
    expect(connection.scripts[4]).toBe(connection.scripts[0]);
    expect(connection.scripts[0]).toMatch(/^g\.V\(('forgotten:u1:[0-9a-f]{64}'(, )?){3}\)\.hasLabel\('ForgottenFact'\)/);
    expect(connection.scripts[1]).toMatchInlineSnapshot(
      `"g.V('User:u1:self', 'Person:u1:jordan', 'Activity:u1:soccer').project('id', 'label', 'props').by(__.id()).by(__.label()).by(__.valueMap())"`,
    );
    expect(connection.scripts[2]).toMatchInlineSnapshot(
      `"g.E('User:u1:self|relates_to|Person:u1:jordan', 'User:u1:self|relates_to|Activity:u1:soccer').project('id', 'label', 'from', 'to', 'props').by(__.id()).by(__.label()).by(__.outV().id()).by(__.inV().id()).by(__.valueMap())"`,
    );
    expect(connection.scripts[3]?.split(/(?=\.merge[VE]\()/)).toMatchSnapshot();
  });

  it("forgets a vertex only within its owner's graph, dropping it (and so its edges) in one traversal, and records when by a digest of its id", async () => {
    const connection = new RecordingConnection((script) => (script.includes("'Person:u1:jordan'") ? [1] : script.startsWith("g.mergeV") ? ["forgotten"] : [0]));
    const store = new GremlinGraphStore(connection);

    expect(await store.deleteVertex("u1", "Person:u1:jordan", T3)).toBe(true);
    expect(await store.deleteVertex("u1", "Person:u2:jordan", T3)).toBe(false);
    expect(await store.deleteVertex("u1", "User:u1:self", T3)).toBe(false);

    // Whether the fact is there, then the marker, then the drop: a drop that fails can be asked again.
    expect(connection.scripts[0]).toBe("g.V('Person:u1:jordan').has('userId', 'u1').count()");
    const digest = forgottenDigestOf("Person:u1:jordan");
    expect(connection.scripts[1]).toBe(`g.mergeV([(T.id):'forgotten:u1:${digest}', (T.label):'ForgottenFact']).property(Cardinality.single, 'forgottenOf', 'u1').property(Cardinality.single, 'forgottenAt', '${T3}').id()`);
    expect(connection.scripts[1]).not.toContain("jordan");
    expect(connection.scripts[2]).toMatchInlineSnapshot(`"g.V('Person:u1:jordan').has('userId', 'u1').sideEffect(__.drop()).count()"`);
    expect(connection.scripts).toHaveLength(4);
  });

  it("leaves out of a merge a fact forgotten after the session was observed, and keeps one forgotten before it", async () => {
    const digest = forgottenDigestOf("Person:u1:jordan");
    const forgottenRow = (at: string) => (script: string) => (script.includes(".hasLabel('ForgottenFact')") ? [new Map([["id", `forgotten:u1:${digest}`], ["forgottenAt", at]])] : []);
    const later = new RecordingConnection(forgottenRow("2026-12-31T00:00:00.000Z"));
    const earlier = new RecordingConnection(forgottenRow("2026-01-01T00:00:00.000Z"));

    await new GremlinGraphStore(later).apply("u1", small);
    await new GremlinGraphStore(earlier).apply("u1", small);

    expect(later.scripts[0]).toMatch(new RegExp(`^g\\.V\\(.*'forgotten:u1:${digest}'.*\\)\\.hasLabel\\('ForgottenFact'\\)`));
    expect(later.scripts.filter(isWrite).join("\n")).not.toContain("jordan");
    expect(earlier.scripts.filter(isWrite).join("\n")).toContain("'Person:u1:jordan'");
  });

  it("erases a user's graph by their userId property", async () => {
    const connection = new RecordingConnection((script) => (script.includes("count()") ? [3] : []));

    expect(await new GremlinGraphStore(connection).deleteUser("u1")).toBe(9);

    expect(connection.scripts.at(-2)).toMatchInlineSnapshot(`"g.V().has('userId', 'u1').sideEffect(__.drop()).count()"`);
    // What the user forgot goes too.
    expect(connection.scripts.at(-1)).toBe("g.V().has('ForgottenFact', 'forgottenOf', 'u1').sideEffect(__.drop()).count()");
  });

  it("writes nothing when the stored state already holds the session", async () => {
    const connection = new RecordingConnection(serve(storedAfter(small)));

    const result = await new GremlinGraphStore(connection).apply("u1", small);

    expect(result).toEqual({ entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 });
    expect(connection.scripts.map((s) => s.slice(0, 4))).toEqual(["g.V(", "g.V(", "g.E("]);
    expect(connection.scripts.some(isWrite)).toBe(false);
  });

  it("guards updates by the version read, and removes invalidAt when a fact is re-opened", async () => {
    // Prepare: the soccer edge as stored after "I play soccer" (s1) and "I quit soccer" (s2).
    const afterFirst = resolveMutation(mutationFor("u1", "s1", T1, firstSession), new Map(), new Map());
    const afterQuit = resolveMutation(
      mutationFor("u1", "s2", T2, quitSession),
      new Map(afterFirst.vertexWrites.map((w) => [w.record.id, w])),
      new Map(afterFirst.edgeWrites.map((w) => [w.record.id, w])),
    );
    const soccer = afterQuit.edgeWrites.find((w) => w.record.id === "User:u1:self|relates_to|Activity:u1:soccer");
    if (!soccer) throw new Error("the quit session should have closed the soccer edge");
    expect(soccer.record.invalidAt).toBe("2026-11-24");
    const connection = new RecordingConnection(serve({ vertices: [], edges: [edgeRow(soccer.record, soccer.version)] }));

    // Act: "I rejoined soccer".
    await new GremlinGraphStore(connection).apply(
      "u1",
      mutationFor("u1", "s3", "2026-12-10T16:00:00.000Z", { entities: [entity("Activity", "soccer")], relations: [relation("relates_to", "user", "soccer")] }),
    );

    // Assess
    const write = connection.scripts.find(isWrite) ?? "";
    const soccerWrite = write.slice(write.indexOf(".mergeE("));
    expect(soccerWrite).toContain(`.coalesce(__.has('version', ${soccer.version}), __.fail('${VERSION_CONFLICT}'))`);
    expect(soccerWrite).toContain(".sideEffect(__.properties('invalidAt').drop())");
    expect(soccerWrite).not.toContain("property('invalidAt'");
    expect(soccerWrite).toContain(`property('pastPeriods', '[{"validAt":"${T1}","invalidAt":"2026-11-24"}]')`);
    // Vertices read as absent must still not exist when written: another writer's vertex fails the guard, it is not overwritten.
    expect(write).toContain(".mergeV([(T.id):'User:u1:self', (T.label):'User']).coalesce(__.hasNot('version'), __.fail(");
  });

  it("re-reads and resolves again when a version guard fails, and gives up after its attempts", async () => {
    let writes = 0;
    const connection = new RecordingConnection((script) => {
      if (!isWrite(script)) return [];
      writes += 1;
      return writes === 1 ? new Error(`Server error: ${VERSION_CONFLICT} (500)`) : ["written"];
    });

    const result = await new GremlinGraphStore(connection).apply("u1", small);

    expect(result.entitiesMerged).toBe(2);
    expect(connection.scripts.map((s) => (isWrite(s) ? "write" : "read"))).toEqual(["read", "read", "read", "write", "read", "read", "write", "read"]);

    const always = new RecordingConnection((script) => (isWrite(script) ? new Error("ConcurrentModificationException") : []));
    const conflict: unknown = await new GremlinGraphStore(always, { maxAttempts: 2 }).apply("u1", small).catch((e: unknown) => e);
    expect(isGraphWriteConflictError(conflict)).toBe(true);
    expect(conflict).toMatchObject({ code: "GRAPH_WRITE_CONFLICT", attempts: 2 });
    const broken = new RecordingConnection((script) => (isWrite(script) ? new Error("MalformedQueryException") : []));
    await expect(new GremlinGraphStore(broken).apply("u1", small)).rejects.toThrow("MalformedQueryException");
    expect(broken.scripts.filter(isWrite)).toHaveLength(1);
  });

  it("never sends g.V() or g.E() without ids, and never the discard() step Neptune does not know", async () => {
    const connection = new RecordingConnection(serve({ vertices: [], edges: [] }));
    const store = new GremlinGraphStore(connection);

    // Only the User vertex: no edge to read.
    await store.apply("u1", mutationFor("u1", "s1", T1, { entities: [], relations: [] }));
    await store.counts("u1");
    await store.topEdges("u1", 5);
    await store.getUserGraph("u1");

    expect(connection.scripts.filter((s) => s.startsWith("g.E(") && !s.startsWith("g.E()."))).toEqual([]);
    expect(connection.scripts.filter((s) => /^g\.[VE]\(\)\.(?!has\('userId')/.test(s))).toEqual([]);
    expect(connection.steps).not.toContain("discard");
    expect(connection.steps).not.toContain("none");
  });

  it("asks for the newest edges of one user with their endpoints, and decodes the rows", async () => {
    const { vertexWrites, edgeWrites } = resolveMutation(mutationFor("u1", "s1", T1, firstSession), new Map(), new Map());
    const vertexById = new Map(vertexWrites.map((w) => [w.record.id, w.record]));
    const expected = edgeWrites.slice(0, 2).map((w) => ({ edge: w.record, from: vertexById.get(w.record.from) as GraphVertex, to: vertexById.get(w.record.to) as GraphVertex }));
    const rows = expected.map(
      ({ edge, from, to }) =>
        new Map<string, unknown>([
          ["edge", edgeRow(edge, 1)],
          ["from", vertexRow(from, 1)],
          ["to", vertexRow(to, 1)],
        ]),
    );
    const connection = new RecordingConnection(() => rows);

    const top = await new GremlinGraphStore(connection).topEdges("u1", 2);

    expect(connection.scripts[0]).toMatchInlineSnapshot(
      `"g.E().has('userId', 'u1').order().by('lastSeenAt', Order.desc).by(__.id(), Order.desc).limit(2).project('edge', 'from', 'to').by(__.identity().project('id', 'label', 'from', 'to', 'props').by(__.id()).by(__.label()).by(__.outV().id()).by(__.inV().id()).by(__.valueMap())).by(__.outV().project('id', 'label', 'props').by(__.id()).by(__.label()).by(__.valueMap())).by(__.inV().project('id', 'label', 'props').by(__.id()).by(__.label()).by(__.valueMap()))"`,
    );
    expect(top).toEqual(expected);
  });

  it("counts and reads a whole graph by the userId property", async () => {
    const { vertices, edges } = storedAfter(small);
    const connection = new RecordingConnection((script) => {
      if (script.endsWith(".count()")) return [script.startsWith("g.V()") ? 3 : 2];
      return script.startsWith("g.V()") ? vertices : edges;
    });
    const store = new GremlinGraphStore(connection);

    expect(await store.counts("u1")).toEqual({ vertices: 3, edges: 2 });
    const graph = await store.getUserGraph("u1");

    expect(connection.scripts.slice(0, 2).sort()).toEqual(["g.E().has('userId', 'u1').count()", "g.V().has('userId', 'u1').count()"]);
    expect(graph.vertices.map((v) => v.id)).toEqual(["Activity:u1:soccer", "Person:u1:jordan", "User:u1:self"]);
    expect(graph.edges.find((e) => e.label === "relates_to" && e.to === "Activity:u1:soccer")).toMatchObject({ invalidAt: "2026-11-18", validAt: "2026-11-18" });
  });
});

// ---- SigV4 ----

/** Recomputes a SigV4 signature from the headers alone, independently of the signer under test. */
function verifySigV4(headers: Record<string, string | string[] | undefined>, secretAccessKey: string, path = "/gremlin"): boolean {
  const get = (name: string) => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(get("authorization") ?? "");
  if (!match) return false;
  const [, , day, region, service, signedHeaders, signature] = match as unknown as string[];
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();
  const names = (signedHeaders as string).split(";");
  const canonical = ["GET", path, "", ...names.map((name) => `${name}:${(get(name) ?? "").trim()}`), "", signedHeaders, get("x-amz-content-sha256") ?? sha256("")].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", get("x-amz-date"), `${day}/${region}/${service}/aws4_request`, sha256(canonical)].join("\n");
  const key = ["aws4_request"].reduce((k, part) => hmac(k, part), hmac(hmac(hmac(`AWS4${secretAccessKey}`, day as string), region as string), service as string));
  return createHmac("sha256", key).update(stringToSign).digest("hex") === signature;
}

const rotatingCredentials = () => {
  const issued: AwsCredentials[] = [
    { accessKeyId: "AKIAFIRSTKEY", secretAccessKey: "first-secret", sessionToken: "first-token" },
    { accessKeyId: "AKIASECONDKEY", secretAccessKey: "second-secret", sessionToken: "second-token" },
  ];
  let calls = 0;
  return { issued, provider: async () => issued[Math.min(calls++, issued.length - 1)] as AwsCredentials };
};

const steppingClock = (...times: string[]) => {
  let tick = 0;
  return () => new Date(times[Math.min(tick++, times.length - 1)] as string);
};

/** A driver stand-in whose socket the test can drop. */
class FakeDriver implements DriverConnection {
  isOpen = false;
  closed = false;
  constructor(readonly headers: Record<string, string>) {}
  async open() {
    this.isOpen = true;
  }
  async submit(_bytecode: GremlinBytecode) {
    return new gremlinDriver.RemoteTraversal([new gremlinProcess.Traverser(0, 1)]);
  }
  async close() {
    this.isOpen = false;
    this.closed = true;
  }
}

describe("NeptuneConnection (SigV4)", () => {
  const servers: WebSocketServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("signs each (re)connect afresh: new date, current credentials, valid signature", async () => {
    // Prepare
    const credentials = rotatingCredentials();
    const drivers: FakeDriver[] = [];
    const connection = new NeptuneConnection({
      url: "wss://graph.cluster-abc.eu-west-1.neptune.amazonaws.com:8182/gremlin",
      region: "eu-west-1",
      credentials: credentials.provider,
      clock: steppingClock("2026-11-20T10:00:00Z", "2026-11-20T10:20:00Z"),
      connect: (_url, { headers }) => {
        const driver = new FakeDriver(headers);
        drivers.push(driver);
        return driver;
      },
    });
    const g = gremlinProcess.AnonymousTraversalSource.traversal().withRemote(connection);

    // Act: one query, the socket drops, another query.
    await g.V().count().toList();
    await g.V().count().toList();
    (drivers[0] as FakeDriver).isOpen = false;
    await g.V().count().toList();

    // Assess
    expect(drivers).toHaveLength(2);
    expect(connection.signedHandshakes).toBe(2);
    expect(drivers[0]?.closed).toBe(true);
    const [first, second] = drivers.map((d) => d.headers) as [Record<string, string>, Record<string, string>];
    expect(first["x-amz-date"]).toBe("20261120T100000Z");
    expect(second["x-amz-date"]).toBe("20261120T102000Z");
    expect(first.authorization).toContain("Credential=AKIAFIRSTKEY/20261120/eu-west-1/neptune-db/aws4_request");
    expect(second.authorization).toContain("Credential=AKIASECONDKEY/20261120/eu-west-1/neptune-db/aws4_request");
    expect(first["x-amz-security-token"]).toBe("first-token");
    expect(second["x-amz-security-token"]).toBe("second-token");
    expect(first.host).toBe("graph.cluster-abc.eu-west-1.neptune.amazonaws.com:8182");
    expect(verifySigV4(first, "first-secret")).toBe(true);
    expect(verifySigV4(second, "second-secret")).toBe(true);
    expect(verifySigV4(second, "first-secret")).toBe(false);
  });

  it("does not keep a failed handshake: the next call signs and connects again", async () => {
    const drivers: FakeDriver[] = [];
    const connection = new NeptuneConnection({
      url: "wss://graph.example:8182/gremlin",
      region: "us-east-1",
      credentials: rotatingCredentials().provider,
      connect: (_url, { headers }) => {
        const driver = new FakeDriver(headers);
        if (drivers.push(driver) === 1) driver.open = async () => Promise.reject(new Error("Unexpected server response code 403"));
        return driver;
      },
    });

    await expect(connection.open()).rejects.toThrow("403");
    await connection.open();

    expect(connection.signedHandshakes).toBe(2);
    expect(drivers[1]?.isOpen).toBe(true);
  });

  it("sends the signed headers in the real driver's WebSocket handshake, and re-signs after the server drops it", async () => {
    // Prepare: a WebSocket server that records each upgrade request, standing in for Neptune's endpoint.
    const upgrades: IncomingHttpHeaders[] = [];
    const sockets: WebSocket[] = [];
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    servers.push(server);
    server.on("connection", (socket, request) => {
      upgrades.push(request.headers);
      sockets.push(socket);
    });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const credentials = rotatingCredentials();
    const connection = createNeptuneConnection({
      url: `ws://127.0.0.1:${port}/gremlin`,
      region: "us-east-1",
      credentials: credentials.provider,
      clock: steppingClock("2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"),
    });

    // Act
    await connection.open();
    sockets[0]?.terminate();
    // The driver learns of the drop from its socket's close event, which a busy machine may deliver late: until then
    // open() rightly keeps the socket it believes open, so it is asked again (for up to 20 s) until it reconnects.
    const askUntil = Date.now() + 20_000;
    do {
      await connection.open();
      if (upgrades.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    } while (upgrades.length < 2 && Date.now() < askUntil);
    await connection.close();

    // Assess
    expect(upgrades).toHaveLength(2);
    const [first, second] = upgrades as [IncomingHttpHeaders, IncomingHttpHeaders];
    expect(first.host).toBe(`127.0.0.1:${port}`);
    expect(first["x-amz-date"]).toBe("20261120T100000Z");
    expect(second["x-amz-date"]).toBe("20261120T103000Z");
    expect(second.authorization).toContain("AKIASECONDKEY");
    expect(verifySigV4(first, "first-secret")).toBe(true);
    expect(verifySigV4(second, "second-secret")).toBe(true);
  });
});
