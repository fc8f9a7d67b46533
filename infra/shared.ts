// What one part hands the next: SSM parameters for generated ids, written by their owner and read at deploy time.
import type { DeploymentPlan, PartName, SharedParameterPlan } from "./plan";

const find = (plan: DeploymentPlan, key: string): SharedParameterPlan => {
  const found = plan.parameters.find((p) => p.key === key);
  if (!found) throw new Error(`no shared parameter ${key} in the plan for this stage`);
  return found;
};

export const publishParameter = (plan: DeploymentPlan, part: PartName, key: string, value: $util.Input<string>) => {
  const parameter = find(plan, key);
  if (parameter.writer !== part) throw new Error(`${part} may not write ${parameter.name}; ${parameter.writer} owns it`);
  return new aws.ssm.Parameter(parameter.logicalName, {
    name: parameter.name,
    type: "String",
    value,
    description: `Written by the ${parameter.writer} app, read by ${parameter.readers.join(", ") || "no one yet"} when they deploy`,
  });
};

/** Read when the part deploys: a part deployed before its writer fails here, with the parameter's name in the error. */
export const readParameter = (plan: DeploymentPlan, part: PartName, key: string): $util.Output<string> => {
  const parameter = find(plan, key);
  if (!parameter.readers.includes(part)) throw new Error(`${part} is not a declared reader of ${parameter.name}`);
  return aws.ssm.getParameterOutput({ name: parameter.name }).value;
};

export const readListParameter = (plan: DeploymentPlan, part: PartName, key: string) =>
  readParameter(plan, part, key).apply((value) => value.split(",").filter(Boolean));
