// Compares classifier set-ups on dev and the family hold-outs only (never the frozen test split): partial AUC, the counts at thresholds tuned on dev, and what a model trained without a family catches of it.
// Usage: npx tsx packages/screening/bench/classifier/experiment.ts [--concepts=<pair span>,<word span>] [--gloss=<normalised glossary, default data/gloss/gloss.json>] [--padding=<squared length, 150 as shipped>] [--seeds=20251204,7] [--l2=3e-3] [--epochs=15] [--swaps=<variants per line with a concept term swapped>] [--no-holdouts]

import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from "../../src/classifier/features";
import { ScreeningClassifier } from "../../src/classifier/model";
import { DEFAULT_TRAINING, trainClassifier } from "../../src/classifier/train";
import { prepareText } from "../../src/normalize";
import { scoreMessage } from "../../src/riskScreen";
import { augmentExamples, DEFAULT_AUGMENT, type AugmentOptions } from "./augment";
import { conceptFeatures, readConceptLexicon } from "./concepts";
import { englishVocabulary, glossFeatures, readGloss } from "./gloss";
import { examplesDigest, readExamples, type LabelledExample } from "./examples";
import { EXAMPLES_DIR, SPLIT_FILE } from "./paths";
import { buildModel, swapLexiconFor, tallyAt, toModelFile, toTrainingExamples } from "./pipeline";
import { applySplit, readSplitManifest } from "./splitManifest";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const spans = arg("concepts");
const seeds = (arg("seeds") ?? String(DEFAULT_TRAINING.seed)).split(",").map(Number);
const holdouts = !process.argv.includes("--no-holdouts");
/** A positive number given as `--name=value`, or undefined when the option is absent; anything else stops the run. */
const numberArg = (name: string): number | undefined => {
  const text = arg(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0)) throw new Error(`--${name}=${text}: expected a positive number`);
  return value;
};
/** The training set-up compared: DEFAULT_TRAINING unless `--l2` or `--epochs` says otherwise. */
const training = { ...DEFAULT_TRAINING, l2: numberArg("l2") ?? DEFAULT_TRAINING.l2, epochs: numberArg("epochs") ?? DEFAULT_TRAINING.epochs };
const [pairSpan = 0, wordSpan = 0] = spans === undefined ? [] : spans.split(",").map(Number);
const glossPath = arg("gloss");
/** Each message's squared length padded as the shipped recipe pads it (pipeline.ts); absent: no padding, as before 2025.12.10. */
const lengthPadding = numberArg("padding");
/** The augmentation compared: DEFAULT_AUGMENT, with `--swaps` variants per line that has a concept term swapped (augment.ts). */
const swaps = numberArg("swaps");
const augmentFor = (seed: number): AugmentOptions => ({ ...DEFAULT_AUGMENT, seed, ...(swaps === undefined ? {} : { conceptSwaps: swaps }) });
if (process.argv.includes("--gloss")) throw new Error("--gloss takes a value: --gloss= for the committed glossary, --gloss=<file> for another");

const split = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE));
// The lexicon and glossary are read once; only the English words differ between the models a run trains.
const concepts = spans === undefined ? undefined : conceptFeatures(readConceptLexicon(), { pairSpan, wordSpan });
const gloss = glossPath === undefined ? undefined : readGloss(glossPath === "" ? undefined : glossPath);
/** The set-up's features for a model trained on `train`: a glossary takes its English words from those lines alone. */
const configFor = (train: readonly LabelledExample[]): FeatureConfig => ({
  ...DEFAULT_FEATURE_CONFIG,
  ...(concepts === undefined ? {} : { concepts }),
  ...(gloss === undefined ? {} : { gloss: glossFeatures(gloss, englishVocabulary(train)) }),
  ...(lengthPadding === undefined ? {} : { lengthPadding }),
});
const config = configFor(split.train);
const risk = (c: ScreeningClassifier, e: LabelledExample) => scoreMessage(c, prepareText(e.text)).risk;

/** Share of risk lines caught when `rate` of the ordinary lines are flagged, the classifier alone, each message read alone. */
function caughtAt(ordinary: readonly number[], risky: readonly number[], rate: number): number {
  const sorted = [...ordinary].sort((a, b) => b - a);
  const threshold = sorted[Math.floor(sorted.length * rate)] ?? 1;
  return risky.filter((r) => r > threshold).length / risky.length;
}

