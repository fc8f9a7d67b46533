// Local DynamoDB: dynalite on disk, with every table of the shared definition created up front.
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { mkdir } from "node:fs/promises";
import { Readable } from "node:stream";
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
import { listen, LOCAL_KEY_PAIRS, localCredentials } from "../net";
import { JSON_SERVICE_EXCEPTIONS, verifySignature, type SignaturePolicy } from "../sigv4";
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
  requireSignatures(server);
  const endpoint = await listen(server, options.port);
  return {
    endpoint,
    close: () => new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve()))),
  };
};

const SIGNATURE_POLICY: SignaturePolicy = { service: "dynamodb", credentials: LOCAL_KEY_PAIRS };

/**
 * Puts a SigV4 check (sigv4.ts) in front of dynalite, which only looks for an Authorization header: each API call's
 * body is read and hashed here, and dynalite is handed the request with that body once the signature passes. A refusal
 * is DynamoDB's: 400 with a coral `__type`. DynamoDB answers its health check (GET /) and CORS preflights unsigned, and
 * so does dynalite.
 */
const requireSignatures = (server: Server): void => {
  const handlers = server.listeners("request") as ((request: IncomingMessage, response: ServerResponse) => void)[];
  server.removeAllListeners("request");
  const handOn = (request: IncomingMessage, response: ServerResponse) => {
    for (const handler of handlers) handler.call(server, request, response);
  };
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") return handOn(request, response);
    const chunks: Buffer[] = [];
    const hash = createHash("sha256");
    request.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      hash.update(chunk);
    });
    // A caller that hangs up mid-body is simply gone: nothing reaches dynalite.
    request.on("error", () => undefined);
    request.on("end", () => {
      const verdict = verifySignature({ method: "POST", url: request.url ?? "/", rawHeaders: request.rawHeaders, bodySha256: hash.digest("hex") }, SIGNATURE_POLICY);
      if (verdict.ok) {
        // What dynalite reads of a request: its headers, method and URL, and the body as data events.
        handOn(Object.assign(Readable.from([Buffer.concat(chunks)]), { headers: request.headers, method: request.method, url: request.url, socket: request.socket }) as unknown as IncomingMessage, response);
        return;
      }
      const body = JSON.stringify({ __type: `com.amazon.coral.service#${JSON_SERVICE_EXCEPTIONS[verdict.problem]}`, message: verdict.message });
      response.writeHead(400, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(body), "x-amzn-RequestId": randomUUID() });
      response.end(body);
    });
  });
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
