// Builds a Lambda from its plan: runtime, architecture, logging, VPC placement and links decided in one place.
import type { FunctionPlan, LinkKey, StageSettings } from "./plan";

/** The linkable components a part can offer its functions, by link key. */
export type Links = Partial<Record<LinkKey, unknown>>;

export interface Placement {
  privateSubnets: $util.Input<$util.Input<string>[]>;
  securityGroups: $util.Input<$util.Input<string>[]>;
}

export interface FunctionContext {
  links: Links;
  settings: StageSettings;
  vpc?: Placement;
  environment?: Record<string, $util.Input<string>>;
  permissions?: sst.aws.FunctionPermissionArgs[];
}

export const createFunction = (plan: FunctionPlan, context: FunctionContext) => {
  const missing = plan.links.filter((key) => context.links[key] === undefined);
  if (missing.length > 0) throw new Error(`${plan.logicalName} needs ${missing.join(", ")}, which this part does not provide`);
  if (plan.inVpc && !context.vpc) throw new Error(`${plan.logicalName} must run in the VPC, which this part did not look up`);
  return new sst.aws.Function(plan.logicalName, {
    name: plan.name,
    handler: plan.handler,
    runtime: "nodejs22.x",
    // What a handler loads with import() (the offline extractor, the Neptune adapter) is its own chunk, read only when
    // first used; infra/bundle.test.ts measures each handler's cold start the same way.
    nodejs: { splitting: true },
    architecture: plan.architecture,
    timeout: `${plan.timeoutSeconds} seconds`,
    memory: `${plan.memoryMb} MB`,
    link: plan.links.map((key) => context.links[key]),
    environment: { ...plan.environment, ...context.environment },
    ...(context.permissions ? { permissions: context.permissions } : {}),
    ...(plan.copyFiles ? { copyFiles: plan.copyFiles } : {}),
    logging: { retention: context.settings.logRetention, format: "json" },
    ...(plan.inVpc && context.vpc ? { vpc: { privateSubnets: context.vpc.privateSubnets, securityGroups: context.vpc.securityGroups } } : {}),
  });
};
