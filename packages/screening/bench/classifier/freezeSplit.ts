// Freezes the train/dev/test split of the screening data; run once before any training, and again only to place examples added later.

import { existsSync, writeFileSync } from "node:fs";
import { readExamples } from "./examples";
import { EXAMPLES_DIR, FROZEN_TEST_FILE, SPLIT_FILE } from "./paths";
import { freezeSplit, readSplitManifest } from "./splitManifest";

const examples = readExamples(EXAMPLES_DIR);
const existing = existsSync(SPLIT_FILE) ? readSplitManifest(SPLIT_FILE) : undefined;
const { manifest, testLines } = freezeSplit(examples, existing);
if (existing === undefined) writeFileSync(FROZEN_TEST_FILE, testLines);
writeFileSync(SPLIT_FILE, `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`${examples.length} examples: train ${manifest.train.length}, dev ${manifest.dev.length}, test ${manifest.test.length} (frozen, sha256 ${manifest.testSha256})`);
