// Chooses the user graph's store: Neptune through Gremlin when configured, the DynamoDB adjacency list otherwise.
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { DynamoDbGraphStore } from "./dynamoDbGraphStore";
import type { GraphStore } from "./graphStore";

export const graphStoreFor = (runtime: ServiceRuntime, env: NodeJS.ProcessEnv = process.env): GraphStore => {
  if (env.INNERWORLD_GRAPH_BACKEND === "neptune") {
    const url = env.INNERWORLD_GREMLIN_ENDPOINT;
    if (!url) throw new Error("INNERWORLD_GRAPH_BACKEND=neptune needs INNERWORLD_GREMLIN_ENDPOINT (wss://<cluster>:8182/gremlin)");
    return lazyGremlinGraphStore(url, runtime.config.region);
  }
  return new DynamoDbGraphStore(runtime.dynamodb, runtime.tables.graph);
};

/**
 * The Gremlin store for Neptune, loaded on the first call: the driver and the request signer (~0.25 MB) stay out of
 * the cold start of every Lambda that runs on the DynamoDB graph (handlers are bundled with code splitting).
 */
const lazyGremlinGraphStore = (url: string, region: string): GraphStore => {
  let loaded: Promise<GraphStore> | undefined;
  const store = () =>
    (loaded ??= Promise.all([import("./gremlinGraphStore"), import("./neptuneConnection")]).then(
      ([{ GremlinGraphStore }, { createNeptuneConnection }]) => new GremlinGraphStore(createNeptuneConnection({ url, region })),
    ));
  return {
    apply: async (userId, mutation) => (await store()).apply(userId, mutation),
    getUserGraph: async (userId) => (await store()).getUserGraph(userId),
    counts: async (userId) => (await store()).counts(userId),
    topEdges: async (userId, limit) => (await store()).topEdges(userId, limit),
    deleteVertex: async (userId, vertexId, forgottenAt) => (await store()).deleteVertex(userId, vertexId, forgottenAt),
    deleteUser: async (userId) => (await store()).deleteUser(userId),
  };
};
