// Turns normalised text into hashed features: character n-grams inside word boundaries plus word unigrams and bigrams, FNV-1a hashed into a fixed space.

/** How text becomes features; stored in the model file so training and inference cannot drift apart. */
export interface FeatureConfig {
  /** The feature space has 2^hashBits buckets. */
  hashBits: number;
  charNgramMin: number;
  charNgramMax: number;
  /** 1: words only; 2: words and word pairs. */
  wordNgramMax: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { hashBits: 18, charNgramMin: 2, charNgramMax: 5, wordNgramMax: 2 };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// One seed per kind of feature, so the word "die" and the n-gram " die " land in different buckets.
const KIND_CHAR = fnvChar(FNV_OFFSET, 0x63);
const KIND_WORD = fnvChar(FNV_OFFSET, 0x77);
const KIND_PAIR = fnvChar(FNV_OFFSET, 0x62);
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
    let previous: string | undefined;
    for (const word of words) {
      if (word.length === 0) continue;
      if (word === ".") {
        previous = undefined;
        continue;
      }
      found.push(bucket(fnvString(KIND_WORD, word), mask));
      if (config.wordNgramMax >= 2 && previous !== undefined) found.push(bucket(fnvString(fnvChar(fnvString(KIND_PAIR, previous), SPACE), word), mask));
      previous = word;
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
