// The user graph: model, merge planning and rules, the GraphStore port and its DynamoDB and Gremlin (Neptune) adapters.
export * from "./model";
export * from "./ids";
export * from "./errors";
export * from "./mutation";
export * from "./planMerge";
export * from "./mergeRecords";
export * from "./graphStore";
export * from "./dynamoDbGraphStore";
export * from "./gremlinGraphStore";
export * from "./neptuneSigner";
export * from "./neptuneConnection";
export * from "./graphStoreFromEnv";
