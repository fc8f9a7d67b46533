// Writes src/realWordsNearRiskWords.data.ts from the installed dictionaries; with --check, fails if the committed file differs.
// Usage: npx tsx packages/screening/bench/classifier/listRealWords.ts [--check]

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDictionaries, realWordsNearRiskWords, renderRealWordsModule } from "./realWordsNearRiskWords";

const MODULE_FILE = fileURLToPath(new URL("../../src/realWordsNearRiskWords.data.ts", import.meta.url));
const { words, sources } = readDictionaries();
const listed = realWordsNearRiskWords(words);
const text = renderRealWordsModule(listed, sources);
if (process.argv.includes("--check")) {
  if (readFileSync(MODULE_FILE, "utf8") !== text) throw new Error(`${MODULE_FILE} differs from what the dictionaries give: run listRealWords.ts`);
  console.log(`${listed.length} words, as committed`);
} else {
  writeFileSync(MODULE_FILE, text);
  console.log(`${listed.length} words from ${words.length} dictionary entries written to ${MODULE_FILE}`);
}
