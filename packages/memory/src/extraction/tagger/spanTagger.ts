// The learned span tagger: an averaged perceptron over hashed token features that tags each token B-/I-<type> or O, read from a committed model file.
import type { EntityType } from "../../graph/model.js";
import type { MessageText } from "../readMessage.js";
import { tokenFeatures } from "./tokenFeatures.js";

export const TAGGED_TYPES: readonly EntityType[] = ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"];
/** O, then B- and I- for each type, in TAGGED_TYPES order. */
export const TAGS: readonly string[] = ["O", ...TAGGED_TYPES.flatMap((type) => [`B-${type}`, `I-${type}`])];
/** Features are hashed into this many buckets: the model file stays small whatever the vocabulary. */
export const BUCKETS = 1 << 18;

/** The model as written to disk: sparse (bucket, tag, weight) triples, base64, so the file is one short JSON object. */
export interface SpanTaggerFile {
  format: "innerworld-span-tagger/1";
  tags: string[];
  buckets: number;
  /** Training facts a reader may check: data digest, seed, epochs, example counts. */
  trainedOn: Record<string, string | number>;
  /** Little-endian uint32 keys, bucket * tags + tag, ascending. */
  keys: string;
  /** Little-endian float32 weights, one per key. */
  weights: string;
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

/** Features that depend on the tags already chosen to the left: tag transitions, and the previous tag with the word. */
export function historyFeatures(previousTag: string, beforeTag: string, word: string): string[] {
  return [`pt:${previousTag}`, `pt2:${beforeTag}|${previousTag}`, `ptw:${previousTag}|${word}`];
}

/** Weights by bucket: one row of per-tag scores for every bucket the model uses. */
export type WeightRows = ReadonlyMap<number, Float32Array | Float64Array>;

export function scoreTags(rows: WeightRows, buckets: readonly number[], tagCount: number): Float64Array {
  const scores = new Float64Array(tagCount);
  for (const bucket of buckets) {
    const row = rows.get(bucket);
    if (!row) continue;
    for (let tag = 0; tag < tagCount; tag += 1) scores[tag] = (scores[tag] ?? 0) + (row[tag] ?? 0);
  }
  return scores;
}

/** An I- tag may only continue a span of its own type. */
export function allowed(tag: string, previousTag: string): boolean {
  return !tag.startsWith("I-") || previousTag.slice(2) === tag.slice(2);
}

/** Greedy left-to-right decoding: each token's best allowed tag, given the tags chosen before it. */
export function decodeTags(rows: WeightRows, tags: readonly string[], featureBuckets: readonly number[][], words: readonly string[]): { tags: string[]; margins: number[] } {
  const chosen: string[] = [];
  const margins: number[] = [];
  for (const [index, buckets] of featureBuckets.entries()) {
    const previousTag = chosen[index - 1] ?? "<s>";
    const history = historyFeatures(previousTag, chosen[index - 2] ?? "<s>", words[index] ?? "").map(bucketOf);
    const scores = scoreTags(rows, [...buckets, ...history], tags.length);
    let best = 0;
    for (let tag = 1; tag < tags.length; tag += 1) {
      if (allowed(tags[tag] ?? "O", previousTag) && (scores[tag] ?? 0) > (scores[best] ?? 0)) best = tag;
    }
    chosen.push(tags[best] ?? "O");
    margins.push((scores[best] ?? 0) - (scores[0] ?? 0));
  }
  return { tags: chosen, margins };
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

export class SpanTagger {
  private readonly rows: Map<number, Float32Array>;
  readonly tags: readonly string[];

  constructor(file: SpanTaggerFile) {
    if (file.format !== "innerworld-span-tagger/1" || file.buckets !== BUCKETS || file.tags.join() !== TAGS.join()) {
      throw new Error(`span tagger model: expected format innerworld-span-tagger/1 with ${BUCKETS} buckets and tags ${TAGS.join(",")}`);
    }
    this.tags = file.tags;
    const keys = new Uint32Array(bytesOf(file.keys));
    const weights = new Float32Array(bytesOf(file.weights));
    if (keys.length !== weights.length) throw new Error("span tagger model: keys and weights differ in length");
    this.rows = new Map();
    for (const [index, key] of keys.entries()) {
      const bucket = Math.floor(key / this.tags.length);
      let row = this.rows.get(bucket);
      if (!row) {
        row = new Float32Array(this.tags.length);
        this.rows.set(bucket, row);
      }
      row[key % this.tags.length] = weights[index] ?? 0;
    }
  }

  tag(message: MessageText): TaggedSpan[] {
    const featureBuckets = tokenFeatures(message).map((features) => features.map(bucketOf));
    const words = message.tokens.map((token) => token.lower);
    const { tags, margins } = decodeTags(this.rows, this.tags, featureBuckets, words);
    return spansOf(message, tags, margins);
  }
}

/** Little-endian bytes of a base64 string, as an ArrayBuffer a typed array can view (copied, so it is aligned). */
function bytesOf(base64: string): ArrayBuffer {
  const buffer = Buffer.from(base64, "base64");
  const copy = new Uint8Array(buffer.length);
  copy.set(buffer);
  return copy.buffer;
}
