// Trains the span tagger: labelled entities aligned to token spans (BIO tags), then an averaged perceptron over seeded shuffles, written as a deterministic model file.
import { seededRandom, shuffleInPlace } from "@innerworld/platform/random";
import { wordedEntityKey } from "../canonicalEntityKey.js";
import type { EntityType } from "../../graph/model.js";
import type { MessageText } from "../readMessage.js";
import { BUCKETS, MODEL_FORMAT, START_TAG, TAG_LAYERS, bucketOf, decodeTags, spanText, tagsOf, transitionAt, transitionBucketsOf, type SpanTaggerFile, type TaggerInput, type TaggerLayerFile, type WeightRows } from "./spanTagger.js";
import { tokenFeatures, type RuleSpan } from "./tokenFeatures.js";

/** A message as read at run time, with the entities its writer labelled. */
export interface LabelledExample {
  message: MessageText;
  entities: readonly { type: EntityType; name: string }[];
  /** What the offline rules found in the message, when the tagger is to read their findings. */
  ruleSpans?: readonly RuleSpan[];
}

export interface Alignment {
  tags: string[];
  /**
   * Labelled entities whose words the text holds in another order or with a few words between them ("run every
   * morning before school" for "i run before school every morning"): tagged on the shortest span that holds them all.
   */
  loose: { type: EntityType; name: string }[];
  /** Labelled entities no token span of the message names (the writer rephrased them): left as O. */
  unaligned: { type: EntityType; name: string }[];
}

const LONGEST_SPAN = 12;
/** A loose span may hold this many words beyond the label's own ("every day after school" in a habit's middle). */
const LOOSE_EXTRA_WORDS = 3;
/** And this many more tokens that its key drops ("my", "the"), which count for no word of it. */
const LOOSE_DROPPED_WORDS = 2;
/** A negation inside a loose span that its label does not hold says the opposite: "every day, i never run". */
const NEGATIONS = new Set(["not", "never", "no", "dont", "don't", "didnt", "didn't", "cant", "can't", "wont", "won't"]);

/**
 * BIO tags for a message from its labelled entities: each entity takes the first free token span whose worded key is
 * the label's (so "my mom" labelled "mom" aligns, and "chem test" labelled "chemistry test"), shortest span first. The
 * worded key, not the canonical one: "the wrestling team" labelled so is tagged whole, not on the "wrestling" that is
 * the same activity.
 */
export function alignEntities(message: MessageText, entities: readonly { type: EntityType; name: string }[]): Alignment {
  const tags = message.tokens.map(() => "O");
  const place = (span: [number, number], type: EntityType) => {
    for (let index = span[0]; index <= span[1]; index += 1) tags[index] = `${index === span[0] ? "B" : "I"}-${type}`;
  };
  const notExact: { type: EntityType; name: string }[] = [];
  // Longer names first, so "mom's birthday" is placed before "mom" can take its word.
  const ordered = [...entities].sort((a, b) => b.name.length - a.name.length);
  for (const entity of ordered) {
    const span = findSpan(message, tags, entity.type, wordedEntityKey(entity.type, entity.name));
    if (span) place(span, entity.type);
    else notExact.push(entity);
  }
  // Then, with every exact name placed, the labels the writer reworded: left as O, their words would teach the
  // tagger that a habit or a goal the text does hold is nothing.
  const loose: Alignment["loose"] = [];
  const unaligned: Alignment["unaligned"] = [];
  for (const entity of notExact) {
    const span = findLooseSpan(message, tags, entity.type, wordedEntityKey(entity.type, entity.name));
    if (span) {
      place(span, entity.type);
      loose.push(entity);
    } else unaligned.push(entity);
  }
  return { tags, loose, unaligned };
}

/**
 * The shortest free span whose canonical key holds every word of the label's, in any order, with at most
 * LOOSE_EXTRA_WORDS more. Only for labels of two words or more: one word the text does not hold exactly is not there.
 */
