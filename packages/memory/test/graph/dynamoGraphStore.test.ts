// DynamoDbGraphStore against dynalite: the shared contract, plus what only this adapter promises (one Query for topEdges, retries).
import { DynamoDBClient, QueryCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbGraphStore, isGraphWriteConflictError } from "../../src/graph";
import { tableNamesFor } from "@innerworld/platform/tables";
import { ensureTables, startDynamoDb, type LocalDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { T1, T2, T3, firstSession, mutationFor, newUserId, quitSession } from "./graphFactories";
import { graphStoreContract } from "./graphStoreContract";

const REGION = "us-east-1";

interface LocalGraphTable {
  db: LocalDynamoDb;
  tableName: string;
  /** A fresh client: tests that watch or interfere with requests add middleware to their own. */
  client(): DynamoDBClient;
  close(): Promise<void>;
}

const startGraphTable = async (): Promise<LocalGraphTable> => {
  const db = await startDynamoDb({ port: 0 });
  const names = tableNamesFor("graph-test");
  await ensureTables(db.endpoint, REGION, names);
  const clients: DynamoDBClient[] = [];
  return {
    db,
    tableName: names.graph,
    client() {
      const client = new DynamoDBClient({ endpoint: db.endpoint, region: REGION, credentials: localCredentials });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await db.close();
    },
  };
};

/** The sort key of the item a PutItem writes, whether the middleware sees it marshalled or not. */
const putSk = (input: unknown): string | undefined => {
  const sk = (input as { Item?: { sk?: unknown } }).Item?.sk;
  return typeof sk === "string" ? sk : (sk as { S?: string } | undefined)?.S;
};

graphStoreContract("DynamoDB (dynalite)", async () => {
  const table = await startGraphTable();
  return { store: DynamoDbGraphStore.fromClient(table.client(), table.tableName), close: table.close };
});

describe("DynamoDbGraphStore", () => {
  let table: LocalGraphTable;
  beforeAll(async () => {
    table = await startGraphTable();
  });
  afterAll(async () => {
    await table?.close();
  });

  it("reads topEdges, endpoints included, with one Query on the recency index", async () => {
    // Prepare
    const userId = newUserId();
    const client = table.client();
    const store = DynamoDbGraphStore.fromClient(client, table.tableName);
    await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
        return next(args);
      },
      { step: "initialize" },
    );

    // Act
    const top = await store.topEdges(userId, 3);

    // Assess
    expect(top).toHaveLength(3);
    expect(sent.map((s) => s.name)).toEqual(["QueryCommand"]);
    expect(sent[0]?.input).toMatchObject({ IndexName: "byRecency", Limit: 8, ScanIndexForward: false });
    expect(top.every(({ edge, from, to }) => from.id === edge.from && to.id === edge.to)).toBe(true);
  });

  it("takes out what a merge wrote of a fact forgotten between the merge's read and its writes", async () => {
    // Prepare: Jordan is remembered; a replay of an old session starts, and the teen forgets him while it runs.
    const userId = newUserId();
    const jordan = `Person:${userId}:jordan`;
    const forgetter = DynamoDbGraphStore.fromClient(table.client(), table.tableName);
    await forgetter.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const client = table.client();
    let held = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        // The forgetting lands right after the merge's first read, before any of its writes.
        if (context.commandName === "BatchGetItemCommand" && !held) {
          held = true;
          expect(await forgetter.deleteVertex(userId, jordan, T2)).toBe(true);
        }
        return output;
      },
      { step: "initialize" },
    );

    // Act
    await DynamoDbGraphStore.fromClient(client, table.tableName).apply(userId, mutationFor(userId, "s2", T1, quitSession));

    // Assess
    expect(held).toBe(true);
    const graph = await forgetter.getUserGraph(userId);
    expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
    expect(graph.edges.filter((e) => e.from === jordan || e.to === jordan)).toEqual([]);
    expect(graph.vertices.map((v) => v.name)).toContain("new guitar");
  });

  it("takes out, on redelivery, a forgotten fact that a merge cut short had written again", async () => {
    // Prepare: the forgetting lands after the merge's first read; the merge then writes Jordan again and fails.
    const userId = newUserId();
    const jordan = `Person:${userId}:jordan`;
    const forgetter = DynamoDbGraphStore.fromClient(table.client(), table.tableName);
    await forgetter.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const client = table.client();
    let forgot = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutItemCommand" && putSk(args.input)?.startsWith("E#")) throw new Error("the connection dropped");
        const output = await next(args);
        if (context.commandName === "BatchGetItemCommand" && !forgot) {
          forgot = true;
          await forgetter.deleteVertex(userId, jordan, T2);
        }
        return output;
      },
      { step: "initialize" },
    );
    const replay = mutationFor(userId, "s2", T1, quitSession);
    await expect(DynamoDbGraphStore.fromClient(client, table.tableName, { writeConcurrency: 1 }).apply(userId, replay)).rejects.toThrow("the connection dropped");
    expect((await forgetter.getUserGraph(userId)).vertices.map((v) => v.id)).toContain(jordan);

    // Act: the same merge delivered again.
    await forgetter.apply(userId, replay);

    // Assess
    const graph = await forgetter.getUserGraph(userId);
    expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
    expect(graph.edges.filter((e) => e.from === jordan || e.to === jordan)).toEqual([]);
  });

  it("leaves no edge naming a fact forgotten between the merge's vertex writes and its edge writes", async () => {
    // Prepare: Jordan is remembered; a later session merges him again, and the teen forgets him once the merge has
    // written its vertices, so the check after the writes finds no vertex of his, only the edge written after.
    const userId = newUserId();
    const jordan = `Person:${userId}:jordan`;
    const forgetter = DynamoDbGraphStore.fromClient(table.client(), table.tableName);
    await forgetter.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const client = table.client();
    let forgot = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutItemCommand" && putSk(args.input)?.startsWith("E#") && !forgot) {
          forgot = true;
          expect(await forgetter.deleteVertex(userId, jordan, T3)).toBe(true);
        }
        return next(args);
      },
      { step: "initialize" },
    );

    // Act
    await DynamoDbGraphStore.fromClient(client, table.tableName, { writeConcurrency: 1 }).apply(userId, mutationFor(userId, "s2", T2, quitSession));

    // Assess
    expect(forgot).toBe(true);
    const graph = await forgetter.getUserGraph(userId);
    expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
    expect(graph.edges.filter((e) => e.id.includes(jordan))).toEqual([]);
    expect(graph.vertices.map((v) => v.name)).toContain("new guitar");
  });

  it("takes out, on redelivery, an edge naming a forgotten fact that a merge cut short had written", async () => {
    // Prepare: as above, but the merge fails before its check after the writes (its read of the markers).
    const userId = newUserId();
    const jordan = `Person:${userId}:jordan`;
    const forgetter = DynamoDbGraphStore.fromClient(table.client(), table.tableName);
    await forgetter.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const client = table.client();
    let forgot = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutItemCommand" && putSk(args.input)?.startsWith("E#") && !forgot) {
          forgot = true;
          await forgetter.deleteVertex(userId, jordan, T3);
        }
        if (context.commandName === "QueryCommand" && forgot) throw new Error("the connection dropped");
        return next(args);
      },
      { step: "initialize" },
    );
    const session = mutationFor(userId, "s2", T2, quitSession);
    await expect(DynamoDbGraphStore.fromClient(client, table.tableName, { writeConcurrency: 1 }).apply(userId, session)).rejects.toThrow("the connection dropped");
    expect((await forgetter.getUserGraph(userId)).edges.filter((e) => e.id.includes(jordan))).not.toEqual([]);

    // Act: the same merge delivered again.
    await forgetter.apply(userId, session);

    // Assess
    const graph = await forgetter.getUserGraph(userId);
    expect(graph.vertices.map((v) => v.id)).not.toContain(jordan);
    expect(graph.edges.filter((e) => e.id.includes(jordan))).toEqual([]);
  });

  it("writes nothing at all when a session is applied again", async () => {
    const userId = newUserId();
    const client = table.client();
    const store = DynamoDbGraphStore.fromClient(client, table.tableName);
    const mutation = mutationFor(userId, "s1", T1, firstSession);
    await store.apply(userId, mutation);
    const sent: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize" },
    );

    await store.apply(userId, mutation);

    // The elements, and the user's forgotten-fact markers (none): two reads, no write.
    expect(sent.sort()).toEqual(["BatchGetItemCommand", "QueryCommand"]);
  });

  it("re-reads and merges again when another writer changed an element after it was read", async () => {
    const userId = newUserId();
    const other = DynamoDbGraphStore.fromClient(table.client(), table.tableName);
    await other.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const jordanSk = `V#Person:${userId}:jordan`;
    // Another session's apply slips in between this apply's read of Jordan and its write, exactly once.
    const client = table.client();
    let interfered = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!interfered && context.commandName === "PutItemCommand" && putSk(args.input) === jordanSk) {
          interfered = true;
          await other.apply(userId, mutationFor(userId, "other", "2026-11-22T09:00:00.000Z", quitSession));
        }
        return next(args);
      },
      { step: "initialize" },
    );

    const result = await DynamoDbGraphStore.fromClient(client, table.tableName).apply(userId, mutationFor(userId, "s2", T2, quitSession));

    const jordan = (await other.getUserGraph(userId)).vertices.find((v) => v.id === `Person:${userId}:jordan`);
    expect(interfered).toBe(true);
    expect(jordan).toMatchObject({ mentionCount: 3, sourceSessions: ["s1", "other", "s2"], lastSeenAt: T2 });
    expect(result.entitiesMerged).toBe(3);
  });

  it("reports a conflict it cannot settle instead of overwriting", async () => {
    const userId = newUserId();
    await DynamoDbGraphStore.fromClient(table.client(), table.tableName).apply(userId, mutationFor(userId, "s1", T1, firstSession));
    const bystander = table.client();
    const jordanKey = { pk: { S: `USER#${userId}` }, sk: { S: `V#Person:${userId}:jordan` } };
    // Every write of this item is beaten by another writer.
    const client = table.client();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutItemCommand" && putSk(args.input) === jordanKey.sk.S) {
          await bystander.send(
            new UpdateItemCommand({
              TableName: table.tableName,
              Key: jordanKey,
              UpdateExpression: "SET #version = #version + :one",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":one": { N: "1" } },
            }),
          );
        }
        return next(args);
      },
      { step: "initialize" },
    );

    const applying = DynamoDbGraphStore.fromClient(client, table.tableName, { maxAttempts: 3 }).apply(userId, mutationFor(userId, "s2", T2, quitSession));

    const error: unknown = await applying.catch((e: unknown) => e);
    expect(isGraphWriteConflictError(error)).toBe(true);
    expect(error).toMatchObject({ code: "GRAPH_WRITE_CONFLICT", attempts: 3 });
  });

  it("orders the recency index so that every edge's endpoints come before it, newest first", async () => {
    const userId = newUserId();
    const client = table.client();
    const store = DynamoDbGraphStore.fromClient(client, table.tableName);
    await store.apply(userId, mutationFor(userId, "s2", T2, quitSession));
    // An older session delivered late: its edges are older, but the vertices they share keep their newer sighting.
    await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));

    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: "byRecency",
        KeyConditionExpression: "recencyPk = :pk",
        ExpressionAttributeValues: { ":pk": { S: `USER#${userId}` } },
        ScanIndexForward: false,
      }),
    );

    expect(Items).toHaveLength(7 + 6);
    const seen = new Set<string>();
    for (const item of Items) {
      const record = JSON.parse(String(item.doc?.S)) as { id: string; lastSeenAt: string; from?: string; to?: string };
      expect(item.recencySk?.S).toBe(`${record.lastSeenAt}#${item.sk?.S}`);
      if (item.sk?.S?.startsWith("V#")) seen.add(record.id);
      else expect([record.from, record.to].every((id) => seen.has(String(id)))).toBe(true);
    }
  });

  it("still finds endpoints that are not ahead of their edge in the index", async () => {
    const userId = newUserId();
    const client = table.client();
    const store = DynamoDbGraphStore.fromClient(client, table.tableName);
    await store.apply(userId, mutationFor(userId, "s1", T1, firstSession));
    // A vertex whose sighting was rewritten to before its edges (only possible outside planMerge).
    await client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: `USER#${userId}` }, sk: { S: `V#Person:${userId}:jordan` } },
        UpdateExpression: "SET recencySk = :old",
        ExpressionAttributeValues: { ":old": { S: `2000-01-01T00:00:00.000Z#V#Person:${userId}:jordan` } },
      }),
    );

    const sent: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize" },
    );

    // The newest edge is the user's edge to Jordan.
    const top = await store.topEdges(userId, 1);

    expect(top.map((t) => t.to.name)).toEqual(["Jordan"]);
    expect(sent.at(-1)).toBe("BatchGetItemCommand");
  });
});
