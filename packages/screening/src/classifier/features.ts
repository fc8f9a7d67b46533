// Turns normalised text into hashed features: character n-grams inside word boundaries, words, word pairs and triples, pairs a few words apart, the concepts a lexicon names in the words, and Spanish read again in a glossary's English words, FNV-1a hashed into a fixed space.

import { spanishLean } from "../normalize";

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
  /** Concept features (a term lexicon's concepts found in the words); absent: none. */
  concepts?: ConceptFeatures;
  /** Spanish also read through a glossary as English words; absent: none. */
  gloss?: GlossFeatures;
  /**
   * A squared length (in squared idf units) added to every message's before its feature vector is scaled, as if each also held
   * a silent feature that says nothing. Scaled to unit length, the dozen features of a one- or two-word message spoke
   * as loudly as a sentence's hundred, so "tuesday" or "hope so", which share a few n-grams with crisis lines and
   * little else, were read with a crisis line's certainty. Padded, what little a short message says moves its reading
   * less from the model's bias, while a sentence (a squared length in the thousands) reads nearly as before. Absent: 0.
   */
  lengthPadding?: number;
}

/**
 * A Spanish-to-English glossary as the classifier reads it: each Spanish word or phrase and its plain English reading,
 * both in the normaliser's matching form. Spanish is read a second time in those English words, as words, pairs,
 * triples and pairs a few words apart, in the same buckets as English text: what the model learnt from "i want to die"
 * is there in "me quiero morir". The entries and the English words travel inside the model file, like concept terms.
 */
export interface GlossFeatures {
  /** Who wrote the glossary, and the SHA-256 of its file as received (data/gloss). */
  source: { author: string; sha256: string };
  /** Spanish word or phrase → English words. */
  entries: Record<string, string>;
  /**
   * Words found in at least two English training lines (in matching form, sorted). In a clause that does not lean
   * Spanish, a phrase is read only when one of its words is not among them and it is Spanish beyond one word: a phrase
   * of several words ("ya no aguanto" in "ya no aguanto, i just want to die", whose comma the form no longer holds; "me
   * cortes" for "me corté"), or a clause with two such words ("ojala me muriera"). One stray word is not enough ("roll
   * the dice", "eras tour", "i wnt 2 di"), and "come" or "sin" in an English sentence is never read.
   */
  englishWords: string[];
}

/**
 * A concept lexicon as the classifier reads it: terms already in the normaliser's matching form (normalize.ts,
 * normaliseTerm), so "matarme" and "kms" can both name KILL and SELF and a model learns the concepts, not the spellings.
 * The terms travel inside the model file, so a model is always read with the lexicon it was trained with.
 */
export interface ConceptFeatures {
  /** Who wrote the lexicon, and the SHA-256 of its file as received (data/concepts). */
  source: { author: string; sha256: string };
  /** Terms per concept name: lowercase words joined by single spaces, usually one to four words (the matcher takes any length); a term may name several concepts. */
  terms: Record<string, string[]>;
  /** Also ordered pairs of concepts whose terms start up to this many words apart within a clause (0: none); the concepts of one term pair too. */
  pairSpan: number;
  /** Also each concept with the words up to this many before and after its term within the clause (0: none). */
  wordSpan: number;
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
const KIND_CONCEPT = fnvChar(FNV_OFFSET, 0x43);
const KIND_CONCEPT_PAIR = fnvChar(FNV_OFFSET, 0x50);
const KIND_CONCEPT_WORD = fnvChar(FNV_OFFSET, 0x57);
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
  const concepts = config.concepts === undefined ? undefined : conceptMatcher(config.concepts);
  const gloss = config.gloss === undefined ? undefined : glossMatcher(config.gloss);
  for (const form of forms) {
    const words = form.split(" ");
    if (concepts !== undefined) conceptFeatures(words, concepts, mask, found);
    wordFeatures(words, config, mask, found, true);
    if (gloss !== undefined) {
      const glossed = glossSpanish(words, gloss);
      if (glossed !== undefined) wordFeatures(glossed, config, mask, found, false);
    }
  }
  if (found.length === 0) return { indices: new Int32Array(0) };
  const sorted = Int32Array.from(found).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i] ?? 0;
  return { indices: sorted.slice(0, distinct) };
}

