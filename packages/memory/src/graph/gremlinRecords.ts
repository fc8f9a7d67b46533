// How graph records map to Gremlin properties, and back from the projections the Gremlin adapter reads.
//
// Scalars are real properties (userId, name, times, counts), so analysts can query them in Neptune; lists and maps
// (aliases, attributes, sourceSessions, sessionTimes, pastPeriods) are JSON strings, because Neptune edge properties are single-valued
// and vertex `set` cardinality would lose order and duplicates. Every vertex property is written with `single`
// cardinality: Neptune's default is `set`, which would pile up old values instead of replacing them.
import type { EdgeLabel, GraphEdge, GraphVertex, VertexLabel } from "./model";
import type { StoredRecord } from "./resolveMutation";

export type PropertyValue = string | number;

/** Both are only ever set or replaced, never taken away, so writing them when present is enough. */
const sessionProperties = (record: GraphVertex | GraphEdge): [string, PropertyValue][] => [
  ...(record.sessionTimes !== undefined ? [["sessionTimes", JSON.stringify(record.sessionTimes)] as [string, PropertyValue]] : []),
  ...(record.sessionsDroppedThrough !== undefined ? [["sessionsDroppedThrough", record.sessionsDroppedThrough] as [string, PropertyValue]] : []),
];

export function vertexProperties(vertex: GraphVertex, version: number): [string, PropertyValue][] {
  return [
    ["userId", vertex.userId],
    ["name", vertex.name],
    ["aliases", JSON.stringify(vertex.aliases)],
    ["attributes", JSON.stringify(vertex.attributes)],
    ["firstSeenAt", vertex.firstSeenAt],
    ["lastSeenAt", vertex.lastSeenAt],
    ["mentionCount", vertex.mentionCount],
    ["sourceSessions", JSON.stringify(vertex.sourceSessions)],
    ...sessionProperties(vertex),
    ["version", version],
  ];
}

export function edgeProperties(edge: GraphEdge, version: number): [string, PropertyValue][] {
  return [
    ["userId", edge.userId],
    ["validAt", edge.validAt],
    ...(edge.invalidAt !== undefined ? [["invalidAt", edge.invalidAt] as [string, PropertyValue]] : []),
    ...(edge.pastPeriods !== undefined ? [["pastPeriods", JSON.stringify(edge.pastPeriods)] as [string, PropertyValue]] : []),
    ["firstSeenAt", edge.firstSeenAt],
    ["lastSeenAt", edge.lastSeenAt],
    ["mentionCount", edge.mentionCount],
    ["sourceSessions", JSON.stringify(edge.sourceSessions)],
    ...sessionProperties(edge),
    ["version", version],
  ];
}

/** The driver returns Maps (GraphBinary) or plain objects (GraphSON); valueMap wraps vertex property values in lists. */
export function fieldsOf(value: unknown): Map<string, unknown> {
  const entries = value instanceof Map ? [...value.entries()] : Object.entries((value ?? {}) as Record<string, unknown>);
  return new Map(entries.map(([k, v]) => [String(k), Array.isArray(v) ? v[0] : v]));
}

const text = (fields: Map<string, unknown>, key: string) => {
  const value = fields.get(key);
  return value === undefined || value === null ? undefined : String(value);
};
const json = <T>(fields: Map<string, unknown>, key: string, fallback: T): T => {
  const raw = text(fields, key);
  return raw === undefined ? fallback : (JSON.parse(raw) as T);
};

const sessionFields = (props: Map<string, unknown>): Pick<GraphVertex, "sessionTimes" | "sessionsDroppedThrough"> => {
  const sessionTimes = json<GraphVertex["sessionTimes"]>(props, "sessionTimes", undefined);
  const sessionsDroppedThrough = text(props, "sessionsDroppedThrough");
  return { ...(sessionTimes !== undefined ? { sessionTimes } : {}), ...(sessionsDroppedThrough !== undefined ? { sessionsDroppedThrough } : {}) };
};

/** From `project('id','label','props').by(id()).by(label()).by(valueMap())`. */
export function vertexFromProjection(projection: unknown): StoredRecord<GraphVertex> {
  const row = fieldsOf(projection);
  const props = fieldsOf(row.get("props"));
  return {
    version: Number(props.get("version") ?? 0),
    record: {
      id: String(row.get("id")),
      label: String(row.get("label")) as VertexLabel,
      userId: text(props, "userId") ?? "",
      name: text(props, "name") ?? "",
      aliases: json(props, "aliases", []),
      attributes: json(props, "attributes", {}),
      firstSeenAt: text(props, "firstSeenAt") ?? "",
      lastSeenAt: text(props, "lastSeenAt") ?? "",
      mentionCount: Number(props.get("mentionCount") ?? 0),
      sourceSessions: json(props, "sourceSessions", []),
      ...sessionFields(props),
    },
  };
}

/** From `project('id','label','from','to','props').by(id()).by(label()).by(outV().id()).by(inV().id()).by(valueMap())`. */
export function edgeFromProjection(projection: unknown): StoredRecord<GraphEdge> {
  const row = fieldsOf(projection);
  const props = fieldsOf(row.get("props"));
  const invalidAt = text(props, "invalidAt");
  const pastPeriods = json<GraphEdge["pastPeriods"]>(props, "pastPeriods", undefined);
  return {
    version: Number(props.get("version") ?? 0),
    record: {
      id: String(row.get("id")),
      label: String(row.get("label")) as EdgeLabel,
      userId: text(props, "userId") ?? "",
      from: String(row.get("from")),
      to: String(row.get("to")),
      validAt: text(props, "validAt") ?? "",
      ...(invalidAt !== undefined ? { invalidAt } : {}),
      ...(pastPeriods !== undefined ? { pastPeriods } : {}),
      firstSeenAt: text(props, "firstSeenAt") ?? "",
      lastSeenAt: text(props, "lastSeenAt") ?? "",
      mentionCount: Number(props.get("mentionCount") ?? 0),
      sourceSessions: json(props, "sourceSessions", []),
      ...sessionFields(props),
    },
  };
}
