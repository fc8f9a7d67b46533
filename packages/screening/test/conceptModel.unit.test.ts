// A model trained with concept features or a glossary says so in its file (the current format version, the terms and entries inside it, its buckets as gaps, its category head in int8), reads text with them when loaded, still reads version 3 files, and a file whose concepts or glossary are malformed is refused.
import { describe, expect, it } from "vitest";
import { isScreeningModelError } from "../src/classifier/errors";
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type FeatureConfig } from "../src/classifier/features";
import { RISK_CATEGORIES, RISK_LEVELS } from "../src/classifier/labels";
import { encodeInts, MODEL_FORMAT_VERSION, parseModelFile, ScreeningClassifier, softmaxInPlace, weightsDigest, type ModelFile } from "../src/classifier/model";
import { featureValues, trainClassifier, type TrainedWeights } from "../src/classifier/train";
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

function trainedWeights(features: FeatureConfig): TrainedWeights {
  const examples = lines.map(([text, level, category]) => ({
    vector: extractFeatures([text], features),
    level: RISK_LEVELS.indexOf(level),
    category: RISK_CATEGORIES.indexOf(category),
    levelWeight: 1,
    categoryWeight: 1,
  }));
  return trainClassifier(examples, { seed: 1, epochs: 3, learningRate: 0.1, l2: 1e-3 }, features.lengthPadding);
}

function modelFile(features: FeatureConfig): ModelFile {
  return JSON.parse(JSON.stringify(toModelFile(trainedWeights(features), features, thresholds, provenance))) as ModelFile;
}

/** The same file with its weights' SHA-256 made right again, so only the damage itself can be refused. */
const resealed = (file: ModelFile): ModelFile => ({ ...file, weightsSha256: weightsDigest(file.weights) });

/** What loading the file (checking it, then building the classifier from it) refuses it with, if anything. */
function refusal(file: unknown): string | undefined {
  try {
    new ScreeningClassifier(parseModelFile(file));
    return undefined;
  } catch (error) {
    if (isScreeningModelError(error)) return error.code;
    throw error;
  }
}

describe("a model file with a padded length", () => {
  const padded: FeatureConfig = { ...config, lengthPadding: 150 };

  it("scores a message as training scaled it: softmax of the bias and the weights over the padded feature values", () => {
    // Trained long and padded much, so that reading the vector at unit length would give clearly other probabilities.
    const strongly: FeatureConfig = { ...config, lengthPadding: 400 };
    const examples = lines.map(([text, level, category]) => ({ vector: extractFeatures([text], strongly), level: RISK_LEVELS.indexOf(level), category: RISK_CATEGORIES.indexOf(category), levelWeight: 1, categoryWeight: 1 }));
    const weights = trainClassifier(examples, { seed: 1, epochs: 40, learningRate: 0.5, l2: 1e-4 }, 400);
    const classifier = new ScreeningClassifier(parseModelFile(JSON.parse(JSON.stringify(toModelFile(weights, strongly, thresholds, provenance)))));
    const rowOf = new Map(Array.from(weights.buckets, (bucket, row) => [bucket, row]));
    const expected = (rows: Int32Array, padding: number) => {
      const values = featureValues(rows, weights.idf, padding);
      const logits = Float64Array.from(weights.levelBias, (bias, k) => bias + rows.reduce((sum, row, i) => sum + (values[i] ?? 0) * (weights.level[row * RISK_LEVELS.length + k] ?? 0), 0));
      softmaxInPlace(logits);
      return logits;
    };
    // Training itself scales by the padding: the same examples unpadded give other weights.
    expect(trainClassifier(examples, { seed: 1, epochs: 40, learningRate: 0.5, l2: 1e-4 }, 0).level).not.toEqual(weights.level);
    for (const text of ["kill myself", "gonna kill it tonight", "my cat"]) {
      const vector = extractFeatures([text], strongly);
      const rows = Int32Array.from(Array.from(vector.indices).filter((bucket) => rowOf.has(bucket)), (bucket) => rowOf.get(bucket) ?? 0);
      const [none = 0, , crisis = 0] = expected(rows, 400);
      const [unpaddedNone = 0] = expected(rows, 0);
      expect(Math.abs(unpaddedNone - none), text).toBeGreaterThan(0.01);
      // The file holds the weights in int16, so the two agree to about four decimals, not to the last bit.
      const scored = classifier.scoreLevel(vector).level;
      expect(scored.none, text).toBeCloseTo(none, 3);
      expect(scored.crisis, text).toBeCloseTo(crisis, 3);
    }
  });

  it("cannot be written from weights trained with another padding, nor loaded with a padding that is no number", () => {
    expect(() => toModelFile(trainedWeights(config), padded, thresholds, provenance)).toThrow(/trained with lengthPadding 0, the feature config says 150/);
    expect(() => trainClassifier([], { seed: 1, epochs: 1, learningRate: 0.1, l2: 1e-3 }, Number.NaN)).toThrow(RangeError);
    const file = modelFile(padded);
    expect(() => new ScreeningClassifier({ ...file, features: { ...file.features, lengthPadding: Number.NaN } })).toThrow(expect.objectContaining({ code: "SCREENING_MODEL_CORRUPT" }));
  });
});