/** Mean share of risk caught at 1, 2, … 10 % of ordinary lines flagged. */
function partialAuc(c: ScreeningClassifier, lines: readonly LabelledExample[]): number {
  const ordinary = lines.filter((e) => e.level === "none").map((e) => risk(c, e));
  const risky = lines.filter((e) => e.level !== "none").map((e) => risk(c, e));
  let sum = 0;
  for (let p = 1; p <= 10; p += 1) sum += caughtAt(ordinary, risky, p / 100);
  return (100 * sum) / 10;
}

function trainOnly(train: readonly LabelledExample[], seed: number): ScreeningClassifier {
  const options = { ...training, seed };
  const augment = augmentFor(seed + 1);
  const features = configFor(train);
  const variants = augmentExamples(train, augment, swapLexiconFor(augment, features));
  const weights = trainClassifier(toTrainingExamples([...train, ...variants], features), options, features.lengthPadding);
  const thresholds = { crisis: 0.5, concern: 0.5, uncertain: 0.25, lexiconMention: 0, contextCurrent: 0.5, contextCrisis: 0.5, contextConcern: 0.5 };
  return new ScreeningClassifier(toModelFile(weights, features, thresholds, { trainingDataSha256: "", testSplitSha256: "", heldOutFamilies: [], seed, epochs: options.epochs, learningRate: options.learningRate, l2: options.l2, trainingExamples: train.length }));
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
console.log(`set-up: ${spans === undefined ? "no concepts" : `concepts, pair span ${pairSpan}, word span ${wordSpan}`}${config.gloss === undefined ? "" : `, Spanish read through a glossary of ${Object.keys(config.gloss.entries).length} entries`}${lengthPadding === undefined ? "" : `, squared length padded by ${lengthPadding}`}${swaps === undefined ? "" : `, ${swaps} concept-term swap(s) per line`}; l2 ${training.l2}, ${training.epochs} epochs; ${split.train.length} train, ${split.dev.length} dev lines`);
for (const seed of seeds) {
  const started = performance.now();
  const { file, classifier, devReadings } = buildModel(
    split.train,
    split.dev,
    { trainingDataSha256: examplesDigest(split.train), testSplitSha256: "", heldOutFamilies: [] },
    { ...training, seed },
    config,
    undefined,
    augmentFor(seed === DEFAULT_TRAINING.seed ? DEFAULT_AUGMENT.seed : seed + 1),
  );
  const tally = tallyAt(devReadings, file.thresholds);
  const size = JSON.stringify(file, null, 1).length / 1024 / 1024;
  const standalone = split.dev.filter((e) => e.context.length === 0);
  const line = [
    `seed ${seed}: partial AUC ${partialAuc(classifier, split.dev).toFixed(1)} / ${partialAuc(classifier, standalone).toFixed(1)}`,
    `tuned ${tally.crisisCaught} / ${tally.riskCaught} (ordinary flagged ${tally.falsePositives})`,
    `${size.toFixed(1)} MB`,
  ];
  if (holdouts) {
    for (const family of ["slang_euphemism", "spanish"]) {
      const heldOut = trainOnly(split.train.filter((e) => e.family !== family), seed);
      const ordinary = split.dev.filter((e) => e.family !== family && e.level === "none").map((e) => risk(heldOut, e));
      const risky = [...split.train, ...split.dev].filter((e) => e.family === family && e.level !== "none").map((e) => risk(heldOut, e));
      line.push(`${family} hold-out ${pct(caughtAt(ordinary, risky, 0.02))} / ${pct(caughtAt(ordinary, risky, 0.05))}`);
    }
    // Every line not in English left out: what the English lines alone teach of Spanish and mixed messages.
    const englishOnly = trainOnly(split.train.filter((e) => e.lang === "en"), seed);
    const ordinary = split.dev.filter((e) => e.lang === "en" && e.level === "none").map((e) => risk(englishOnly, e));
    const risky = [...split.train, ...split.dev].filter((e) => e.lang !== "en" && e.level !== "none").map((e) => risk(englishOnly, e));
    line.push(`English-only model on Spanish and mixed risk ${pct(caughtAt(ordinary, risky, 0.02))} / ${pct(caughtAt(ordinary, risky, 0.05))}`);
  }
  console.log(`${line.join("; ")} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
