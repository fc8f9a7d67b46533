// DynamoDbConnectionStore against dynalite: the ConnectionStore contract.
import { DynamoDbConnectionStore } from "../../src/connections";
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { connectionStoreContract } from "./connectionStoreContract";

connectionStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { store: new DynamoDbConnectionStore(local.client, local.tables.connections, clock), close: local.close };
});
