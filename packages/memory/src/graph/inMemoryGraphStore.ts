// The user graph in memory, merged by the same rules as the DynamoDB and Gremlin adapters, for unit tests and tools.
import { userVertexIdOf } from "./ids";
import { DEFAULT_TOP_EDGES, type GraphCounts, type GraphStore, type TopEdge } from "./graphStore";
import type { GraphEdge, GraphVertex, UserGraph } from "./model";
import type { ApplyResult, GraphMutation } from "./mutation";
import { checkMutationOwner, resolveMutation, type StoredRecord } from "./resolveMutation";
import { forgottenDigestOf, withoutForgotten } from "./forgottenFacts";

interface UserElements {
  vertices: Map<string, StoredRecord<GraphVertex>>;
  edges: Map<string, StoredRecord<GraphEdge>>;
  /** Digest of a forgotten vertex's id → when it was forgotten. */
  forgotten: Map<string, string>;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** lastSeenAt, then id, both descending: the order the other adapters read their recency index in. */
const byRecency = (a: GraphEdge, b: GraphEdge) => (a.lastSeenAt !== b.lastSeenAt ? (a.lastSeenAt < b.lastSeenAt ? 1 : -1) : -byId(a, b));

export class InMemoryGraphStore implements GraphStore {
  private readonly users = new Map<string, UserElements>();

  async apply(userId: string, mutation: GraphMutation): Promise<ApplyResult> {
    checkMutationOwner(userId, mutation);
    const elements = this.elementsOf(userId);
    // Read, resolve and write without yielding: concurrent applies take turns, as the conditional writes make them elsewhere.
    const { vertexWrites, edgeWrites, result } = resolveMutation(withoutForgotten(mutation, elements.forgotten), elements.vertices, elements.edges);
    for (const write of vertexWrites) elements.vertices.set(write.record.id, { record: structuredClone(write.record), version: write.version });
    for (const write of edgeWrites) elements.edges.set(write.record.id, { record: structuredClone(write.record), version: write.version });
    return result;
  }

  async getUserGraph(userId: string): Promise<UserGraph> {
    const elements = this.users.get(userId);
    return {
      vertices: [...(elements?.vertices.values() ?? [])].map((v) => structuredClone(v.record)).sort(byId),
      edges: [...(elements?.edges.values() ?? [])].map((e) => structuredClone(e.record)).sort(byId),
    };
  }

  async counts(userId: string): Promise<GraphCounts> {
    const elements = this.users.get(userId);
    return { vertices: elements?.vertices.size ?? 0, edges: elements?.edges.size ?? 0 };
  }

  async topEdges(userId: string, limit = DEFAULT_TOP_EDGES): Promise<TopEdge[]> {
    const elements = this.users.get(userId);
    if (!elements || limit <= 0) return [];
    const top: TopEdge[] = [];
    for (const edge of [...elements.edges.values()].map((e) => e.record).sort(byRecency)) {
      if (top.length >= limit) break;
      const from = elements.vertices.get(edge.from)?.record;
      const to = elements.vertices.get(edge.to)?.record;
      if (from && to) top.push(structuredClone({ edge, from, to }));
    }
    return top;
  }

  async deleteVertex(userId: string, vertexId: string, forgottenAt: string): Promise<boolean> {
    const elements = this.users.get(userId);
    if (vertexId === userVertexIdOf(userId) || !elements?.vertices.delete(vertexId)) return false;
    for (const [id, { record }] of elements.edges) if (record.from === vertexId || record.to === vertexId) elements.edges.delete(id);
    elements.forgotten.set(forgottenDigestOf(vertexId), forgottenAt);
    return true;
  }

  async deleteUser(userId: string): Promise<number> {
    const elements = this.users.get(userId);
    this.users.delete(userId);
    return (elements?.vertices.size ?? 0) + (elements?.edges.size ?? 0) + (elements?.forgotten.size ?? 0);
  }

  private elementsOf(userId: string): UserElements {
    let elements = this.users.get(userId);
    if (!elements) {
      elements = { vertices: new Map(), edges: new Map(), forgotten: new Map() };
      this.users.set(userId, elements);
    }
    return elements;
  }
}
