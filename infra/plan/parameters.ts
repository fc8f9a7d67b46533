// The values one part hands another through SSM, for things AWS names by generated id rather than by our name.
import { parameterNameFor, pascalCase } from "./naming";
import type { CorePlan, PartName, ServicePlan, SharedParameterPlan } from "./types";

const parameter = (stage: string, key: string, writer: PartName, readers: PartName[]): SharedParameterPlan => ({
  key,
  logicalName: `${pascalCase(key)}Parameter`,
  name: parameterNameFor(stage, key),
  writer,
  readers,
});

export const PARAMETER_KEYS = {
  userPoolId: "user-pool/id",
  userPoolClientId: "user-pool/client-id",
  alarmTopicArn: "alarms/topic-arn",
  connectionsUrl: "websocket/management-endpoint",
  connectionsExecutionArn: "websocket/execution-arn",
  graphEndpoint: "graph/endpoint",
  graphPort: "graph/port",
  graphIamResource: "graph/iam-resource",
  privateSubnets: "network/private-subnets",
  securityGroups: "network/security-groups",
  portraitBucket: "portraits/bucket-name",
} as const;

export const planParameters = (stage: string, core: CorePlan, services: ServicePlan[]): SharedParameterPlan[] => {
  const readersOf = (link: "connections" | "graph" | "portraits") => services.filter((s) => s.function.links.includes(link)).map((s) => s.part);
  const everyoneButCore: PartName[] = ["gateway", ...services.map((s) => s.part)];
  const k = PARAMETER_KEYS;
  return [
    parameter(stage, k.userPoolId, "core", ["gateway"]),
    parameter(stage, k.userPoolClientId, "core", ["gateway"]),
    parameter(stage, k.alarmTopicArn, "core", everyoneButCore),
    parameter(stage, k.connectionsUrl, "gateway", readersOf("connections")),
    parameter(stage, k.connectionsExecutionArn, "gateway", readersOf("connections")),
    // The gateway serves portraits; the portrait service stores them.
    parameter(stage, k.portraitBucket, "core", ["gateway", ...readersOf("portraits")]),
    ...(core.graph.backend === "neptune"
      ? [k.graphEndpoint, k.graphPort, k.graphIamResource, k.privateSubnets, k.securityGroups].map((key) => parameter(stage, key, "core", readersOf("graph")))
      : []),
  ];
};
