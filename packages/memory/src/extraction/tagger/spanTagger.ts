// The learned span tagger: an averaged perceptron over hashed token features that tags each token B-/I-<type> or O, read from a committed model file.
import type { EntityType } from "../../graph/model.js";
import type { MessageText } from "../readMessage.js";
import { tokenFeatures, type RuleSpan } from "./tokenFeatures.js";

/** The span text between two tokens, as the tagger would name it. */
export function spanText(message: MessageText, first: number, last: number): string {
  return message.text.slice(message.tokens[first]?.start ?? 0, message.tokens[last]?.end ?? 0).replace(/[^\p{L}\p{N})]+$/u, "");
}

/**
 * Entities nest: "scrolling tiktok until 2am" (Habit) holds "tiktok" (Thing), "get a 5 on the ap calc exam" (Goal) holds
 * the exam (Event). One BIO sequence cannot hold both, so each layer tags its own types: names and things, then the
 * phrase-long goals, values and habits.
 */
export const TAG_LAYERS: readonly (readonly EntityType[])[] = [
  ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Feeling"],
  ["Goal", "Value", "Habit"],
];
/** O, then B- and I- for each of the layer's types. */
export const tagsOf = (types: readonly EntityType[]): string[] => ["O", ...types.flatMap((type) => [`B-${type}`, `I-${type}`])];
/** Features are hashed into this many buckets: the model file stays small whatever the vocabulary. */
export const BUCKETS = 1 << 18;
/**
 * 4: as 3, and the file says what the tagger reads (`reads`): the text alone, or the text and the rules' findings.
 * 5: as 4, and the features hold WordNet's classes of each word (wordClasses.ts).
 */
export const MODEL_FORMAT = "innerworld-span-tagger/5";

/**
 * What a tagger reads: "text", or "text-and-rules", the offline rules' findings too (as token features), so it learns
 * where the rules are right and where their spans end, and can decide a type outright.
 */
export type TaggerInput = "text" | "text-and-rules";

export interface TaggerLayerFile {
  types: EntityType[];
  tags: string[];
  /** Little-endian uint32 keys, bucket * tags + tag, ascending. */
  keys: string;
  /** Little-endian float32 weights, one per key. */
  weights: string;
}

/** The model as written to disk: per layer, sparse (bucket, tag, weight) triples in base64, so the file is one short JSON object. */
export interface SpanTaggerFile {
  format: typeof MODEL_FORMAT;
  reads: TaggerInput;
  buckets: number;
  /** Training facts a reader may check: data digest, seed, epochs, example counts. */
  trainedOn: Record<string, string | number>;
  layers: TaggerLayerFile[];
}

export interface TaggedSpan {
  type: EntityType;
  /** Token indexes [first, last] in the message. */
  first: number;
  last: number;
  /** Offsets into the message text. */
  start: number;
  end: number;
  /** The lowest margin of the span's tags over O: how sure the tagger is. */
  margin: number;
}

