// `pnpm --filter @innerworld/web build`: the static folder to upload next to a config.json (see docs/web.md).
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWebApp } from "./buildWebApp";

const outDir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const built = await buildWebApp({ outDir, minify: true });
console.log(`built ${built.files.join(", ")} into ${built.outDir}; add a config.json beside them (docs/web.md)`);
