// Where a service finds its resources when SST deployed it: the linked `Resource`, read on first use; elsewhere, the environment.
import { Resource } from "sst/resource";
import { SERVICE_NAMES, type ServiceName } from "@innerworld/events";
import { runtimeConfigFromEnv, type RuntimeConfig } from "./config";

/**
 * The names infra links resources under, i.e. the keys of `Resource` in a Lambda. infra/ imports this object,
 * so a rename on either side is a type error rather than a Lambda that cannot find its bus.
 */
export const LINK_NAMES = {
  bus: "Bus",
  tables: "Tables",
  connections: "Connections",
  userPool: "UserPool",
  graph: "Graph",
  modelApiKey: "ModelApiKey",
  moderationApiKey: "ModerationApiKey",
  portraits: "Portraits",
  surveySourceSecret: "SurveySourceSecret",
} as const;

const pascal = (service: ServiceName) =>
  service
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

/** Each service links only its own dead-letter queue, under this name. */
export const deadLetterQueueLinkName = (service: ServiceName) => `${pascal(service)}DeadLetterQueue`;

/** The properties each link carries; infra declares its `sst.Linkable`s with these shapes. */
export interface LinkedProperties {
  Bus: { name: string; arn: string };
  Tables: { prefix: string };
  Connections: { url: string };
  UserPool: { id: string; clientId: string };
  Graph: { endpoint: string; port: string };
  Secret: { value: string };
  Queue: { url: string };
  Bucket: { name: string };
}

type LinkedResources = Record<string, unknown>;

/** SST sets `SST_RESOURCE_App` on every function it deploys (and in `sst dev` / `sst shell`); the local cloud never does. */
export const isRunningUnderSst = (env: NodeJS.ProcessEnv = process.env): boolean =>
  typeof env.SST_RESOURCE_App === "string" && env.SST_RESOURCE_App.length > 0;

const envKeyOfDeadLetterQueue = (service: ServiceName) => `INNERWORLD_DLQ_URL_${service.toUpperCase().replace(/-/g, "_")}`;

/**
 * The linked resources as the INNERWORLD_* variables the rest of the code already reads. Links a service does not
 * have (no @connections for storage, no model key for safety) are simply absent; `in` never throws on the proxy.
 */
export const linkedEnvironment = (service: ServiceName, resource: LinkedResources = Resource as unknown as LinkedResources): Record<string, string> => {
  const read = <K extends keyof LinkedProperties>(name: string): Partial<LinkedProperties[K]> | undefined =>
    name in resource ? (resource[name] as Partial<LinkedProperties[K]>) : undefined;
  const env: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value) env[key] = value;
  };
  set("INNERWORLD_BUS_NAME", read<"Bus">(LINK_NAMES.bus)?.name);
  set("INNERWORLD_TABLE_PREFIX", read<"Tables">(LINK_NAMES.tables)?.prefix);
  set("INNERWORLD_CONNECTIONS_URL", read<"Connections">(LINK_NAMES.connections)?.url);
  set("INNERWORLD_PORTRAIT_BUCKET", read<"Bucket">(LINK_NAMES.portraits)?.name);
  set(envKeyOfDeadLetterQueue(service), read<"Queue">(deadLetterQueueLinkName(service))?.url);
  const userPool = read<"UserPool">(LINK_NAMES.userPool);
  set("INNERWORLD_USER_POOL_ID", userPool?.id);
  set("INNERWORLD_USER_POOL_CLIENT_ID", userPool?.clientId);
  const graph = read<"Graph">(LINK_NAMES.graph);
  // The Gremlin adapter wants a URL; the link carries the cluster endpoint and port as Neptune reports them.
  set("INNERWORLD_GREMLIN_ENDPOINT", graph?.endpoint ? `wss://${graph.endpoint}:${graph.port ?? "8182"}/gremlin` : undefined);
  // An empty secret (the placeholder on stages that run without a key) means "not configured", as an unset variable does.
  set("INNERWORLD_MODEL_API_KEY", read<"Secret">(LINK_NAMES.modelApiKey)?.value);
  set("INNERWORLD_MODERATION_API_KEY", read<"Secret">(LINK_NAMES.moderationApiKey)?.value);
  set("INNERWORLD_SURVEY_SOURCE_SECRET", read<"Secret">(LINK_NAMES.surveySourceSecret)?.value);
  return env;
};

/**
 * The runtime config of a service. Under SST it reads the linked `Resource` (decrypting SST's resource file on the
 * first access, not at import) and copies what it found into `env` under the INNERWORLD_* names, so the readers of
 * model, moderation and graph settings that take `process.env` see the linked secrets too; linked values win over
 * stale variables. Anywhere else (the local cloud, tests, scripts) it is exactly `runtimeConfigFromEnv(env)`.
 */
export const runtimeConfigFromResource = (
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
  resource?: LinkedResources,
): RuntimeConfig => {
  if (!SERVICE_NAMES.includes(service)) throw new Error(`unknown service ${String(service)}`);
  if (isRunningUnderSst(env)) Object.assign(env, linkedEnvironment(service, resource));
  return runtimeConfigFromEnv(env);
};
