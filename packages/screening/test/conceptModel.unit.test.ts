// A model trained with concept features says so in its file (format version 2, the terms inside it), reads text with those concepts when loaded, and a file whose concepts are malformed is refused.
import { describe, expect, it } from "vitest";
import { isScreeningModelError } from "../src/classifier/errors";
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type FeatureConfig } from "../src/classifier/features";
import { RISK_CATEGORIES, RISK_LEVELS } from "../src/classifier/labels";
import { parseModelFile, ScreeningClassifier, weightsDigest, type ModelFile } from "../src/classifier/model";
import { trainClassifier } from "../src/classifier/train";
import { toModelFile } from "../bench/classifier/pipeline";

const concepts = {
  source: { author: "unit test", sha256: "f".repeat(64) },
  terms: { KILL: ["kill", "kms", "matarme"], SELF: ["myself", "kms", "matarme"] },
  pairSpan: 4,
  wordSpan: 1,
};
const config: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, hashBits: 12, concepts };
const lines: [string, (typeof RISK_LEVELS)[number], (typeof RISK_CATEGORIES)[number]][] = [
  ["i want to kill myself", "crisis", "active_ideation"],
  ["gonna kill myself tonight", "crisis", "active_ideation"],
  ["what should i name my cat", "none", "none"],
  ["can you help me with my essay", "none", "none"],
];
const thresholds = { crisis: 0.9, concern: 0.5, uncertain: 0.3, lexiconMention: 0.5, contextCurrent: 0.5, contextCrisis: 0.99, contextConcern: 0.9 };
const provenance = { trainingDataSha256: "0".repeat(64), trainingExamples: lines.length, testSplitSha256: "1".repeat(64), seed: 1, epochs: 3, learningRate: 0.1, l2: 1e-3, heldOutFamilies: [] };

function modelFile(features: FeatureConfig): ModelFile {
  const examples = lines.map(([text, level, category]) => ({
    vector: extractFeatures([text], features),
    level: RISK_LEVELS.indexOf(level),
    category: RISK_CATEGORIES.indexOf(category),
    levelWeight: 1,
    categoryWeight: 1,
  }));
  const weights = trainClassifier(examples, { seed: 1, epochs: 3, learningRate: 0.1, l2: 1e-3 });
  return JSON.parse(JSON.stringify(toModelFile(weights, features, thresholds, provenance))) as ModelFile;
}

function refusal(file: unknown): string | undefined {
  try {
    parseModelFile(file);
    return undefined;
  } catch (error) {
    if (isScreeningModelError(error)) return error.code;
    throw error;
  }
}

describe("a model file with concept features", () => {
  it("is format version 2 and carries its concepts; without them it stays version 1", () => {
    const file = modelFile(config);
    expect(file.formatVersion).toBe(2);
    expect(file.features.concepts).toEqual(concepts);
    expect(modelFile({ ...config, concepts: undefined }).formatVersion).toBe(1);
  });

  it("loads and reads text with the concepts it was trained with", () => {
    const classifier = new ScreeningClassifier(parseModelFile(modelFile(config)));
    expect(classifier.features.concepts).toEqual(concepts);
    const score = (text: string) => classifier.score(extractFeatures([text], classifier.features)).risk;
    // Never written in training, "matarme" shares KILL, SELF and their pair with "kill myself".
    const withoutConcepts = new ScreeningClassifier(parseModelFile(modelFile({ ...config, concepts: undefined })));
    const plainScore = (text: string) => withoutConcepts.score(extractFeatures([text], withoutConcepts.features)).risk;
    expect(score("matarme")).toBeGreaterThan(plainScore("matarme"));
    expect(score("matarme")).toBeGreaterThan(score("what should i name my cat"));
  });

  it.each<[string, (file: ModelFile) => unknown]>([
    ["version 1 naming concepts", (file) => ({ ...file, formatVersion: 1 })],
    ["terms that are not words", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, terms: { KILL: ["kill", " "] } } } })],
    ["a span out of range", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, pairSpan: 99 } } })],
    ["no source", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, source: undefined } } })],
  ])("is refused with %s", (_name, damage) => {
    const damaged = damage(modelFile(config)) as ModelFile;
    expect(refusal({ ...damaged, weightsSha256: weightsDigest(damaged.weights) })).toBe("SCREENING_MODEL_CORRUPT");
  });
});