describe("a model file with concept features", () => {
  it("is the current format version and carries its concepts, its buckets as gaps and its category head in int8; without concepts it stays version 1", () => {
    const file = modelFile(config);
    expect(file.formatVersion).toBe(MODEL_FORMAT_VERSION);
    expect(file.features.concepts).toEqual(concepts);
    expect(file.weights.bucketGaps).toEqual(expect.any(String));
    expect(file.weights.buckets).toBeUndefined();
    expect(file.weights.categoryScale).toEqual(expect.any(Number));
    const level = Buffer.from(file.weights.level, "base64").length;
    // One byte per category weight against two per level weight.
    expect(Buffer.from(file.weights.category, "base64").length / RISK_CATEGORIES.length).toBe(level / 2 / RISK_LEVELS.length);
    const plain = modelFile({ ...config, concepts: undefined });
    expect(plain.formatVersion).toBe(1);
    expect(plain.weights.buckets).toEqual(expect.any(String));
    expect(plain.weights.bucketGaps).toBeUndefined();
    expect(plain.weights.categoryScale).toBeUndefined();
    // A padded length changes how every message is read: a file that pads is never one an older reader would take.
    expect(modelFile({ ...config, concepts: undefined, lengthPadding: 150 }).formatVersion).toBe(MODEL_FORMAT_VERSION);
  });

  it("reads its buckets from the gaps exactly as version 2 read them whole, in a smaller file, and reads a version 3 file's int16 category head", () => {
    const weights = trainedWeights(config);
    const gapped = JSON.parse(JSON.stringify(toModelFile(weights, config, thresholds, provenance))) as ModelFile;
    // The versions before 4: the category head in int16 under the one shared scale, the same weights as near as int16 holds them.
    const { bucketGaps, categoryScale = 0, ...rest } = gapped.weights;
    const category = encodeInts(Int16Array.from(new Int8Array(Buffer.from(gapped.weights.category, "base64")), (v) => Math.round((v * categoryScale) / rest.scale)));
    const whole = resealed({ ...gapped, formatVersion: 2, weights: { ...rest, category, buckets: encodeInts(weights.buckets) } });
    const version3 = resealed({ ...gapped, formatVersion: 3, weights: { ...rest, category, ...(bucketGaps === undefined ? {} : { bucketGaps }) } });
    expect(gapped.weights.bucketGaps?.length).toBeLessThan(whole.weights.buckets?.length ?? 0);
    const fromGaps = new ScreeningClassifier(parseModelFile(gapped));
    const fromWhole = new ScreeningClassifier(parseModelFile(whole));
    const fromVersion3 = new ScreeningClassifier(parseModelFile(version3));
    // Version 4 differs from 5 only in that it cannot pad a vector's length: without a padding it reads the same.
    const fromVersion4 = new ScreeningClassifier(parseModelFile(resealed({ ...gapped, formatVersion: 4 })));
    // Every bucket of the space, one at a time: a bucket misplaced by one gap scores differently somewhere.
    for (let bucket = 0; bucket < 2 ** config.hashBits; bucket += 1) {
      const vector = { indices: Int32Array.of(bucket) };
      expect(fromGaps.scoreLevel(vector)).toEqual(fromWhole.scoreLevel(vector));
      expect(fromVersion3.score(vector)).toEqual(fromWhole.score(vector));
      expect(fromVersion4.score(vector)).toEqual(fromGaps.score(vector));
    }
    for (const [text] of lines) {
      const vector = extractFeatures([text], config);
      expect(fromVersion3.category(vector)).toBe(fromGaps.category(vector));
    }
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
    ["version 4 without the category head's scale", (file) => ({ ...file, weights: { ...file.weights, categoryScale: undefined } })],
    ["version 3 with a category scale of its own", (file) => ({ ...file, formatVersion: 3 })],
    ["a category scale of zero", (file) => ({ ...file, weights: { ...file.weights, categoryScale: 0 } })],
    ["an int8 category head of the wrong length", (file) => ({ ...file, weights: { ...file.weights, category: Buffer.alloc(3).toString("base64") } })],
    ["terms that are not words", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, terms: { KILL: ["kill", " "] } } } })],
    ["bucket gaps that end inside a varint", (file) => ({ ...file, weights: { ...file.weights, bucketGaps: Buffer.from([0x05, 0x83]).toString("base64") } })],
    ["version 3 storing whole buckets", (file) => ({ ...file, weights: { ...file.weights, bucketGaps: undefined, buckets: Buffer.alloc(8).toString("base64") } })],
    ["a span out of range", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, pairSpan: 99 } } })],
    ["no source", (file) => ({ ...file, features: { ...file.features, concepts: { ...concepts, source: undefined } } })],
  ])("is refused with %s", (_name, damage) => {
    expect(refusal(resealed(damage(modelFile(config)) as ModelFile))).toBe("SCREENING_MODEL_CORRUPT");
  });
});

