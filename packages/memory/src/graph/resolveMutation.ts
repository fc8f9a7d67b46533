// Decides, from the stored state of the elements a mutation touches, which records to write and what the apply changed.
//
// Adapters read first, resolve here, then write each changed record conditionally on the version they read: a write
// that finds another version re-reads and resolves again. Unchanged records are not written, so a repeated apply of a
// session writes nothing.
import { InvalidMutationError } from "./errors";
import type { GraphEdge, GraphVertex } from "./model";
import { assertEdge, closeEdge, mergeVertex, sameRecord } from "./mergeRecords";
import type { ApplyResult, EdgeInvalidation, EdgeUpsert, GraphMutation, VertexUpsert } from "./mutation";

/** A record as an adapter stores it, with the optimistic-concurrency version it was read at. */
export interface StoredRecord<T> {
  record: T;
  version: number;
}

export interface RecordWrite<T> {
  record: T;
  /** The version the write requires to find; undefined: the element must not exist yet. */
  expectedVersion: number | undefined;
  /** The version the element has after the write. */
  version: number;
}

export type EdgeChange = { kind: "assert"; edge: EdgeUpsert } | { kind: "end"; edge: EdgeInvalidation };

export interface ResolvedEdge {
  write: RecordWrite<GraphEdge> | undefined;
  /** This write closes a fact that was open (or records a fact as closed for the first time). */
  closes: boolean;
}

export interface ResolvedMutation {
  vertexWrites: RecordWrite<GraphVertex>[];
  edgeWrites: RecordWrite<GraphEdge>[];
  result: ApplyResult;
}

export const edgeChangesOf = (mutation: GraphMutation): EdgeChange[] => [
  ...mutation.edges.map((edge): EdgeChange => ({ kind: "assert", edge })),
  ...mutation.invalidations.map((edge): EdgeChange => ({ kind: "end", edge })),
];

const writeOf = <T extends GraphVertex | GraphEdge>(current: StoredRecord<T> | undefined, next: T): RecordWrite<T> | undefined =>
  sameRecord(current?.record, next) ? undefined : { record: next, expectedVersion: current?.version, version: (current?.version ?? 0) + 1 };

export function resolveVertex(mutation: GraphMutation, upsert: VertexUpsert, current: StoredRecord<GraphVertex> | undefined): RecordWrite<GraphVertex> | undefined {
  return writeOf(current, mergeVertex(current?.record, upsert, mutation));
}

export function resolveEdge(mutation: GraphMutation, change: EdgeChange, current: StoredRecord<GraphEdge> | undefined): ResolvedEdge {
  const next = change.kind === "assert" ? assertEdge(current?.record, change.edge, mutation) : closeEdge(current?.record, change.edge, mutation);
  const wasOpen = current === undefined || current.record.invalidAt === undefined;
  return { write: writeOf(current, next), closes: change.kind === "end" && wasOpen && next.invalidAt !== undefined };
}

/** Resolves every element against the state read for it (absent from the maps: not stored yet). */
export function resolveMutation(
  mutation: GraphMutation,
  vertices: ReadonlyMap<string, StoredRecord<GraphVertex>>,
  edges: ReadonlyMap<string, StoredRecord<GraphEdge>>,
): ResolvedMutation {
  const vertexWrites: RecordWrite<GraphVertex>[] = [];
  const edgeWrites: RecordWrite<GraphEdge>[] = [];
  const result: ApplyResult = { entitiesMerged: 0, relationsMerged: 0, relationsInvalidated: 0 };
  for (const upsert of mutation.vertices) {
    const write = resolveVertex(mutation, upsert, vertices.get(upsert.id));
    countVertex(result, upsert, write);
    if (write) vertexWrites.push(write);
  }
  for (const change of edgeChangesOf(mutation)) {
    const resolved = resolveEdge(mutation, change, edges.get(change.edge.id));
    countEdge(result, change, resolved);
    if (resolved.write) edgeWrites.push(resolved.write);
  }
  return { vertexWrites, edgeWrites, result };
}

/** Adds one element's outcome to a running result (the DynamoDB adapter resolves and retries element by element). */
export function countVertex(result: ApplyResult, upsert: VertexUpsert, write: RecordWrite<GraphVertex> | undefined): void {
  if (write && upsert.label !== "User") result.entitiesMerged += 1;
}

export function countEdge(result: ApplyResult, change: EdgeChange, resolved: ResolvedEdge): void {
  if (!resolved.write) return;
  if (change.kind === "assert") result.relationsMerged += 1;
  if (resolved.closes) result.relationsInvalidated += 1;
}

/**
 * Refuses a mutation for another user, or one whose elements are not that user's: ids embed the user, and a store
 * must never write into a graph the caller did not name.
 */
export function checkMutationOwner(userId: string, mutation: GraphMutation): void {
  if (mutation.userId !== userId) throw new InvalidMutationError("The mutation belongs to another user", { userId, mutationUserId: mutation.userId });
  const owned = `:${userId}:`;
  for (const { id } of mutation.vertices) if (!id.includes(owned)) throw new InvalidMutationError("A vertex id names another user", { userId, vertexId: id });
  for (const { id, from, to } of [...mutation.edges, ...mutation.invalidations]) {
    if (!from.includes(owned) || !to.includes(owned)) throw new InvalidMutationError("An edge endpoint names another user", { userId, edgeId: id });
  }
}
