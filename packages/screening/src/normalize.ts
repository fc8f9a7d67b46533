// Folds raw chat text into the one form our own lexicons and the classifier read, so neither need spell out case, punctuation, look-alike letters, emoji, masks, leetspeak, stretched or misspelt words, texting slang or spaced-out letters.

import { emojiToWords, foldHomoglyphs, repairWord, resolveDisguisedTokens, segmentJoinedWord } from "./wordRepair";

// Soft hyphens and zero-width characters are invisible in a chat bubble but split words for a regex.
// Variation selectors and skin tones only restyle an emoji.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
const APOSTROPHE_LIKE = /[\u2018\u2019\u02BC\u00B4\u0060\u2032]/g;

// Digits and symbols read as letters only inside a word ("k1ll", "su!c!de", "mys3lf"), so prices, times and scores keep their digits.
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i", "|": "l" };
const LEET_INSIDE_WORD = /(?<=\p{L})[013457@$!|](?=\p{L})/gu;
const LEET_WORD_START = /(?<![\p{L}\p{N}])[@$](?=\p{L})/gu;

// Three or more one-character tokens in a row ("f u c k", "s.h.i.t", "k-y-s") are one word typed to dodge filters.
// Each later token must stand alone, so ordinary one-letter words ("i", "a") next to real words are left be.
const SPACED_LETTERS = /(?<![\p{L}\p{N}])[\p{L}\p{N}$@](?:[\s.\-_*~+,·•|/\\]{1,3}[\p{L}\p{N}$@](?![\p{L}\p{N}])){2,}/gu;
const SPACED_SEPARATORS = /[\s.\-_*~+,·•|/\\]/gu;

// Texting forms rewritten to the words our patterns spell, one token at a time.
// A Map, not an object: a teen may type "constructor", and an object would answer with its prototype's function.
const SLANG: ReadonlyMap<string, string> = new Map(Object.entries({
  wanna: "want to",
  wana: "want to",
  wantto: "want to",
  gonna: "going to",
  gunna: "going to",
  finna: "going to",
  tryna: "trying to",
  gotta: "got to",
  imma: "i am going to",
  ima: "i am going to",
  ur: "your",
  myslf: "myself",
  myslef: "myself",
  urself: "yourself",
  yourslf: "yourself",
  noone: "no one",
  no1: "no one",
  some1: "someone",
  every1: "everyone",
  any1: "anyone",
  ppl: "people",
  cuz: "because",
  coz: "because",
  bc: "because",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  ded: "dead",
  anymore: "any more",
  cannot: "cant",
}));

// English texting forms that are also Spanish words or read otherwise in Spanish: "ya" is "already" in "ya no aguanto",
// "u" is "or" before an o ("siete u ocho"), "2" is a number in "tengo 2 perros".
const ENGLISH_TEXTING: ReadonlyMap<string, string> = new Map(Object.entries({ u: "you", ya: "you", r: "are", "2": "to" }));

// Spanish texting forms, read only in Spanish ("k" is "ok" in English, "x" a kiss, "d" a grin).
const SPANISH_TEXTING: ReadonlyMap<string, string> = new Map(Object.entries({
  q: "que",
  k: "que",
  ke: "que",
  xq: "porque",
  pq: "porque",
  pk: "porque",
  porq: "porque",
  xk: "porque",
  tmb: "tambien",
  tmbn: "tambien",
  tb: "tambien",
  tbn: "tambien",
  x: "por",
  xa: "para",
  pa: "para",
  d: "de",
  xfa: "por favor",
  porfa: "por favor",
  nd: "nada",
  bn: "bien",
  msj: "mensaje",
  dsp: "despues",
  tqm: "te quiero mucho",
  ntp: "no te preocupes",
  toy: "estoy",
  sta: "esta",
}));