function findLooseSpan(message: MessageText, tags: readonly string[], type: EntityType, wanted: string): [number, number] | undefined {
  const wantedWords = wanted.split("-");
  if (wantedWords.length < 2) return undefined;
  const count = message.tokens.length;
  for (let length = wantedWords.length; length <= Math.min(wantedWords.length + LOOSE_EXTRA_WORDS + LOOSE_DROPPED_WORDS, LONGEST_SPAN + LOOSE_EXTRA_WORDS, count); length += 1) {
    for (let first = 0; first + length <= count; first += 1) {
      const last = first + length - 1;
      if (tags.slice(first, last + 1).some((tag) => tag !== "O")) continue;
      // One clause only: "i read before bed, my sister reads manga" holds no "read manga before bed".
      if (message.tokens.slice(first, last).some((token) => /[,.;:!?]/.test(token.post))) continue;
      if (message.tokens.slice(first, last + 1).some((token) => NEGATIONS.has(token.lower) && !wantedWords.includes(token.lower))) continue;
      const words = wordedEntityKey(type, spanText(message, first, last)).split("-");
      if (words.length <= wantedWords.length + LOOSE_EXTRA_WORDS && holdsEvery(words, wantedWords)) return [first, last];
    }
  }
  return undefined;
}

/** Whether `words` holds each of `wanted`, as many times as `wanted` has it. */
function holdsEvery(words: readonly string[], wanted: readonly string[]): boolean {
  const left = [...words];
  for (const word of wanted) {
    const at = left.indexOf(word);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

function findSpan(message: MessageText, tags: readonly string[], type: EntityType, wanted: string): [number, number] | undefined {
  const count = message.tokens.length;
  for (let length = 1; length <= Math.min(LONGEST_SPAN, count); length += 1) {
    for (let first = 0; first + length <= count; first += 1) {
      const last = first + length - 1;
      if (tags.slice(first, last + 1).some((tag) => tag !== "O")) continue;
      if (wordedEntityKey(type, spanText(message, first, last)) === wanted) return [first, last];
    }
  }
  return undefined;
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  /** "text-and-rules": every example must carry its ruleSpans, which become features. Default "text". */
  reads?: TaggerInput;
}

/**
 * The perceptron's weights while it learns, with the running totals and last-change steps that lazy averaging needs:
 * one flat array each over every bucket and tag ([bucket * tags + tag]), so a lookup is an index rather than a probe
 * of a map of two hundred thousand rows (training reads some sixty rows per token per decode). Decoding sees only the
 * buckets some update has touched, as a map of the rows made so far would.
 */
class PerceptronRows implements WeightRows {
  private readonly weights: Float64Array;
  private readonly totals: Float64Array;
  private readonly stamps: Float64Array;
  private readonly touched = new Uint8Array(BUCKETS);

  constructor(private readonly tagCount: number) {
    this.weights = new Float64Array(BUCKETS * tagCount);
    this.totals = new Float64Array(BUCKETS * tagCount);
    this.stamps = new Float64Array(BUCKETS * tagCount);
  }

  add(bucket: number, scores: Float64Array): void {
    if (this.touched[bucket] !== 1) return;
    const start = bucket * this.tagCount;
    for (let tag = 0; tag < scores.length; tag += 1) scores[tag] = (scores[tag] ?? 0) + (this.weights[start + tag] ?? 0);
  }

  update(bucket: number, tag: number, by: number, step: number): void {
    this.touched[bucket] = 1;
    const at = bucket * this.tagCount + tag;
    this.totals[at] = (this.totals[at] ?? 0) + (step - (this.stamps[at] ?? 0)) * (this.weights[at] ?? 0);
    this.stamps[at] = step;
    this.weights[at] = (this.weights[at] ?? 0) + by;
  }

  /** The running total of a weight brought up to `step`: the sum of its value at every step so far. */
  total(bucket: number, tag: number, step: number): number {
    const at = bucket * this.tagCount + tag;
    return (this.totals[at] ?? 0) + (step - (this.stamps[at] ?? 0)) * (this.weights[at] ?? 0);
  }

  /** Every bucket an update touched, ascending. */
  *touchedBuckets(): Generator<number> {
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) if (this.touched[bucket] === 1) yield bucket;
  }
}

interface PreparedExample {
  buckets: number[][];
  words: string[];
  message: MessageText;
  entities: LabelledExample["entities"];
}

/** Trains one perceptron per layer (TAG_LAYERS) over the same features, each on the entities of its own types. */
export function trainSpanTagger(examples: readonly LabelledExample[], options: TrainingOptions, trainedOn: Record<string, string | number> = {}): SpanTaggerFile {
  const reads = options.reads ?? "text";
  const prepared: PreparedExample[] = examples.map((example) => ({
    buckets: tokenFeatures(example.message, ruleSpansFor(example, reads)).map((features) => features.map(bucketOf)),
    words: example.message.tokens.map((token) => token.lower),
    message: example.message,
    entities: example.entities,
  }));
  return {
    format: MODEL_FORMAT,
    reads,
    buckets: BUCKETS,
    trainedOn: { ...trainedOn, seed: options.seed, epochs: options.epochs, examples: examples.length, tokens: prepared.reduce((total, example) => total + example.words.length, 0) },
    layers: TAG_LAYERS.map((types) => trainLayer(prepared, types, options)),
  };
}

function ruleSpansFor(example: LabelledExample, reads: TaggerInput): readonly RuleSpan[] | undefined {
  if (reads === "text") return undefined;
  if (!example.ruleSpans) throw new Error("a tagger that reads the rules is trained on examples that carry the rules' findings");
  return example.ruleSpans;
}

/**
 * The averaged structured perceptron (Collins 2002): each message is decoded whole (Viterbi, as at run time), and where
 * the decoded sequence differs from the gold one the gold tags' features gain and the decoded tags' lose. Averaging is
 * lazy: each weight's running total is brought up to date only when it changes and once at the end.
 */
function trainLayer(prepared: readonly PreparedExample[], types: readonly EntityType[], options: TrainingOptions): TaggerLayerFile {
  const tags = tagsOf(types);
  const tagCount = tags.length;
  const tagIndex = new Map(tags.map((tag, index) => [tag, index]));
  const rows = new PerceptronRows(tagCount);
  let step = 0;
  const update = (bucket: number, tag: number, by: number) => rows.update(bucket, tag, by, step);
  // A previous tag by its place among the transitions' previous tags: START_TAG, then the layer's tags.
  const previousIndex = (previousTag: string) => (previousTag === START_TAG ? 0 : (tagIndex.get(previousTag) ?? 0) + 1);
  const transitions = prepared.map((example) => transitionBucketsOf(tags, example.words));
  const featuresAt = (exampleIndex: number, position: number, previousTag: string) => {
    const at = transitionAt(position, previousIndex(previousTag), tagCount);
    const transition = transitions[exampleIndex] as Int32Array;
    return [...(prepared[exampleIndex]?.buckets[position] ?? []), transition[at] ?? 0, transition[at + 1] ?? 0];
  };

  const gold = prepared.map((example) => alignEntities(example.message, example.entities.filter((entity) => types.includes(entity.type))).tags);
  const random = seededRandom(options.seed);
  const order = prepared.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const exampleIndex of order) {
      const example = prepared[exampleIndex];
      const wanted = gold[exampleIndex];
      if (!example || !wanted) continue;
      step += 1;
      const decoded = decodeTags(rows, tags, example.buckets, transitions[exampleIndex] as Int32Array).tags;
      for (let position = 0; position < wanted.length; position += 1) {
        const goldTag = wanted[position] ?? "O";
        const decodedTag = decoded[position] ?? "O";
        const goldPrevious = wanted[position - 1] ?? START_TAG;
        const decodedPrevious = decoded[position - 1] ?? START_TAG;
        if (goldTag === decodedTag && goldPrevious === decodedPrevious) continue;
        for (const bucket of featuresAt(exampleIndex, position, goldPrevious)) update(bucket, tagIndex.get(goldTag) ?? 0, 1);
        for (const bucket of featuresAt(exampleIndex, position, decodedPrevious)) update(bucket, tagIndex.get(decodedTag) ?? 0, -1);
      }
    }
  }

  // Average, drop what rounds to nothing, and write buckets and tags in ascending order: the same bytes every run.
  const keys: number[] = [];
  const weights: number[] = [];
  for (const bucket of rows.touchedBuckets()) {
    for (let tag = 0; tag < tagCount; tag += 1) {
      const average = Math.round((rows.total(bucket, tag, step) / Math.max(step, 1)) * 1e4) / 1e4;
      if (average === 0) continue;
      keys.push(bucket * tagCount + tag);
      weights.push(average);
    }
  }
  return {
    types: [...types],
    tags,
    keys: Buffer.from(new Uint32Array(keys).buffer).toString("base64"),
    weights: Buffer.from(new Float32Array(weights).buffer).toString("base64"),
  };
}
