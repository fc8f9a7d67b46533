// How the user graph lies in the `graph` table: one partition per user, one item per vertex or edge, one index by last sighting.
//
//   pk  = USER#<userId>         every element of one user, so a whole graph is one Query and users never mix
//   sk  = V#<vertexId>          a vertex                 (V# and E# let counts() read one kind with begins_with)
//   sk  = E#<edgeId>            an edge (<from>|<label>|<to>)
//   sk  = F#<digest>            a fact the user forgot: the SHA-256 of its vertex id and `forgottenAt`, no name, no
//                               recency keys (so never in the index); forgottenFacts.ts says why
//   recencyPk = USER#<userId>   the byRecency index: every element of the user by last sighting
//   recencySk = <lastSeenAt>#V#<vertexId> | <lastSeenAt>#E#<edgeId>
//                               ISO times in UTC sort as strings; kind and id break ties, so the order is total.
//   version                     optimistic concurrency: every write is conditional on the version it read
//   doc                         the GraphVertex / GraphEdge record as JSON
//
// Why vertices are in the recency index too: an apply merges an edge's endpoints with the same session as the edge,
// so an endpoint is never last seen before its edge; on equal times "V#" sorts above "E#". Reading the index newest
// first therefore meets every edge's endpoints before (or with) the edge, and topEdges needs one Query, no second
// round trip for the endpoints.
// Why one JSON attribute rather than one attribute per field: the store only ever reads and writes whole records
// (conditions use `version` alone), and a context build reads ~150 items; unmarshalling a dozen typed attributes
// per item, nested lists and maps included, cost more than the query itself (dynalite and the SDK alike). The
// price: the table cannot filter on record fields, which nothing here needs.
import type { GraphEdge, GraphVertex } from "./model";
import type { StoredRecord } from "./resolveMutation";

export const RECENCY_INDEX = "byRecency";

export const userPk = (userId: string) => `USER#${userId}`;
export const vertexSk = (vertexId: string) => `V#${vertexId}`;
export const edgeSk = (edgeId: string) => `E#${edgeId}`;
export const forgottenSk = (digest: string) => `F#${digest}`;
export const VERTEX_SK_PREFIX = "V#";
export const EDGE_SK_PREFIX = "E#";

export type GraphItem = { pk: string; sk: string; recencyPk: string; recencySk: string; version: number; doc: string };

const itemOf = (userId: string, sk: string, lastSeenAt: string, record: GraphVertex | GraphEdge, version: number): GraphItem => {
  const pk = userPk(userId);
  return { pk, sk, recencyPk: pk, recencySk: `${lastSeenAt}#${sk}`, version, doc: JSON.stringify(record) };
};

export const vertexItem = (vertex: GraphVertex, version: number): GraphItem => itemOf(vertex.userId, vertexSk(vertex.id), vertex.lastSeenAt, vertex, version);

export const edgeItem = (edge: GraphEdge, version: number): GraphItem => itemOf(edge.userId, edgeSk(edge.id), edge.lastSeenAt, edge, version);

/** Only the model's fields come back out, whatever else the stored JSON holds. */
export function vertexFromItem(item: Record<string, unknown>): StoredRecord<GraphVertex> {
  const v = JSON.parse(String(item.doc)) as GraphVertex;
  return {
    version: Number(item.version),
    record: {
      id: v.id,
      label: v.label,
      userId: v.userId,
      name: v.name,
      aliases: v.aliases ?? [],
      attributes: v.attributes ?? {},
      firstSeenAt: v.firstSeenAt,
      lastSeenAt: v.lastSeenAt,
      mentionCount: Number(v.mentionCount),
      sourceSessions: v.sourceSessions ?? [],
      ...(v.sessionTimes !== undefined ? { sessionTimes: v.sessionTimes } : {}),
      ...(v.sessionsDroppedThrough !== undefined ? { sessionsDroppedThrough: v.sessionsDroppedThrough } : {}),
    },
  };
}

export function edgeFromItem(item: Record<string, unknown>): StoredRecord<GraphEdge> {
  const e = JSON.parse(String(item.doc)) as GraphEdge;
  return {
    version: Number(item.version),
    record: {
      id: e.id,
      label: e.label,
      userId: e.userId,
      from: e.from,
      to: e.to,
      validAt: e.validAt,
      ...(e.invalidAt !== undefined ? { invalidAt: e.invalidAt } : {}),
      ...(e.pastPeriods !== undefined ? { pastPeriods: e.pastPeriods } : {}),
      firstSeenAt: e.firstSeenAt,
      lastSeenAt: e.lastSeenAt,
      mentionCount: Number(e.mentionCount),
      sourceSessions: e.sourceSessions ?? [],
      ...(e.sessionTimes !== undefined ? { sessionTimes: e.sessionTimes } : {}),
      ...(e.sessionsDroppedThrough !== undefined ? { sessionsDroppedThrough: e.sessionsDroppedThrough } : {}),
    },
  };
}
