// The survey store port and its DynamoDB and in-memory adapters.
export * from "./surveyStore";
export * from "./dynamodb/DynamoDbSurveyStore";
export * from "./memory/InMemorySurveyStore";
