// The deployment plan: everything infra creates, as plain data derived from the topology and table definitions.
import type { ServiceName } from "../../packages/events/src/envelope";
import type { IdentityProvider, StageSettings } from "./settings";

/** An SST app of its own: the shared core, the gateway (it owns the APIs), or one consuming service. */
export type PartName = "core" | ServiceName;

/** What a function can be linked to; each becomes one `Resource.<name>` in the Lambda. */
export type LinkKey = "bus" | "tables" | "deadLetterQueue" | "connections" | "userPool" | "graph" | "modelApiKey" | "moderationApiKey" | "portraits" | "surveySourceSecret";

export interface FunctionPlan {
  /** SST component name, unique across all parts. */
  logicalName: string;
  /** The Lambda's own name, so operators and alarms find it without looking it up. */
  name: string;
  /** `file.export`, relative to the repository root, as SST bundles it. */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** From the topology table for consuming services; the gateway's functions are arm64. */
  architecture: "arm64" | "x86_64";
  links: LinkKey[];
  /** Plain, non-secret settings the handler reads from its environment. */
  environment: Record<string, string>;
  /** Placed in the VPC's private subnets, to reach Neptune. */
  inVpc: boolean;
  /** Files shipped beside the bundle (`to` is relative to the function's root), such as the screening classifier. */
  copyFiles?: { from: string; to: string }[];
}

export interface QueuePlan {
  logicalName: string;
  name: string;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  /** SQS DelaySeconds: how long each message waits before a consumer may see it (the turn watchdog's deadline). */
  deliveryDelaySeconds?: number;
}

export interface ServicePlan {
  service: ServiceName;
  part: PartName;
  queue: QueuePlan & { policyLogicalName: string };
  /** Also the EventBridge target's dead-letter queue: an event the bus cannot deliver lands where a failed one does. */
  deadLetterQueue: QueuePlan & { linkName: string; policyLogicalName: string };
  maxReceiveCount: number;
  rule: { logicalName: string; targetLogicalName: string; name: string; pattern: Record<string, unknown>; acceptsReplay: boolean };
  function: FunctionPlan;
  subscription: { batchSize: number; maxBatchingWindowSeconds: number; partialResponses: true };
  /** A function the service runs on a schedule besides its queue (storage's survey sweep). */
  scheduled?: { logicalName: string; schedule: `rate(${string})`; description: string; function: FunctionPlan };
}

export interface TablePlan {
  key: string;
  logicalName: string;
  name: string;
  fields: Record<string, "string" | "number">;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes: Record<string, { hashKey: string; rangeKey?: string; projection: "all" | "keys-only" | string[] }>;
  ttl?: string;
  deletionProtection: boolean;
}

export interface AlarmPlan {
  logicalName: string;
  name: string;
  part: PartName;
  description: string;
  namespace: "AWS/SQS" | "AWS/Lambda";
  metricName: "ApproximateNumberOfMessagesVisible" | "ApproximateAgeOfOldestMessage" | "Errors";
  statistic: "Maximum" | "Sum";
  periodSeconds: number;
  evaluationPeriods: number;
  threshold: number;
  /** The queue or function (by logical name) whose metric this watches. */
  subject: { kind: "queue" | "function"; logicalName: string };
}

export interface DashboardWidgetPlan {
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  periodSeconds: number;
  metrics: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string; label?: string }[];
}

/** One CloudWatch dashboard for the stage, in the core: every part's queues and functions have planned names. */
export interface DashboardPlan {
  logicalName: string;
  name: string;
  part: "core";
  widgets: DashboardWidgetPlan[];
}

export interface SecretPlan {
  /** Also the link name, i.e. `Resource.<logicalName>.value`. */
  logicalName: string;
  part: PartName;
  /** Without a value the deploy stops; optional secrets default to empty, which the code reads as "not configured". */
  required: boolean;
  purpose: string;
}

export interface SharedParameterPlan {
  key: string;
  logicalName: string;
  name: string;
  writer: PartName;
  readers: PartName[];
}

export interface CorePlan {
  /** Synthesised personas' portraits; S3 names it (bucket names are global), the name travels by parameter. */
  portraits: { logicalName: string };
  bus: { logicalName: string; name: string; archive: { logicalName: string; name: string; retentionDays: number } };
  tables: TablePlan[];
  /** Physical table names are `<prefix>-<table key>`, as `tableNamesFor` in packages/platform expects. */
  tablePrefix: string;
  auth: {
    logicalName: string;
    name: string;
    clientLogicalName: string;
    domainPrefix: string;
    providers: { provider: IdentityProvider; logicalName: string; secrets: string[] }[];
    callbackUrls: string[];
    deletionProtection: boolean;
  };
  graph:
    | { backend: "dynamodb" }
    | {
        backend: "neptune";
        vpcLogicalName: string;
        nat: "managed" | "ec2";
        securityGroupLogicalName: string;
        subnetGroupLogicalName: string;
        clusterLogicalName: string;
        instanceLogicalName: string;
        clusterIdentifier: string;
        capacity: { min: number; max: number };
      };
  alarmTopic: { logicalName: string; name: string; email?: string; subscriptionLogicalName: string };
}

export interface GatewayPlan {
  part: "gateway";
  api: { logicalName: string; name: string };
  /** REQUEST authorizer on $connect: WebSocket APIs have no JWT authorizer. */
  authorizer: { name: string; function: FunctionPlan; identitySources: string[] };
  routes: { route: "$connect" | "$disconnect" | "$default"; function: FunctionPlan }[];
  /** The Linkable that hands the @connections URL and permission to the gateway's own functions. */
  connectionsLinkName: string;
  sweep: { logicalName: string; schedule: `rate(${string})`; function: FunctionPlan };
  readApi: {
    logicalName: string;
    name: string;
    authorizerName: string;
    routes: string[];
    /** Of `routes`, the ones served without the JWT authorizer. */
    publicRoutes: string[];
    /** IAM statements beyond the links: the admin API's queue actions, readiness's bus check. */
    permissions: { actions: string[]; resources: string[] }[];
    function: FunctionPlan;
  };
  /** The survey routes, on the same HTTP API; the public ones (a friend answering) have no authorizer. */
  surveyApi: {
    routes: string[];
    publicRoutes: string[];
    function: FunctionPlan;
  };
}

export interface DeploymentPlan {
  stage: string;
  settings: StageSettings;
  /** Deploy order; removal goes the other way. */
  parts: PartName[];
  core: CorePlan;
  gateway: GatewayPlan;
  services: ServicePlan[];
  alarms: AlarmPlan[];
  dashboard: DashboardPlan;
  secrets: SecretPlan[];
  parameters: SharedParameterPlan[];
}
