// DynamoDbClientMessageLog against dynalite: the ClientMessageLog contract.
import { DynamoDbClientMessageLog } from "../../src/client-messages";
import { startLocalTables } from "../localTables";
import { clientMessageLogContract } from "./clientMessageLogContract";

clientMessageLogContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables();
  return { log: new DynamoDbClientMessageLog(local.client, local.tables.idempotency, clock), close: local.close };
});
