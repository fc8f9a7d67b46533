// The storage service's Lambda entry: a thin SQS handler over its logic.
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/core";

export const createHandler = (runtime: ServiceRuntime) => createServiceConsumer(runtime, {});

export const handler = lambdaFromEnvironment("storage", createHandler);
