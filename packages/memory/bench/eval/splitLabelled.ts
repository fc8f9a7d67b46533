// Writes teen/{train,dev,test,fresh}.json from the writers' files: run once before tuning; test.json and fresh.json are then frozen.
// Run: npx tsx packages/memory/bench/eval/splitLabelled.ts [--force]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, SPLITS, TEEN_SOURCES, splitOf, splitPath, type LabelledMessage, type SplitFile } from "./labelledSet";

interface WriterFile {
  author: string;
  referenceDate: string;
  messages: Omit<LabelledMessage, "referenceDate">[];
}

const bySplit = new Map(SPLITS.map((split) => [split, [] as LabelledMessage[]]));
for (const source of TEEN_SOURCES) {
  const file = JSON.parse(readFileSync(join(FIXTURES, source), "utf8")) as WriterFile;
  for (const message of file.messages) bySplit.get(splitOf(message.id))?.push({ ...message, referenceDate: file.referenceDate });
}

for (const split of SPLITS) {
  const path = splitPath(split);
  // The test split is frozen: rewriting it would quietly let tuning see it.
  if ((split === "test" || split === "fresh") && existsSync(path) && !process.argv.includes("--force")) {
    console.log(`${split}: kept (frozen; --force rewrites it)`);
    continue;
  }
  const messages = bySplit.get(split) ?? [];
  const body: SplitFile = {
    description: `The ${split} split of ${TEEN_SOURCES.join(", ")} (see PROVENANCE.md), by splitOf(id) in bench/eval/labelledSet.ts.${split === "test" ? " Frozen before any tuning: never read it to tune, never edit it." : split === "fresh" ? " Writer E only, a second check set beside test: scored, never read, never tuned on, never edited." : " Tune on train; check on dev."}`,
    split,
    messages,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 1)}\n`);
  console.log(`${split}: ${messages.length} messages`);
}
