// Test helpers: a local cloud in a temp dir on free ports, and clients pointed at it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { sqsClientFor } from "@innerworld/emulators/sqs";
import { EPHEMERAL_PORTS, startLocalCloud, type LocalCloud, type LocalCloudOptions } from "@innerworld/local";

export const FREE_PORTS = EPHEMERAL_PORTS;

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `innerworld-${prefix}-`));

export interface TestCloud {
  cloud: LocalCloud;
  dataDir: string;
  eventBridge: EventBridgeClient;
  sqs: ReturnType<typeof sqsClientFor>;
  dynamodb: DynamoDBClient;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * A test cloud whose generation answers through a local OpenAI-compatible server. Its services read their model
 * settings from the environment, as a deployed function does; the client makes no retries of its own, so a test counts
 * exactly the requests the server saw. `settings` adds or overrides the file's own (fallbacks, deadlines, circuits).
 */
export const startTestCloudWithModel = async (baseUrl: string, model: string, settings: Record<string, string> = {}, options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> => {
  Object.assign(process.env, { INNERWORLD_MODEL_BASE_URL: baseUrl, INNERWORLD_MODEL_API_KEY: "test-key", INNERWORLD_MODEL: model, INNERWORLD_MODEL_MAX_RETRIES: "0", ...settings });
  return startTestCloud(options);
};

export const startTestCloud = async (options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> => {
  const dataDir = options.dataDir ?? (await tempDir("cloud"));
  // The sweeps run when a test asks (sweepSessions, sweepSurveys), not on a timer that a slow machine lets fire mid-test.
  const cloud = await startLocalCloud({ sweepIntervalMs: 3_600_000, surveySweepIntervalMs: 3_600_000, ...options, dataDir, ports: { ...FREE_PORTS, ...options.ports } });
  const { region } = cloud.endpoints;
  const eventBridge = new EventBridgeClient({ endpoint: cloud.endpoints.eventBridgeEndpoint, region, credentials: localCredentials });
  const sqs = sqsClientFor(cloud.endpoints.sqsEndpoint, region);
  const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodbEndpoint, region, credentials: localCredentials });
  return {
    cloud,
    dataDir,
    eventBridge,
    sqs,
    dynamodb,
    async stop({ keepData = false } = {}) {
      eventBridge.destroy();
      sqs.destroy();
      dynamodb.destroy();
      await cloud.stop();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * Polls `probe` until it gives a value. The default limit is generous, as a busy machine may take many seconds over
 * what takes milliseconds on an idle one; it is spent only when the value never comes.
 */
export const until = async <T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export { setTimeout as sleep } from "node:timers/promises";
