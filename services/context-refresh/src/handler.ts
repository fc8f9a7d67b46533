// The context-refresh service's Lambda entry: a thin SQS handler over refreshContext.
import { createServiceConsumer, graphStoreFor, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/core";
import { createContextRefresher } from "./refreshContext";

export const createHandler = (runtime: ServiceRuntime) => {
  const refresher = createContextRefresher({ dynamodb: runtime.dynamodb, tables: runtime.tables, graph: graphStoreFor(runtime), publisher: runtime.publisher });
  return createServiceConsumer(runtime, { GraphUpdated: refresher.graphUpdated, SessionStarted: refresher.sessionStarted });
};

export const handler = lambdaFromEnvironment("context-refresh", createHandler);
