// The VPC and the Neptune serverless cluster, only on stages whose graph backend is "neptune" (DynamoDB is the default).
import type { CorePlan, StageSettings } from "./plan";

type NeptunePlan = Extract<CorePlan["graph"], { backend: "neptune" }>;

const GREMLIN_PORT = 8182;

export const createGraphNetwork = (plan: NeptunePlan, settings: StageSettings) => {
  // Lambdas in the VPC still call EventBridge, SQS, DynamoDB and the model over the internet, hence the NAT.
  const vpc = new sst.aws.Vpc(plan.vpcLogicalName, { az: 2, nat: plan.nat });
  const securityGroup = new aws.ec2.SecurityGroup(plan.securityGroupLogicalName, {
    vpcId: vpc.id,
    description: "Gremlin from inside the VPC only",
    ingress: [{ protocol: "tcp", fromPort: GREMLIN_PORT, toPort: GREMLIN_PORT, cidrBlocks: [vpc.nodes.vpc.cidrBlock] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
  });
  const subnetGroup = new aws.neptune.SubnetGroup(plan.subnetGroupLogicalName, { subnetIds: vpc.privateSubnets });
  const cluster = new aws.neptune.Cluster(plan.clusterLogicalName, {
    clusterIdentifier: plan.clusterIdentifier,
    engine: "neptune",
    // Left to AWS's current default: serverless needs 1.2.0.1+, the adapter's mergeV/mergeE need 1.2.1+.
    neptuneSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [securityGroup.id],
    // The Gremlin adapter signs every connection with SigV4; nothing connects with a password.
    iamDatabaseAuthenticationEnabled: true,
    storageEncrypted: true,
    serverlessV2ScalingConfiguration: { minCapacity: plan.capacity.min, maxCapacity: plan.capacity.max },
    backupRetentionPeriod: settings.protect ? 7 : 1,
    deletionProtection: settings.protect,
    skipFinalSnapshot: !settings.protect,
    ...(settings.protect ? { finalSnapshotIdentifier: `${plan.clusterIdentifier}-final` } : {}),
    applyImmediately: !settings.protect,
  });
  new aws.neptune.ClusterInstance(plan.instanceLogicalName, {
    clusterIdentifier: cluster.id,
    engine: "neptune",
    instanceClass: "db.serverless",
    neptuneSubnetGroupName: subnetGroup.name,
  });
  const region = aws.getRegionOutput().region;
  const account = aws.getCallerIdentityOutput().accountId;
  return {
    vpc,
    endpoint: cluster.endpoint,
    port: $interpolate`${cluster.port}`,
    /** What IAM authorises Gremlin requests against: the cluster's resource id, not its name. */
    iamResource: $interpolate`arn:aws:neptune-db:${region}:${account}:${cluster.clusterResourceId}/*`,
  };
};

export const NEPTUNE_DATA_ACTIONS = ["neptune-db:connect", "neptune-db:ReadDataViaQuery", "neptune-db:WriteDataViaQuery", "neptune-db:DeleteDataViaQuery", "neptune-db:GetQueryStatus"];