const gloss = {
  source: { author: "unit test", sha256: "e".repeat(64) },
  entries: {
    quiero: "i want",
    morir: "to die",
    "me quiero morir": "i want to die",
    gato: "cat",
    nombre: "name",
    come: "eats",
    sin: "without",
    ya: "already",
    "ya no": "not anymore",
    "no aguanto": "i cant take it",
    triste: "sad",
    ojala: "i hope",
    muriera: "i died",
  },
  englishWords: ["already", "and", "anymore", "cat", "city", "come", "die", "here", "i", "just", "name", "no", "not", "sin", "the", "to", "want", "ya"],
};

describe("a model file with a Spanish glossary", () => {
  const glossed: FeatureConfig = { ...config, gloss };
  const words = (text: string, features: FeatureConfig) => new Set(extractFeatures([text], features).indices);

  it("reads a Spanish clause a second time in the glossary's English words, and an English one only once", () => {
    const english = words("i want to die", glossed);
    const spanish = words("me quiero morir", glossed);
    const shared = [...spanish].filter((bucket) => english.has(bucket));
    // Every word, pair, triple and pair a few words apart of "i want to die", not its character n-grams.
    expect(shared.length).toBeGreaterThanOrEqual(10);
    expect([...words("me quiero morir", config)].filter((bucket) => english.has(bucket))).toEqual([]);
    // "come" and "sin" are in the glossary and English words too: in an English clause they are not read as Spanish.
    expect(words("come here and name the cat sin city", glossed)).toEqual(words("come here and name the cat sin city", config));
  });

  it("reads the longest phrase the glossary holds, and Spanish words inside an English clause", () => {
    // "ya no" is one phrase ("not anymore"), not "ya" ("already") and then "no": the pair "not anymore" is read.
    const single = new Set([...words("not", config), ...words("anymore", config)]);
    const pair = [...words("not anymore", config)].filter((bucket) => !single.has(bucket));
    expect(pair).toHaveLength(1);
    expect(words("ya no quiero gato", glossed).has(pair[0] ?? -1)).toBe(true);
    const already = words("already", config);
    expect([...words("ya no quiero gato", glossed)].some((bucket) => already.has(bucket))).toBe(false);
    expect([...words("ya quiero gato", glossed)].some((bucket) => already.has(bucket))).toBe(true);
    // The clause leans English, yet "no aguanto" is a phrase with a word English does not use: it is read. "ya" before
    // it is an English word here (this glossary's English words hold it), so it stays as written.
    const wordsOnly: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG, hashBits: config.hashBits, charNgramMin: 99 };
    const readIn = (text: string, english: string) => {
      const read = words(text, glossed);
      return [...words(english, wordsOnly)].filter((bucket) => !read.has(bucket));
    };
    expect(readIn("ya no aguanto i just want to die", "i cant take it")).toEqual([]);
    expect(words("ya no aguanto i just want to die", glossed).has(pair[0] ?? -1)).toBe(false);
    // One stray word in an English clause is not read ("i feel so triste"); two are ("ojala i never woke up muriera").
    expect(words("i feel so triste", glossed)).toEqual(words("i feel so triste", config));
    expect(readIn("ojala i never woke up muriera", "i hope")).toEqual([]);
    expect(readIn("ojala i never woke up muriera", "i died")).toEqual([]);
  });

  it("is the current format version, carries its entries, and reads with them when loaded", () => {
    const file = modelFile(glossed);
    expect(file.formatVersion).toBe(MODEL_FORMAT_VERSION);
    expect(file.features.gloss).toEqual(gloss);
    const classifier = new ScreeningClassifier(parseModelFile(file));
    const withoutGloss = new ScreeningClassifier(parseModelFile(modelFile(config)));
    const risk = (model: ScreeningClassifier, text: string) => model.score(extractFeatures([text], model.features)).risk;
    // Never written in training: the glossary reads it as the English crisis lines the model was taught.
    expect(risk(classifier, "quiero morir")).toBeGreaterThan(risk(withoutGloss, "quiero morir"));
    expect(risk(classifier, "quiero morir")).toBeGreaterThan(risk(classifier, "que nombre para mi gato"));
  });

  it.each<[string, (file: ModelFile) => unknown]>([
    ["version 3 naming a glossary", (file) => {
      // A file that is version 3 in every other way (int16 category head, one shared scale), the glossary aside.
      const { categoryScale = 0, ...rest } = file.weights;
      const category = encodeInts(Int16Array.from(new Int8Array(Buffer.from(file.weights.category, "base64")), (v) => Math.round((v * categoryScale) / rest.scale)));
      return { ...file, formatVersion: 3, weights: { ...rest, category } };
    }],
    ["English words that are not words", (file) => ({ ...file, features: { ...file.features, gloss: { ...gloss, englishWords: ["two words"] } } })],
    ["an entry that is not words", (file) => ({ ...file, features: { ...file.features, gloss: { ...gloss, entries: { quiero: " " } } } })],
    ["no source", (file) => ({ ...file, features: { ...file.features, gloss: { entries: gloss.entries } } })],
  ])("is refused with %s", (_name, damage) => {
    expect(refusal(resealed(damage(modelFile(glossed)) as ModelFile))).toBe("SCREENING_MODEL_CORRUPT");
  });
});
