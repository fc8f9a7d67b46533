// `pnpm eval:safety`: scores the shipped model on the frozen test split (printing its hash), then a family hold-out, latency and which layer caught what.

import { readFileSync } from "node:fs";
import { loadScreeningClassifier } from "../src/classifier/model";
import { examplesDigest, parseExampleLine, readExamples, type LabelledExample } from "./classifier/examples";
import { createScreener, type Screener } from "../src/screener";
import { screenInput } from "../src/screen";
import type { ScreeningClassifier } from "../src/classifier/model";
import { formatMetrics, measure, operatingPoint, type ScoredExample } from "./classifier/metrics";
import { EXAMPLES_DIR, FROZEN_TEST_FILE, MODEL_FILE, SPLIT_FILE } from "./classifier/paths";
import { buildModel, sha256 } from "./classifier/pipeline";
import { applySplit, readSplitManifest } from "./classifier/splitManifest";
import { BLIND_SETS, readBlindSet, type BlindMessage } from "./classifier/blindSet";
import { comparisonWords, DuplicateIndex } from "./classifier/duplicates";
import { commonOrdinaryWords, ordinaryFragments } from "./classifier/shortMessages";

const HOLD_OUT_FAMILIES = ["slang_euphemism", "spanish"];
const showErrors = Number(process.argv.find((a) => a.startsWith("--show="))?.slice(7) ?? 0);

