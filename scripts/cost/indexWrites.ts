// The write units a table write adds to its global indexes, as DynamoDB bills them: only when the write touches an attribute the index projects.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { GlobalIndex, TableDefinition } from "@innerworld/platform/tables";

type Item = Record<string, AttributeValue>;

/** What the meter knows of one write to one item. */
export type ItemWrite =
  | { kind: "put"; item: Item }
  /** `item` is the item after the update (ReturnValues ALL_NEW); undefined when the meter could not see it. */
  | { kind: "update"; touched: readonly string[]; item: Item | undefined }
  | { kind: "delete" };

const KB = 1024;
const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/** DynamoDB's item-size rules, closely enough to count kilobytes: names and values, numbers by significant digits. */
const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+|e.*$/gi, "").length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + valueSize({ N: n }), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0);
  return 0;
};

const keyNames = (definition: TableDefinition, index: GlobalIndex): string[] =>
  [definition.partitionKey, definition.sortKey, index.partitionKey, index.sortKey].flatMap((key) => (key ? [key.name] : []));

const projects = (definition: TableDefinition, index: GlobalIndex, attribute: string): boolean =>
  index.projection.type === "ALL" || keyNames(definition, index).includes(attribute) || (index.projection.type === "INCLUDE" && index.projection.attributes.includes(attribute));

/** Write units of the index entry for `item`: its keys and projected attributes, in 1 KB steps, at least one. */
const entryUnits = (definition: TableDefinition, index: GlobalIndex, item: Item): number => {
  const bytes = Object.entries(item)
    .filter(([name]) => projects(definition, index, name))
    .reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
  return Math.max(1, Math.ceil(bytes / KB));
};

const carriesKeys = (index: GlobalIndex, item: Item) => index.partitionKey.name in item && (!index.sortKey || index.sortKey.name in item);

/**
 * Index write units of one successful write. A put writes the entry when the item carries the index's keys; an
 * update writes it only when it changed a projected attribute (twice when it changed an index key: the old entry
 * goes, a new one comes); a delete removes the entry (counted as if the item had one: an upper bound).
 */
export const indexWriteUnits = (definition: TableDefinition, write: ItemWrite): number => {
  let units = 0;
  for (const index of definition.globalIndexes) {
    if (write.kind === "delete") units += 1;
    else if (write.kind === "put") units += carriesKeys(index, write.item) ? entryUnits(definition, index, write.item) : 0;
    else if (write.touched.some((attribute) => projects(definition, index, attribute))) {
      if (write.item && !carriesKeys(index, write.item)) continue;
      const entry = write.item ? entryUnits(definition, index, write.item) : 1;
      const movesKey = write.touched.includes(index.partitionKey.name) || (index.sortKey !== undefined && write.touched.includes(index.sortKey.name));
      units += movesKey ? entry + 1 : entry;
    }
  }
  return units;
};

/** The top-level attributes an UpdateExpression sets, removes, adds to or deletes from, with #names resolved. */
export const touchedAttributes = (updateExpression: string, names: Record<string, string> = {}): string[] => {
  const touched = new Set<string>();
  const clauses = updateExpression.split(/\b(SET|REMOVE|ADD|DELETE)\b/i);
  for (let i = 1; i < clauses.length; i += 2) {
    const action = (clauses[i] ?? "").toUpperCase();
    let depth = 0;
    let part = "";
    const parts: string[] = [];
    for (const char of clauses[i + 1] ?? "") {
      if (char === "(") depth += 1;
      if (char === ")") depth -= 1;
      if (char === "," && depth === 0) {
        parts.push(part);
        part = "";
      } else part += char;
    }
    parts.push(part);
    for (const item of parts) {
      const path = (action === "SET" ? item.split("=")[0] : item.trim().split(/\s+/)[0]) ?? "";
      const head = path.trim().split(/[.[]/)[0] ?? "";
      if (head) touched.add(names[head] ?? head);
    }
  }
  return [...touched];
};
