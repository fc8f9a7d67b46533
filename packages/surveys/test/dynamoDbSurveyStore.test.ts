// The DynamoDB survey store against the contract every adapter passes, on dynalite over HTTP, and what only its table shows.
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startLocalTables, type LocalTables } from "@innerworld/emulators/dynamodb";
import { manualClock } from "@innerworld/platform/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "../src/questions";
import { SOURCE_LIMITS } from "../src/respondent";
import { DynamoDbSurveyStore, RESPONSE_RETENTION_SECONDS } from "../src/store";
import { surveyStoreContract } from "../src/store/surveyStoreContract";

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables("survey-contract");
});
afterAll(async () => {
  await local.close();
});

surveyStoreContract("DynamoDB", (clock) => new DynamoDbSurveyStore(local.client, local.tables.surveys, clock));

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

describe("DynamoDbSurveyStore.delete", () => {
  it("deletes an answer kept after its first sweep of the answers, before the survey itself went", async () => {
    const surveyId = `survey-answered-mid-erasure-${process.pid}-${Date.now()}`;
    const friends = new DynamoDbSurveyStore(local.client, local.tables.surveys);
    await friends.create({ surveyId, ownerId: "owner-erased", subjectName: "Sam", questions: [...DEFAULT_QUESTIONS], status: "collecting", createdAt: "2026-11-18T16:00:00.000Z", responseCount: 0, droppedCount: 0 });
    let answered: Promise<unknown> | undefined;
    // A friend's answer is written and checked, whole, between the erasure's sweep of the answers and its delete of the survey.
    const answerBeforeTheSurveyGoes = {
      send: async (command: unknown) => {
        if (command instanceof DeleteCommand && command.input.Key?.sk === "SURVEY") {
          answered ??= friends.addResponse(surveyId, { respondentKey: "r1", receivedAt: "2026-11-18T16:05:00.000Z", answers: [{ questionId: "three_words", answer: "funny" }] });
          await answered;
        }
        return local.client.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const owners = new DynamoDbSurveyStore(answerBeforeTheSurveyGoes, local.tables.surveys);

    await owners.delete(surveyId);

    expect(await answered).toBe("added");
    const items = await local.client.send(new QueryCommand({ TableName: local.tables.surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": surveyId }, ConsistentRead: true }));
    expect(items.Items ?? []).toEqual([]);
  });
});

/** A collecting survey, and a store for its friends whose every answer's write finds it deleted by its owner just before. */
const friendsOfASurveyErasedMidAnswer = async (surveyId: string): Promise<DynamoDbSurveyStore> => {
  const owners = new DynamoDbSurveyStore(local.client, local.tables.surveys);
  await owners.create({ surveyId, ownerId: "owner-erased", subjectName: "Sam", questions: [...DEFAULT_QUESTIONS], status: "collecting", createdAt: "2026-11-18T16:00:00.000Z", responseCount: 0, droppedCount: 0 });
  const eraseBeforeTheAnswer = {
    send: async (command: unknown) => {
      if (command instanceof PutCommand) await owners.delete(surveyId);
      return local.client.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return new DynamoDbSurveyStore(eraseBeforeTheAnswer, local.tables.surveys);
};

describe("DynamoDbSurveyStore.addResponse", () => {
  it("keeps no answer written while its survey was being deleted", async () => {
    const surveyId = `survey-erased-mid-answer-${process.pid}-${Date.now()}`;
    // The friend's request read the survey; the owner's erasure deletes it before the answer's write lands.
    const friends = await friendsOfASurveyErasedMidAnswer(surveyId);

    await expect(friends.addResponse(surveyId, { respondentKey: "r1", receivedAt: "2026-11-18T16:05:00.000Z", answers: [{ questionId: "three_words", answer: "funny" }] })).rejects.toMatchObject({ code: "SURVEY_NOT_FOUND" });

    const items = await local.client.send(new QueryCommand({ TableName: local.tables.surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": surveyId }, ConsistentRead: true }));
    expect(items.Items ?? []).toEqual([]);
  });

  it("keeps neither the answer nor the count of its network and browser when its survey is deleted as it is written", async () => {
    const surveyId = `survey-erased-mid-counted-answer-${process.pid}-${Date.now()}`;
    const friends = await friendsOfASurveyErasedMidAnswer(surveyId);
    const response = { respondentKey: "r1", networkKey: "n1", browserKey: "b1", receivedAt: "2026-11-18T16:05:00.000Z", answers: [{ questionId: "three_words", answer: "funny" }] };

    await expect(friends.addResponse(surveyId, response, SOURCE_LIMITS)).rejects.toMatchObject({ code: "SURVEY_NOT_FOUND" });

    const items = await local.client.send(new QueryCommand({ TableName: local.tables.surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": surveyId }, ConsistentRead: true }));
    expect(items.Items ?? []).toEqual([]);
  });

  it("counts each network's and browser's answers in items of the survey's own, which its deletion takes too", async () => {
    const surveyId = `survey-counted-sources-${process.pid}-${Date.now()}`;
    const store = new DynamoDbSurveyStore(local.client, local.tables.surveys);
    await store.create({ surveyId, ownerId: "owner-counted", subjectName: "Sam", questions: [...DEFAULT_QUESTIONS], status: "collecting", createdAt: "2026-11-18T16:00:00.000Z", responseCount: 0, droppedCount: 0 });
    for (const respondentKey of ["r1", "r2", "r3"]) await store.addResponse(surveyId, { respondentKey, networkKey: "n1", browserKey: "b1", receivedAt: "2026-11-18T16:05:00.000Z", answers: [{ questionId: "three_words", answer: "funny" }] }, SOURCE_LIMITS);
    const itemsOf = async () => (await local.client.send(new QueryCommand({ TableName: local.tables.surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": surveyId }, ConsistentRead: true }))).Items ?? [];

    expect((await itemsOf()).filter((item) => String(item.sk).startsWith("SOURCE#")).map((item) => item.responses)).toEqual([SOURCE_LIMITS.perBrowser, SOURCE_LIMITS.perBrowser]);

    await store.delete(surveyId);

    expect(await itemsOf()).toEqual([]);
  });
});
