// DynamoDB-backed stores for connections, sessions, messages and rate limits.
export * from "./time";
export * from "./connectionStore";
export * from "./sessionStore";
export * from "./messageStore";
export * from "./rateLimiter";
export * from "./contextCache";
