// Trains the classifier's two heads (risk level, risk category) by multinomial logistic regression with AdaGrad, deterministically from a seed.

import type { FeatureVector } from "./features";
import { RISK_CATEGORIES, RISK_LEVELS } from "./labels";
import { softmaxInPlace, vectorScale } from "./model";
import { seededRandom, shuffleInPlace } from "@innerworld/platform/random";

export interface TrainingExample {
  vector: FeatureVector;
  /** Index into RISK_LEVELS. */
  level: number;
  /** Index into RISK_CATEGORIES. */
  category: number;
  levelWeight: number;
  categoryWeight: number;
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Buckets found in fewer training examples than this get no weight (one-off typos and names); absent: 1. */
  minCount?: number;
}

// Chosen on dev (docs/safety-screening.md): with the word-combination features, 7,603 training lines and their
// respellings, l2 3e-3 separated risk from ordinary at least as well as 1e-3 and 3e-4; leaving out buckets seen in
// a single training example keeps the file under 10 MB at no cost on dev.
export const DEFAULT_TRAINING: TrainingOptions = { seed: 20251204, epochs: 15, learningRate: 0.1, l2: 3e-3, minCount: 2 };

/** Weights of the buckets seen in training, in ascending bucket order; row r of each head holds bucket buckets[r]. */
export interface TrainedWeights {
  buckets: Uint32Array;
  /** Inverse document frequency per row, in thousandths (as stored). */
  idf: Uint16Array;
  level: Float64Array;
  category: Float64Array;
  levelBias: Float64Array;
  categoryBias: Float64Array;
  /** The padding the examples were scaled with (FeatureConfig.lengthPadding): the model file must name the same. */
  lengthPadding: number;
}

interface Head {
  classes: number;
  weights: Float64Array;
  squares: Float64Array;
  bias: Float64Array;
  biasSquares: Float64Array;
}

const EPSILON = 1e-8;

function makeHead(rows: number, classes: number): Head {
  return {
    classes,
    weights: new Float64Array(rows * classes),
    squares: new Float64Array(rows * classes),
    bias: new Float64Array(classes),
    biasSquares: new Float64Array(classes),
  };
}

function step(head: Head, rows: Int32Array, values: Float64Array, target: number, weight: number, options: TrainingOptions): void {
  const { classes, weights, squares, bias, biasSquares } = head;
  const logits = Float64Array.from(bias);
  rows.forEach((row, i) => {
    const value = values[i] ?? 0;
    for (let k = 0; k < classes; k += 1) logits[k] = (logits[k] ?? 0) + value * (weights[row * classes + k] ?? 0);
  });
  softmaxInPlace(logits);
  for (let k = 0; k < classes; k += 1) {
    const error = weight * ((logits[k] ?? 0) - (k === target ? 1 : 0));
    biasSquares[k] = (biasSquares[k] ?? 0) + error * error;
    bias[k] = (bias[k] ?? 0) - (options.learningRate * error) / (Math.sqrt(biasSquares[k] ?? 0) + EPSILON);
    for (let i = 0; i < rows.length; i += 1) {
      const at = (rows[i] ?? 0) * classes + k;
      const w = weights[at] ?? 0;
      const gradient = error * (values[i] ?? 0) + options.l2 * w;
      squares[at] = (squares[at] ?? 0) + gradient * gradient;
      weights[at] = w - (options.learningRate * gradient) / (Math.sqrt(squares[at] ?? 0) + EPSILON);
    }
  }
}

/**
 * Same examples, same options, same result: the only randomness is the seeded shuffle. `lengthPadding` is the feature
 * config's (FeatureConfig.lengthPadding), so training scales each example as the model will scale a message.
 */
export function trainClassifier(examples: readonly TrainingExample[], options: TrainingOptions = DEFAULT_TRAINING, lengthPadding = 0): TrainedWeights {
  if (!(Number.isFinite(lengthPadding) && lengthPadding >= 0)) throw new RangeError(`lengthPadding must be a number of at least 0, not ${lengthPadding}`);
  const seen = new Map<number, number>();
  for (const example of examples) for (const index of example.vector.indices) seen.set(index, (seen.get(index) ?? 0) + 1);
  const minCount = options.minCount ?? 1;
  const buckets = Uint32Array.from(
    [...seen]
      .filter(([, count]) => count >= minCount)
      .map(([bucket]) => bucket)
      .sort((a, b) => a - b),
  );
  const rowOf = new Map<number, number>();
  buckets.forEach((bucket, row) => rowOf.set(bucket, row));
  // A dropped bucket is left out of the example too, as ScreeningClassifier skips buckets it has no row for.
  const rowsOf = examples.map((example) => Int32Array.from(example.vector.indices.filter((index) => rowOf.has(index)), (index) => rowOf.get(index) ?? 0));
  const documents = new Float64Array(buckets.length);
  for (const rows of rowsOf) for (const row of rows) documents[row] = (documents[row] ?? 0) + 1;
  // Smoothed idf, stored in thousandths; training uses the stored values so inference sees exactly what training saw.
  const idf = Uint16Array.from(documents, (df) => Math.round(1000 * (Math.log((1 + examples.length) / (1 + df)) + 1)));
  const valuesOf = rowsOf.map((rows) => featureValues(rows, idf, lengthPadding));

  const level = makeHead(buckets.length, RISK_LEVELS.length);
  const category = makeHead(buckets.length, RISK_CATEGORIES.length);
  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const example = examples[index];
      const rows = rowsOf[index];
      if (example === undefined || rows === undefined) continue;
      const values = valuesOf[index] ?? new Float64Array(0);
      step(level, rows, values, example.level, example.levelWeight, options);
      if (example.categoryWeight > 0) step(category, rows, values, example.category, example.categoryWeight, options);
    }
  }
  return { buckets, idf, level: level.weights, category: category.weights, levelBias: level.bias, categoryBias: category.bias, lengthPadding };
}

/** Each present feature's idf, divided by the vector's length padded by `lengthPadding` (as ScreeningClassifier.score does). */
export function featureValues(rows: Int32Array, idf: Uint16Array, lengthPadding = 0): Float64Array {
  const values = Float64Array.from(rows, (row) => (idf[row] ?? 0) / 1000);
  let norm = 0;
  for (const v of values) norm += v * v;
  const scale = vectorScale(norm, lengthPadding);
  for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) * scale;
  return values;
}
