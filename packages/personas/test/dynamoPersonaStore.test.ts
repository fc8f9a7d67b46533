// The DynamoDB adapter against dynalite, with the table created from the shared definition (byOwner index included).
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDb, waitForTable, type LocalDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { tableNamesFor } from "@innerworld/platform/tables";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DynamoPersonaStore, newPersonaRecord } from "../src/store";
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

it("rebuilds a personas table from before the byOwner index, items kept, so a data dir from an older run still lists personas", async () => {
  // Prepare: the table as it was first deployed (no index), holding one persona.
  const names = tableNamesFor(`personas-${randomUUID().slice(0, 8)}`);
  await client.send(
    new CreateTableCommand({
      TableName: names.personas,
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "personaId", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "personaId", AttributeType: "S" }],
    }),
  );
  await waitForTable(client, names.personas);
  await client.send(new PutItemCommand({ TableName: names.personas, Item: { personaId: { S: "p-old" }, ownerId: { S: "ana" }, createdAt: { S: "2026-01-01T00:00:00.000Z" }, name: { S: "Old friend" } } }));

  // Act
  await ensureTables(dynamodb.endpoint, "us-east-1", names);

  // Assess
  const store = new DynamoPersonaStore(DynamoDBDocumentClient.from(client), names.personas);
  expect((await store.listByOwner("ana")).map((record) => record.name)).toEqual(["Old friend"]);
});

it("forgets an erased owner's ledger of places, with the place a create that died mid-way left behind", async () => {
  // Prepare: a persona made and deleted, and one whose create claimed its place and died before writing it.
  const names = tableNamesFor(`personas-${randomUUID().slice(0, 8)}`);
  await ensureTables(dynamodb.endpoint, "us-east-1", names);
  const store = new DynamoPersonaStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), names.personas);
  const record = (personaId: string) => newPersonaRecord({ personaId, ownerId: "erased-ana", now: new Date("2026-03-02T10:00:00Z"), fields: { name: personaId } });
  await store.create(record("kept-until-erasure"), { perOwner: 20 });
  await store.create(record("never-written"), { perOwner: 20 });
  await client.send(new DeleteItemCommand({ TableName: names.personas, Key: { personaId: { S: "never-written" } } }));
  await store.delete("kept-until-erasure");
  const items = async () => (await client.send(new ScanCommand({ TableName: names.personas }))).Items ?? [];
  expect(JSON.stringify(await items())).toContain("erased-ana");

  // Act
  await store.forgetOwner("erased-ana");

  // Assess: nothing in the table names her.
  expect(JSON.stringify(await items())).not.toContain("erased-ana");
});
