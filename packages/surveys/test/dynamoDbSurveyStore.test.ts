// The DynamoDB survey store against the contract every adapter passes, on dynalite over HTTP, and what only its table shows.
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startLocalTables, type LocalTables } from "@innerworld/emulators/dynamodb";
import { manualClock } from "@innerworld/platform/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "../src/questions";
import { DynamoDbSurveyStore, RESPONSE_RETENTION_SECONDS } from "../src/store";
import { surveyStoreContract } from "../src/store/surveyStoreContract";

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables("survey-contract");
});
afterAll(async () => {
  await local.close();
});

surveyStoreContract("DynamoDB", () => new DynamoDbSurveyStore(local.client, local.tables.surveys));

describe("DynamoDbSurveyStore.delete", () => {
  it("deletes a response that has expired but that TTL has not removed yet", async () => {
    const clock = manualClock("2026-11-18T16:00:00.000Z");
    const store = new DynamoDbSurveyStore(local.client, local.tables.surveys, clock);
    const surveyId = `survey-expired-${process.pid}-${Date.now()}`;
    await store.create({ surveyId, ownerId: "owner-expired", subjectName: "Sam", questions: [...DEFAULT_QUESTIONS], status: "collecting", createdAt: "2026-11-18T16:00:00.000Z", responseCount: 0, droppedCount: 0 });
    await store.addResponse(surveyId, { respondentKey: "r1", receivedAt: "2026-11-18T16:05:00.000Z", answers: [{ questionId: "three_words", answer: "funny, loyal, kind" }] });
    clock.advance((RESPONSE_RETENTION_SECONDS + 60) * 1000);
    // Expired: the store no longer lists it, but the item is still in the table (dynalite, like DynamoDB, removes it later).
    expect(await store.listResponses(surveyId)).toEqual([]);
    const itemsOf = async () => (await local.client.send(new QueryCommand({ TableName: local.tables.surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": surveyId }, ConsistentRead: true }))).Items ?? [];
    expect((await itemsOf()).length).toBe(2);

    await store.delete(surveyId);

    expect(await itemsOf()).toEqual([]);
  });
});
