// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- SST's generated globals ($config, sst, aws) have no module to import
/// <reference path="./.sst/platform/config.d.ts" />
// InnerWorld on AWS. One config, several SST apps: INNERWORLD_PART picks the shared core, the gateway or one consuming
// service (docs/deploy.md says why and how). Everything deployed comes from buildPlan, i.e. from the topology table.
export default $config({
  async app(input) {
    const { appNameOf, buildPlan, parsePart, settingsFor } = await import("./infra/plan");
    const stage = input?.stage ?? "dev";
    const plan = buildPlan(stage, settingsFor(stage, process.env));
    const part = parsePart(plan, process.env.INNERWORLD_PART);
    return {
      name: appNameOf(part),
      home: "aws",
      removal: plan.settings.protect ? "retain" : "remove",
      protect: plan.settings.protect,
      providers: { aws: { version: "7.20.0", region: (process.env.AWS_REGION ?? "us-east-1") as aws.Region } },
    };
  },
  async run() {
    const { buildPlan, parsePart, settingsFor } = await import("./infra/plan");
    const { deployPart } = await import("./infra/parts");
    const plan = buildPlan($app.stage, settingsFor($app.stage, process.env));
    return deployPart(plan, parsePart(plan, process.env.INNERWORLD_PART));
  },
});