// Words that tell the two languages apart (accents already folded away); words both use ("no", "me", "a", "solo",
// "yo", "ya") are in neither list.
const SPANISH_MARKERS: ReadonlySet<string> = new Set(
  ("que xq pq porque porq para por pero con de del el la los las lo le les se te es en un una unos mi mis tu tus su sus nos " +
    "al y si esta este esto eso esa estoy estas estaba estar soy eres era fue ser hay tengo tiene tenia quiero puedo siento " +
    "aguanto creo voy vas va hacer hago nada nadie nunca siempre todo todos toda mucho muy mas menos tambien tmb tb hoy " +
    "manana ahora ahorita aqui donde cuando como algo alguien vida ganas morir vivir matarme desaparecer odio cansado cansada " +
    "triste sola amigo amiga amigos mama papa casa escuela clase gente cosa cosas otra otro mejor peor despues jaja jajaja " +
    "jajajaja neta wey pues bueno oye porfa sera seria").split(" "),
);
const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  ("the you i im is are and to of it its my this that what just dont want not with have has can be was for like your u ur " +
    "lol really know about at all but get do if how why when she they we out up am will would feel think going got been did " +
    "on an wanna gonna idk tho bc cuz omg bro fr ngl tbh see there here cant anymore people everyone day today tomorrow " +
    "school mom dad friend friends life die kill myself wish never ever tired").split(" "),
);

/** How far a run of words leans to Spanish (above zero) or English (below). */
export function spanishLean(words: readonly string[]): number {
  let lean = 0;
  for (const word of words) {
    if (SPANISH_MARKERS.has(word)) lean += 1;
    else if (ENGLISH_MARKERS.has(word)) lean -= 1;
  }
  return lean;
}

/**
 * Case, accents (so Spanish matches without them), compatibility forms (fullwidth, math letters),
 * invisible characters and curly apostrophes folded away, look-alike letters read as Latin and
 * emoji that matter read as words; positions are not preserved.
 */
export function foldText(text: string): string {
  return emojiToWords(
    foldHomoglyphs(
      text
        // Before NFKD, which would make an acute accent typed as an apostrophe ("What´s", on Spanish keyboards) a space.
        .replace(APOSTROPHE_LIKE, "'")
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .replace(INVISIBLE, "")
        .toLowerCase(),
    ),
  );
}

/** Joins runs of single spaced or dotted characters: "f u c k" → "fuck", "s.h.i.t" → "shit". */
export function collapseSpacedLetters(text: string): string {
  return text.replace(SPACED_LETTERS, (run) => run.replace(SPACED_SEPARATORS, ""));
}

/** One message folded once, in every form the rules read. */
export interface PreparedText {
  raw: string;
  /** foldText(raw). */
  folded: string;
  /** folded with spaced-out letters joined; equal to folded when there were none. */
  collapsed: string;
  /**
   * The forms our lexicons match: lowercase words joined by single spaces, " . " where a clause ends,
   * apostrophes dropped ("don't" → "dont"), masked and leetspeak words resolved ("k*ll", "su!c!dal"),
   * texting slang expanded, stretched, vowel-less and misspelt words repaired ("dieeee", "kll", "mysef").
   * The plain form and, when it differs, the one with spaced-out letters joined; rules match both
   * because joining can also swallow real one-letter words ("u r a loser" → "ura loser").
   */
  forms: string[];
}

// Letters and marks only Spanish uses among the languages teens write here; NFKD folds them away, so they are read first.
const SPANISH_SPELLING = /[ñ¿¡]|[áéíóú](?![\p{L}\p{M}]*(?:'s|s'))/iu;

export function prepareText(raw: string): PreparedText {
  const folded = foldText(raw);
  const collapsed = collapseSpacedLetters(folded);
  const spelledSpanish = SPANISH_SPELLING.test(raw);
  const plain = toMatchingForm(folded, spelledSpanish);
  const joined = collapsed === folded ? plain : splitJoinedWords(toMatchingForm(collapsed, spelledSpanish));
  return { raw, folded, collapsed, forms: joined === plain ? [plain] : [plain, joined] };
}

/**
 * A lexicon term in the form messages are matched in (a concept term, say): folded, repaired and texting forms
 * expanded as in prepareText, read in the term's own language (a Spanish term too short to tell its language, such
 * as "ya no", would otherwise read as English texting: "you no"); clause marks dropped. Empty when nothing is left.
 */
export function normaliseTerm(term: string, lang: "en" | "es"): string {
  return toMatchingForm(foldText(term), lang === "es")
    .split(" ")
    .filter((word) => word.length > 0 && word !== ".")
    .join(" ");
}

