// DynamoDbSessionStore against dynalite: the SessionStore contract.
import { DynamoDbSessionStore } from "../../src/sessions";
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { sessionStoreContract } from "./sessionStoreContract";

sessionStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { store: new DynamoDbSessionStore(local.client, local.tables.sessions, clock), close: local.close };
});
