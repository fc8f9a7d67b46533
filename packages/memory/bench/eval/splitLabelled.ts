// Writes teen/{train,dev,test,fresh,blind}.json from the writers' files: run once before tuning; test.json, fresh.json and blind.json are then frozen.
// Run: npx tsx packages/memory/bench/eval/splitLabelled.ts [--force]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, FROZEN_SPLITS, SPLITS, TEEN_SOURCES, splitOf, splitPath, type LabelledMessage, type SplitFile } from "./labelledSet";

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
  if (FROZEN_SPLITS.has(split) && existsSync(path) && !process.argv.includes("--force")) {
    console.log(`${split}: kept (frozen; --force rewrites it)`);
    continue;
  }
  const messages = bySplit.get(split) ?? [];
  const body: SplitFile = {
    description: `The ${split} split of ${TEEN_SOURCES.join(", ")} (see PROVENANCE.md), by splitOf(id) in bench/eval/labelledSet.ts.${split === "test" ? " Frozen before any tuning: never read it to tune, never edit it." : split === "fresh" ? " Writer E only, a second check set beside test: scored, never read, never tuned on, never edited." : split === "blind" ? " Writer X only, a blind set written by a writer who read nothing of the project but the brief: scored, never read, never tuned on, never edited." : " Tune on train; check on dev."}`,
    split,
    messages,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 1)}\n`);
  console.log(`${split}: ${messages.length} messages`);
}
