// Client messages already received: the ClientMessageLog port, its DynamoDB adapter and its in-memory twin.
export * from "./clientMessageLog";
export * from "./dynamodb/dynamoDbClientMessageLog";
export * from "./memory/inMemoryClientMessageLog";
