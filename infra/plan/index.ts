// The whole deployment as data: what infra/ instantiates, what the tests inspect, what the cost script prices.
import { TOPOLOGY } from "../../packages/events/src/topology";
import { planGatewayAlarms, planServiceAlarms } from "./alarms";
import { planCore } from "./core";
import { planDashboard } from "./dashboard";
import { InfraPlanError } from "./errors";
import { planGateway } from "./gateway";
import { LINK_NAMES } from "./links";
import { assertStageName } from "./naming";
import { planParameters } from "./parameters";
import { planSecrets } from "./secrets";
import { planServices } from "./services";
import { settingsFor, type StageSettings } from "./settings";
import type { DeploymentPlan, FunctionPlan, PartName } from "./types";

export * from "./types";
export * from "./errors";
export * from "./naming";
export * from "./settings";
export { LINK_NAMES, deadLetterQueueLinkName } from "./links";
export { PARAMETER_KEYS } from "./parameters";
export { VISIBILITY_TIMEOUT_FACTOR, assertQueueSettings } from "./services";

/** Every service in the topology is either the gateway (it owns the APIs) or a consumer with a queue; nothing else deploys. */
const assertTopologyShapes = () => {
  for (const t of TOPOLOGY) {
    if (t.service === "gateway") continue;
    if (!t.queue || t.consumes.length === 0) {
      throw new InfraPlanError("PART", `${t.service} neither owns the APIs nor consumes events: infra does not know how to deploy it`);
    }
  }
};

export const buildPlan = (stage: string, settings: StageSettings = settingsFor(stage)): DeploymentPlan => {
  assertStageName(stage);
  assertTopologyShapes();
  const core = planCore(stage, settings);
  const gateway = planGateway(stage, settings);
  const services = planServices(stage, settings);
  const parts: PartName[] = ["core", "gateway", ...services.map((s) => s.part)];
  return {
    stage,
    settings,
    parts,
    core,
    gateway,
    services,
    alarms: [...planGatewayAlarms(gateway), ...services.flatMap((s) => planServiceAlarms(stage, s))],
    dashboard: planDashboard(stage, services),
    secrets: planSecrets(core, gateway, services, settings),
    parameters: planParameters(stage, core, services),
  };
};

/**
 * `INNERWORLD_PART` names the SST app to act on. It has no default: a team that forgets it must not end up deploying
 * the shared core from its own checkout.
 */
export const parsePart = (plan: Pick<DeploymentPlan, "parts">, value: string | undefined): PartName => {
  if (!plan.parts.includes(value as PartName)) {
    throw new InfraPlanError("PART", `INNERWORLD_PART=${value ?? "(unset)"}: set it to one of ${plan.parts.join(", ")}`);
  }
  return value as PartName;
};

/** Each part is its own SST app (own state, lock and secrets); the core keeps the plain name. */
export const appNameOf = (part: PartName) => (part === "core" ? "innerworld" : `innerworld-${part}`);

/**
 * The SST components and Pulumi resources a part creates or looks up, by logical name: the inventory the tests hold
 * infra/ to (it must create exactly these), and what an operator reads to learn what each app owns.
 */
export const componentsOf = (plan: DeploymentPlan, part: PartName): string[] => {
  const parametersWritten = plan.parameters.filter((p) => p.writer === part).map((p) => p.logicalName);
  const alarms = plan.alarms.filter((a) => a.part === part).map((a) => a.logicalName);
  const secrets = plan.secrets.filter((s) => s.part === part).map((s) => s.logicalName);
  const tables = plan.core.tables.map((t) => t.logicalName);
  const shared = [plan.core.bus.logicalName, ...tables, LINK_NAMES.tables];
  if (part === "core") {
    const { bus, auth, graph, alarmTopic, portraits } = plan.core;
    return [
      portraits.logicalName,
      bus.logicalName,
      bus.archive.logicalName,
      ...tables,
      auth.logicalName,
      alarmTopic.logicalName,
      plan.dashboard.logicalName,
      ...(alarmTopic.email ? [alarmTopic.subscriptionLogicalName] : []),
      ...(graph.backend === "neptune"
        ? [graph.vpcLogicalName, graph.securityGroupLogicalName, graph.subnetGroupLogicalName, graph.clusterLogicalName, graph.instanceLogicalName]
        : []),
      ...secrets,
      ...parametersWritten,
      ...alarms,
    ];
  }
  if (part === "gateway") {
    const g = plan.gateway;
    return [
      ...shared,
      LINK_NAMES.userPool,
      g.api.logicalName,
      g.connectionsLinkName,
      g.authorizer.function.logicalName,
      ...g.routes.map((r) => r.function.logicalName),
      g.sweep.logicalName,
      g.sweep.function.logicalName,
      g.readApi.logicalName,
      g.readApi.function.logicalName,
      g.surveyApi.function.logicalName,
      LINK_NAMES.portraits,
      ...secrets,
      ...parametersWritten,
      ...alarms,
    ];
  }
  const service = plan.services.find((s) => s.part === part);
  if (!service) throw new InfraPlanError("PART", `no part ${part}`);
  const links = service.function.links;
  return [
    ...shared,
    ...(links.includes("connections") ? [LINK_NAMES.connections] : []),
    ...(links.includes("graph") ? [LINK_NAMES.graph] : []),
    ...(links.includes("portraits") ? [LINK_NAMES.portraits] : []),
    service.queue.logicalName,
    service.queue.policyLogicalName,
    service.deadLetterQueue.logicalName,
    service.deadLetterQueue.policyLogicalName,
    service.rule.logicalName,
    service.rule.targetLogicalName,
    service.function.logicalName,
    ...(service.scheduled ? [service.scheduled.logicalName, service.scheduled.function.logicalName] : []),
    ...secrets,
    ...parametersWritten,
    ...alarms,
  ];
};

/** Every Lambda function the plan deploys: the consumers, then the gateway's WebSocket, sweep, read and survey functions. */
export const functionsOf = (plan: DeploymentPlan): FunctionPlan[] => [
  ...plan.services.flatMap((s) => [s.function, ...(s.scheduled ? [s.scheduled.function] : [])]),
  ...plan.gateway.routes.map((r) => r.function),
  plan.gateway.authorizer.function,
  plan.gateway.sweep.function,
  plan.gateway.readApi.function,
  plan.gateway.surveyApi.function,
];