/** 32-bit FNV-1a: the same bucket for a feature in training and at run time, on any platform. */
export function bucketOf(feature: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feature.length; index += 1) {
    hash ^= feature.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/**
 * Transition features: the previous tag alone and with the word, scored against the current tag (first order, so
 * Viterbi decodes exactly). As buckets, for each token after each possible previous tag (START_TAG first, then the
 * layer's tags in order), two per pair, flat, the pair's first at transitionAt. Hashed once per message and layer:
 * training decodes every message once an epoch, and Viterbi asks for every pair.
 */
export function transitionBucketsOf(tags: readonly string[], words: readonly string[]): Int32Array {
  const previousTags = [START_TAG, ...tags];
  const buckets = new Int32Array(words.length * previousTags.length * 2);
  const previousAlone = previousTags.map((tag) => bucketOf(`pt:${tag}`));
  for (const [token, word] of words.entries()) {
    for (const [previous, previousTag] of previousTags.entries()) {
      const at = transitionAt(token, previous, tags.length);
      buckets[at] = previousAlone[previous] ?? 0;
      buckets[at + 1] = bucketOf(`ptw:${previousTag}|${word}`);
    }
  }
  return buckets;
}

/** Where in transitionBucketsOf's array a token's two buckets after a previous tag start (previous 0 is START_TAG). */
export const transitionAt = (token: number, previous: number, tagCount: number): number => (token * (tagCount + 1) + previous) * 2;

/** Weights by bucket: the per-tag scores of a bucket, or undefined when the model never used it. */
export interface WeightRows {
  add(bucket: number, scores: Float64Array): void;
}

/**
 * Run time's rows: one flat array of weights and, per bucket, where its row starts (-1 for none), so a lookup is two
 * typed-array reads rather than a probe of a map of a hundred thousand rows.
 */
export class PackedRows implements WeightRows {
  private readonly rowStart = new Int32Array(BUCKETS).fill(-1);
  private readonly weights: Float32Array;

  constructor(
    keys: Uint32Array,
    values: Float32Array,
    private readonly tagCount: number,
  ) {
    let rows = 0;
    for (const key of keys) {
      const bucket = Math.floor(key / tagCount);
      if (this.rowStart[bucket] === -1) this.rowStart[bucket] = rows++ * tagCount;
    }
    this.weights = new Float32Array(rows * tagCount);
    for (const [index, key] of keys.entries()) this.weights[(this.rowStart[Math.floor(key / tagCount)] ?? 0) + (key % tagCount)] = values[index] ?? 0;
  }

  add(bucket: number, scores: Float64Array): void {
    const start = this.rowStart[bucket] ?? -1;
    if (start === -1) return;
    for (let tag = 0; tag < this.tagCount; tag += 1) scores[tag] = (scores[tag] ?? 0) + (this.weights[start + tag] ?? 0);
  }
}

/** BIO: an I- tag may only continue a span of its own type (after its B- or I-), never open one. */
function allowed(tag: string, previousTag: string): boolean {
  return !tag.startsWith("I-") || previousTag.slice(2) === tag.slice(2);
}

export const START_TAG = "<s>";

/** allowed() for every (previous, tag) pair of a layer, previous tags START_TAG first: [previous * tags + tag], 1 when allowed. */
const allowedPairs = new WeakMap<readonly string[], Uint8Array>();
function allowedPairsOf(tags: readonly string[]): Uint8Array {
  let pairs = allowedPairs.get(tags);
  if (!pairs) {
    const previousTags = [START_TAG, ...tags];
    pairs = Uint8Array.from(previousTags.flatMap((previousTag) => tags.map((tag) => (allowed(tag, previousTag) ? 1 : 0))));
    allowedPairs.set(tags, pairs);
  }
  return pairs;
}

/**
 * Viterbi over BIO transitions: the best-scoring tag sequence of the whole message under the BIO rule, rather than each
 * token's best tag given the ones chosen before it. A token's margin is how much better the best sequence is than the
 * best one with O at that token (max-marginals, forward plus backward), so a span's margin still says how sure the
 * tagger is that the span is there at all.
 */
export function decodeTags(rows: WeightRows, tags: readonly string[], featureBuckets: readonly number[][], transitions: Int32Array): { tags: string[]; margins: number[] } {
  const count = featureBuckets.length;
  const size = tags.length;
  if (count === 0) return { tags: [], margins: [] };
  const previousCount = size + 1;
  const pairs = allowedPairsOf(tags);
  // One flat array each, allocated once per message: training decodes every message every epoch, and a typed array per
  // token cost more than the arithmetic.
  // local[(t * previousCount + p) * size + k]: the score of tag k at token t after previous tag p (p = 0 is the start),
  // -Infinity when BIO forbids it.
  const local = new Float64Array(count * previousCount * size).fill(Number.NEGATIVE_INFINITY);
  const emission = new Float64Array(size);
  const transition = new Float64Array(size);
  for (let token = 0; token < count; token += 1) {
    emission.fill(0);
    for (const bucket of featureBuckets[token] ?? []) rows.add(bucket, emission);
    for (let previous = token === 0 ? 0 : 1; previous < (token === 0 ? 1 : previousCount); previous += 1) {
      const at = transitionAt(token, previous, size);
      transition.fill(0);
      rows.add(transitions[at] ?? 0, transition);
      rows.add(transitions[at + 1] ?? 0, transition);
      const row = (token * previousCount + previous) * size;
      for (let tag = 0; tag < size; tag += 1) {
        if (pairs[previous * size + tag] === 1) local[row + tag] = (emission[tag] ?? 0) + (transition[tag] ?? 0);
      }
    }
  }
  // Forward: best score of a sequence ending in tag k at token t ([t * size + k]), with back pointers.
  const forward = new Float64Array(count * size).fill(Number.NEGATIVE_INFINITY);
  const back = new Int32Array(count * size).fill(-1);
  for (let tag = 0; tag < size; tag += 1) forward[tag] = local[tag] ?? Number.NEGATIVE_INFINITY;
  for (let token = 1; token < count; token += 1) {
    for (let tag = 0; tag < size; tag += 1) {
      const here = token * size + tag;
      for (let previous = 0; previous < size; previous += 1) {
        const value = (forward[(token - 1) * size + previous] ?? Number.NEGATIVE_INFINITY) + (local[(token * previousCount + previous + 1) * size + tag] ?? Number.NEGATIVE_INFINITY);
        if (value > (forward[here] ?? Number.NEGATIVE_INFINITY)) {
          forward[here] = value;
          back[here] = previous;
        }
      }
    }
  }
  // Backward: best score of the rest of the message after tag k at token t ([t * size + k]); nothing after the last.
  const backward = new Float64Array(count * size).fill(Number.NEGATIVE_INFINITY);
  backward.fill(0, (count - 1) * size);
  for (let token = count - 2; token >= 0; token -= 1) {
    for (let tag = 0; tag < size; tag += 1) {
      const here = token * size + tag;
      for (let following = 0; following < size; following += 1) {
        const value = (local[((token + 1) * previousCount + tag + 1) * size + following] ?? Number.NEGATIVE_INFINITY) + (backward[(token + 1) * size + following] ?? Number.NEGATIVE_INFINITY);
        if (value > (backward[here] ?? Number.NEGATIVE_INFINITY)) backward[here] = value;
      }
    }
  }
  const lastRow = (count - 1) * size;
  let tag = 0;
  for (let candidate = 1; candidate < size; candidate += 1) if ((forward[lastRow + candidate] ?? 0) > (forward[lastRow + tag] ?? 0)) tag = candidate;
  const path = new Array<number>(count);
  for (let token = count - 1; token >= 0; token -= 1) {
    path[token] = tag;
    tag = back[token * size + tag] ?? 0;
  }
  const margins = path.map((chosen, token) => {
    const total = (at: number) => (forward[token * size + at] ?? 0) + (backward[token * size + at] ?? 0);
    return total(chosen) - total(0);
  });
  return { tags: path.map((index) => tags[index] ?? "O"), margins };
}

/** Spans from a tag sequence: B-X then any I-X. */
export function spansOf(message: MessageText, tags: readonly string[], margins: readonly number[]): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  for (let index = 0; index < tags.length; index += 1) {
    const tag = tags[index] ?? "O";
    if (!tag.startsWith("B-")) continue;
    const type = tag.slice(2) as EntityType;
    let last = index;
    while (tags[last + 1] === `I-${type}`) last += 1;
    const first = message.tokens[index];
    const final = message.tokens[last];
    if (!first || !final) continue;
    spans.push({ type, first: index, last, start: first.start, end: final.end, margin: Math.min(...margins.slice(index, last + 1)) });
    index = last;
  }
  return spans;
}

