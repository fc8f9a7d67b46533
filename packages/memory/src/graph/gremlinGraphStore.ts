// The Neptune GraphStore: the user graph as a property graph reached over Gremlin bytecode, with the merge rules shared with DynamoDB.
//
// An apply reads the elements it touches, resolves them with the shared rules, then writes every changed element in
// one traversal (one Neptune transaction, up to WRITE_CHUNK elements), each write guarded by the version it read. A
// guard that fails aborts the traversal; the whole apply is then read and resolved again.
import { GraphWriteConflictError } from "./errors";
import { gremlinProcess, type GremlinRemoteConnection, type GremlinTraversalSource } from "./gremlin";
import { edgeFromProjection, fieldsOf, vertexFromProjection } from "./gremlinRecords";
import { forgottenDigestOf, leftoversOf, withoutForgotten } from "./forgottenFacts";
import {
  VERSION_CONFLICT,
  countUserEdges,
  countUserVertex,
  countUserVertices,
  dropForgotten,
  dropUserGraph,
  dropUserVertex,
  forgottenVertexId,
  readEdges,
  readForgotten,
  readVertices,
  recordForgotten,
  topEdges,
  userEdges,
  userVertices,
  writeRecords,
} from "./gremlinTraversals";
import { DEFAULT_TOP_EDGES, type GraphCounts, type GraphStore, type TopEdge } from "./graphStore";
import { userVertexIdOf } from "./ids";
import type { GraphEdge, GraphVertex, UserGraph } from "./model";
import type { ApplyResult, GraphMutation } from "./mutation";
import { checkMutationOwner, edgeChangesOf, resolveMutation, type StoredRecord } from "./resolveMutation";

/** Elements per write traversal: Neptune handles batches of this size well, and larger requests hold locks longer. */
const WRITE_CHUNK = 100;

export interface GremlinGraphStoreOptions {
  /** Whole-apply attempts before a conflict is reported. */
  maxAttempts?: number;
}

