// The DynamoDB tables to declare, read from the same TABLES the local cloud creates its tables from.
import { TABLES, type IndexProjection, type KeyAttribute, type TableDefinition } from "../../packages/platform/src/tables/definitions";
import { pascalCase } from "./naming";
import type { TablePlan } from "./types";

/** SST's Dynamo spells a projection "all", "keys-only", or the list of non-key attributes to include. */
const projectionOf = (projection: IndexProjection): TablePlan["globalIndexes"][string]["projection"] =>
  projection.type === "ALL" ? "all" : projection.type === "KEYS_ONLY" ? "keys-only" : [...projection.attributes];

const fieldType = (attribute: KeyAttribute) => (attribute.type === "S" ? "string" : "number") as "string" | "number";

export const planTable = (key: string, definition: TableDefinition, tablePrefix: string, protect: boolean): TablePlan => {
  // DynamoDB wants declared only the attributes a key or an index uses; everything else stays schemaless.
  const fields: TablePlan["fields"] = {};
  const declare = (attribute?: KeyAttribute) => {
    if (attribute) fields[attribute.name] = fieldType(attribute);
  };
  declare(definition.partitionKey);
  declare(definition.sortKey);
  const globalIndexes: TablePlan["globalIndexes"] = {};
  for (const index of definition.globalIndexes) {
    declare(index.partitionKey);
    declare(index.sortKey);
    globalIndexes[index.name] = {
      hashKey: index.partitionKey.name,
      ...(index.sortKey ? { rangeKey: index.sortKey.name } : {}),
      projection: projectionOf(index.projection),
    };
  }
  return {
    key,
    logicalName: `${pascalCase(key)}Table`,
    name: `${tablePrefix}-${key}`,
    fields,
    primaryIndex: { hashKey: definition.partitionKey.name, ...(definition.sortKey ? { rangeKey: definition.sortKey.name } : {}) },
    globalIndexes,
    ...(definition.ttlAttribute ? { ttl: definition.ttlAttribute } : {}),
    deletionProtection: protect,
  };
};

export const planTables = (tablePrefix: string, protect: boolean): TablePlan[] =>
  Object.entries(TABLES as Record<string, TableDefinition>).map(([key, definition]) => planTable(key, definition, tablePrefix, protect));
