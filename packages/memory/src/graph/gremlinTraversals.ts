// The Gremlin traversals of the Neptune adapter, built as bytecode (never as script strings) and kept Neptune-safe.
//
// Neptune rules followed here: string ids chosen by us, no lambdas, mergeV/mergeE for upserts (engine 1.2.1+), and no
// `iterate()`: gremlin-javascript 3.8 appends a `discard()` step that Neptune's TinkerPop 3.7 does not know, so every
// traversal ends in a step whose result we read.
import { edgeProperties, vertexProperties } from "./gremlinRecords";
import { gremlinProcess, type GremlinTraversal, type GremlinTraversalSource } from "./gremlin";
import type { GraphEdge, GraphVertex } from "./model";
import type { RecordWrite } from "./resolveMutation";

const { statics: __, t, cardinality, direction, order } = gremlinProcess;

/** Marks our own version check in a fail() message, so a retry can tell it from a real error. */
export const VERSION_CONFLICT = "innerworld:graph-version-conflict";

/** Appends the projection vertexFromProjection reads. */
const projectVertex = (traversal: GremlinTraversal) => traversal.project("id", "label", "props").by(__.id()).by(__.label()).by(__.valueMap());

/** Appends the projection edgeFromProjection reads. */
const projectEdge = (traversal: GremlinTraversal) =>
  traversal.project("id", "label", "from", "to", "props").by(__.id()).by(__.label()).by(__.outV().id()).by(__.inV().id()).by(__.valueMap());

/** The stored state of the given vertices; never call with no ids (`g.V()` would read every vertex). */
export const readVertices = (g: GremlinTraversalSource, ids: readonly string[]) => projectVertex(g.V(...ids));

/** The stored state of the given edges; never call with no ids. */
export const readEdges = (g: GremlinTraversalSource, ids: readonly string[]) => projectEdge(g.E(...ids));

export const userVertices = (g: GremlinTraversalSource, userId: string) => projectVertex(g.V().has("userId", userId));

export const userEdges = (g: GremlinTraversalSource, userId: string) => projectEdge(g.E().has("userId", userId));

export const countUserVertices = (g: GremlinTraversalSource, userId: string) => g.V().has("userId", userId).count();

export const countUserEdges = (g: GremlinTraversalSource, userId: string) => g.E().has("userId", userId).count();

/** Whether the user's graph holds the vertex: 0 or 1. */
export const countUserVertex = (g: GremlinTraversalSource, userId: string, vertexId: string) => g.V(vertexId).has("userId", userId).count();

/** Drops one of the user's vertices (its edges go with it) and yields how many were dropped: 0 or 1. */
export const dropUserVertex = (g: GremlinTraversalSource, userId: string, vertexId: string) =>
  g.V(vertexId).has("userId", userId).sideEffect(__.drop()).count();

/** Drops every vertex of the user (their edges go with them) and yields how many. */
export const dropUserGraph = (g: GremlinTraversalSource, userId: string) => g.V().has("userId", userId).sideEffect(__.drop()).count();

/**
 * What the user forgot is kept apart from their graph: a vertex labelled FORGOTTEN_LABEL per fact, id
 * `forgotten:<userId>:<digest>`, with `forgottenOf` (never `userId`, so no traversal of the graph above meets it) and
 * `forgottenAt`.
 */
export const FORGOTTEN_LABEL = "ForgottenFact";
export const forgottenVertexId = (userId: string, digest: string) => `forgotten:${userId}:${digest}`;

/** Records (or moves later) when the user forgot a fact; yields its id. */
export const recordForgotten = (g: GremlinTraversalSource, userId: string, digest: string, forgottenAt: string) =>
  g
    .mergeV(
      new Map<unknown, string>([
        [t.id, forgottenVertexId(userId, digest)],
        [t.label, FORGOTTEN_LABEL],
      ]),
    )
    .property(cardinality.single, "forgottenOf", userId)
    .property(cardinality.single, "forgottenAt", forgottenAt)
    .id();

/** When each of the given facts was forgotten, as id and time; never call with no ids. */
export const readForgotten = (g: GremlinTraversalSource, ids: readonly string[]) =>
  g.V(...ids).hasLabel(FORGOTTEN_LABEL).project("id", "forgottenAt").by(__.id()).by(__.values("forgottenAt"));

/** Drops what the user forgot (DELETE /me) and yields how many. */
export const dropForgotten = (g: GremlinTraversalSource, userId: string) => g.V().has(FORGOTTEN_LABEL, "forgottenOf", userId).sideEffect(__.drop()).count();

/** Newest first, ties by id descending: the same order as the DynamoDB recency index. */
export const topEdges = (g: GremlinTraversalSource, userId: string, limit: number) =>
  g
    .E()
    .has("userId", userId)
    .order()
    .by("lastSeenAt", order.desc)
    .by(__.id(), order.desc)
    .limit(limit)
    .project("edge", "from", "to")
    .by(projectEdge(__.identity()))
    .by(projectVertex(__.outV()))
    .by(projectVertex(__.inV()));

/** Passes the element on only at the version the write was resolved against; otherwise fails the whole traversal. */
const guard = (traversal: GremlinTraversal, expectedVersion: number | undefined) =>
  traversal.coalesce(expectedVersion === undefined ? __.hasNot("version") : __.has("version", expectedVersion), __.fail(VERSION_CONFLICT));

/**
 * One traversal that upserts every given record: a single Neptune request, hence a single transaction. Vertices come
 * first, so every mergeE finds its endpoints. Yields one traverser (the last element) when everything was written.
 */
export function writeRecords(g: GremlinTraversalSource, vertices: readonly RecordWrite<GraphVertex>[], edges: readonly RecordWrite<GraphEdge>[]): GremlinTraversal {
  let traversal: GremlinTraversal | undefined;
  for (const write of vertices) {
    const { record } = write;
    const match = new Map<unknown, string>([
      [t.id, record.id],
      [t.label, record.label],
    ]);
    traversal = guard(traversal ? traversal.mergeV(match) : g.mergeV(match), write.expectedVersion);
    for (const [key, value] of vertexProperties(record, write.version)) traversal = traversal.property(cardinality.single, key, value);
  }
  for (const write of edges) {
    const { record } = write;
    const match = new Map<unknown, string>([
      [t.id, record.id],
      [t.label, record.label],
      [direction.out, record.from],
      [direction.in, record.to],
    ]);
    traversal = guard(traversal ? traversal.mergeE(match) : g.mergeE(match), write.expectedVersion);
    // A re-opened fact: the stored invalidAt must go, since writing properties only ever adds or replaces.
    if (write.expectedVersion !== undefined && record.invalidAt === undefined && record.pastPeriods !== undefined) {
      traversal = traversal.sideEffect(__.properties("invalidAt").drop());
    }
    for (const [key, value] of edgeProperties(record, write.version)) traversal = traversal.property(key, value);
  }
  if (!traversal) throw new Error("writeRecords needs at least one record");
  return traversal.id();
}
