// The embedded default GraphStore: the user graph as an adjacency list in the DynamoDB `graph` table (layout in dynamoGraphItems).
//
// No transactions (the local DynamoDB has none, and a session can touch more than TransactWriteItems' 100 items):
// each element is written on its own, conditional on the version read, and re-resolved when another writer got there
// first. Vertices are written before edges, so a reader never finds an edge whose endpoint is missing; an apply cut
// short is completed by the next delivery of the same session, since finished elements then resolve to no write.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@innerworld/platform/dynamodb";
import {
  EDGE_SK_PREFIX,
  RECENCY_INDEX,
  VERTEX_SK_PREFIX,
  edgeFromItem,
  edgeItem,
  edgeSk,
  forgottenSk,
  userPk,
  vertexFromItem,
  vertexItem,
  vertexSk,
  type GraphItem,
} from "./dynamoGraphItems";
import { GraphWriteConflictError } from "./errors";
import { DEFAULT_TOP_EDGES, type GraphCounts, type GraphStore, type TopEdge } from "./graphStore";
import { forgottenDigestOf, leftoversOf, withoutForgotten } from "./forgottenFacts";
import { forEachLimit } from "./limitConcurrency";
import { userVertexIdOf } from "./ids";
import type { GraphEdge, GraphVertex, UserGraph } from "./model";
import type { ApplyResult, GraphMutation } from "./mutation";
import {
  checkMutationOwner,
  countEdge,
  countVertex,
  edgeChangesOf,
  resolveEdge,
  resolveVertex,
  type RecordWrite,
  type StoredRecord,
} from "./resolveMutation";

/** BatchGetItem's limit per request. */
const BATCH_GET_MAX = 100;
/** BatchWriteItem's limit per request. */
const BATCH_WRITE_MAX = 25;
/** Index items read per wanted edge in one topEdges page: edges plus the endpoints interleaved with them. */
const RECENCY_PAGE_FACTOR = 2.5;

export interface DynamoDbGraphStoreOptions {
  /** Conditional puts in flight at once during an apply. */
  writeConcurrency?: number;
  /** Attempts per element before a write conflict is reported. */
  maxAttempts?: number;
}

