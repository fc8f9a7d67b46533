// Turns normalised text into hashed features: character n-grams inside word boundaries, words, word pairs and triples, and pairs a few words apart, FNV-1a hashed into a fixed space.

/** How text becomes features; stored in the model file so training and inference cannot drift apart. */
export interface FeatureConfig {
  /** The feature space has 2^hashBits buckets. */
  hashBits: number;
  charNgramMin: number;
  charNgramMax: number;
  /** 1: words only; 2: words and word pairs; 3: also word triples. */
  wordNgramMax: number;
  /**
   * Also ordered pairs of words up to this many words apart within a clause ("kill … myself"), all in one kind of
   * feature, so an inserted word does not hide a phrase. Absent or 1: adjacent pairs only.
   */
  pairSpan?: number;
}

// Chosen on dev (docs/safety-screening.md): word triples and word pairs up to four words apart separate risk from
// ordinary chat better than longer character n-grams, which mostly memorise how one writer spells.
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { hashBits: 20, charNgramMin: 3, charNgramMax: 4, wordNgramMax: 3, pairSpan: 4 };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// One seed per kind of feature, so the word "die" and the n-gram " die " land in different buckets.
const KIND_CHAR = fnvChar(FNV_OFFSET, 0x63);
const KIND_WORD = fnvChar(FNV_OFFSET, 0x77);
const KIND_PAIR = fnvChar(FNV_OFFSET, 0x62);
const KIND_TRIPLE = fnvChar(FNV_OFFSET, 0x74);
const KIND_SKIP = fnvChar(FNV_OFFSET, 0x73);
const SPACE = 0x20;

function fnvChar(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function fnvString(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i += 1) h = fnvChar(h, text.charCodeAt(i));
  return h;
}

// FNV-1a's low bits mix poorly; one avalanche round spreads them before masking.
function bucket(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & mask;
}

/** The distinct buckets a text hits, ascending; the classifier weighs them by their inverse document frequency. */
export interface FeatureVector {
  indices: Int32Array;
}

/**
 * The features of one text given in its matching forms (normalize.ts): every form contributes, and a
 * feature present in several counts once. Clause marks (".") separate words but are not features.
 */
export function extractFeatures(forms: readonly string[], config: FeatureConfig): FeatureVector {
  const mask = (1 << config.hashBits) - 1;
  const found: number[] = [];
  for (const form of forms) {
    const words = form.split(" ");
    const span = Math.max(1, config.pairSpan ?? 1);
    // The clause's words so far, newest last (only the last `span` are read).
    const clause: string[] = [];
    for (const word of words) {
      if (word.length === 0) continue;
      if (word === ".") {
        clause.length = 0;
        continue;
      }
      found.push(bucket(fnvString(KIND_WORD, word), mask));
      const previous = clause[clause.length - 1];
      const beforePrevious = clause[clause.length - 2];
      if (config.wordNgramMax >= 2 && previous !== undefined) found.push(bucket(fnvString(fnvChar(fnvString(KIND_PAIR, previous), SPACE), word), mask));
      if (config.wordNgramMax >= 3 && previous !== undefined && beforePrevious !== undefined) {
        found.push(bucket(fnvString(fnvChar(fnvString(fnvChar(fnvString(KIND_TRIPLE, beforePrevious), SPACE), previous), SPACE), word), mask));
      }
      for (let distance = 2; distance <= span && distance <= clause.length; distance += 1) {
        found.push(bucket(fnvString(fnvChar(fnvString(KIND_SKIP, clause[clause.length - distance] ?? ""), SPACE), word), mask));
      }
      clause.push(word);
      // Character n-grams of " word ", so the edges of a word are features of their own.
      const padded = word.length + 2;
      for (let start = 0; start < padded; start += 1) {
        let h = KIND_CHAR;
        for (let length = 1; length <= config.charNgramMax && start + length <= padded; length += 1) {
          const at = start + length - 1;
          h = fnvChar(h, at === 0 || at === padded - 1 ? SPACE : word.charCodeAt(at - 1));
          if (length >= config.charNgramMin) found.push(bucket(h, mask));
        }
      }
    }
  }
  if (found.length === 0) return { indices: new Int32Array(0) };
  const sorted = Int32Array.from(found).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i] ?? 0;
  return { indices: sorted.slice(0, distinct) };
}
