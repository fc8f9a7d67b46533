// Writes src/extraction/tagger/wordClasses.data.json from the installed WordNet; with --check, fails if the committed file differs.
// Usage: npx tsx packages/memory/bench/listWordClasses.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readWordNet, renderWordClasses } from "./wordClasses";

const DATA_FILE = fileURLToPath(new URL("../src/extraction/tagger/wordClasses.data.json", import.meta.url));
const wordNet = readWordNet();
const text = renderWordClasses(wordNet);
if (process.argv.includes("--check")) {
  if (readFileSync(DATA_FILE, "utf8") !== text) throw new Error(`${DATA_FILE} differs from what WordNet gives: run listWordClasses.ts`);
  console.log(`${wordNet.classes.size} lemmas, as committed`);
} else {
  writeFileSync(DATA_FILE, text);
  console.log(`${wordNet.classes.size} lemmas of ${wordNet.source} written to ${DATA_FILE} (${text.length} bytes)`);
}
