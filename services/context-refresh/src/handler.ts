// The context-refresh service's Lambda entry: a thin SQS handler over refreshContext.
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { DynamoDbContextCacheStore } from "@innerworld/memory/context-cache";
import { graphStoreFor } from "@innerworld/memory/graph";
import { createContextRefresher } from "./refreshContext";

export const createHandler = (runtime: ServiceRuntime<"context-refresh">) => {
  const refresher = createContextRefresher({
    cache: new DynamoDbContextCacheStore(runtime.dynamodb, runtime.tables.contextCache, runtime.clock),
    graph: graphStoreFor(runtime),
    publisher: runtime.publisher,
    clock: runtime.clock,
  });
  return createServiceConsumer(runtime, { GraphUpdated: refresher.graphUpdated, SessionStarted: refresher.sessionStarted, UserDeleted: refresher.userDeleted });
};

export const handler = lambdaFromEnvironment("context-refresh", createHandler);
