// Rate limits: the RateLimiter port, its DynamoDB adapter and its in-memory twin.
export * from "./rateLimiter";
export * from "./dynamodb/dynamoDbRateLimiter";
export * from "./memory/inMemoryRateLimiter";
