// The DynamoDB survey store against the contract every adapter passes, on dynalite over HTTP.
import { startLocalTables, type LocalTables } from "@innerworld/emulators/dynamodb";
import { afterAll, beforeAll } from "vitest";
import { DynamoDbSurveyStore } from "../src/store";
import { surveyStoreContract } from "../src/store/surveyStoreContract";

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables("survey-contract");
});
afterAll(async () => {
  await local.close();
});

surveyStoreContract("DynamoDB", () => new DynamoDbSurveyStore(local.client, local.tables.surveys));
