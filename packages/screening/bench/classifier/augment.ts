// Training-time variants of the train lines, drawn from a seeded generator: the spellings teens type (typos, dropped vowels, stretched letters, masks, leetspeak, no apostrophes) and a risk sentence buried in everyday chatter.

import { seededRandom } from "@innerworld/platform/random";
import { swapConceptTerms, type ConceptSwapLexicon } from "./conceptSwaps";
import type { LabelledExample } from "./examples";

export interface AugmentOptions {
  seed: number;
  /** Respelt variants per train line. */
  respellings: number;
  /** Long mixed messages made per risk line: an ordinary line, the risk line, another ordinary line. */
  buried: number;
  /** Ordinary messages made of two ordinary lines (one may be a trap), so length alone never reads as risk. */
  ordinaryPairs: number;
  /** Variants per train line naming a concept term, with one such term swapped for another of its concept and language (conceptSwaps.ts); absent: none. */
  conceptSwaps?: number;
}

// One respelling per line helped on dev and most on the slang hold-out; buried risk lines and ordinary pairs did not
// (docs/safety-screening.md), so they are off.
export const DEFAULT_AUGMENT: AugmentOptions = { seed: 20251205, respellings: 1, buried: 0, ordinaryPairs: 0 };

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T | undefined => items[Math.floor(random() * items.length)];

const LEET: Readonly<Record<string, readonly string[]>> = { a: ["4", "@"], e: ["3"], i: ["1", "!"], o: ["0"], s: ["5", "$"], t: ["7"], l: ["1"] };
const VOWELS = new Set(["a", "e", "i", "o", "u"]);
// Letters a thumb hits by mistake: each with its neighbours on a QWERTY keyboard.
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: "qwsz",
  b: "vghn",
  c: "xdfv",
  d: "serfcx",
  e: "wsdr",
  f: "drtgvc",
  g: "ftyhbv",
  h: "gyujnb",
  i: "ujko",
  j: "huikmn",
  k: "jiolm",
  l: "kop",
  m: "njk",
  n: "bhjm",
  o: "iklp",
  p: "ol",
  q: "wa",
  r: "edft",
  s: "awedxz",
  t: "rfgy",
  u: "yhji",
  v: "cfgb",
  w: "qase",
  x: "zsdc",
  y: "tghu",
  z: "asx",
};

type WordChange = (word: string, random: Random) => string;

const letters = (word: string) => /^[a-z]+$/i.test(word);

