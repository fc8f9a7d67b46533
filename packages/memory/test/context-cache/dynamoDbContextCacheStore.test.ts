// DynamoDbContextCacheStore against dynalite: the ContextCacheStore contract.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { tableNamesFor } from "@innerworld/platform/tables";
import { DynamoDbContextCacheStore } from "../../src/context-cache";
import { contextCacheStoreContract } from "./contextCacheStoreContract";

contextCacheStoreContract("DynamoDB (dynalite)", async (clock) => {
  const db = await startDynamoDb({ port: 0 });
  const tables = tableNamesFor("context-cache-test");
  await ensureTables(db.endpoint, "us-east-1", tables);
  const client = new DynamoDBClient({ endpoint: db.endpoint, region: "us-east-1", credentials: localCredentials });
  return {
    store: new DynamoDbContextCacheStore(DynamoDBDocumentClient.from(client), tables.contextCache, clock),
    async close() {
      client.destroy();
      await db.close();
    },
  };
});
