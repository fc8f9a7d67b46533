// What each SST app (part) creates: the shared core, the gateway with its APIs, or one consuming service.
import { createAlarmTopic, createAlarms, createDashboard } from "./alarms";
import { createUserPool } from "./auth";
import { createBus, lookUpBus } from "./bus";
import type { Links, Placement } from "./functions";
import { createGraphNetwork, NEPTUNE_DATA_ACTIONS } from "./network";
import { LINK_NAMES, PARAMETER_KEYS as KEYS, type DeploymentPlan, type PartName } from "./plan";
import { createReadApi } from "./readApi";
import { declareSecrets, type Secrets } from "./secrets";
import { createService } from "./services";
import { publishParameter, readListParameter, readParameter } from "./shared";
import { createSessionSweep } from "./sweep";
import { createTables, lookUpTables, tablesLink } from "./tables";
import { connectionsLink, createChatApi } from "./websocket";

const deployCore = (plan: DeploymentPlan) => {
  const secrets = declareSecrets(plan, "core");
  const bus = createBus(plan.core.bus);
  createTables(plan.core.tables);
  const { userPool, client } = createUserPool(plan.core.auth, secrets);
  const topic = createAlarmTopic(plan.core.alarmTopic);
  // Private: portraits are served through the HTTP API to their owner only.
  const portraits = new sst.aws.Bucket(plan.core.portraits.logicalName);
  publishParameter(plan, "core", KEYS.portraitBucket, portraits.name);
  createDashboard(plan);
  publishParameter(plan, "core", KEYS.userPoolId, userPool.id);
  publishParameter(plan, "core", KEYS.userPoolClientId, client.id);
  publishParameter(plan, "core", KEYS.alarmTopicArn, topic.arn);
  if (plan.core.graph.backend === "neptune") {
    const graph = createGraphNetwork(plan.core.graph, plan.settings);
    publishParameter(plan, "core", KEYS.graphEndpoint, graph.endpoint);
    publishParameter(plan, "core", KEYS.graphPort, graph.port);
    publishParameter(plan, "core", KEYS.graphIamResource, graph.iamResource);
    publishParameter(plan, "core", KEYS.privateSubnets, graph.vpc.privateSubnets.apply((ids) => ids.join(",")));
    publishParameter(plan, "core", KEYS.securityGroups, graph.vpc.securityGroups.apply((ids) => ids.join(",")));
  }
  createAlarms(plan, "core", topic.arn);
  return { bus: bus.name, tablePrefix: plan.core.tablePrefix, userPool: userPool.id, userPoolClient: client.id, alarms: topic.arn };
};

/** The bus and tables as every part but the core sees them: looked up by their planned names. */
const sharedLinks = (plan: DeploymentPlan) => {
  const bus = lookUpBus(plan.core.bus);
  return { bus, links: { bus, tables: tablesLink(plan.core, lookUpTables(plan.core.tables)) } satisfies Links };
};

/** The core's portrait bucket as another part sees it: its name, and the object permissions a portrait needs. */
const lookUpPortraits = (plan: DeploymentPlan, part: PartName) => {
  const name = readParameter(plan, part, KEYS.portraitBucket);
  return new sst.Linkable(LINK_NAMES.portraits, {
    properties: { name },
    include: [sst.aws.permission({ actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [$interpolate`arn:aws:s3:::${name}/*`] })],
  });
};

const deployGateway = (plan: DeploymentPlan) => {
  const part: PartName = "gateway";
  const secrets = declareSecrets(plan, part);
  const { links } = sharedLinks(plan);
  const userPoolIds = { id: readParameter(plan, part, KEYS.userPoolId), clientId: readParameter(plan, part, KEYS.userPoolClientId) };
  const userPool = new sst.Linkable(LINK_NAMES.userPool, { properties: userPoolIds });
  const context = {
    links: { ...links, userPool },
    settings: plan.settings,
    // The gateway's handler module builds its authorizer config from these when it loads, before any link is read.
    environment: { INNERWORLD_USER_POOL_ID: userPoolIds.id, INNERWORLD_USER_POOL_CLIENT_ID: userPoolIds.clientId },
  };
  const chat = createChatApi(plan.gateway, context);
  publishParameter(plan, part, KEYS.connectionsUrl, chat.api.managementEndpoint);
  publishParameter(plan, part, KEYS.connectionsExecutionArn, chat.executionArn);
  const withConnections = {
    ...context,
    links: { ...context.links, connections: chat.connections, portraits: lookUpPortraits(plan, part), surveySourceSecret: secrets[LINK_NAMES.surveySourceSecret] },
  };
  createSessionSweep(plan.gateway.sweep, withConnections);
  const read = createReadApi(plan.gateway.readApi, plan.gateway.surveyApi, userPoolIds, withConnections);
  createAlarms(plan, part, readParameter(plan, part, KEYS.alarmTopicArn));
  return { websocket: chat.api.url, readApi: read.api.url };
};

const secretLinks = (secrets: Secrets): Links => ({
  ...(secrets[LINK_NAMES.modelApiKey] ? { modelApiKey: secrets[LINK_NAMES.modelApiKey] } : {}),
  ...(secrets[LINK_NAMES.moderationApiKey] ? { moderationApiKey: secrets[LINK_NAMES.moderationApiKey] } : {}),
});

const deployService = (plan: DeploymentPlan, part: PartName) => {
  const service = plan.services.find((s) => s.part === part);
  if (!service) throw new Error(`no consuming service ${part} in the plan`);
  const { bus, links: shared } = sharedLinks(plan);
  const links: Links = { ...shared, ...secretLinks(declareSecrets(plan, part)) };
  let vpc: Placement | undefined;
  if (service.function.links.includes("connections")) {
    links.connections = connectionsLink(LINK_NAMES.connections, readParameter(plan, part, KEYS.connectionsUrl), readParameter(plan, part, KEYS.connectionsExecutionArn));
  }
  if (service.function.links.includes("portraits")) links.portraits = lookUpPortraits(plan, part);
  if (service.function.links.includes("graph")) {
    links.graph = new sst.Linkable(LINK_NAMES.graph, {
      properties: { endpoint: readParameter(plan, part, KEYS.graphEndpoint), port: readParameter(plan, part, KEYS.graphPort) },
      include: [sst.aws.permission({ actions: NEPTUNE_DATA_ACTIONS, resources: [readParameter(plan, part, KEYS.graphIamResource)] })],
    });
    vpc = { privateSubnets: readListParameter(plan, part, KEYS.privateSubnets), securityGroups: readListParameter(plan, part, KEYS.securityGroups) };
  }
  const created = createService(service, bus, { links, settings: plan.settings, ...(vpc ? { vpc } : {}) });
  createAlarms(plan, part, readParameter(plan, part, KEYS.alarmTopicArn));
  return { queue: created.queue.url, deadLetterQueue: created.deadLetterQueue.url, handler: created.handler.name };
};

export const deployPart = (plan: DeploymentPlan, part: PartName) => {
  if (part === "core") return deployCore(plan);
  if (part === "gateway") return deployGateway(plan);
  return deployService(plan, part);
};
