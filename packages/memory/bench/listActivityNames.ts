// Writes src/extraction/activityNames.data.json from the activity gazetteer as received; with --check, fails if the committed file differs.
// Usage: npx tsx packages/memory/bench/listActivityNames.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { DATA_FILE, readReceivedActivities, renderActivityNames } from "./activityNames";

const file = readReceivedActivities();
const text = renderActivityNames(file);
if (process.argv.includes("--check")) {
  if (readFileSync(DATA_FILE, "utf8") !== text) throw new Error(`${DATA_FILE} differs from what the received gazetteer gives: run listActivityNames.ts`);
  console.log(`${file.activities.length} activities, as committed`);
} else {
  writeFileSync(DATA_FILE, text);
  console.log(`${file.activities.length} activities written to ${DATA_FILE} (${text.length} bytes)`);
}