interface TaggerLayer {
  tags: readonly string[];
  rows: PackedRows;
}

export class SpanTagger {
  private readonly layers: TaggerLayer[];
  readonly reads: TaggerInput;

  constructor(file: SpanTaggerFile) {
    const expected = TAG_LAYERS.map((types) => tagsOf(types).join()).join("|");
    if (file.format !== MODEL_FORMAT || file.buckets !== BUCKETS || file.layers.map((layer) => layer.tags.join()).join("|") !== expected || !["text", "text-and-rules"].includes(file.reads)) {
      throw new Error(`span tagger model: expected format ${MODEL_FORMAT} reading text or text-and-rules, with ${BUCKETS} buckets and layers ${expected}`);
    }
    this.reads = file.reads;
    this.layers = file.layers.map((layer) => ({ tags: layer.tags, rows: rowsOf(layer) }));
  }

  /**
   * Spans of every layer: they may overlap across layers (a habit holding a thing). A tagger that reads the rules must be
   * given what they found, and one that does not must not be: its weights were learned without those features.
   */
  tag(message: MessageText, ruleSpans?: readonly RuleSpan[]): TaggedSpan[] {
    if ((this.reads === "text-and-rules") !== (ruleSpans !== undefined)) {
      throw new Error(`span tagger: this model reads ${this.reads}, and was ${ruleSpans ? "" : "not "}given the rules' findings`);
    }
    const featureBuckets = tokenFeatures(message, ruleSpans).map((features) => features.map(bucketOf));
    const words = message.tokens.map((token) => token.lower);
    return this.layers.flatMap((layer) => {
      const { tags, margins } = decodeTags(layer.rows, layer.tags, featureBuckets, transitionBucketsOf(layer.tags, words));
      return spansOf(message, tags, margins);
    });
  }
}

function rowsOf(layer: TaggerLayerFile): PackedRows {
  const keys = new Uint32Array(bytesOf(layer.keys));
  const weights = new Float32Array(bytesOf(layer.weights));
  if (keys.length !== weights.length) throw new Error("span tagger model: keys and weights differ in length");
  return new PackedRows(keys, weights, layer.tags.length);
}

/** Little-endian bytes of a base64 string, as an ArrayBuffer a typed array can view (copied, so it is aligned). */
function bytesOf(base64: string): ArrayBuffer {
  const buffer = Buffer.from(base64, "base64");
  const copy = new Uint8Array(buffer.length);
  copy.set(buffer);
  return copy.buffer;
}
