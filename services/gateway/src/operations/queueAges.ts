// How old the oldest message in a queue is, read without receiving it: CloudWatch in the cloud, the local SQS's own view locally.
import { GetMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";

/**
 * A port, because SQS's API has no such attribute: receiving a message to see its age would count as a delivery
 * attempt and could push a healthy message into the dead-letter queue. `null`: no message, or no reading yet.
 */
export interface QueueAges {
  oldestAgeSeconds(queueUrl: string): Promise<number | null>;
}

export class QueueAgeUnavailableError extends Error {
  override readonly name = "QueueAgeUnavailableError";
  readonly code = "QUEUE_AGE_UNAVAILABLE";
  constructor(
    readonly queueUrl: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`The age of the oldest message in ${queueUrl} could not be read: ${message}`, options);
  }
}

export const isQueueAgeUnavailableError = (error: unknown): error is QueueAgeUnavailableError =>
  error instanceof Error && error.name === "QueueAgeUnavailableError";

/** The queue's name is the URL's last path segment, in the cloud and in the local SQS alike. */
export const queueNameOfUrl = (queueUrl: string): string => decodeURIComponent(new URL(queueUrl).pathname.split("/").filter(Boolean).pop() ?? "");

/**
 * In the cloud: SQS publishes ApproximateAgeOfOldestMessage to CloudWatch once a minute while the queue is active,
 * so the answer is the latest minute's maximum within the last `lookbackMinutes` (a quiet queue has none: null).
 */
export class CloudWatchQueueAges implements QueueAges {
  constructor(
    private readonly cloudWatch: CloudWatchClient,
    private readonly clock: () => number = Date.now,
    private readonly lookbackMinutes = 10,
  ) {}

  async oldestAgeSeconds(queueUrl: string): Promise<number | null> {
    const end = this.clock();
    const result = await this.cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(end - this.lookbackMinutes * 60_000),
        EndTime: new Date(end),
        ScanBy: "TimestampDescending",
        MetricDataQueries: [
          {
            Id: "age",
            MetricStat: {
              Metric: { Namespace: "AWS/SQS", MetricName: "ApproximateAgeOfOldestMessage", Dimensions: [{ Name: "QueueName", Value: queueNameOfUrl(queueUrl) }] },
              Period: 60,
              Stat: "Maximum",
            },
          },
        ],
      }),
    );
    const latest = result.MetricDataResults?.[0]?.Values?.[0];
    return typeof latest === "number" && Number.isFinite(latest) ? Math.round(latest) : null;
  }
}

/** What the local SQS (fauxqs) shows of one message on its inspection endpoint. */
interface InspectedMessage {
  sentTimestamp?: unknown;
}
interface InspectedQueue {
  messages?: { ready?: InspectedMessage[]; inflight?: { message?: InspectedMessage }[] };
}

/**
 * Locally: fauxqs serves a read-only view of each queue (`GET /_fauxqs/queues/{name}`) with every message's send
 * time. As in CloudWatch, a message counts until it is deleted, received or not; one still waiting out its
 * delivery delay (the watchdog's) does not, since no consumer could have taken it yet. Ages are taken on the wall
 * clock, the one the local SQS stamps sends with, not on the services' clock (which tests may pin to a date).
 */
export class LocalSqsQueueAges implements QueueAges {
  constructor(
    private readonly sqsEndpoint: string,
    private readonly clock: () => number = Date.now,
    private readonly fetchQueue: typeof fetch = fetch,
  ) {}

  async oldestAgeSeconds(queueUrl: string): Promise<number | null> {
    const name = queueNameOfUrl(queueUrl);
    let body: InspectedQueue;
    try {
      const response = await this.fetchQueue(new URL(`/_fauxqs/queues/${encodeURIComponent(name)}`, this.sqsEndpoint));
      if (!response.ok) throw new QueueAgeUnavailableError(queueUrl, `the local SQS answered ${response.status}`);
      body = (await response.json()) as InspectedQueue;
    } catch (error) {
      if (isQueueAgeUnavailableError(error)) throw error;
      throw new QueueAgeUnavailableError(queueUrl, (error as Error).message, { cause: error });
    }
    const sent = [...(body.messages?.ready ?? []), ...(body.messages?.inflight ?? []).map((entry) => entry.message ?? {})]
      .map((message) => Number(message.sentTimestamp))
      .filter((at) => Number.isFinite(at) && at > 0);
    if (sent.length === 0) return null;
    return Math.max(0, Math.round((this.clock() - Math.min(...sent)) / 1000));
  }
}
