// The oldest-message age of a queue, from CloudWatch's reading or the local SQS's own view, never by receiving.
import type { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { CloudWatchQueueAges, isQueueAgeUnavailableError, LocalSqsQueueAges, queueNameOfUrl } from "./queueAges";

const NOW = Date.UTC(2026, 2, 14, 12, 0, 0);
const QUEUE_URL = "http://sqs.us-east-1.localhost:4512/000000000000/innerworld-safety";

const inspected = (body: unknown, status = 200): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })) as typeof fetch;

describe("queue ages", () => {
  it("names the queue by its URL's last segment", () => {
    expect(queueNameOfUrl(QUEUE_URL)).toBe("innerworld-safety");
    expect(queueNameOfUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/innerworld-prod-notifier-dlq")).toBe("innerworld-prod-notifier-dlq");
  });

  it("locally, counts waiting and received messages but not delayed ones, from the oldest send", async () => {
    const asked: string[] = [];
    const fetchQueue = (async (url: URL) => {
      asked.push(String(url));
      return inspected({
        messages: {
          ready: [{ sentTimestamp: NOW - 5_000 }],
          delayed: [{ sentTimestamp: NOW - 60_000 }],
          inflight: [{ message: { sentTimestamp: NOW - 42_000 } }],
        },
      })(url);
    }) as typeof fetch;
    const ages = new LocalSqsQueueAges("http://127.0.0.1:4512", () => NOW, fetchQueue);
    expect(await ages.oldestAgeSeconds(QUEUE_URL)).toBe(42);
    expect(asked).toEqual(["http://127.0.0.1:4512/_fauxqs/queues/innerworld-safety"]);
  });

  it("locally, has no age for an empty queue, and a typed error when the queue cannot be looked at", async () => {
    expect(await new LocalSqsQueueAges("http://127.0.0.1:4512", () => NOW, inspected({ messages: { ready: [], inflight: [], delayed: [] } })).oldestAgeSeconds(QUEUE_URL)).toBeNull();
    const missing = new LocalSqsQueueAges("http://127.0.0.1:4512", () => NOW, inspected({ error: "not found" }, 404));
    const error: unknown = await missing.oldestAgeSeconds(QUEUE_URL).catch((e: unknown) => e);
    expect(isQueueAgeUnavailableError(error) && error.code).toBe("QUEUE_AGE_UNAVAILABLE");
  });

  it("in the cloud, reads the latest minute's maximum of ApproximateAgeOfOldestMessage for the queue's name", async () => {
    const sent: GetMetricDataCommand[] = [];
    const answers = [{ MetricDataResults: [{ Id: "age", Values: [317.4, 290] }] }, { MetricDataResults: [{ Id: "age", Values: [] }] }];
    const cloudWatch = { send: async (command: GetMetricDataCommand) => (sent.push(command), answers.shift()) } as unknown as CloudWatchClient;
    const ages = new CloudWatchQueueAges(cloudWatch, () => NOW);
    expect(await ages.oldestAgeSeconds(QUEUE_URL)).toBe(317);
    // A quiet queue publishes nothing: no reading, not zero.
    expect(await ages.oldestAgeSeconds(QUEUE_URL)).toBeNull();
    const input = sent[0]?.input;
    expect(input?.EndTime).toEqual(new Date(NOW));
    expect(input?.ScanBy).toBe("TimestampDescending");
    expect(input?.MetricDataQueries?.[0]?.MetricStat).toEqual({
      Metric: { Namespace: "AWS/SQS", MetricName: "ApproximateAgeOfOldestMessage", Dimensions: [{ Name: "QueueName", Value: "innerworld-safety" }] },
      Period: 60,
      Stat: "Maximum",
    });
  });
});