const WITHOUT = /(?<![\p{L}\p{N}])w\/o(?![\p{L}\p{N}])/gu;
const ANY_LEET = /[013457@$!|]/;
const APOSTROPHE_INSIDE_WORD = /(?<=\p{L})'(?=\p{L})/gu;
const DOT_INSIDE_TOKEN = /(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu;

function toMatchingForm(folded: string, spelledSpanish: boolean): string {
  // Each rewrite runs only when the text holds the character it rewrites: most messages hold few of them.
  let text = resolveDisguisedTokens(folded);
  if (text.includes("w/o")) text = text.replace(WITHOUT, "without");
  if (ANY_LEET.test(text)) text = text.replace(LEET_INSIDE_WORD, (c) => LEET[c] ?? c).replace(LEET_WORD_START, (c) => LEET[c] ?? c);
  if (text.includes("'")) text = text.replace(APOSTROPHE_INSIDE_WORD, "");
  // A dot inside a token ("3.5", "s.h.i.t", a web address) is not a clause end.
  if (text.includes(".")) text = text.replace(DOT_INSIDE_TOKEN, " ");
  // Commas are kept for now: they bound the clauses whose language is read, and are dropped below.
  const tokens = text
    .replace(/[.!?;\n\r]+/g, " . ")
    .replace(/,+/g, " , ")
    .replace(/[^\p{L}\p{N}.,]+/gu, " ")
    .split(" ")
    .filter((word) => word.length > 0);
  return expandTexting(tokens, spelledSpanish)
    .filter((word) => word !== ",")
    .join(" ");
}

/**
 * Texting forms read in the language of their clause ("ya no aguanto, see ya": "ya" stays in the first clause, is
 * "you" in the second); a clause with no telling words takes the message's language, and a message with none reads
 * as English unless its spelling is Spanish.
 */
function expandTexting(tokens: readonly string[], spelledSpanish: boolean): string[] {
  const messageLean = spanishLean(tokens) + (spelledSpanish ? 1 : 0);
  const out: string[] = [];
  let start = 0;
  for (let end = 0; end <= tokens.length; end += 1) {
    const token = tokens[end];
    if (token !== undefined && token !== "." && token !== ",") continue;
    const clause = tokens.slice(start, end);
    const spanish = readsSpanish(spanishLean(clause), messageLean);
    for (const word of clause) out.push((spanish ? SPANISH_TEXTING.get(word) : ENGLISH_TEXTING.get(word)) ?? SLANG.get(word) ?? repairWord(word));
    if (token !== undefined) out.push(token);
    start = end + 1;
  }
  return out;
}

// A clause with telling words goes by them; one with none (or as many of each) takes the message's language.
const readsSpanish = (clauseLean: number, messageLean: number): boolean => clauseLean > 0 || (clauseLean === 0 && messageLean > 0);

const CLAUSE_END = /[.!?;,\n\r]/;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * Whether the clause of text around index reads Spanish, by the rule texting forms are read by: a word that is an
 * English slur in one clause ("negro") is a colour in a Spanish one ("mi perro negro").
 */
export function clauseIsSpanishAt(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && !CLAUSE_END.test(text[start - 1] ?? "")) start -= 1;
  let end = index;
  while (end < text.length && !CLAUSE_END.test(text[end] ?? "")) end += 1;
  return readsSpanish(spanishLean(wordsOf(text.slice(start, end))), messageSpanishLean(text));
}

const wordsOf = (text: string): string[] => foldText(text).split(WORD_SEPARATORS);

/** How far a whole message leans to Spanish (above zero) or English (below): its telling words, and Spanish spelling. */
export function messageSpanishLean(text: string): number {
  return spanishLean(wordsOf(text)) + (SPANISH_SPELLING.test(text) ? 1 : 0);
}

// Joining spaced letters also joins their words ("i w a n t t o d i e" → "iwanttodie"): split them back where known words spell them.
function splitJoinedWords(form: string): string {
  return form
    .split(" ")
    .map((word) => segmentJoinedWord(word) ?? word)
    .join(" ");
}
