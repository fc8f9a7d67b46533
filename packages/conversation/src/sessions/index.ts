// Chat sessions: the SessionStore port, its DynamoDB adapter and its in-memory twin.
export * from "./sessionStore";
export * from "./dynamodb/dynamoDbSessionStore";
export * from "./memory/inMemorySessionStore";
