// `pnpm bundles`: each deployed handler's minified size (AWS SDK external), its limit and its heaviest packages.
// Exits 1 when a handler is over its limit; infra/bundle.test.ts holds the same limits in the test suite.
import { deployedHandlers, formatBundleTable, measureBundle } from "../bundles";

const bundles = [];
for (const { entry, callsModel } of deployedHandlers()) bundles.push(await measureBundle(entry, callsModel));
console.log(formatBundleTable(bundles));
const over = bundles.filter((b) => b.bytes > b.ceilingBytes);
if (over.length > 0) {
  console.error(`\n${over.length} handler(s) over the limit (or past a known excess's ceiling): ${over.map((b) => b.entry).join(", ")}`);
  process.exit(1);
}
