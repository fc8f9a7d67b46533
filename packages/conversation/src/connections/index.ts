// Connections: the ConnectionStore port, its DynamoDB adapter, its in-memory twin, and pushing frames to them.
export * from "./connectionStore";
export * from "./dynamodb/dynamoDbConnectionStore";
export * from "./memory/inMemoryConnectionStore";
export * from "./runtimePusher";