/** Our version guard failed, or Neptune detected a concurrent change to the same elements: both are worth a retry. */
const isConflict = (error: unknown) => {
  const message = String((error as Error | undefined)?.message ?? error);
  return message.includes(VERSION_CONFLICT) || message.includes("ConcurrentModificationException");
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class GremlinGraphStore implements GraphStore {
  private readonly g: GremlinTraversalSource;
  private readonly maxAttempts: number;

  /** `connection`: a NeptuneConnection (SigV4), a DriverRemoteConnection (a plain Gremlin Server), or any RemoteConnection. */
  constructor(connection: GremlinRemoteConnection, options: GremlinGraphStoreOptions = {}) {
    this.g = gremlinProcess.AnonymousTraversalSource.traversal().withRemote(connection);
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  async apply(userId: string, asked: GraphMutation): Promise<ApplyResult> {
    checkMutationOwner(userId, asked);
    const askedIds = asked.vertices.map((v) => v.id);
    const forgotten = await this.forgottenAmong(userId, askedIds);
    // A merge cut short after it wrote a forgotten fact again left it behind: this delivery takes it out.
    await this.dropLeftovers(userId, askedIds, forgotten);
    const mutation = withoutForgotten(asked, forgotten);
    const vertexIds = mutation.vertices.map((v) => v.id);
    const edgeIds = edgeChangesOf(mutation).map((c) => c.edge.id);
    let wrote = false;
    for (let attempt = 1; ; attempt += 1) {
      const [vertices, edges] = await Promise.all([this.read(vertexIds, readVertices, vertexFromProjection), this.read(edgeIds, readEdges, edgeFromProjection)]);
      const { vertexWrites, edgeWrites, result } = resolveMutation(mutation, vertices, edges);
      try {
        // Vertices in earlier chunks than the edges that need them, since chunks run in order.
        const writes = [...vertexWrites.map((w) => ({ vertex: w })), ...edgeWrites.map((w) => ({ edge: w }))];
        for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
          const chunk = writes.slice(i, i + WRITE_CHUNK);
          const chunkVertices = chunk.flatMap((w) => ("vertex" in w ? [w.vertex] : []));
          const chunkEdges = chunk.flatMap((w) => ("edge" in w ? [w.edge] : []));
          wrote = true;
          await writeRecords(this.g, chunkVertices, chunkEdges).toList();
        }
        // A forgetting that landed while this merge ran (its marker written after the read above): a fact any attempt
        // wrote again goes again, as deleteVertex writes the marker before it drops the vertex. Unlike the DynamoDB
        // adapter's, only vertices need checking: a property graph keeps no edge without both endpoints (dropping a
        // vertex drops its edges, and mergeE fails on an endpoint that is gone), so no edge can outlive a forgetting.
        if (wrote) await this.dropLeftovers(userId, vertexIds, await this.forgottenAmong(userId, vertexIds));
        return result;
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt >= this.maxAttempts) throw new GraphWriteConflictError(userId, `session ${mutation.sessionId}`, attempt, { cause: error });
      }
    }
  }

  async getUserGraph(userId: string): Promise<UserGraph> {
    const [vertices, edges] = await Promise.all([userVertices(this.g, userId).toList(), userEdges(this.g, userId).toList()]);
    return {
      vertices: vertices.map((row) => vertexFromProjection(row).record).sort(byId),
      edges: edges.map((row) => edgeFromProjection(row).record).sort(byId),
    };
  }

  async counts(userId: string): Promise<GraphCounts> {
    const [[vertices], [edges]] = await Promise.all([countUserVertices(this.g, userId).toList(), countUserEdges(this.g, userId).toList()]);
    return { vertices: Number(vertices ?? 0), edges: Number(edges ?? 0) };
  }

  async topEdges(userId: string, limit = DEFAULT_TOP_EDGES): Promise<TopEdge[]> {
    if (limit <= 0) return [];
    const rows = await topEdges(this.g, userId, limit).toList();
    return rows.map((row) => {
      const fields = fieldsOf(row);
      return {
        edge: edgeFromProjection(fields.get("edge")).record,
        from: vertexFromProjection(fields.get("from")).record,
        to: vertexFromProjection(fields.get("to")).record,
      };
    });
  }

  async deleteVertex(userId: string, vertexId: string, forgottenAt: string): Promise<boolean> {
    if (vertexId === userVertexIdOf(userId)) return false;
    const [held] = await countUserVertex(this.g, userId, vertexId).toList();
    if (Number(held ?? 0) === 0) return false;
    // What was forgotten first: a failed drop can be asked again (the fact is still there), and a merge that read
    // before this write finds it when it checks again after its writes (apply).
    await recordForgotten(this.g, userId, forgottenDigestOf(vertexId), forgottenAt).toList();
    await dropUserVertex(this.g, userId, vertexId).toList();
    return true;
  }

  async deleteUser(userId: string): Promise<number> {
    const { vertices, edges } = await this.counts(userId);
    await dropUserGraph(this.g, userId).toList();
    const [forgotten] = await dropForgotten(this.g, userId).toList();
    return vertices + edges + Number(forgotten ?? 0);
  }

  /** Removes, of the given vertices, those forgotten at or after they were first seen (forgottenFacts.ts). */
  private async dropLeftovers(userId: string, vertexIds: readonly string[], forgotten: ReadonlyMap<string, string>): Promise<void> {
    const marked = vertexIds.filter((id) => forgotten.has(forgottenDigestOf(id)));
    if (marked.length === 0) return;
    const stored = await this.read(marked, readVertices, vertexFromProjection);
    for (const id of leftoversOf([...stored.values()].map((v) => v.record), forgotten)) await dropUserVertex(this.g, userId, id).toList();
  }

  /** Digest → when forgotten, for those of the given vertices the user forgot. */
  private async forgottenAmong(userId: string, vertexIds: readonly string[]): Promise<Map<string, string>> {
    const forgotten = new Map<string, string>();
    if (vertexIds.length === 0) return forgotten;
    const byId = new Map(vertexIds.map((id) => [forgottenVertexId(userId, forgottenDigestOf(id)), forgottenDigestOf(id)]));
    for (const row of await readForgotten(this.g, [...byId.keys()]).toList()) {
      const fields = fieldsOf(row);
      const digest = byId.get(String(fields.get("id")));
      if (digest !== undefined) forgotten.set(digest, String(fields.get("forgottenAt")));
    }
    return forgotten;
  }

  private async read<T extends GraphVertex | GraphEdge>(
    ids: readonly string[],
    traversal: (g: GremlinTraversalSource, ids: readonly string[]) => { toList(): Promise<unknown[]> },
    parse: (row: unknown) => StoredRecord<T>,
  ): Promise<Map<string, StoredRecord<T>>> {
    const stored = new Map<string, StoredRecord<T>>();
    // g.V() with no ids reads the whole graph: never send it.
    if (ids.length === 0) return stored;
    for (const row of await traversal(this.g, [...new Set(ids)]).toList()) {
      const parsed = parse(row);
      stored.set(parsed.record.id, parsed);
    }
    return stored;
  }
}
