// The file that tells clients, tests and out-of-process services where each part of the local cloud listens.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ServiceName } from "@innerworld/events";
import type { ServiceQueues } from "@innerworld/emulators/sqs";

export interface LocalEndpoints {
  region: string;
  busName: string;
  archiveName: string;
  tablePrefix: string;
  websocketUrl: string;
  connectionsUrl: string;
  readApiUrl: string;
  /** The web client, when the local cloud serves it (`pnpm start` does). */
  webUrl?: string;
  /** Server-sent events of every turn's events and the dead-letter counts, for the web client's operator view. */
  eventTapUrl?: string;
  eventBridgeEndpoint: string;
  sqsEndpoint: string;
  dynamodbEndpoint: string;
  /** The S3-compatible server, and the bucket portraits are stored in. */
  s3Endpoint: string;
  portraitBucket: string;
  tokenUrl: string;
  issuer: string;
  jwksUri: string;
  audience: string;
  /** Every service's EMF metric lines, as CloudWatch would receive them; attached processes append to it too. */
  metricsFile?: string;
  /** The turn deadline, when this cloud was started with one of its own (the watchdog's delay; generation stops showing a turn past it). */
  turnDeadlineSeconds?: number;
  queues: Partial<Record<ServiceName, ServiceQueues>>;
  ruleArns: Partial<Record<ServiceName, string>>;
  pid: number;
}

/** The file a local cloud writes its endpoints to, in its data directory. */
export const ENDPOINTS_FILE_NAME = "endpoints.json";
export const endpointsFileIn = (dataDir: string) => join(dataDir, ENDPOINTS_FILE_NAME);

export const writeEndpoints = async (dataDir: string, endpoints: LocalEndpoints): Promise<string> => {
  const path = endpointsFileIn(dataDir);
  await mkdir(dirname(path), { recursive: true });
  // Write then rename, so a reader never sees half a file.
  await writeFile(`${path}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
  return path;
};

export const readEndpoints = async (dataDir: string): Promise<LocalEndpoints> =>
  JSON.parse(await readFile(endpointsFileIn(dataDir), "utf8")) as LocalEndpoints;
