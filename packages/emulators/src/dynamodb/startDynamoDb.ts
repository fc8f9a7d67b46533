// Local DynamoDB: dynalite on disk, with every table of the shared definition created up front.
import type { Server } from "node:http";
import { mkdir } from "node:fs/promises";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";
import { TABLES, TABLE_KEYS, createTableInput, tableNamesFor, type TableNames } from "@innerworld/platform/tables";
import dynalite from "dynalite";
import { listen, localCredentials } from "../net";
import { cacheDynaliteTableDescriptions } from "./tableDescriptions";

export interface LocalDynamoDb {
  endpoint: string;
  close(): Promise<void>;
}

export const startDynamoDb = async (options: { port: number; dataDir?: string }): Promise<LocalDynamoDb> => {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  // Reading the table's description from disk was the largest part of every item request.
  cacheDynaliteTableDescriptions();
  // createTableMs 0: tables are ACTIVE at once, so start-up need not wait on CREATING.
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.dataDir ? { path: options.dataDir } : {}) });
  const endpoint = await listen(server, options.port);
  return {
    endpoint,
    close: () => new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve()))),
  };
};

const TABLE_STATUS_POLL_MS = 5;

/**
 * Resolves once the table is ACTIVE (or, with `gone`, once it no longer exists). A table is CREATING or DELETING for
 * a moment after the call that asked for it, in dynalite as in DynamoDB, and refuses items until then; waiting here
 * keeps a busy machine from turning that moment into a ResourceNotFoundException.
 */
export const waitForTable = async (client: DynamoDBClient, tableName: string, until: "active" | "gone" = "active"): Promise<void> => {
  for (;;) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (until === "active" && Table?.TableStatus === "ACTIVE") return;
    } catch (error) {
      if (until === "gone" && error instanceof Error && error.name === "ResourceNotFoundException") return;
      throw error;
    }
    await sleep(TABLE_STATUS_POLL_MS);
  }
};

/**
 * Creates the tables that are missing. An existing table (from an earlier run on disk) is kept; one that lacks an
 * index the definition has gained since is rebuilt with its items, because dynalite accepts an UpdateTable that adds
 * an index but never builds it.
 */
export const ensureTables = async (endpoint: string, region: string, names: TableNames): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, region, credentials: localCredentials });
  try {
    const existing = new Set<string>();
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      for (const name of page.TableNames ?? []) existing.add(name);
      start = page.LastEvaluatedTableName;
    } while (start);
    for (const key of TABLE_KEYS) {
      const input = createTableInput(TABLES[key], names[key]);
      if (!existing.has(names[key])) {
        await client.send(new CreateTableCommand(input));
        await waitForTable(client, names[key]);
        continue;
      }
      const { Table } = await client.send(new DescribeTableCommand({ TableName: names[key] }));
      const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
      if ((input.GlobalSecondaryIndexes ?? []).every((index) => present.has(index.IndexName))) continue;
      const items: Record<string, AttributeValue>[] = [];
      let from: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: names[key], ExclusiveStartKey: from }));
        items.push(...(page.Items ?? []));
        from = page.LastEvaluatedKey;
      } while (from);
      await client.send(new DeleteTableCommand({ TableName: names[key] }));
      await waitForTable(client, names[key], "gone");
      await client.send(new CreateTableCommand(input));
      await waitForTable(client, names[key]);
      for (const item of items) await client.send(new PutItemCommand({ TableName: names[key], Item: item }));
    }
  } finally {
    client.destroy();
  }
};

export interface LocalTables {
  client: DynamoDBDocumentClient;
  tables: TableNames;
  close(): Promise<void>;
}

/** Every table, named with `prefix`, in a dynalite of the suite's own on a free port, and a document client for them. */
export const startLocalTables = async (prefix: string): Promise<LocalTables> => {
  const db = await startDynamoDb({ port: 0 });
  const tables = tableNamesFor(prefix);
  await ensureTables(db.endpoint, "us-east-1", tables);
  const plain = new DynamoDBClient({ endpoint: db.endpoint, region: "us-east-1", credentials: localCredentials });
  const client = DynamoDBDocumentClient.from(plain, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    tables,
    async close() {
      plain.destroy();
      await db.close();
    },
  };
};
