// The DynamoDB survey store against the contract every adapter passes, on dynalite over HTTP.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ensureTables, startDynamoDb, type LocalDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { tableNamesFor } from "@innerworld/platform/tables";
import { afterAll, beforeAll } from "vitest";
import { DynamoDbSurveyStore } from "../src/store";
import { surveyStoreContract } from "../src/store/surveyStoreContract";

let dynamo: LocalDynamoDb;
let client: DynamoDBDocumentClient;
const tables = tableNamesFor("survey-contract");

beforeAll(async () => {
  dynamo = await startDynamoDb({ port: 0 });
  await ensureTables(dynamo.endpoint, "us-east-1", tables);
  client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: localCredentials }), { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

surveyStoreContract("DynamoDB", () => new DynamoDbSurveyStore(client, tables.surveys));
