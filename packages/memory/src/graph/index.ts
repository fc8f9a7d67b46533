// The user graph: model, merge planning and rules, the GraphStore port and its DynamoDB, Gremlin (Neptune) and in-memory adapters.
export * from "./model";
export * from "./ids";
export * from "./errors";
export * from "./mutation";
export * from "./planMerge";
export * from "./mergeRecords";
export * from "./graphStore";
export * from "./dynamoDbGraphStore";
export * from "./gremlinGraphStore";
export * from "./inMemoryGraphStore";
export * from "./neptuneSigner";
export * from "./neptuneConnection";
export * from "./graphStoreFromEnv";