/** Words, word pairs and triples, pairs a few words apart and (with `characters`) character n-grams of one form's words. */
function wordFeatures(words: readonly string[], config: FeatureConfig, mask: number, found: number[], characters: boolean): void {
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
    if (!characters) continue;
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

/** A tree of words, one node per word of the phrases it holds (concept terms, glossary entries). */
interface WordTreeNode<Node> {
  next: Map<string, Node>;
}

/** The node where `words` end in the tree under `root`, made on the way where missing; `root` itself for no words. */
function phraseNode<Node extends WordTreeNode<Node>>(root: Node, words: readonly string[]): Node {
  let node = root;
  for (const word of words) {
    let child = node.next.get(word);
    if (child === undefined) {
      // Every field of a node but `next` is optional, so a bare node is a node of either tree.
      child = { next: new Map() } as Node;
      node.next.set(word, child);
    }
    node = child;
  }
  return node;
}

/** One word of a Spanish phrase and the words that may follow it; `english` when a phrase ends here. */
interface GlossNode {
  next: Map<string, GlossNode>;
  english?: readonly string[];
  /** Whether a word of the phrase ending here is not an English word. */
  onlySpanish?: boolean;
  /** How many words the phrase ending here has. */
  words?: number;
}

interface GlossMatcher {
  root: GlossNode;
  /** The glossary's words English does not use: a clause not leaning Spanish without one of them has nothing to read. */
  spanishOnly: ReadonlySet<string>;
}

const glossMatchers = new WeakMap<GlossFeatures, GlossMatcher>();

/** The glossary as a tree of words, compiled once per glossary object (the model keeps one). */
function glossMatcher(gloss: GlossFeatures): GlossMatcher {
  const cached = glossMatchers.get(gloss);
  if (cached !== undefined) return cached;
  const root: GlossNode = { next: new Map() };
  const englishWords = new Set(gloss.englishWords);
  const spanishOnly = new Set<string>();
  for (const [spanish, english] of Object.entries(gloss.entries)) {
    const words = spanish.split(" ").filter((word) => word.length > 0);
    const node = phraseNode(root, words);
    if (node === root) continue;
    node.english = english.split(" ").filter((word) => word.length > 0);
    node.onlySpanish = words.some((word) => !englishWords.has(word));
    node.words = words.length;
    for (const word of words) if (!englishWords.has(word)) spanishOnly.add(word);
  }
  const matcher = { root, spanishOnly };
  glossMatchers.set(gloss, matcher);
  return matcher;
}

/**
 * The form's Spanish in English words: from each word the longest phrase the glossary holds, a word without one kept
 * as it is. A clause that leans Spanish is read whole (one whose telling words tie takes the lean of the whole form);
 * in any other clause only phrases with a word English does not use, and Spanish beyond one word (GlossFeatures'
 * englishWords), are read, and a clause with none is left out, its words being read already. Undefined when nothing
 * was read.
 */
function glossSpanish(words: readonly string[], { root, spanishOnly }: GlossMatcher): string[] | undefined {
  const formLean = spanishLean(words);
  const out: string[] = [];
  let glossedAny = false;
  let start = 0;
  for (let end = 0; end <= words.length; end += 1) {
    if (end < words.length && words[end] !== ".") continue;
    const clause = words.slice(start, end).filter((word) => word.length > 0);
    start = end + 1;
    const lean = spanishLean(clause);
    const spanish = lean > 0 || (lean === 0 && formLean > 0);
    // Most clauses are English with no Spanish word: nothing to read, and no need to walk the glossary.
    let strayWords = 0;
    if (!spanish) for (const word of clause) if (spanishOnly.has(word)) strayWords += 1;
    if (!spanish && strayWords === 0) continue;
    const read: string[] = [];
    let readAny = false;
    let at = 0;
    while (at < clause.length) {
      let node = root.next.get(clause[at] ?? "");
      let found: GlossNode | undefined;
      let after = at + 1;
      for (let next = at + 1; node !== undefined; next += 1) {
        if (node.english !== undefined && (spanish || (node.onlySpanish === true && ((node.words ?? 1) > 1 || strayWords > 1)))) {
          found = node;
          after = next;
        }
        node = next < clause.length ? node.next.get(clause[next] ?? "") : undefined;
      }
      if (found?.english === undefined) read.push(clause[at] ?? "");
      else read.push(...found.english);
      readAny ||= found !== undefined;
      at = after;
    }
    if (!readAny) continue;
    glossedAny = true;
    out.push(...read, ".");
  }
  return glossedAny ? out : undefined;
}

/** One word of a term and the words that may follow it; `concepts` when a term ends here. */
interface TermNode {
  next: Map<string, TermNode>;
  concepts?: number[];
}

/** A concept lexicon compiled for matching: its terms as a tree of words, and each concept's hash seeds. */
interface ConceptMatcher {
  /** The terms word by word: walking it from a word finds the longest term starting there in one pass. */
  terms: TermNode;
  /** Per concept id: the hash of the concept token, and the seed of its word pairs. */
  token: number[];
  /** The hash of the ordered pair (a, b) at a × concepts + b, all computed once. */
  pairHash: Uint32Array;
  wordSeed: number[];
  pairSpan: number;
  wordSpan: number;
}

const matchers = new WeakMap<ConceptFeatures, ConceptMatcher>();

/** Compiled once per lexicon object (the model keeps one), so a word costs one map lookup unless a longer term goes on from it. */
function conceptMatcher(lexicon: ConceptFeatures): ConceptMatcher {
  const cached = matchers.get(lexicon);
  if (cached !== undefined) return cached;
  const names = Object.keys(lexicon.terms);
  const conceptsOf = new Map<string, number[]>();
  names.forEach((name, id) => {
    for (const term of lexicon.terms[name] ?? []) {
      const ids = conceptsOf.get(term) ?? [];
      if (!ids.includes(id)) ids.push(id);
      conceptsOf.set(term, ids);
    }
  });
  const terms: TermNode = { next: new Map() };
  for (const [term, concepts] of conceptsOf) {
    const node = phraseNode(terms, term.split(" ").filter((word) => word.length > 0));
    if (node !== terms) node.concepts = concepts;
  }
  const matcher: ConceptMatcher = {
    terms,
    token: names.map((name) => fnvString(KIND_CONCEPT, name)),
    pairHash: Uint32Array.from({ length: names.length * names.length }, (_, at) =>
      fnvString(fnvChar(fnvString(KIND_CONCEPT_PAIR, names[Math.floor(at / names.length)] ?? ""), SPACE), names[at % names.length] ?? ""),
    ),
    wordSeed: names.map((name) => fnvChar(fnvString(KIND_CONCEPT_WORD, name), SPACE)),
    pairSpan: lexicon.pairSpan,
    wordSpan: lexicon.wordSpan,
  };
  matchers.set(lexicon, matcher);
  return matcher;
}

interface ConceptMatch {
  start: number;
  end: number;
  concepts: number[];
}

/** The terms found in one clause's words, longest match first, left to right, never overlapping. */
function matchConcepts(words: readonly string[], matcher: ConceptMatcher): ConceptMatch[] {
  const found: ConceptMatch[] = [];
  let at = 0;
  while (at < words.length) {
    let node = matcher.terms.next.get(words[at] ?? "");
    let end = at;
    let concepts: number[] | undefined;
    for (let next = at + 1; node !== undefined; next += 1) {
      if (node.concepts !== undefined) {
        concepts = node.concepts;
        end = next;
      }
      node = next < words.length ? node.next.get(words[next] ?? "") : undefined;
    }
    if (concepts === undefined) {
      at += 1;
      continue;
    }
    found.push({ start: at, end, concepts });
    at = end;
  }
  return found;
}

/** A concept term found in a form's words: where it starts and ends (exclusive), and the concepts it names. */
export interface ConceptTermMatch {
  start: number;
  end: number;
  term: string;
  concepts: string[];
}

/**
 * The terms the concept features would find in a form's words, by the same matcher (longest first, left to right, never
 * across a clause mark), so training can vary exactly what the model reads as a concept.
 */
export function findConceptTerms(words: readonly string[], lexicon: ConceptFeatures): ConceptTermMatch[] {
  const names = Object.keys(lexicon.terms);
  return matchConcepts(words, conceptMatcher(lexicon)).map((match) => ({
    start: match.start,
    end: match.end,
    term: words.slice(match.start, match.end).join(" "),
    concepts: match.concepts.map((id) => names[id] ?? ""),
  }));
}

/** Concept tokens, concept pairs and concept × word pairs of one form's words, clause by clause. */
function conceptFeatures(words: readonly string[], matcher: ConceptMatcher, mask: number, found: number[]): void {
  let clause: string[] = [];
  const flush = () => {
    if (clause.length > 0) clauseConceptFeatures(clause, matcher, mask, found);
    clause = [];
  };
  for (const word of words) {
    if (word.length === 0) continue;
    if (word === ".") flush();
    else clause.push(word);
  }
  flush();
}

function clauseConceptFeatures(words: readonly string[], matcher: ConceptMatcher, mask: number, found: number[]): void {
  const matches = matchConcepts(words, matcher);
  const concepts = matcher.token.length;
  const pair = (a: number, b: number) => found.push(bucket(matcher.pairHash[a * concepts + b] ?? 0, mask));
  for (let i = 0; i < matches.length; i += 1) {
    const match = matches[i];
    if (match === undefined) continue;
    for (const id of match.concepts) found.push(bucket(matcher.token[id] ?? 0, mask));
    if (matcher.pairSpan > 0) {
      // The concepts one term names pair with each other in the lexicon's order ("matarme": KILL SELF, as "kill myself").
      for (let a = 0; a < match.concepts.length; a += 1) for (let b = a + 1; b < match.concepts.length; b += 1) pair(match.concepts[a] ?? 0, match.concepts[b] ?? 0);
      for (let j = i + 1; j < matches.length && (matches[j]?.start ?? 0) - match.start <= matcher.pairSpan; j += 1) {
        for (const a of match.concepts) for (const b of matches[j]?.concepts ?? []) pair(a, b);
      }
    }
    if (matcher.wordSpan > 0) {
      for (const id of match.concepts) {
        const seed = matcher.wordSeed[id] ?? 0;
        // Words before the term are marked apart from words after it ("not" before DIE is not "not" after it).
        for (let w = Math.max(0, match.start - matcher.wordSpan); w < match.start; w += 1) found.push(bucket(fnvString(fnvChar(seed, 0x3c), words[w] ?? ""), mask));
        for (let w = match.end; w < Math.min(words.length, match.end + matcher.wordSpan); w += 1) found.push(bucket(fnvString(fnvChar(seed, 0x3e), words[w] ?? ""), mask));
      }
    }
  }
}
