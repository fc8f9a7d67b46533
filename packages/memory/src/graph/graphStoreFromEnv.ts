// Chooses the user graph's store: Neptune through Gremlin when configured, the DynamoDB adjacency list otherwise.
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { DynamoDbGraphStore } from "./dynamoDbGraphStore";
import type { GraphStore } from "./graphStore";
import { GremlinGraphStore } from "./gremlinGraphStore";
import { createNeptuneConnection } from "./neptuneConnection";

export const graphStoreFor = (runtime: ServiceRuntime, env: NodeJS.ProcessEnv = process.env): GraphStore => {
  if (env.INNERWORLD_GRAPH_BACKEND === "neptune") {
    const url = env.INNERWORLD_GREMLIN_ENDPOINT;
    if (!url) throw new Error("INNERWORLD_GRAPH_BACKEND=neptune needs INNERWORLD_GREMLIN_ENDPOINT (wss://<cluster>:8182/gremlin)");
    return new GremlinGraphStore(createNeptuneConnection({ url, region: runtime.config.region }));
  }
  return new DynamoDbGraphStore(runtime.dynamodb, runtime.tables.graph);
};