const manifest = readSplitManifest(SPLIT_FILE);
const frozen = readFileSync(FROZEN_TEST_FILE);
const testSha256 = sha256(frozen);
if (testSha256 !== manifest.testSha256) throw new Error(`test.frozen.jsonl has sha256 ${testSha256}, the split says ${manifest.testSha256}: the frozen test set was changed`);
const test = frozen
  .toString("utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line, i) => parseExampleLine(line, `test.frozen.jsonl:${i + 1}`));
const classifier = loadScreeningClassifier(MODEL_FILE);
const screener = createScreener({ classifier });
const screenMessage = (s: Screener, text: string, recent: readonly string[]) => s.screenInputLocally(text, recent);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const score = (examples: readonly LabelledExample[], c: ScreeningClassifier = classifier): ScoredExample[] => {
  const s = c === classifier ? screener : createScreener({ classifier: c });
  return examples.map((example) => ({ example, verdict: screenMessage(s, example.text, example.context).risk }));
};

console.log(`frozen test split: ${test.length} messages, sha256 ${testSha256}`);
console.log(`model ${classifier.version} (trained on ${classifier.provenance.trainingExamples} examples, data sha256 ${classifier.provenance.trainingDataSha256.slice(0, 16)}…, seed ${classifier.provenance.seed})`);
console.log(`thresholds (tuned on dev only): ${JSON.stringify(classifier.thresholds)}`);
const counts = { crisis: 0, concern: 0, none: 0, traps: 0, sequences: 0 };
for (const e of test) {
  counts[e.level] += 1;
  if (e.trap) counts.traps += 1;
  if (e.context.length > 0) counts.sequences += 1;
}
console.log(`  ${counts.crisis} crisis, ${counts.concern} concern, ${counts.none} ordinary (${counts.traps} traps), ${counts.sequences} with session context\n`);
console.log("layers: normaliser → lexicon → classifier (message and its sentence windows) → conversation context");
console.log(formatMetrics(measure(score(test)), { showErrors }));

// For comparison: the rules alone (the crisis lexicon, behind the new normaliser), as the product screened before the classifier.
const rulesAlone = measure(
  test.map((example) => {
    const crisis = screenInput(example.text).action === "crisis";
    return { example, verdict: { level: crisis ? ("crisis" as const) : ("none" as const), category: "none" as const, decidedBy: "lexicon" as const, modelVersion: "", scores: { risk: 0, crisis: 0 }, uncertain: false } };
  }),
);
console.log(
  `\nrules alone on the same split: crisis recall ${rulesAlone.crisisRecall.hit}/${rulesAlone.crisisRecall.of}, crisis-or-concern ${rulesAlone.riskRecall.hit}/${rulesAlone.riskRecall.of}, false positives ${rulesAlone.falsePositives.hit}/${rulesAlone.falsePositives.of} (traps ${rulesAlone.trapFalsePositives.hit}/${rulesAlone.trapFalsePositives.of})`,
);

// The blind sets: later writers' messages, never trained or tuned on, each screened in its session context. A few
// say what a line the model was trained on says; the figures are printed with and without them.
const trainedOn = new DuplicateIndex();
for (const example of readExamples(EXAMPLES_DIR)) if (!manifest.test.includes(example.id)) trainedOn.add(comparisonWords(example));
const share = (hit: number, of: number) => `${of === 0 ? "n/a" : ((100 * hit) / of).toFixed(1)}% (${hit}/${of})`;
for (const source of BLIND_SETS) {
  const blind = readBlindSet(source.directory, source.sha256);
  console.log(`\nblind set (${source.writer}, received ${source.received}; ${source.note}): ${blind.messages.length} messages, sha256 ${Object.entries(blind.sha256).map(([file, hash]) => `${file} ${hash}`).join(", ")}`);
  const readings = blind.messages.map((message) => ({ message, copiesTraining: trainedOn.match(comparisonWords(message)) !== undefined, verdict: screenMessage(screener, message.text, message.context) }));
  printBlindFigures(readings);
}

type BlindReading = { message: BlindMessage; copiesTraining: boolean; verdict: ReturnType<typeof screenMessage> };
function printBlindFigures(readings: readonly BlindReading[]): void {
  const isCrisis = (reading: BlindReading) => reading.verdict.action === "crisis";
  const isFlagged = (reading: BlindReading) => isCrisis(reading) || reading.verdict.risk.level !== "none";
  const caught = (reading: BlindReading) => (reading.message.level === "crisis" ? isCrisis(reading) : isFlagged(reading));
  const figures = (label: string, some: readonly BlindReading[]) => {
    const of = (pick: (message: BlindMessage) => boolean) => some.filter((reading) => pick(reading.message));
    const crisisLines = of((m) => m.level === "crisis");
    const riskLines = of((m) => m.level !== "none");
    const ordinaryLines = of((m) => m.level === "none");
    const trapLines = of((m) => m.level === "none" && m.trap);
    console.log(
      `  ${label}: crises given crisis resources ${share(crisisLines.filter(isCrisis).length, crisisLines.length)}; risk messages caught at least as a concern ${share(riskLines.filter(isFlagged).length, riskLines.length)}; ordinary flagged ${share(ordinaryLines.filter(isFlagged).length, ordinaryLines.length)}, traps ${share(trapLines.filter(isFlagged).length, trapLines.length)}`,
    );
  };
  figures("every message", readings);
  figures(`without the ${readings.filter((reading) => reading.copiesTraining).length} that copy a train or dev line (Jaccard ≥ 0.8)`, readings.filter((reading) => !reading.copiesTraining));
  const riskReadings = readings.filter((reading) => reading.message.level !== "none");
  const kinds = [...new Set(riskReadings.map((reading) => reading.message.kind))].sort();
  console.log(`  by kind (crisis lines need crisis, concern lines at least concern): ${kinds
    .map((kind) => {
      const lines = riskReadings.filter((reading) => reading.message.kind === kind);
      return `${kind} ${lines.filter(caught).length}/${lines.length}`;
    })
    .join(", ")}`);
  // A crisis missed where an earlier message of the session was a crisis: that one brought the helplines, and this one
  // the persona's check-in with a soft resource line (riskScreen.ts, "A crisis earlier in the session is still in the
  // conversation"). Counted apart because the writers label a whole session's last line a crisis.
  const missedCrises = riskReadings.filter((reading) => reading.message.level === "crisis" && !isCrisis(reading));
  const checkedIn = missedCrises.filter((reading) => reading.verdict.risk.decidedBy === "earlier_crisis").length;
  console.log(`  crises missed ${missedCrises.length}: ${checkedIn} after a crisis earlier in the session (answered with the check-in and a soft resource line), ${missedCrises.length - checkedIn} read as ${missedCrises.length - checkedIn === 1 ? "a concern or ordinary" : "concerns or ordinary"} with no crisis before`);
}

// Latency of the whole screen (every rule, normalisation once, the risk layers), per message, after warm-up.
for (let i = 0; i < 3; i += 1) for (const e of test) screenMessage(screener, e.text, e.context);
const rounds = 20;
const samples = new Float64Array(test.length * rounds);
let n = 0;
const started = performance.now();
for (let r = 0; r < rounds; r += 1) {
  for (const e of test) {
    const before = performance.now();
    screenMessage(screener, e.text, e.context);
    samples[n++] = performance.now() - before;
  }
}
const elapsed = (performance.now() - started) / 1000;
samples.sort();
console.log(`\nlatency of the whole screen over the test messages (${samples.length} screens): p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms, max ${percentile(samples, 100).toFixed(3)} ms, ${Math.round(samples.length / elapsed)} msgs/s`);

// Family hold-out: a model trained and tuned without a whole phrasing family, scored on every message of that family.
const split = applySplit(readExamples(EXAMPLES_DIR), manifest);

// Other operating points, on dev only (where thresholds may be chosen): recall of the message layers had the limit been looser.
const dev: ScoredExample[] = split.dev.map((example) => ({ example, verdict: screenMessage(screener, example.text, []).risk }));
function operatingPoints(readings: readonly ScoredExample[]): string {
  return [0.02, 0.05, 0.1]
    .map((share) => {
      const { cut, risk } = operatingPoint(readings, share);
      return `${(100 * share).toFixed(0)} % flagged → ${((100 * risk.hit) / risk.of).toFixed(1)} % of risk caught (P(risk) > ${cut.toFixed(2)})`;
    })
    .join("; ");
}
console.log(`\noperating points on dev, each message read alone (ordinary messages flagged → risk messages caught): ${operatingPoints(dev)}`);
// A sequence line's label depends on its earlier messages ("me voy a matar" after a lost match is ordinary), so read alone it says little of the message layers.
console.log(`  the same without the ${dev.filter((d) => d.example.context.length > 0).length} sequence lines: ${operatingPoints(dev.filter((d) => d.example.context.length === 0))}`);

// Short messages, read alone: a teen's one- to three-word replies are common in chat and rare among the written lines.
const flaggedAlone = (texts: readonly string[]) => {
  const levels = texts.map((text) => screenMessage(screener, text, []).risk.level);
  const crisis = levels.filter((level) => level === "crisis").length;
  const concern = levels.filter((level) => level === "concern").length;
  return `${crisis} crisis and ${concern} concern of ${texts.length} (${((100 * (crisis + concern)) / texts.length).toFixed(1)} %)`;
};
console.log(`
short ordinary messages, each read alone: one to three words cut from the ordinary dev lines (not traps) ${flaggedAlone(ordinaryFragments(split.dev))}`);
console.log(`  the 3,000 commonest words of the ordinary train and dev lines, each alone: ${flaggedAlone(commonOrdinaryWords([...split.train, ...split.dev]))}`);
const shortRisk = dev.filter((d) => d.example.level !== "none" && d.example.context.length === 0 && d.example.text.split(/\s+/).length <= 4);
console.log(`  risk lines of four words or fewer on dev caught: ${shortRisk.filter((d) => d.verdict.level !== "none").length}/${shortRisk.length}`);
const all = [...split.train, ...split.dev, ...test];
for (const family of HOLD_OUT_FAMILIES) {
  const train = split.train.filter((e) => e.family !== family);
  const dev = split.dev.filter((e) => e.family !== family);
  const { classifier: heldOut } = buildModel(train, dev, { trainingDataSha256: examplesDigest(train), testSplitSha256: testSha256, heldOutFamilies: [family] });
  const scored = measure(score(all.filter((e) => e.family === family), heldOut));
  const ordinary = measure(score(test.filter((e) => e.family !== family && e.level === "none"), heldOut));
  const pct = (hit: number, of: number) => `${of === 0 ? "n/a" : ((100 * hit) / of).toFixed(1)}% (${hit}/${of})`;
  console.log(`\nfamily hold-out "${family}": trained on ${train.length} without it, scored on all ${scored.examples} of its messages`);
  console.log(`  crisis recall ${pct(scored.crisisRecall.hit, scored.crisisRecall.of)}, crisis-or-concern recall ${pct(scored.riskRecall.hit, scored.riskRecall.of)}; false positives on the other test messages ${pct(ordinary.falsePositives.hit, ordinary.falsePositives.of)}`);
}
