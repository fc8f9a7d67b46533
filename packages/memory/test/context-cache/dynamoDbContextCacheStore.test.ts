// DynamoDbContextCacheStore against dynalite: the ContextCacheStore contract.
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { DynamoDbContextCacheStore } from "../../src/context-cache";
import { contextCacheStoreContract } from "./contextCacheStoreContract";

contextCacheStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("context-cache-test");
  return { store: new DynamoDbContextCacheStore(local.client, local.tables.contextCache, clock), close: local.close };
});
