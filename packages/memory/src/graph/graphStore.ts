// The GraphStore port: what graph-extraction writes through and context-refresh reads through, whatever holds the graph.
import type { GraphEdge, GraphVertex, UserGraph } from "./model";
import type { ApplyResult, GraphMutation } from "./mutation";

/** An edge with both of its endpoints: one fact, ready to be phrased. */
export interface TopEdge {
  edge: GraphEdge;
  from: GraphVertex;
  to: GraphVertex;
}

export interface GraphCounts {
  vertices: number;
  edges: number;
}

/** How many recent edges a context build reads by default: enough for a 400-token block with room to rank. */
export const DEFAULT_TOP_EDGES = 60;

export interface GraphStore {
  /**
   * Merges one session's mutation. Idempotent per session: applying the same mutation again leaves every record as it
   * was and reports zeros. `userId` must match `mutation.userId`.
   */
  apply(userId: string, mutation: GraphMutation): Promise<ApplyResult>;
  /** The whole graph of one user, vertices and edges each sorted by id. */
  getUserGraph(userId: string): Promise<UserGraph>;
  counts(userId: string): Promise<GraphCounts>;
  /** The `limit` most recently seen edges (lastSeenAt, then id, both descending) with their endpoints. */
  topEdges(userId: string, limit?: number): Promise<TopEdge[]>;
  /**
   * Forgets one entity the user asked to forget: the vertex and every edge touching it. False when the user's graph
   * holds no such vertex (another user's id included), so callers can answer 404. The User root is never forgotten
   * this way. The store keeps a digest of the id with `forgottenAt` (forgottenFacts.ts), and a later apply of a session
   * observed at or before that time leaves the fact out: a replay of old words does not bring it back.
   */
  deleteVertex(userId: string, vertexId: string, forgottenAt: string): Promise<boolean>;
  /** Erases the user's whole graph (DELETE /me), what was forgotten included; returns how many elements went. Idempotent. */
  deleteUser(userId: string): Promise<number>;
}
