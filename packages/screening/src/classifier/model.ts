// The trained classifier: its versioned file format, strict loading, and scoring of one text's features.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ScreeningModelError } from "./errors";
import type { FeatureConfig, FeatureVector } from "./features";
import { ESCALATED_CATEGORIES, RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLevel } from "./labels";

export const MODEL_FORMAT = "innerworld-screening-classifier";
/**
 * 2: the feature config may name concept features (FeatureConfig.concepts), which code reading version 1 would ignore.
 * 3: as 2, with the stored buckets written as the gaps between them (`bucketGaps`, varints) rather than 4 bytes each:
 * the same weights in about a tenth less file, which keeps the concept model under the 10 MB.
 * 4: as 3, with the category head in int8 under a scale of its own (`categoryScale`): it only picks the kind of a risk
 * the level head found, so it needs less precision than the level head, and takes half the room; and the feature
 * config may name a Spanish glossary (FeatureConfig.gloss: its entries and the English words that decide where it is
 * read), which code reading version 3 would ignore.
 * 5: as 4, and the feature config may name a padding of a vector's length (FeatureConfig.lengthPadding), which code
 * reading version 4 would ignore, reading every short message louder than the model was trained to.
 */
export const MODEL_FORMAT_VERSION = 5;
/** A file without concept features means what it meant before them, so it is still written, and read, as version 1. */
const FORMAT_VERSIONS_READ: readonly number[] = [1, 2, 3, 4, MODEL_FORMAT_VERSION];

/** What a vector of squared length `norm` is multiplied by: one over its length padded (FeatureConfig.lengthPadding). */
export const vectorScale = (norm: number, lengthPadding: number): number => (norm === 0 ? 0 : 1 / Math.sqrt(norm + lengthPadding));

/** Decision thresholds tuned on the dev split, never on test; they travel with the weights they were tuned for. */
export interface ModelThresholds {
  /** P(crisis) at or above which a message is a crisis. */
  crisis: number;
  /** P(concern) + P(crisis) at or above which a message is at least a concern. */
  concern: number;
  /** P(concern) + P(crisis) at or above which a message below `concern` is uncertain: a second opinion is asked for when one is configured. */
  uncertain: number;
  /** P(concern) + P(crisis) below which a lexicon match that only names the topic ("suicide prevention essay") is dismissed. */
  lexiconMention: number;
  /** Conversation context: P(concern) + P(crisis) this message needs of its own before the recent messages may raise it. */
  contextCurrent: number;
  /** Conversation context: P(crisis) of the recent messages read with this one at or above which this one is a crisis. */
  contextCrisis: number;
  /** Conversation context: P(concern) + P(crisis) of the recent messages read with this one at or above which this one is at least a concern. */
  contextConcern: number;
}

export interface ModelProvenance {
  /** SHA-256 of the training examples as used (ids, texts and labels, in id order). */
  trainingDataSha256: string;
  trainingExamples: number;
  /** SHA-256 of the frozen test split, so a reader can tell which test set the reported numbers belong to. */
  testSplitSha256: string;
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Buckets seen in fewer training examples than this were given no weight. */
  minCount?: number;
  /** Respelt and recombined variants of the train lines added in training (bench/classifier/augment.ts), with their seed. */
  augmentation?: { seed: number; respellings: number; buried: number; ordinaryPairs: number; examples: number };
  /** Families left out of training, for a hold-out model; empty for the shipped one. */
  heldOutFamilies: string[];
}

/** The JSON file `pnpm train:safety` writes. Weights are int16, scaled, base64 little-endian; only buckets seen in training are stored. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  modelVersion: string;
  provenance: ModelProvenance;
  features: FeatureConfig;
  levels: string[];
  categories: string[];
  thresholds: ModelThresholds;
  weights: {
    scale: number;
    /** Versions 1 and 2: the stored buckets, ascending, uint32 each. */
    buckets?: string;
    /** Version 3: the same buckets as LEB128 varints, the first bucket and then each one's distance from the one before. */
    bucketGaps?: string;
    /** Inverse document frequency per stored bucket, uint16 thousandths. */
    idf: string;
    level: string;
    /** Versions 1 to 3: int16 under `scale`; version 4: int8 under `categoryScale`. */
    category: string;
    /** Version 4: the category head's own scale. */
    categoryScale?: number;
    levelBias: number[];
    categoryBias: number[];
  };
  /** SHA-256 over the weights object's JSON; a mismatch means the file was damaged. */
  weightsSha256: string;
}

