// Deploys every part of a stage in dependency order (core, gateway, then each service), or removes them in reverse.
// Usage: pnpm deploy:all --stage <stage> [--only safety,notifier] [--dry-run]; pnpm remove:all --stage <stage>
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { parseArgs } from "node:util";
import { appNameOf, buildPlan, settingsFor, type PartName } from "../plan";

const [command, ...rest] = process.argv.slice(2);
if (command !== "deploy" && command !== "remove") {
  console.error("usage: deployParts.ts deploy|remove --stage <stage> [--only part,part] [--dry-run]");
  process.exit(2);
}
const { values } = parseArgs({ args: rest, options: { stage: { type: "string" }, only: { type: "string" }, "dry-run": { type: "boolean" } } });
if (!values.stage) {
  console.error("--stage is required: a whole-system deploy never falls back to a personal stage");
  process.exit(2);
}

const plan = buildPlan(values.stage, settingsFor(values.stage, process.env));
const only = values.only?.split(",").map((p) => p.trim());
const unknown = only?.filter((p) => !plan.parts.includes(p as PartName)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown parts ${unknown.join(", ")}; the parts are ${plan.parts.join(", ")}`);
  process.exit(2);
}
// Removal runs backwards: the services' rules sit on the core's bus, and EventBridge will not delete a bus with rules.
const ordered = command === "deploy" ? plan.parts : [...plan.parts].reverse();
const parts = ordered.filter((part) => !only || only.includes(part));

for (const part of parts) {
  const args: string[] = ["sst", command, "--stage", plan.stage];
  console.log(`\n== ${command} ${part} (SST app ${appNameOf(part)}): INNERWORLD_PART=${part} npx ${args.join(" ")}`);
  if (values["dry-run"]) continue;
  const result: SpawnSyncReturns<Buffer> = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, INNERWORLD_PART: part } });
  if (result.status !== 0) {
    console.error(`\n${command} of ${part} failed; the parts after it were not touched. Fix it and rerun with --only ${parts.slice(parts.indexOf(part)).join(",")}`);
    process.exit(result.status ?? 1);
  }
}
