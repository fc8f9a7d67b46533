// The DynamoDB tables, defined once: the local cloud creates them from this, infra declares them from this.
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export type AttributeType = "S" | "N";
export interface KeyAttribute {
  name: string;
  type: AttributeType;
}
/**
 * What an index holds besides the keys. Every write that changes a projected attribute is written to the index too,
 * so an index projects only what its queries read: ALL where a query returns whole items.
 */
export type IndexProjection = { type: "ALL" } | { type: "KEYS_ONLY" } | { type: "INCLUDE"; attributes: readonly string[] };
export interface GlobalIndex {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: IndexProjection;
}
export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB's TTL deletes by; readers still filter expired items themselves. */
  ttlAttribute?: string;
  globalIndexes: GlobalIndex[];
}

const s = (name: string): KeyAttribute => ({ name, type: "S" });
const ALL = { type: "ALL" } as const;

export const TABLES = {
  connections: {
    partitionKey: s("connectionId"),
    ttlAttribute: "expiresAt",
    globalIndexes: [{ name: "byUser", partitionKey: s("userId"), projection: ALL }],
  },
  sessions: {
    partitionKey: s("sessionId"),
    ttlAttribute: "expiresAt",
    globalIndexes: [{ name: "byUser", partitionKey: s("userId"), sortKey: s("startedAt"), projection: ALL }],
  },
  messages: {
    partitionKey: s("sessionId"),
    sortKey: s("messageKey"),
    ttlAttribute: "expiresAt",
    // byUser finds a user's messages to export or erase: keys only, so a reply's status and expiry updates (which
    // touch no key) are not written twice; the export reads the items from the table, one Query per session.
    globalIndexes: [{ name: "byUser", partitionKey: s("userId"), sortKey: s("createdAt"), projection: { type: "KEYS_ONLY" } }],
  },
  contextCache: {
    partitionKey: s("userId"),
    ttlAttribute: "expiresAt",
    globalIndexes: [],
  },
  rateLimits: {
    partitionKey: s("bucketKey"),
    ttlAttribute: "expiresAt",
    globalIndexes: [],
  },
  idempotency: {
    // Attribute names are Powertools idempotency's defaults.
    partitionKey: s("id"),
    ttlAttribute: "expiration",
    globalIndexes: [],
  },
  feedback: {
    // One item per feedback request; closesAt (ISO) is the 48-hour deadline, expiresAt (epoch s) the record's TTL.
    partitionKey: s("requestId"),
    ttlAttribute: "expiresAt",
    globalIndexes: [
      { name: "bySession", partitionKey: s("sessionId"), sortKey: s("requestedAt"), projection: ALL },
      { name: "byUser", partitionKey: s("userId"), sortKey: s("requestedAt"), projection: ALL },
    ],
  },
  personas: {
    // ownerId is a user's id, or "builtin" for the five seeded at start; byOwner lists either in one Query.
    partitionKey: s("personaId"),
    globalIndexes: [{ name: "byOwner", partitionKey: s("ownerId"), sortKey: s("createdAt"), projection: ALL }],
  },
  surveys: {
    // sk SURVEY for the survey itself, RESPONSE#<respondentKey> for each anonymous response.
    partitionKey: s("surveyId"),
    sortKey: s("sk"),
    ttlAttribute: "expiresAt",
    globalIndexes: [{ name: "byOwner", partitionKey: s("ownerId"), sortKey: s("createdAt"), projection: ALL }],
  },
  tombstones: {
    // One item per erased user (userId, deletedAt), never expiring: consumers drop events that occurred before it.
    partitionKey: s("userId"),
    globalIndexes: [],
  },
  graph: {
    // pk USER#<userId>, sk V#<vertexId> | E#<edgeId>; byRecency orders all of a user's elements by last sighting (topEdges: one Query).
    partitionKey: s("pk"),
    sortKey: s("sk"),
    globalIndexes: [{ name: "byRecency", partitionKey: s("recencyPk"), sortKey: s("recencySk"), projection: ALL }],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;
export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

/** Physical table names for one stage, e.g. `innerworld-local-sessions`. */
export type TableNames = Record<TableKey, string>;
export const tableNamesFor = (prefix: string): TableNames =>
  Object.fromEntries(TABLE_KEYS.map((key) => [key, `${prefix}-${key}`])) as TableNames;

export const createTableInput = (definition: TableDefinition, tableName: string): CreateTableCommandInput => {
  const attributes = new Map<string, AttributeType>();
  const remember = (k?: KeyAttribute) => k && attributes.set(k.name, k.type);
  const keySchema = (p: KeyAttribute, sk?: KeyAttribute) => [
    { AttributeName: p.name, KeyType: "HASH" as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: "RANGE" as const }] : []),
  ];
  remember(definition.partitionKey);
  remember(definition.sortKey);
  for (const index of definition.globalIndexes) {
    remember(index.partitionKey);
    remember(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    ...(definition.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection:
              index.projection.type === "INCLUDE"
                ? { ProjectionType: "INCLUDE" as const, NonKeyAttributes: [...index.projection.attributes] }
                : { ProjectionType: index.projection.type },
          })),
        }
      : {}),
  };
};
