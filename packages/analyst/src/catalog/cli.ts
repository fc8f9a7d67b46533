// `pnpm catalog [--check] [--out DIR]`: generates docs/catalog from the schemas, or (--check) fails when it is out of date.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { compareCatalog, DEFAULT_CATALOG_DIR, writeCatalog } from "./catalogFiles";
import { generateCatalog } from "./generateCatalog";

const usage = `Usage: pnpm catalog [--check] [--out DIR]

Generates the event catalog from the zod schemas in packages/events (and the ServerFrames interface):
JSON Schema per event and version, AsyncAPI documents for the bus and the WebSocket protocol, and README.md.

  --check      write nothing; exit 1 when the files differ from what the schemas generate (CI runs this)
  --out DIR    where the catalog lives (default docs/catalog)
  -h, --help   this text`;

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { check: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const dir = values.out ? resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : DEFAULT_CATALOG_DIR;
  const generated = generateCatalog();
  if (values.check) {
    const differences = await compareCatalog(dir, generated);
    if (differences.length === 0) {
      console.log(`event catalog in ${dir} is up to date (${generated.size} files)`);
      return 0;
    }
    console.error(`event catalog in ${dir} is out of date:`);
    for (const d of differences) console.error(`  ${d.problem.padEnd(8)} ${d.path}`);
    console.error("a schema changed without its catalog: run `pnpm catalog` and commit docs/catalog");
    return 1;
  }
  const written = await writeCatalog(dir, generated);
  if (written.length === 0) console.log(`event catalog in ${dir} was already up to date (${generated.size} files)`);
  for (const d of written) console.log(`${d.problem === "stale" ? "removed" : d.problem === "missing" ? "created" : "updated"} ${d.path}`);
  return 0;
};

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
