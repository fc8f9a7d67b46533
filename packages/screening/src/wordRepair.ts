// Reads disguised words back as the words meant: masked and leetspeak tokens, stretched letters, dropped vowels, misspellings, look-alike letters, emoji, joined-up spaced letters.

import { boundedMemo } from "@innerworld/platform/memo";
import { COMMON_WORDS, EMOJI_WORDS, HOMOGLYPHS, MISSPELLINGS, RISK_WORDS } from "./normalizeVocabulary.data";
import { REAL_WORDS_NEAR_RISK_WORDS } from "./realWordsNearRiskWords.data";

const VOCABULARY: ReadonlySet<string> = new Set([...RISK_WORDS, ...COMMON_WORDS]);
const LONGEST_VOCABULARY_WORD = Math.max(...[...VOCABULARY].map((word) => [...word].length));


// ── look-alike letters ──

const HOMOGLYPH_CHARS = new RegExp(`[${Object.keys(HOMOGLYPHS).join("")}]`, "u");
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const LATIN = /[a-z]/;
const ALL_HOMOGLYPHS = new RegExp(`^[${Object.keys(HOMOGLYPHS).join("")}]+$`, "u");

/** Cyrillic, Greek and odd Latin letters read as the Latin they imitate, inside Latin words or a Latin message (lower-cased input). */
export function foldHomoglyphs(text: string): string {
  if (!HOMOGLYPH_CHARS.test(text)) return text;
  const messageIsLatin = LATIN.test(text);
  return text.replace(WORD_RUN, (word) => {
    if (!HOMOGLYPH_CHARS.test(word)) return word;
    if (!LATIN.test(word) && !(messageIsLatin && ALL_HOMOGLYPHS.test(word))) return word;
    let out = "";
    for (const char of word) out += HOMOGLYPHS[char] ?? char;
    return out;
  });
}

// ── emoji ──

const EMOJI_PATTERN = new RegExp(`(?:${Object.keys(EMOJI_WORDS).join("|")})`, "gu");

/** Emoji that matter for screening become their words, spaced off from their neighbours ("bye 👋🪦" → "bye  waving  grave "). */
export function emojiToWords(text: string): string {
  return text.replace(EMOJI_PATTERN, (emoji) => ` ${EMOJI_WORDS[emoji] ?? emoji} `);
}

// ── masked and leetspeak tokens ──

