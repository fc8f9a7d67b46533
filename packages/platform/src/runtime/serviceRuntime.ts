// The AWS clients and names one service works with, built once per Lambda container or local process.
import { Agent } from "node:http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { EventPublisher, type DeadLetterSink, type ServiceName } from "@innerworld/events";
import { systemClock, type Clock } from "../clock/time";
import { tableNamesFor, type TableNames } from "../tables";
import type { RuntimeConfig } from "./config";
import { runtimeConfigFromResource } from "./sstResource";
import { SqsDeadLetterSink } from "./deadLetters";
import { withoutSdkCallLogging } from "../aws/quietClient";
import { AWS_CALL_TIMEOUTS } from "../aws/callTimeouts";
import type { Logger } from "@aws-lambda-powertools/logger";
import { createServiceLogger, createServiceMetrics, METRIC, silentMetrics, type EmfSink, type MetricsPort } from "../observability";

export interface ServiceRuntime<S extends ServiceName = ServiceName> {
  service: S;
  config: RuntimeConfig;
  tables: TableNames;
  dynamodb: DynamoDBDocumentClient;
  /** The plain client under `dynamodb`, for libraries that want one (Powertools idempotency). */
  dynamodbClient: DynamoDBClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  publisher: EventPublisher;
  deadLetters?: DeadLetterSink;
  /** What the services take as now: the system clock in Lambda, a chosen one in tests of the local cloud. */
  clock: Clock;
  /** JSON logs with the service's name; the consumer adds correlationId, eventId and sessionId per event. */
  logger: Logger;
  /** Embedded-metric-format metrics, flushed at the end of each invocation. */
  metrics: MetricsPort;
  destroy(): void;
}

export interface ServiceRuntimeOptions {
  clock?: Clock;
  /** Off AWS, where each invocation's EMF line goes (the local cloud collects them); without one, metrics are off there. */
  emf?: EmfSink;
}

export const createServiceRuntime = <S extends ServiceName>(service: S, config: RuntimeConfig, options: ServiceRuntimeOptions = {}): ServiceRuntime<S> => {
  // Local endpoints speak plain HTTP; one keep-alive agent per runtime saves a TCP handshake on every call.
  const localAgent = Object.values(config.endpoints).some((e) => e?.startsWith("http:")) ? new Agent({ keepAlive: true, maxSockets: 256 }) : undefined;
  const common = {
    region: config.region,
    ...(config.credentials ? { credentials: config.credentials } : {}),
    requestHandler: { ...AWS_CALL_TIMEOUTS, ...(localAgent ? { httpAgent: localAgent } : {}) },
  };
  const dynamodbClient = withoutSdkCallLogging(new DynamoDBClient({ ...common, ...(config.endpoints.dynamodb ? { endpoint: config.endpoints.dynamodb } : {}) }));
  const dynamodb = DynamoDBDocumentClient.from(dynamodbClient, { marshallOptions: { removeUndefinedValues: true } });
  const eventBridge = withoutSdkCallLogging(new EventBridgeClient({ ...common, ...(config.endpoints.eventBridge ? { endpoint: config.endpoints.eventBridge } : {}) }));
  const sqs = withoutSdkCallLogging(
    new SQSClient({
      ...common,
      // Local SQS hands out queue URLs on a host that does not resolve; the explicit endpoint must win.
      ...(config.endpoints.sqs ? { endpoint: config.endpoints.sqs, useQueueUrlAsEndpoint: false } : {}),
    }),
  );
  const deadLetterQueueUrl = config.deadLetterQueueUrls[service];
  // Off AWS (the local cloud, tests) no CloudWatch reads stdout: EMF lines there would only bury the output, so they
  // go to the sink the local cloud gives (the same lines), or nowhere.
  const onAws = !config.endpoints.dynamodb && !config.endpoints.eventBridge && !config.endpoints.sqs;
  const metrics = onAws ? createServiceMetrics(service) : options.emf ? createServiceMetrics(service, { sink: options.emf }) : silentMetrics;
  const deadLetterSink = deadLetterQueueUrl ? new SqsDeadLetterSink(sqs, deadLetterQueueUrl) : undefined;
  return {
    service,
    config,
    tables: tableNamesFor(config.tablePrefix),
    dynamodb,
    dynamodbClient,
    eventBridge,
    sqs,
    // Events are stamped with the services' clock, so occurredAt agrees with every time they write (tombstones included).
    publisher: new EventPublisher({ client: eventBridge, busName: config.busName, producer: service, now: () => new Date((options.clock ?? systemClock)()) }),
    ...(deadLetterSink
      ? {
          deadLetters: {
            async send(record, reason) {
              await deadLetterSink.send(record, reason);
              metrics.count(METRIC.deadLetters);
            },
          },
        }
      : {}),
    clock: options.clock ?? systemClock,
    logger: createServiceLogger(service),
    metrics,
    destroy() {
      dynamodbClient.destroy();
      eventBridge.destroy();
      sqs.destroy();
      localAgent?.destroy();
    },
  };
};

/** A Lambda handler that builds its runtime from the environment on first use and keeps it for the container's life. */
export const lambdaFromEnvironment = <S extends ServiceName, THandler extends (...args: never[]) => unknown>(
  service: S,
  build: (runtime: ServiceRuntime<S>) => THandler,
): THandler => {
  let built: THandler | undefined;
  return ((...args: Parameters<THandler>) => {
    built ??= build(createServiceRuntime(service, runtimeConfigFromResource(service)));
    return built(...args);
  }) as THandler;
};
