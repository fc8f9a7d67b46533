// Where a service finds its AWS resources: environment variables, set by SST in Lambda and by the local cloud locally.
import { BUS_NAME, SERVICE_NAMES, type ServiceName } from "@innerworld/events";

export interface RuntimeConfig {
  region: string;
  busName: string;
  /** Physical table names are `<tablePrefix>-<table>`. */
  tablePrefix: string;
  endpoints: { dynamodb?: string; eventBridge?: string; sqs?: string; s3?: string };
  /** The S3 bucket synthesised personas' portraits are stored in. */
  portraitBucket?: string;
  /** Base URL of the API Gateway @connections API (`https://{api}.execute-api.{region}.amazonaws.com/{stage}`). */
  connectionsUrl?: string;
  deadLetterQueueUrls: Partial<Record<ServiceName, string>>;
  /** Every consuming service's queue and dead-letter queue (URL or name), for the admin API's status and redrive. */
  serviceQueues?: ServiceQueueRefs;
  /** A turn's deadline when not the topology's (a local cloud started with its own): the watchdog's delay. */
  turnDeadlineSeconds?: number;
  /** Static credentials for local endpoints; in AWS the default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export type ServiceQueueRefs = Partial<Record<ServiceName, { queue: string; deadLetterQueue: string }>>;

const SERVICE_QUEUES_ENV = "INNERWORLD_SERVICE_QUEUES";

const parseServiceQueues = (text: string | undefined): ServiceQueueRefs | undefined => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ServiceQueueRefs;
  } catch {
    throw new Error(`${SERVICE_QUEUES_ENV} must be JSON: {"<service>": {"queue": "<url or name>", "deadLetterQueue": "<url or name>"}}`);
  }
};

const envKeyOfDeadLetterQueue = (service: ServiceName) => `INNERWORLD_DLQ_URL_${service.toUpperCase().replace(/-/g, "_")}`;

export const runtimeConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): RuntimeConfig => {
  const deadLetterQueueUrls: Partial<Record<ServiceName, string>> = {};
  for (const service of SERVICE_NAMES) {
    const url = env[envKeyOfDeadLetterQueue(service)];
    if (url) deadLetterQueueUrls[service] = url;
  }
  const serviceQueues = parseServiceQueues(env[SERVICE_QUEUES_ENV]);
  const local = Boolean(env.INNERWORLD_DYNAMODB_ENDPOINT || env.INNERWORLD_EVENTBRIDGE_ENDPOINT);
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    busName: env.INNERWORLD_BUS_NAME ?? BUS_NAME,
    tablePrefix: env.INNERWORLD_TABLE_PREFIX ?? "innerworld",
    endpoints: {
      ...(env.INNERWORLD_DYNAMODB_ENDPOINT ? { dynamodb: env.INNERWORLD_DYNAMODB_ENDPOINT } : {}),
      ...(env.INNERWORLD_EVENTBRIDGE_ENDPOINT ? { eventBridge: env.INNERWORLD_EVENTBRIDGE_ENDPOINT } : {}),
      ...(env.INNERWORLD_SQS_ENDPOINT ? { sqs: env.INNERWORLD_SQS_ENDPOINT } : {}),
      ...(env.INNERWORLD_S3_ENDPOINT ? { s3: env.INNERWORLD_S3_ENDPOINT } : {}),
    },
    ...(env.INNERWORLD_PORTRAIT_BUCKET ? { portraitBucket: env.INNERWORLD_PORTRAIT_BUCKET } : {}),
    ...(env.INNERWORLD_CONNECTIONS_URL ? { connectionsUrl: env.INNERWORLD_CONNECTIONS_URL } : {}),
    deadLetterQueueUrls,
    ...(serviceQueues ? { serviceQueues } : {}),
    ...(Number(env.INNERWORLD_TURN_DEADLINE_SECONDS) > 0 ? { turnDeadlineSeconds: Number(env.INNERWORLD_TURN_DEADLINE_SECONDS) } : {}),
    ...(local ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  };
};
