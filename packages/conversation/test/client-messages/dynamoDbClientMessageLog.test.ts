// DynamoDbClientMessageLog against dynalite: the ClientMessageLog contract.
import { DynamoDbClientMessageLog } from "../../src/client-messages";
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { clientMessageLogContract } from "./clientMessageLogContract";

clientMessageLogContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { log: new DynamoDbClientMessageLog(local.client, local.tables.idempotency, clock), close: local.close };
});
