// `npx tsx packages/screening/bench/classifier/inference.ts [model.json]`: the classifier's own cost per message (features of every sentence window and both heads), on the dev and test texts already normalised.

import { loadScreeningClassifier } from "../../src/classifier/model";
import { prepareText } from "../../src/normalize";
import { scoreMessage } from "../../src/riskScreen";
import { readExamples } from "./examples";
import { EXAMPLES_DIR, MODEL_FILE, SPLIT_FILE } from "./paths";
import { applySplit, readSplitManifest } from "./splitManifest";

const path = process.argv[2] ?? MODEL_FILE;
const classifier = loadScreeningClassifier(path);
const split = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE));
// Normalisation is the rules' cost, not the classifier's: done once, outside the timing.
const prepared = [...split.dev, ...split.test].map((example) => prepareText(example.text));

for (let i = 0; i < 3; i += 1) for (const text of prepared) scoreMessage(classifier, text);
const rounds = 10;
const samples = new Float64Array(prepared.length * rounds);
// Each message's fastest round: on a shared machine the slow tail is mostly other processes preempting this one.
const best = new Float64Array(prepared.length).fill(Number.POSITIVE_INFINITY);
let n = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let r = 0; r < rounds; r += 1) {
  prepared.forEach((text, i) => {
    const before = performance.now();
    scoreMessage(classifier, text);
    const took = performance.now() - before;
    samples[n++] = took;
    best[i] = Math.min(best[i] ?? took, took);
  });
}
const wall = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
samples.sort();
best.sort();
const percentile = (sorted: Float64Array, p: number) => (1000 * (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN)).toFixed(1);
const at = (p: number) => percentile(samples, p);
console.log(`classifier ${classifier.version} (${path}), ${samples.length} messages scored (whole message and its sentence windows)`);
console.log(
  `  cpu ${((1000 * (cpu.user + cpu.system)) / 1000 / samples.length).toFixed(1)} µs/msg; wall p50 ${at(50)} µs, p99 ${at(99)} µs, max ${at(100)} µs, ${Math.round(samples.length / (wall / 1000))} msgs/s; ` +
    `each message's best of ${rounds}: p50 ${percentile(best, 50)} µs, p99 ${percentile(best, 99)} µs, max ${percentile(best, 100)} µs`,
);
