// The shared core: the bus and its archive, the tables, the user pool, the alarm topic, and Neptune when a stage wants it.
import { archiveNameFor, alarmTopicNameFor, busNameFor, pascalCase, tablePrefixFor } from "./naming";
import type { StageSettings } from "./settings";
import { planTables } from "./tables";
import type { CorePlan } from "./types";

export const IDENTITY_PROVIDER_SECRETS = {
  google: ["GoogleClientId", "GoogleClientSecret"],
  apple: ["AppleServicesId", "AppleTeamId", "AppleKeyId", "ApplePrivateKey"],
} as const;

export const planCore = (stage: string, settings: StageSettings): CorePlan => ({
  portraits: { logicalName: "Portraits" },
  bus: {
    logicalName: "Bus",
    name: busNameFor(stage),
    archive: { logicalName: "BusArchive", name: archiveNameFor(stage), retentionDays: settings.archiveRetentionDays },
  },
  tables: planTables(tablePrefixFor(stage), settings.protect),
  tablePrefix: tablePrefixFor(stage),
  auth: {
    logicalName: "UserPool",
    name: busNameFor(stage),
    clientLogicalName: "UserPoolClient",
    domainPrefix: settings.authDomainPrefix,
    providers: settings.identityProviders.map((provider) => ({
      provider,
      logicalName: `${pascalCase(provider)}SignIn`,
      secrets: [...IDENTITY_PROVIDER_SECRETS[provider]],
    })),
    callbackUrls: settings.authCallbackUrls,
    deletionProtection: settings.protect,
  },
  graph:
    settings.graphBackend === "neptune"
      ? {
          backend: "neptune",
          vpcLogicalName: "Vpc",
          nat: settings.nat,
          securityGroupLogicalName: "GraphSecurityGroup",
          subnetGroupLogicalName: "GraphSubnets",
          clusterLogicalName: "GraphCluster",
          instanceLogicalName: "GraphInstance",
          clusterIdentifier: `${busNameFor(stage)}-graph`,
          capacity: settings.neptuneCapacity,
        }
      : { backend: "dynamodb" },
  alarmTopic: {
    logicalName: "Alarms",
    name: alarmTopicNameFor(stage),
    subscriptionLogicalName: "AlarmsEmail",
    ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
  },
});
