// `pnpm train:safety`: trains the screening classifier on the frozen train split, tunes its thresholds on dev, writes the versioned model file.
// Run: npx -y pnpm@10 train:safety [--check]
//
// --check retrains and fails unless the result is byte for byte the committed model, writing nothing: training is
// deterministic (fixed seeds), and the model's features depend on code beside its files (the normaliser, and the words
// it tells Spanish by), so a change there that moves any feature shows here until the model is retrained.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { examplesDigest, readExamples } from "./classifier/examples";
import { EXAMPLES_DIR, FROZEN_TEST_FILE, MODEL_FILE, SPLIT_FILE } from "./classifier/paths";
import { buildModel, sha256, tallyAt } from "./classifier/pipeline";
import { applySplit, readSplitManifest } from "./classifier/splitManifest";

const manifest = readSplitManifest(SPLIT_FILE);
const testSha256 = sha256(readFileSync(FROZEN_TEST_FILE));
if (testSha256 !== manifest.testSha256) throw new Error(`test.frozen.jsonl has sha256 ${testSha256}, the split says ${manifest.testSha256}: the frozen test set was changed`);
const split = applySplit(readExamples(EXAMPLES_DIR), manifest);
const started = performance.now();
const { file, devReadings } = buildModel(split.train, split.dev, { trainingDataSha256: examplesDigest(split.train), testSplitSha256: testSha256, heldOutFamilies: [] });
const text = `${JSON.stringify(file, null, 1)}\n`;
const checking = process.argv.includes("--check");
if (!checking) {
  mkdirSync(dirname(MODEL_FILE), { recursive: true });
  writeFileSync(MODEL_FILE, text);
}
console.log(`trained on ${split.train.length} examples, tuned on ${split.dev.length} (dev) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`model ${file.modelVersion}: ${(text.length / 1024 / 1024).toFixed(2)} MB, sha256 ${sha256(text)}`);
if (checking) {
  const committed = readFileSync(MODEL_FILE, "utf8");
  if (committed !== text) {
    console.error(`the committed ${MODEL_FILE} (sha256 ${sha256(committed)}) is not what training gives: retrain and commit`);
    process.exit(1);
  }
  console.log("the committed model is byte for byte what training gives");
}
console.log(`thresholds ${JSON.stringify(file.thresholds)}`);
// The dev split at the chosen thresholds (what they were tuned to), never the test split.
const onDev = tallyAt(devReadings, file.thresholds);
const devCount = (pick: (level: string) => boolean) => devReadings.filter((r) => pick(r.example.level)).length;
console.log(
  `dev at these thresholds: crisis caught ${onDev.crisisCaught}/${devCount((l) => l === "crisis")}, crisis-or-concern ${onDev.riskCaught}/${devCount((l) => l !== "none")}, ` +
    `ordinary flagged ${onDev.falsePositives}/${devCount((l) => l === "none")} (traps ${onDev.trapFalsePositives}/${devReadings.filter((r) => r.example.trap).length})`,
);
// Sequence lines (a message read after earlier ones of its session) are where the context layer shows.
const sequences = devReadings.filter((r) => r.example.context.length > 0);
const onSequences = tallyAt(sequences, file.thresholds);
const seqCount = (pick: (level: string) => boolean) => sequences.filter((r) => pick(r.example.level)).length;
console.log(
  `  of which the ${sequences.length} sequence lines: crisis caught ${onSequences.crisisCaught}/${seqCount((l) => l === "crisis")}, crisis-or-concern ${onSequences.riskCaught}/${seqCount((l) => l !== "none")}, ` +
    `ordinary flagged ${onSequences.falsePositives}/${seqCount((l) => l === "none")} (as crisis ${onSequences.crisisFalsePositives})`,
);