export class DynamoDbGraphStore implements GraphStore {
  private readonly writeConcurrency: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoDbGraphStoreOptions = {},
  ) {
    this.writeConcurrency = options.writeConcurrency ?? 16;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** For callers that hold a plain DynamoDBClient (the local cloud, scripts): wraps it in a document client. */
  static fromClient(client: DynamoDBClient, tableName: string, options: DynamoDbGraphStoreOptions = {}): DynamoDbGraphStore {
    return new DynamoDbGraphStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName, options);
  }

  async apply(userId: string, asked: GraphMutation): Promise<ApplyResult> {
    checkMutationOwner(userId, asked);
    // What the user forgot (one Query of their markers, usually none), and the elements; what was forgotten is then left out.
    const [forgotten, stored] = await Promise.all([
      this.forgottenOf(userId),
      this.batchGet(userId, [...asked.vertices.map((v) => vertexSk(v.id)), ...edgeChangesOf(asked).map((c) => edgeSk(c.edge.id))], true),
    ]);
    // A merge cut short after it wrote a forgotten fact again left it behind: this delivery takes it out.
    await this.dropLeftovers(userId, stored, forgotten);
    const mutation = withoutForgotten(asked, forgotten);
    const changes = edgeChangesOf(mutation);
    const result: ApplyResult = { entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 };

    await forEachLimit(mutation.vertices, this.writeConcurrency, async (upsert) => {
      const sk = vertexSk(upsert.id);
      const write = await this.settle(userId, sk, vertexOf(stored.get(sk)), vertexFromItem, vertexItem, (current) => {
        const resolved = resolveVertex(mutation, upsert, current);
        return { write: resolved, outcome: resolved };
      });
      countVertex(result, upsert, write);
    });
    await forEachLimit(changes, this.writeConcurrency, async (change) => {
      const sk = edgeSk(change.edge.id);
      const resolved = await this.settle(userId, sk, edgeOf(stored.get(sk)), edgeFromItem, edgeItem, (current) => {
        const outcome = resolveEdge(mutation, change, current);
        return { write: outcome.write, outcome };
      });
      countEdge(result, change, resolved);
    });
    // A forgetting that landed while this merge ran wrote its marker after the read above, and its deletes may have
    // come before these writes: a fact they wrote again goes again (deleteVertex writes the marker first).
    if (result.entitiesMerged + result.relationsMerged + result.relationsInvalidated === 0) return result;
    const marked = await this.forgottenOf(userId);
    const named = new Set(mutation.vertices.map((v) => v.id).filter((id) => marked.has(forgottenDigestOf(id))));
    if (named.size === 0) return result;
    // Only what a marker names is read again, the vertices and this merge's edges touching them: markers are rare, and
    // each key read is paid for. A forgetting whose deletes fell between this merge's vertex and edge writes left no
    // vertex to find, only the edges written after it.
    const touching = changes.filter(({ edge }) => named.has(edge.from) || named.has(edge.to)).map(({ edge }) => edgeSk(edge.id));
    await this.dropLeftovers(userId, await this.batchGet(userId, [...[...named].map(vertexSk), ...touching], true), marked);
    return result;
  }

  /** Digest → when forgotten, for every fact the user forgot: one Query of the `F#` items, which cost by what they hold. */
  private async forgottenOf(userId: string): Promise<Map<string, string>> {
    const forgotten = new Map<string, string>();
    const prefix = forgottenSk("");
    for await (const item of this.queryPartition(userId, prefix)) {
      const at = (item as unknown as { forgottenAt?: unknown }).forgottenAt;
      if (typeof at === "string") forgotten.set(item.sk.slice(prefix.length), at);
    }
    return forgotten;
  }

  /**
   * Removes, of the vertices among `items`, those forgotten at or after they were first seen (forgottenFacts.ts), and of
   * the edges among them, those naming a forgotten vertex that `items` does not hold, so callers read an edge's endpoints
   * with it. Such an edge was written by a merge after a forgetting had taken its endpoint (and the edges then there):
   * no longer listed under the teen's memory, it could not be forgotten again, yet kept the name in its id.
   */
  private async dropLeftovers(userId: string, items: Map<string, Record<string, unknown>>, forgotten: ReadonlyMap<string, string>): Promise<void> {
    if (forgotten.size === 0) return;
    const vertices = [...items.entries()].filter(([sk]) => sk.startsWith(VERTEX_SK_PREFIX)).map(([, item]) => vertexFromItem(item).record);
    for (const id of leftoversOf(vertices, forgotten)) await this.dropVertex(userId, id);
    const gone = (id: string) => forgotten.has(forgottenDigestOf(id)) && !items.has(vertexSk(id));
    const strays = [...items.entries()].filter(([sk, item]) => {
      if (!sk.startsWith(EDGE_SK_PREFIX)) return false;
      const { record } = edgeFromItem(item);
      return gone(record.from) || gone(record.to);
    });
    await this.batchDelete(userId, strays.map(([sk]) => sk));
  }

  async getUserGraph(userId: string): Promise<UserGraph> {
    const vertices: GraphVertex[] = [];
    const edges: GraphEdge[] = [];
    for await (const item of this.queryPartition(userId)) {
      if (item.sk.startsWith(VERTEX_SK_PREFIX)) vertices.push(vertexFromItem(item).record);
      else if (item.sk.startsWith(EDGE_SK_PREFIX)) edges.push(edgeFromItem(item).record);
    }
    // The sort key already orders by id within each kind; sorting again keeps the promise independent of the prefixes.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return { vertices: vertices.sort(byId), edges: edges.sort(byId) };
  }

  async counts(userId: string): Promise<GraphCounts> {
    const [vertices, edges] = await Promise.all([this.countPrefix(userId, VERTEX_SK_PREFIX), this.countPrefix(userId, EDGE_SK_PREFIX)]);
    return { vertices, edges };
  }

  async topEdges(userId: string, limit = DEFAULT_TOP_EDGES): Promise<TopEdge[]> {
    if (limit <= 0) return [];
    const edges: GraphEdge[] = [];
    const vertices = new Map<string, GraphVertex>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: RECENCY_INDEX,
          KeyConditionExpression: "recencyPk = :pk",
          ExpressionAttributeValues: { ":pk": userPk(userId) },
          ScanIndexForward: false,
          // Endpoints are interleaved with the edges; a session touches about as many vertices as edges.
          Limit: Math.ceil(limit * RECENCY_PAGE_FACTOR),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (String(item.sk).startsWith(VERTEX_SK_PREFIX)) {
          const { record } = vertexFromItem(item);
          vertices.set(record.id, record);
        } else if (edges.length < limit) {
          edges.push(edgeFromItem(item).record);
        }
      }
      start = page.LastEvaluatedKey;
    } while (edges.length < limit && start);

    // Only a graph written outside planMerge can have an endpoint seen before its edge: fetch those the slow way.
    const missing = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((id) => !vertices.has(id));
    if (missing.length > 0) {
      // Eventually consistent: the context block tolerates a vertex a second old, and it halves the read cost on AWS.
      for (const item of (await this.batchGet(userId, missing.map(vertexSk), false)).values()) {
        const { record } = vertexFromItem(item);
        vertices.set(record.id, record);
      }
    }
    const top: TopEdge[] = [];
    for (const edge of edges) {
      const from = vertices.get(edge.from);
      const to = vertices.get(edge.to);
      // Only a vertex missing from an apply cut short between its vertices and its edges, which the redelivery repairs.
      if (from && to) top.push({ edge, from, to });
    }
    return top;
  }

  async deleteVertex(userId: string, vertexId: string, forgottenAt: string): Promise<boolean> {
    if (vertexId === userVertexIdOf(userId)) return false;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: userPk(userId), sk: vertexSk(vertexId) }, ConsistentRead: true }));
    if (!Item) return false;
    // What was forgotten first: a merge that reads after this write leaves the fact out, and one that read before it
    // finds it when it checks again after its writes (apply).
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: userPk(userId), sk: forgottenSk(forgottenDigestOf(vertexId)), forgottenAt } }));
    await this.dropVertex(userId, vertexId);
    return true;
  }

  /** Deletes a vertex and every edge touching it. */
  private async dropVertex(userId: string, vertexId: string): Promise<void> {
    // Edges first: a reader may meet a vertex without edges, never an edge without its endpoint.
    const touching: string[] = [];
    for await (const item of this.queryPartition(userId)) {
      if (!item.sk.startsWith(EDGE_SK_PREFIX)) continue;
      const { record } = edgeFromItem(item);
      if (record.from === vertexId || record.to === vertexId) touching.push(item.sk);
    }
    await this.batchDelete(userId, touching);
    await this.batchDelete(userId, [vertexSk(vertexId)]);
  }

  async deleteUser(userId: string): Promise<number> {
    const sks: string[] = [];
    for await (const item of this.queryPartition(userId)) sks.push(item.sk);
    // Edges before vertices, for the same reason as in deleteVertex.
    sks.sort((a, b) => Number(b.startsWith(EDGE_SK_PREFIX)) - Number(a.startsWith(EDGE_SK_PREFIX)));
    await this.batchDelete(userId, sks);
    return sks.length;
  }

  private async batchDelete(userId: string, sks: readonly string[]): Promise<void> {
    const pk = userPk(userId);
    for (let i = 0; i < sks.length; i += BATCH_WRITE_MAX) {
      let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]["RequestItems"]>[string] = sks.slice(i, i + BATCH_WRITE_MAX).map((sk) => ({ DeleteRequest: { Key: { pk, sk } } }));
      for (let round = 0; requests.length > 0; round += 1) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
        const { UnprocessedItems } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }

  /** Writes one element, re-reading and re-resolving it when the conditional put finds another version. */
  private async settle<T extends GraphVertex | GraphEdge, O>(
    userId: string,
    sk: string,
    initial: StoredRecord<T> | undefined,
    parse: (item: Record<string, unknown>) => StoredRecord<T>,
    itemOf: (record: T, version: number) => GraphItem,
    resolve: (current: StoredRecord<T> | undefined) => { write: RecordWrite<T> | undefined; outcome: O },
  ): Promise<O> {
    let current = initial;
    for (let attempt = 1; ; attempt += 1) {
      const { write, outcome } = resolve(current);
      if (!write) return outcome;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: itemOf(write.record, write.version),
            ...(write.expectedVersion === undefined
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "#version = :expected", ExpressionAttributeNames: { "#version": "version" }, ExpressionAttributeValues: { ":expected": write.expectedVersion } }),
          }),
        );
        return outcome;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (attempt >= this.maxAttempts) throw new GraphWriteConflictError(userId, sk, attempt, { cause: error });
        const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: userPk(userId), sk }, ConsistentRead: true }));
        current = Item ? parse(Item) : undefined;
      }
    }
  }

  private async batchGet(userId: string, sks: readonly string[], consistent: boolean): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    const pk = userPk(userId);
    const chunks: string[][] = [];
    for (let i = 0; i < sks.length; i += BATCH_GET_MAX) chunks.push(sks.slice(i, i + BATCH_GET_MAX));
    await Promise.all(
      chunks.map(async (chunk) => {
        let keys: Record<string, unknown>[] = chunk.map((sk) => ({ pk, sk }));
        for (let round = 0; keys.length > 0; round += 1) {
          // Unprocessed keys mean throttling: back off a little before asking again.
          if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
          const { Responses, UnprocessedKeys } = await this.client.send(
            new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: consistent } } }),
          );
          for (const item of Responses?.[this.tableName] ?? []) found.set(String(item.sk), item);
          keys = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        }
      }),
    );
    return found;
  }

  /** Every item of the user's partition, or only those whose sort key starts with `prefix`. */
  private async *queryPartition(userId: string, prefix?: string): AsyncGenerator<GraphItem> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: prefix === undefined ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": userPk(userId), ...(prefix === undefined ? {} : { ":prefix": prefix }) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield item as GraphItem;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  private async countPrefix(userId: string, prefix: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": userPk(userId), ":prefix": prefix },
          Select: "COUNT",
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }
}

const vertexOf = (item: Record<string, unknown> | undefined) => (item ? vertexFromItem(item) : undefined);
const edgeOf = (item: Record<string, unknown> | undefined) => (item ? edgeFromItem(item) : undefined);
