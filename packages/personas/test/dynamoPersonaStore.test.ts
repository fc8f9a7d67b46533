// The DynamoDB adapter against dynalite, with the table created from the shared definition (byOwner index included).
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDb, type LocalDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { tableNamesFor } from "@innerworld/platform/tables";
import { afterAll, beforeAll } from "vitest";
import { DynamoPersonaStore } from "../src/store";
import { personaStoreContract } from "./personaStoreContract";

let dynamodb: LocalDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ port: 0 });
  client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: "us-east-1", credentials: localCredentials });
});
afterAll(async () => {
  client.destroy();
  await dynamodb.close();
});

personaStoreContract("DynamoDB", async () => {
  // A fresh table set per test, so each starts empty.
  const names = tableNamesFor(`personas-${randomUUID().slice(0, 8)}`);
  await ensureTables(dynamodb.endpoint, "us-east-1", names);
  return new DynamoPersonaStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), names.personas);
});