const WORD_CHANGES: readonly WordChange[] = [
  // A typo: a letter swapped with its neighbour, dropped, doubled or hit next to its key.
  (word, random) => {
    if (word.length < 4) return word;
    const at = 1 + Math.floor(random() * (word.length - 2));
    const kind = Math.floor(random() * 4);
    const c = word[at] ?? "";
    if (kind === 0) return word.slice(0, at) + (word[at + 1] ?? "") + c + word.slice(at + 2);
    if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
    if (kind === 2) return word.slice(0, at) + c + word.slice(at);
    return word.slice(0, at) + (pick([...(NEIGHBOURS[c.toLowerCase()] ?? c)], random) ?? c) + word.slice(at + 1);
  },
  // Vowels dropped after the first letter ("kll", "myslf").
  (word) => (word.length < 4 ? word : (word[0] ?? "") + [...word.slice(1)].filter((c) => !VOWELS.has(c.toLowerCase())).join("")),
  // A stretched last letter ("soooo", "dieee").
  (word, random) => word + (word[word.length - 1] ?? "").repeat(1 + Math.floor(random() * 3)),
  // A masked vowel ("k*ll", "su*cide").
  (word, random) => {
    const at = [...word].map((c, i) => (i > 0 && VOWELS.has(c.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
    const chosen = pick(at, random);
    return chosen === undefined ? word : `${word.slice(0, chosen)}${pick(["*", "#", "."], random) ?? "*"}${word.slice(chosen + 1)}`;
  },
  // Leetspeak for one or two letters.
  (word, random) =>
    [...word]
      .map((c, i) => {
        const options = LEET[c.toLowerCase()];
        return i > 0 && options !== undefined && random() < 0.5 ? (pick(options, random) ?? c) : c;
      })
      .join(""),
];

/** One respelling of a text: a few of its longer words changed, apostrophes sometimes dropped, case sometimes shouted or flattened. */
export function respell(text: string, random: Random): string {
  const words = text.split(/(\s+)/);
  const candidates = words.map((w, i) => (letters(w) && w.length >= 3 ? i : -1)).filter((i) => i >= 0);
  const changes = Math.max(1, Math.round(candidates.length * (0.15 + random() * 0.2)));
  for (let n = 0; n < changes && candidates.length > 0; n += 1) {
    const slot = Math.floor(random() * candidates.length);
    const at = candidates.splice(slot, 1)[0] ?? 0;
    const change = pick(WORD_CHANGES, random);
    if (change !== undefined) words[at] = change(words[at] ?? "", random);
  }
  let out = words.join("");
  if (random() < 0.5) out = out.replace(/['’]/g, "");
  const casing = random();
  if (casing < 0.15) out = out.toUpperCase();
  else if (casing < 0.4) out = out.toLowerCase();
  return out;
}

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * Variants of the train lines, each labelled as its source: respellings of every line, risk lines buried between
 * ordinary ones (labelled as the risk line), pairs of ordinary lines (ordinary), and lines with a concept term swapped
 * (given the concept lexicon). Dev and test lines are never used.
 */
export function augmentExamples(train: readonly LabelledExample[], options: AugmentOptions = DEFAULT_AUGMENT, concepts?: ConceptSwapLexicon): LabelledExample[] {
  const random = seededRandom(options.seed);
  const out: LabelledExample[] = [];
  const standalone = train.filter((e) => e.context.length === 0);
  const ordinary = standalone.filter((e) => e.level === "none" && !e.trap);
  const ordinaryAny = standalone.filter((e) => e.level === "none");
  for (const example of train) {
    for (let n = 0; n < options.respellings; n += 1) {
      out.push({ ...example, id: `${example.id}~respelt${n}`, text: respell(example.text, random), source: `${example.source} (respelt)` });
    }
  }
  const ordinaryIn = new Map<string, LabelledExample[]>();
  for (const e of ordinary) ordinaryIn.set(e.lang, [...(ordinaryIn.get(e.lang) ?? []), e]);
  for (const example of standalone) {
    if (example.level === "none") continue;
    const sameLanguage = ordinaryIn.get(example.lang) ?? ordinary;
    for (let n = 0; n < options.buried; n += 1) {
      const before = pick(sameLanguage, random);
      const after = pick(sameLanguage, random);
      if (before === undefined || after === undefined) continue;
      const text = `${sentence(before.text)} ${sentence(example.text)} ${after.text}`;
      out.push({ ...example, id: `${example.id}~buried${n}`, text, family: "long_mixed", source: `${example.source} (buried)` });
    }
  }
  for (let n = 0; n < options.ordinaryPairs * ordinary.length; n += 1) {
    const first = pick(ordinaryAny, random);
    const second = pick(ordinary, random);
    if (first === undefined || second === undefined) continue;
    const [a, b] = random() < 0.5 ? [first, second] : [second, first];
    out.push({ ...first, id: `${first.id}~paired${n}`, text: `${sentence(a.text)} ${b.text}`, trap: first.trap, source: `${first.source} (paired)` });
  }
  // Drawn last from the same generator, so the other variants stay what they were without swaps.
  const swaps = options.conceptSwaps ?? 0;
  if (swaps > 0) {
    if (concepts === undefined) throw new Error("conceptSwaps needs the concept lexicon to swap terms from");
    out.push(...swapConceptTerms(train, concepts, swaps, random));
  }
  return out;
}
