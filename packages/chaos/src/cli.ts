// `pnpm chaos` (the full run) or `pnpm chaos --ci` (the bounded one CI runs), `--only mass` for some rows: one table of what broke.
import { parseArgs } from "node:util";
import { CI_BUDGET, FULL_BUDGET, formatTable, runSuite, totals } from "./runSuite";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const usage = `Usage: pnpm chaos [--ci] [--only <row>]

Starts the local cloud in processes of its own, breaks it in the ways each row says (services killed mid-load, a mass
disconnect, hostile input, the whole cloud killed and restarted) and prints one table of what broke.

Options:
  --ci          the bounded run CI makes (fewer turns and clients)
  --only ROW    only the rows whose name holds ROW ("mass", "killed")
  -h, --help    this text

CHAOS_LOG_DIR=<dir> keeps each process's whole output there (the directory is made if missing).`;

const main = async () => {
  let values: { ci: boolean; only?: string; help: boolean };
  try {
    ({ values } = parseArgs({ options: { ci: { type: "boolean", default: false }, only: { type: "string" }, help: { type: "boolean", short: "h", default: false } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const budget = values.ci ? CI_BUDGET : FULL_BUDGET;
  const started = Date.now();
  const report = await runSuite(budget, (line) => console.error(`  ${line}`), values.only);
  console.log(formatTable(report.results));
  const total = totals(report.results);
  const targets: (readonly [string, boolean])[] = [
    ["0 crashes", total.crashes === 0],
    ["0 5xx on bad input", total.fiveXx === 0],
    ["0 turns lost", total.turnsLost === 0],
    ["0 replies duplicated", total.repliesDuplicated === 0],
    ["0 unauthorised accepted", total.unauthorisedAccepted === 0],
  ];
  if (report.massDisconnect) {
    const { ackP99Ms, rssBefore, rssAfter } = report.massDisconnect;
    targets.push([`live ack p99 ${Math.round(ackP99Ms)} ms ≤ 200 ms during the mass disconnect`, ackP99Ms <= 200]);
    targets.push([`gateway RSS back within 20% (${Math.round(rssBefore / 2 ** 20)} → ${Math.round(rssAfter / 2 ** 20)} MB)`, rssAfter <= rssBefore * 1.2]);
  }
  for (const [target, met] of targets) console.log(`${met ? "met    " : "MISSED "} ${target}`);
  console.log(`${values.ci ? "CI-bounded" : "full"} run in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(targets.every(([, met]) => met) ? 0 : 1);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
