// The conversation tables in a dynalite of their own, for the DynamoDB side of the contract suites.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { tableNamesFor, type TableNames } from "@innerworld/platform/tables";

const REGION = "us-east-1";

export interface LocalTables {
  client: DynamoDBDocumentClient;
  tables: TableNames;
  close(): Promise<void>;
}

export const startLocalTables = async (): Promise<LocalTables> => {
  const db = await startDynamoDb({ port: 0 });
  const tables = tableNamesFor("conversation-test");
  await ensureTables(db.endpoint, REGION, tables);
  const plain = new DynamoDBClient({ endpoint: db.endpoint, region: REGION, credentials: localCredentials });
  const client = DynamoDBDocumentClient.from(plain, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    tables,
    async close() {
      plain.destroy();
      await db.close();
    },
  };
};
