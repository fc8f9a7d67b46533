// One target for every command: the EventBridge and SQS clients, the bus and archive names, and how patient to be.
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SQSClient } from "@aws-sdk/client-sqs";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { BUS_NAME } from "@innerworld/events";
import { AnalystError } from "../errors";
import { readLocalEndpoints, type LocalCloudEndpoints } from "./localEndpoints";

/**
 * How long to wait for eventual consistency. AWS says a new or changed rule may take a moment to start matching and a
 * queue policy change up to 60 seconds to apply; locally both take effect at once, so the local cloud waits for nothing.
 */
export interface Timings {
  /** After creating a temporary rule, before starting the replay that feeds it. */
  ruleSettleMs: number;
  /** After granting a temporary rule SendMessage on an existing queue's policy. */
  policySettleMs: number;
  /** Once a replay has completed, how long the temporary queue must stay empty before the drain stops. */
  drainQuietMs: number;
  /** ReceiveMessage long-poll. */
  receiveWaitSeconds: number;
  /** Between two DescribeReplay calls while following. */
  followIntervalMs: number;
}

export const LOCAL_TIMINGS: Timings = { ruleSettleMs: 0, policySettleMs: 0, drainQuietMs: 1500, receiveWaitSeconds: 1, followIntervalMs: 250 };
export const AWS_TIMINGS: Timings = { ruleSettleMs: 15_000, policySettleMs: 60_000, drainQuietMs: 20_000, receiveWaitSeconds: 5, followIntervalMs: 5000 };

export interface AnalystTarget {
  kind: "local" | "aws";
  /** Where the commands go, in words: printed first by every command. */
  description: string;
  region: string;
  busName: string;
  archiveName: string;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  timings: Timings;
  close(): void;
}

export interface TargetOptions {
  /** Data dir of a running local cloud (its endpoints.json says where everything listens). */
  local?: string;
  /** EventBridge endpoint URL (LocalStack, a local cloud you describe by hand, a VPC endpoint). */
  endpoint?: string;
  /** SQS endpoint URL; defaults to --endpoint (LocalStack serves both on one port). */
  sqsEndpoint?: string;
  profile?: string;
  region?: string;
  bus?: string;
  /** On AWS each stage has its own bus, `innerworld-<stage>`. */
  stage?: string;
  archive?: string;
  settleSeconds?: number;
  quietSeconds?: number;
}

/** The local cloud's key pair: its emulators check every signature against it, as AWS checks against its keys. */
const PLACEHOLDER_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

const withOverrides = (timings: Timings, options: TargetOptions): Timings => ({
  ...timings,
  ...(options.settleSeconds !== undefined ? { ruleSettleMs: options.settleSeconds * 1000, policySettleMs: options.settleSeconds * 1000 } : {}),
  ...(options.quietSeconds !== undefined ? { drainQuietMs: options.quietSeconds * 1000 } : {}),
});

interface EmulatorTargetInput {
  eventBridgeEndpoint: string;
  sqsEndpoint: string;
  region: string;
  credentials: typeof PLACEHOLDER_CREDENTIALS | ReturnType<typeof defaultProvider>;
  busName: string;
  archiveName: string;
  description: string;
}

/** A target on emulators (the local cloud, or any endpoint given by flag): explicit endpoints, local timings. */
const emulatorTarget = (input: EmulatorTargetInput, options: TargetOptions): AnalystTarget => {
  const eventBridge = new EventBridgeClient({ endpoint: input.eventBridgeEndpoint, region: input.region, credentials: input.credentials });
  // fauxqs hands out queue URLs on a host that does not resolve: the explicit endpoint must win over them.
  const sqs = new SQSClient({ endpoint: input.sqsEndpoint, region: input.region, credentials: input.credentials, useQueueUrlAsEndpoint: false });
  return {
    kind: "local",
    description: input.description,
    region: input.region,
    busName: input.busName,
    archiveName: input.archiveName,
    eventBridge,
    sqs,
    timings: withOverrides(LOCAL_TIMINGS, options),
    close() {
      eventBridge.destroy();
      sqs.destroy();
    },
  };
};

/** A target on a running local cloud, from its endpoints file's contents. */
export const localTarget = (endpoints: LocalCloudEndpoints, options: TargetOptions = {}, where = "the local cloud"): AnalystTarget => {
  const busName = options.bus ?? endpoints.busName;
  return emulatorTarget(
    {
      eventBridgeEndpoint: endpoints.eventBridgeEndpoint,
      sqsEndpoint: endpoints.sqsEndpoint,
      region: endpoints.region,
      credentials: PLACEHOLDER_CREDENTIALS,
      busName,
      archiveName: options.archive ?? (options.bus ? `${options.bus}-archive` : endpoints.archiveName),
      description: `${where} (EventBridge ${endpoints.eventBridgeEndpoint}, SQS ${endpoints.sqsEndpoint}), bus ${busName}`,
    },
    options,
  );
};

/** Resolves the flags into a target: --local first, then an explicit endpoint, then AWS through the credential chain. */
export const connect = async (options: TargetOptions): Promise<AnalystTarget> => {
  if (options.local !== undefined) {
    const { endpoints, file } = await readLocalEndpoints(options.local);
    return localTarget(endpoints, options, `the local cloud of ${file}`);
  }
  const busName = options.bus ?? (options.stage ? `${BUS_NAME}-${options.stage}` : BUS_NAME);
  const archiveName = options.archive ?? `${busName}-archive`;
  if (options.endpoint !== undefined) {
    const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    // An emulator of the local cloud takes its own key pair; a profile or keys in the environment are used when given.
    const credentials = options.profile || process.env.AWS_ACCESS_KEY_ID ? defaultProvider(options.profile ? { profile: options.profile } : {}) : PLACEHOLDER_CREDENTIALS;
    const sqsEndpoint = options.sqsEndpoint ?? options.endpoint;
    return emulatorTarget(
      { eventBridgeEndpoint: options.endpoint, sqsEndpoint, region, credentials, busName, archiveName, description: `EventBridge ${options.endpoint}, SQS ${sqsEndpoint} (${region}), bus ${busName}` },
      options,
    );
  }
  const clientConfig = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    credentials: defaultProvider(options.profile ? { profile: options.profile } : {}),
  };
  const eventBridge = new EventBridgeClient(clientConfig);
  const sqs = new SQSClient(clientConfig);
  let region: string;
  try {
    region = await eventBridge.config.region();
  } catch {
    eventBridge.destroy();
    sqs.destroy();
    throw new AnalystError("USAGE", "No AWS region: pass --region, set AWS_REGION, or give your profile a region", { hint: "For the local cloud, pass --local [data-dir]." });
  }
  return {
    kind: "aws",
    description: `AWS ${region}${options.profile ? ` (profile ${options.profile})` : ""}, bus ${busName}`,
    region,
    busName,
    archiveName,
    eventBridge,
    sqs,
    timings: withOverrides(AWS_TIMINGS, options),
    close() {
      eventBridge.destroy();
      sqs.destroy();
    },
  };
};
