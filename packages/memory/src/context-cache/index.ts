// The per-user context cache: the ContextCacheStore port, its DynamoDB adapter, its in-memory twin, and how it is rebuilt.
export * from "./contextCacheStore";
export * from "./dynamodb/dynamoDbContextCacheStore";
export * from "./memory/inMemoryContextCacheStore";
export * from "./rebuildContext";