export interface ClassifierScore {
  /** Probabilities in RISK_LEVELS order. */
  level: Readonly<Record<RiskLevel, number>>;
  /** P(concern) + P(crisis). */
  risk: number;
  /** The most likely risk category other than none. */
  category: RiskCategory;
}

/** What the risk layers need of a classifier: its feature recipe, the level head for every window, the category head for the riskiest. */
export interface RiskScorer {
  readonly features: FeatureConfig;
  scoreLevel(vector: FeatureVector): Pick<ClassifierScore, "level" | "risk">;
  category(vector: FeatureVector): RiskCategory;
}

const THRESHOLD_KEYS = ["crisis", "concern", "uncertain", "lexiconMention", "contextCurrent", "contextCrisis", "contextConcern"] as const satisfies readonly (keyof ModelThresholds)[];

/**
 * The version a verdict records: the file's model version (the release and its weights' digest) and a digest of the
 * thresholds it decided with. The thresholds are retuned without new weights (a rule change can move them), and a
 * recorded verdict must say which ones made it: "2025.12.11+9da053b8.t1a2b3c".
 */
export function screeningVersionOf(modelVersion: string, thresholds: ModelThresholds): string {
  const values = Object.entries(thresholds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${modelVersion}.t${createHash("sha256").update(JSON.stringify(values)).digest("hex").slice(0, 6)}`;
}

/** The classifier, loaded: bucket → row lookup and dense rows, so scoring touches only a text's own features. */
export class ScreeningClassifier implements RiskScorer {
  /** What each verdict records as its model version (screeningVersionOf). */
  readonly version: string;
  readonly features: FeatureConfig;
  readonly thresholds: ModelThresholds;
  readonly provenance: ModelProvenance;
  private readonly rowOf: Int32Array;
  private readonly idf: Float64Array;
  /** Per feature bucket: idf, then idf × weight for each level; zeros for a bucket never seen in training. */
  private readonly levelTable: Float32Array;
  private readonly categoryWeights: Float32Array;
  private readonly levelBias: Float64Array;
  private readonly categoryBias: Float64Array;
  private readonly lengthPadding: number;

  constructor(file: ModelFile) {
    const { weights } = file;
    this.version = screeningVersionOf(file.modelVersion, file.thresholds);
    this.features = { ...file.features };
    this.lengthPadding = file.features.lengthPadding ?? 0;
    // Checked here too, for files built in memory: a NaN padding would score every message NaN, which reads as none.
    if (!(Number.isFinite(this.lengthPadding) && this.lengthPadding >= 0)) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "lengthPadding is not a number of at least 0");
    this.thresholds = { ...file.thresholds };
    this.provenance = { ...file.provenance, heldOutFamilies: [...file.provenance.heldOutFamilies] };
    const buckets = weights.bucketGaps === undefined ? decodeInts(weights.buckets ?? "", Uint32Array) : decodeBucketGaps(weights.bucketGaps);
    const levelInts = decodeInts(weights.level, Int16Array);
    const categoryInts = file.formatVersion >= 4 ? decodeInts(weights.category, Int8Array) : decodeInts(weights.category, Int16Array);
    const idfInts = decodeInts(weights.idf, Uint16Array);
    const rows = buckets.length;
    if (idfInts.length !== rows) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "the idf array does not match the number of feature buckets");
    this.idf = Float64Array.from(idfInts, (v) => v / 1000);
    const space = 2 ** file.features.hashBits;
    if (levelInts.length !== rows * RISK_LEVELS.length || categoryInts.length !== rows * RISK_CATEGORIES.length) {
      throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "weight arrays do not match the number of feature buckets");
    }
    this.rowOf = new Int32Array(space).fill(-1);
    for (let row = 0; row < rows; row += 1) {
      const at = buckets[row] ?? space;
      if (at >= space) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", `feature bucket ${at} is outside the 2^${file.features.hashBits} space`);
      this.rowOf[at] = row;
    }
    const levelWeights = Float32Array.from(levelInts, (v) => v * weights.scale);
    this.levelTable = new Float32Array(space * 4);
    for (let row = 0; row < rows; row += 1) {
      const base = (buckets[row] ?? 0) * 4;
      const idf = this.idf[row] ?? 0;
      this.levelTable[base] = idf;
      for (let k = 0; k < RISK_LEVELS.length; k += 1) this.levelTable[base + 1 + k] = idf * (levelWeights[row * RISK_LEVELS.length + k] ?? 0);
    }
    const categoryScale = file.formatVersion >= 4 ? weights.categoryScale : weights.scale;
    if (categoryScale === undefined || !(categoryScale > 0)) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "the category head has no scale");
    this.categoryWeights = Float32Array.from(categoryInts, (v) => v * categoryScale);
    this.levelBias = Float64Array.from(weights.levelBias);
    this.categoryBias = Float64Array.from(weights.categoryBias);
  }

  score(vector: FeatureVector): ClassifierScore {
    const { level, risk } = this.scoreLevel(vector);
    return { level, risk, category: this.category(vector) };
  }

  /** The level head alone (what every window needs); the category head is read only for the window that matters. */
  scoreLevel(vector: FeatureVector): Pick<ClassifierScore, "level" | "risk"> {
    const sums = this.levelSums(vector);
    const logits = Float64Array.from(this.levelBias, (bias, k) => bias + (sums[k] ?? 0));
    softmaxInPlace(logits);
    const none = logits[0] ?? 1;
    const concern = logits[1] ?? 0;
    const crisis = logits[2] ?? 0;
    return { level: { none, concern, crisis }, risk: concern + crisis };
  }

  /**
   * The kind of risk other than none. What the kind decides is whether a concern is acted on as a crisis, so the
   * question is first "an escalated kind, or hopelessness?", answered by their summed probabilities, and only then
   * which escalated kind: a farewell read after "i'm so tired of everything" is not outvoted by hopelessness just
   * because the escalated kinds split their share between them.
   */
  category(vector: FeatureVector): RiskCategory {
    const classes = RISK_CATEGORIES.length;
    const weights = this.categoryWeights;
    const indices = vector.indices;
    const logits = new Float64Array(classes);
    let norm = 0;
    for (let i = 0; i < indices.length; i += 1) {
      const row = this.rowOf[indices[i] ?? 0] ?? -1;
      if (row < 0) continue;
      const value = this.idf[row] ?? 0;
      norm += value * value;
      const base = row * classes;
      for (let k = 1; k < classes; k += 1) logits[k] = (logits[k] ?? 0) + value * (weights[base + k] ?? 0);
    }
    const scale = vectorScale(norm, this.lengthPadding);
    // Softmax over the risk kinds (none left out), then escalated kinds against hopelessness.
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 1; k < classes; k += 1) {
      logits[k] = (this.categoryBias[k] ?? 0) + (logits[k] ?? 0) * scale;
      max = Math.max(max, logits[k] ?? 0);
    }
    let escalated = 0;
    let hopelessness = 0;
    let best: RiskCategory = "hopelessness";
    let bestShare = -1;
    for (let k = 1; k < classes; k += 1) {
      const share = Math.exp((logits[k] ?? 0) - max);
      const category = RISK_CATEGORIES[k] ?? "hopelessness";
      if (!ESCALATED_CATEGORIES.has(category)) {
        hopelessness += share;
        continue;
      }
      escalated += share;
      if (share > bestShare) {
        bestShare = share;
        best = category;
      }
    }
    return escalated >= hopelessness ? best : "hopelessness";
  }

  // The level head is read for every window of every message, so its weights sit in one table indexed by bucket:
  // a feature costs one memory read (idf and idf × weight per level, side by side) and a bucket never seen in training
  // holds zeros, which add nothing, as its missing row did.
  private levelSums(vector: FeatureVector): Float64Array {
    const table = this.levelTable;
    const indices = vector.indices;
    let norm = 0;
    let none = 0;
    let concern = 0;
    let crisis = 0;
    for (let i = 0; i < indices.length; i += 1) {
      const base = (indices[i] ?? 0) * 4;
      const value = table[base] ?? 0;
      norm += value * value;
      none += table[base + 1] ?? 0;
      concern += table[base + 2] ?? 0;
      crisis += table[base + 3] ?? 0;
    }
    const scale = vectorScale(norm, this.lengthPadding);
    return Float64Array.of(none * scale, concern * scale, crisis * scale);
  }
}

export function softmaxInPlace(logits: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < logits.length; k += 1) {
    const e = Math.exp((logits[k] ?? 0) - max);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k += 1) logits[k] = (logits[k] ?? 0) / sum;
}

type IntArrayConstructor<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

function decodeInts<T extends Uint32Array | Int16Array | Uint16Array | Int8Array>(base64: string, Kind: IntArrayConstructor<T>): T {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length % Kind.BYTES_PER_ELEMENT !== 0) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "a weight array has a partial element");
  // Copy into an aligned buffer; the file is little-endian, as is every platform Node runs on here.
  const aligned = new ArrayBuffer(bytes.length);
  new Uint8Array(aligned).set(bytes);
  return new Kind(aligned, 0, bytes.length / Kind.BYTES_PER_ELEMENT);
}

/** Ascending buckets as varint gaps (version 3): most gaps are a few hundred at most, so one or two bytes instead of four. */
export function encodeBucketGaps(buckets: Uint32Array): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const bucket of buckets) {
    if (bucket < previous) throw new RangeError("buckets must be ascending to be written as gaps");
    let gap = bucket - previous;
    previous = bucket;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Buffer.from(bytes).toString("base64");
}

function decodeBucketGaps(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, "base64");
  const buckets: number[] = [];
  let previous = 0;
  let gap = 0;
  let shift = 0;
  for (const byte of bytes) {
    if (shift > 28 || (shift === 28 && byte > 0x0f)) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "a bucket gap is longer than 32 bits");
    gap |= (byte & 0x7f) << shift;
    if ((byte & 0x80) !== 0) {
      shift += 7;
      continue;
    }
    previous += gap >>> 0;
    buckets.push(previous);
    gap = 0;
    shift = 0;
  }
  if (shift !== 0) throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", "the bucket gaps end inside a varint");
  return Uint32Array.from(buckets);
}

export function encodeInts(values: Uint32Array | Int16Array | Uint16Array | Int8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

export function weightsDigest(weights: ModelFile["weights"]): string {
  return createHash("sha256").update(JSON.stringify(weights)).digest("hex");
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isNumberArray = (value: unknown, length: number): value is number[] => Array.isArray(value) && value.length === length && value.every(isFiniteNumber);

/** Words as a model file stores them: a non-empty string with no space at either end. */
const isWords = (text: unknown): text is string => typeof text === "string" && text.trim().length > 0 && text === text.trim();

const isSpan = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 8;

/** What is wrong with a model file's concept lexicon, if anything. */
function conceptProblem(concepts: unknown): string | undefined {
  if (!isObject(concepts)) return "not an object";
  const { source, terms, pairSpan, wordSpan } = concepts;
  if (!isObject(source) || typeof source.author !== "string" || typeof source.sha256 !== "string") return "the source is missing";
  if (!isSpan(pairSpan) || !isSpan(wordSpan)) return "a span is out of range";
  if (!isObject(terms)) return "the terms are missing";
  for (const [name, list] of Object.entries(terms)) {
    if (!Array.isArray(list) || !list.every(isWords)) return `the terms of ${name} are not words`;
  }
  return undefined;
}

/** What is wrong with a model file's glossary, if anything. */
function glossProblem(gloss: unknown): string | undefined {
  if (!isObject(gloss)) return "not an object";
  const { source, entries, englishWords } = gloss;
  if (!isObject(source) || typeof source.author !== "string" || typeof source.sha256 !== "string") return "the source is missing";
  if (!isObject(entries)) return "the entries are missing";
  for (const [spanish, english] of Object.entries(entries)) if (!isWords(spanish) || !isWords(english)) return `the entry ${JSON.stringify(spanish)} is not words`;
  if (!Array.isArray(englishWords)) return "the English words are missing";
  if (!englishWords.every((word) => isWords(word) && !word.includes(" "))) return "the English words are not words";
  return undefined;
}

/** Checks a parsed model file field by field; anything missing, mistyped or damaged is a typed error, never a half-working model. */
export function parseModelFile(value: unknown): ModelFile {
  const corrupt = (why: string) => new ScreeningModelError("SCREENING_MODEL_CORRUPT", why);
  if (!isObject(value)) throw corrupt("the model file is not a JSON object");
  if (value.format !== MODEL_FORMAT) throw corrupt(`the model file's format is ${JSON.stringify(value.format)}, not ${MODEL_FORMAT}`);
  if (typeof value.formatVersion !== "number" || !FORMAT_VERSIONS_READ.includes(value.formatVersion)) {
    throw new ScreeningModelError("SCREENING_MODEL_INCOMPATIBLE", `model format version ${String(value.formatVersion)} is not one of the supported ${FORMAT_VERSIONS_READ.join(", ")}`);
  }
  const { modelVersion, provenance, features, levels, categories, thresholds, weights, weightsSha256 } = value;
  if (typeof modelVersion !== "string" || modelVersion.length === 0) throw corrupt("modelVersion is missing");
  if (!isObject(provenance) || typeof provenance.trainingDataSha256 !== "string" || !Array.isArray(provenance.heldOutFamilies)) throw corrupt("provenance is missing");
  if (!isObject(features) || ![features.hashBits, features.charNgramMin, features.charNgramMax, features.wordNgramMax].every(isFiniteNumber)) throw corrupt("feature config is missing");
  const hashBits = features.hashBits as number;
  if (!Number.isInteger(hashBits) || hashBits < 8 || hashBits > 24) throw corrupt(`hashBits ${hashBits} is out of range`);
  if (features.pairSpan !== undefined && !(Number.isInteger(features.pairSpan) && (features.pairSpan as number) >= 1 && (features.pairSpan as number) <= 8)) throw corrupt("pairSpan is out of range");
  if (features.concepts !== undefined) {
    if (value.formatVersion === 1) throw corrupt("a version 1 model file cannot name concept features");
    const problem = conceptProblem(features.concepts);
    if (problem !== undefined) throw corrupt(`concept features: ${problem}`);
  }
  // Its value is checked where every model is built, files and models in memory alike (the constructor).
  if (features.lengthPadding !== undefined && value.formatVersion < 5) throw corrupt(`a version ${value.formatVersion} model file cannot pad a vector's length`);
  if (features.gloss !== undefined) {
    if (value.formatVersion < 4) throw corrupt(`a version ${value.formatVersion} model file cannot name a glossary`);
    const problem = glossProblem(features.gloss);
    if (problem !== undefined) throw corrupt(`glossary: ${problem}`);
  }
  if (JSON.stringify(levels) !== JSON.stringify(RISK_LEVELS) || JSON.stringify(categories) !== JSON.stringify(RISK_CATEGORIES)) {
    throw new ScreeningModelError("SCREENING_MODEL_INCOMPATIBLE", "the model's levels or categories are not the ones this code knows");
  }
  if (!isObject(thresholds) || !THRESHOLD_KEYS.every((key) => isFiniteNumber(thresholds[key]))) throw corrupt("thresholds are missing");
  if (
    !isObject(weights) ||
    !isFiniteNumber(weights.scale) ||
    // Versions 1 and 2 store the buckets as uint32s, versions 3 and later as gaps: exactly the one its version names.
    (value.formatVersion >= 3 ? typeof weights.bucketGaps !== "string" || weights.buckets !== undefined : typeof weights.buckets !== "string" || weights.bucketGaps !== undefined) ||
    // Versions 4 and later give the category head a scale of its own; the versions before share one.
    (value.formatVersion >= 4 ? !(isFiniteNumber(weights.categoryScale) && weights.categoryScale > 0) : weights.categoryScale !== undefined) ||
    typeof weights.idf !== "string" ||
    typeof weights.level !== "string" ||
    typeof weights.category !== "string" ||
    !isNumberArray(weights.levelBias, RISK_LEVELS.length) ||
    !isNumberArray(weights.categoryBias, RISK_CATEGORIES.length)
  ) {
    throw corrupt("weights are missing or mistyped");
  }
  const file = value as unknown as ModelFile;
  if (typeof weightsSha256 !== "string" || weightsDigest(file.weights) !== weightsSha256) throw corrupt("the weights do not match their SHA-256: the file is damaged");
  return file;
}

/** Reads, checks and loads the classifier at a path; a missing or damaged file throws ScreeningModelError. */
export function loadScreeningClassifier(path: string): ScreeningClassifier {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScreeningModelError("SCREENING_MODEL_MISSING", `cannot read the screening model at ${path}`, { cause: error, path });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ScreeningModelError("SCREENING_MODEL_CORRUPT", `the screening model at ${path} is not valid JSON`, { cause: error, path });
  }
  try {
    return new ScreeningClassifier(parseModelFile(parsed));
  } catch (error) {
    if (error instanceof ScreeningModelError && error.path === undefined) throw new ScreeningModelError(error.code, `${error.message} (${path})`, { cause: error, path });
    throw error;
  }
}

/** The committed model, beside the package's sources; `INNERWORLD_SCREENING_MODEL` names another file (a Lambda bundle ships it beside the handler). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL("../../model/screening-classifier.json", import.meta.url));

export function screeningModelPathFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.INNERWORLD_SCREENING_MODEL?.trim();
  return configured ? configured : DEFAULT_MODEL_PATH;
}
