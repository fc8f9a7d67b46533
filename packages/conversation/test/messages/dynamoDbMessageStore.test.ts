// DynamoDbMessageStore against dynalite: the MessageStore contract.
import { DynamoDbMessageStore } from "../../src/messages";
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { messageStoreContract } from "./messageStoreContract";

messageStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { store: new DynamoDbMessageStore(local.client, local.tables.messages, clock), close: local.close };
});