// What each disguising character may stand for; a mask stands for any one letter.
const LEET_OPTIONS: Readonly<Record<string, string>> = {
  "0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a", "!": "i", "|": "il", "+": "t",
};
const MASKS = new Set(["*", "#", "_", "?", "%", "^", "~"]);
const DISGUISED = /[\p{L}][^\s\p{L}]|[^\s\p{L}][\p{L}]/u;
const EDGE_PUNCTUATION = /^([("'[¿¡]*)(.*?)([.,;:)"'\]!?]*)$/su;

function tokenPattern(core: string): RegExp | undefined {
  let source = "";
  let letters = 0;
  for (const char of core) {
    if (/\p{L}/u.test(char)) {
      source += char;
      letters += 1;
    } else if (MASKS.has(char)) source += "\\p{L}";
    else {
      const options = LEET_OPTIONS[char];
      if (options === undefined) return undefined;
      source += `[${options}]`;
    }
  }
  // One visible letter cannot tell a disguised word from a number or a symbol.
  if (letters < 1 || core.length < 3) return undefined;
  return new RegExp(`^${source}$`, "u");
}

/**
 * A token that mixes letters with masks or leetspeak ("k*ll", "d!e", "su!c!dal", "ki11", "l1fe")
 * becomes the known word it fits, the most safety-relevant first; anything else is left untouched.
 */
export function resolveDisguisedToken(token: string): string {
  if (!DISGUISED.test(token)) return token;
  const parts = EDGE_PUNCTUATION.exec(token);
  if (!parts) return token;
  const [, lead = "", core = "", trail = ""] = parts;
  if (!DISGUISED.test(core) && !/[\d$@!|*#_?%^~+]/u.test(core)) return token;
  // A token longer than every word it could be read as is no disguised word: no pattern is built for it (a 4,000-letter
  // token cost 20 ms, the pattern compiled and the token counted once per vocabulary word).
  const length = [...core].length;
  if (length > LONGEST_VOCABULARY_WORD) return token;
  const pattern = tokenPattern(core);
  if (pattern === undefined) return token;
  let best: string | undefined;
  for (const word of RISK_WORDS) {
    if (word.length === length && pattern.test(word)) {
      best = word;
      break;
    }
  }
  if (best === undefined) {
    for (const word of COMMON_WORDS) {
      if (word.length === length && pattern.test(word)) {
        best = word;
        break;
      }
    }
  }
  return best === undefined ? token : `${lead}${best}${trail}`;
}

// How many answers `remembered` keeps, and the longest word it keeps one for (a huge token is rare and would only take up room).
const REMEMBERED_WORDS = 8_192;
const LONGEST_REMEMBERED_WORD = 64;

// A token made only of letters is never disguised: only the tokens holding some other character are looked at.
// Matches start only where a token starts, so a huge token is scanned once, not once per character.
const TOKEN_WITH_NON_LETTER = /(?<!\S)\S*[^\s\p{L}]\S*/gu;
const resolveDisguisedTokenOnce = remembered(resolveDisguisedToken);

/** Every whitespace-separated token of folded text passed through resolveDisguisedToken. */
export function resolveDisguisedTokens(text: string): string {
  return text.replace(TOKEN_WITH_NON_LETTER, resolveDisguisedTokenOnce);
}

/**
 * A pure function of one word with its answers kept, up to a bound: teens' messages repeat the same
 * few thousand words, and repairing one costs far more than looking it up.
 */
function remembered(repair: (word: string) => string): (word: string) => string {
  const rememberedRepair = boundedMemo(REMEMBERED_WORDS, repair);
  return (word) => (word.length > LONGEST_REMEMBERED_WORD ? repair(word) : rememberedRepair(word));
}

// ── one word of the matching form ──

const STRETCHED = /(\p{L})\1\1+/u;
const VOWELS = /[aeiou]/;
// Vowel-less words teens really type, never read as a dropped-vowel spelling.
const VOWELLESS_WORDS = new Set([
  "rn", "brb", "smh", "tbh", "ngl", "hmm", "hmmm", "psst", "shh", "nvm", "pls", "plz", "thx", "ty", "idk", "lmk", "bff", "ppl", "wyd",
  "hbd", "ffs", "jk", "ctrl", "bc", "mrs", "dr", "st", "mr", "tv", "pc", "dm", "cd", "dvd", "gym", "rhythm", "myth", "why", "by", "my",
  "fly", "dry", "cry", "try", "sky", "shy", "spy", "sly", "gym", "lynch", "nth", "kms", "kys", "fml", "gf", "bf", "hw", "pfp", "sh",
  "ctb", "srsly", "wtf", "stfu", "lmfao", "pst", "mm", "xd", "fr", "fyp", "bts", "nba", "nfl", "mcr", "ps", "wdym", "hyd", "wbu", "hbu",
]);

function skeleton(word: string): string {
  return word.replace(/[aeiou]/g, "");
}

// Dropped-vowel spellings of risk words ("kll", "myslf", "slf hrm"), when the spelling names one word only.
const SKELETONS: ReadonlyMap<string, string> = (() => {
  const found = new Map<string, string | null>();
  for (const word of RISK_WORDS) {
    const bare = skeleton(word);
    if (bare.length < 3 || bare === word) continue;
    found.set(bare, found.has(bare) ? null : word);
  }
  const unique = new Map<string, string>();
  for (const [bare, word] of found) if (word !== null) unique.set(bare, word);
  return unique;
})();

// Long risk words whose one-letter slips are no other common word.
const FUZZY_TARGETS: readonly string[] = RISK_WORDS.filter(
  (word) => word.length >= 6 && !["hanging", "cutting", "killing", "burning", "living", "better", "letters", "existing", "sentido", "siempre", "cansado", "cansada"].includes(word),
);
// Words one letter from a risk word that mean something else, read as written: every word of an English or Spanish
// dictionary that is one slip from a risk word (realWordsNearRiskWords.data.ts: "beach" is not "bleach", "filled" not
// "killed", "quiere", she wants, not "quiero", I want; "suerte" luck, and the Spanish verbs "suicidar" and "suicido",
// which read as "suicidal" and "suicide" slipped past the Spanish lexicon's own entries), and a few more by hand.
const NOT_A_SLIP: ReadonlySet<string> = new Set([
  // By hand: a risk word's inflections that mean something else ("suicides" are a sprint drill, "goodbyes" said at a
  // party), and the words of this comment's first lines.
  "overdoes", "myselfs", "goodbyes", "existed", "exists", "suicides", "notices", "hopes", "mystery", "muerete", "suerte", "fuerte", "suicidar", "suicido",
  ...REAL_WORDS_NEAR_RISK_WORDS,
]);
// A Spanish infinitive with "te" attached is the same verb done to someone else ("matarte", "cortarte": you), not a slip
// for the "me" form a risk word has ("matarme", "cortarme": myself).
const SECOND_PERSON_VERB = /(?:ar|er|ir)te$/;

/** Only words of 5 to 11 letters are read as slips: a shorter word one letter from a risk word is too often another word. */
const SLIP_LENGTHS = { shortest: 5, longest: 11 } as const;

/** The long risk word a word is one slip from (a letter added, dropped or changed, or two swapped), or undefined. */
function riskWordOneSlipAway(word: string): string | undefined {
  if (word.length < SLIP_LENGTHS.shortest || word.length > SLIP_LENGTHS.longest || /\d/.test(word)) return undefined;
  for (const target of FUZZY_TARGETS) {
    if (SECOND_PERSON_VERB.test(word) && target.endsWith("me")) continue;
    if (withinOneEdit(word, target)) return target;
  }
  return undefined;
}

/** Damerau–Levenshtein distance, stopping early once it passes one. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * One word of the matching form read as meant: stretched letters ("dieeee" → "die"), known
 * misspellings ("mysef"), dropped vowels ("kll myslf") and one-letter slips of long risk words
 * ("suicdie"). Words it does not recognise come back unchanged.
 */
export const repairWord: (word: string) => string = remembered(repairUnknownWord);

function repairUnknownWord(word: string): string {
  const earlier = repairBeforeSlips(word);
  if (earlier !== undefined) return earlier;
  if (NOT_A_SLIP.has(word)) return word;
  return riskWordOneSlipAway(word) ?? word;
}

/**
 * What the repair reads a word as before it looks for a one-letter slip: the word itself when it is known, a listed
 * misspelling's word, stretched letters read back, a dropped-vowel spelling's word; undefined when only a slip could say.
 */
function repairBeforeSlips(word: string): string | undefined {
  if (VOCABULARY.has(word)) return word;
  const known = MISSPELLINGS.get(word);
  if (known !== undefined) return known;
  if (STRETCHED.test(word)) {
    const two = word.replace(/(\p{L})\1+/gu, "$1$1");
    if (VOCABULARY.has(two)) return two;
    const one = word.replace(/(\p{L})\1+/gu, "$1");
    if (VOCABULARY.has(one)) return one;
    const stretched = word.replace(/(\p{L})\1\1+/gu, "$1$1");
    return MISSPELLINGS.get(stretched) ?? MISSPELLINGS.get(one) ?? stretched;
  }
  if (word.length >= 3 && !VOWELS.test(word) && !VOWELLESS_WORDS.has(word)) return SKELETONS.get(word);
  return undefined;
}

/**
 * The risk word the repair would read a word as by a one-letter slip alone, were the word not on the real-word list:
 * undefined when an earlier step decides the word or no risk word is one slip away (realWordsNearRiskWords.ts asks this).
 */
export function slipReadingOf(word: string): string | undefined {
  return repairBeforeSlips(word) === undefined ? riskWordOneSlipAway(word) : undefined;
}

/**
 * A word made by joining spaced-out letters ("iwanttodie") split back into known words
 * ("i want to die"), or undefined when it is not made only of them.
 */
export function segmentJoinedWord(word: string): string | undefined {
  if (word.length < 4 || word.length > 40 || VOCABULARY.has(word)) return undefined;
  // best[i]: the fewest known words that spell word[0, i), and where the last one starts.
  const best: { count: number; from: number }[] = [{ count: 0, from: -1 }];
  for (let end = 1; end <= word.length; end += 1) {
    let chosen: { count: number; from: number } = { count: Number.POSITIVE_INFINITY, from: -1 };
    for (let start = Math.max(0, end - 12); start < end; start += 1) {
      const before = best[start];
      if (before === undefined || !Number.isFinite(before.count)) continue;
      if (!VOCABULARY.has(word.slice(start, end))) continue;
      if (before.count + 1 < chosen.count) chosen = { count: before.count + 1, from: start };
    }
    best.push(chosen);
  }
  const last = best[word.length];
  if (last === undefined || !Number.isFinite(last.count) || last.count < 2) return undefined;
  const words: string[] = [];
  for (let end = word.length; end > 0; ) {
    const step = best[end];
    if (step === undefined) return undefined;
    words.unshift(word.slice(step.from, end));
    end = step.from;
  }
  return words.join(" ");
}
