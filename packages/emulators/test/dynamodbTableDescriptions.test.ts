// The local DynamoDB keeps table descriptions in memory: a table deleted, recreated with other keys or given an index is seen as it is now.
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { startDynamoDb, waitForTable, type LocalDynamoDb } from "../src/dynamodb/startDynamoDb";
import { localCredentials } from "../src/net";

const open: { db: LocalDynamoDb; client: DynamoDBClient }[] = [];

afterEach(async () => {
  for (const { db, client } of open.splice(0)) {
    client.destroy();
    await db.close();
  }
});

const start = async () => {
  const db = await startDynamoDb({ port: 0 });
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: "us-east-1", credentials: localCredentials });
  open.push({ db, client });
  return client;
};

const createTable = async (client: DynamoDBClient, hashKey: string) => {
  await client.send(
    new CreateTableCommand({
      TableName: "sessions",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: "S" }],
      KeySchema: [{ AttributeName: hashKey, KeyType: "HASH" }],
    }),
  );
  await waitForTable(client, "sessions");
};

const errorName = (promise: Promise<unknown>) => promise.then(() => "none", (error: Error) => error.name);

describe("local DynamoDB table descriptions", () => {
  it("answers a deleted table's item requests with ResourceNotFoundException, and a recreated one by its new key", async () => {
    const client = await start();
    await createTable(client, "sessionId");
    await client.send(new PutItemCommand({ TableName: "sessions", Item: { sessionId: { S: "s1" } } }));
    expect((await client.send(new GetItemCommand({ TableName: "sessions", Key: { sessionId: { S: "s1" } } }))).Item).toEqual({ sessionId: { S: "s1" } });

    await client.send(new DeleteTableCommand({ TableName: "sessions" }));
    await waitForTable(client, "sessions", "gone");
    expect(await errorName(client.send(new GetItemCommand({ TableName: "sessions", Key: { sessionId: { S: "s1" } } })))).toBe("ResourceNotFoundException");

    await createTable(client, "userId");
    // The old key is now a missing key attribute; the new one is the table's key.
    expect(await errorName(client.send(new PutItemCommand({ TableName: "sessions", Item: { sessionId: { S: "s2" } } })))).toBe("ValidationException");
    await client.send(new PutItemCommand({ TableName: "sessions", Item: { userId: { S: "u1" } } }));
    expect((await client.send(new GetItemCommand({ TableName: "sessions", Key: { userId: { S: "u1" } } }))).Item).toEqual({ userId: { S: "u1" } });
  });

  it("describes a table changed by UpdateTable as changed, through its UPDATING status and after", async () => {
    const client = await start();
    await client.send(
      new CreateTableCommand({
        TableName: "sessions",
        AttributeDefinitions: [{ AttributeName: "sessionId", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "sessionId", KeyType: "HASH" }],
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      }),
    );
    await waitForTable(client, "sessions");
    await client.send(new GetItemCommand({ TableName: "sessions", Key: { sessionId: { S: "s1" } } }));

    await client.send(new UpdateTableCommand({ TableName: "sessions", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 } }));
    await waitForTable(client, "sessions");

    const { Table } = await client.send(new DescribeTableCommand({ TableName: "sessions" }));
    expect(Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 5, WriteCapacityUnits: 7 });
    expect(Table?.TableStatus).toBe("ACTIVE");
  });
});
