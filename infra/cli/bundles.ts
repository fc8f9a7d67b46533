// `pnpm bundles`: what each deployed handler loads at a cold start (minified, AWS SDK external), its limit, what it
// loads only on demand, and its heaviest packages.
// Exits 1 when a handler is over its limit; infra/bundle.test.ts holds the same limits in the test suite.
import { deployedHandlers, formatBundleTable, measureBundle } from "../bundles";

const bundles = [];
for (const { entry, callsModel } of deployedHandlers()) bundles.push(await measureBundle(entry, callsModel));
console.log(formatBundleTable(bundles));
const over = bundles.filter((b) => b.bytes > b.limitBytes);
if (over.length > 0) {
  console.error(`\n${over.length} handler(s) over the limit: ${over.map((b) => b.entry).join(", ")}`);
  process.exit(1);
}
