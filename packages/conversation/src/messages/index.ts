// The live conversation: the MessageStore port, its DynamoDB adapter and its in-memory twin.
export * from "./messageStore";
export * from "./dynamodb/dynamoDbMessageStore";
export * from "./memory/inMemoryMessageStore";
