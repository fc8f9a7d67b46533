// SST secrets, declared per part: `sst secret set <Name> <value> --stage <stage>` with INNERWORLD_PART naming the part.
import type { DeploymentPlan, PartName } from "./plan";

export type Secrets = Record<string, sst.Secret>;

/** Optional secrets default to "" (the code reads an empty key as "not configured"); required ones stop the deploy until set. */
export const declareSecrets = (plan: DeploymentPlan, part: PartName): Secrets =>
  Object.fromEntries(
    plan.secrets
      .filter((secret) => secret.part === part)
      .map((secret) => [secret.logicalName, secret.required ? new sst.Secret(secret.logicalName) : new sst.Secret(secret.logicalName, "")]),
  );

export const secretValue = (secrets: Secrets, name: string) => {
  const secret = secrets[name];
  if (!secret) throw new Error(`secret ${name} is not declared in this part`);
  return secret.value;
};
