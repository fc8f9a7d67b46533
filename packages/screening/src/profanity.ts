// Profanity, explicit sexual words and slurs found by obscenity, with our fixes for the gaps it is known to have.

import {
  RegExpMatcher,
  SyntaxKind,
  compareMatchByPositionAndId,
  englishDataset,
  englishRecommendedTransformers,
  type EnglishProfaneWord,
  type MatchPayload,
  type Node as PatternNode,
  type ParsedPattern,
  type StatefulTransformer,
} from "obscenity";
import { clauseIsSpanishAt, foldText, type PreparedText } from "./normalize";
import { RegexPrefilter, requiredLiterals } from "./regexPrefilter";
import type { RuleHit, ScreeningDirection } from "./types";

/**
 * obscenity's one English list mixes swearing, sexual words and slurs; they call for different
 * actions, so each of its words is sorted here. Typed by obscenity's own word union, so an upgrade
 * that adds a word fails to compile until someone sorts it.
 * - clinical: words a teen uses in a health or safety question ("is it normal that my penis…"): not profanity.
 */
type WordClass = "profanity" | "explicit" | "clinical" | "slur";
const WORD_CLASS: Readonly<Record<EnglishProfaneWord, WordClass>> = {
  arse: "profanity", ass: "profanity", bastard: "profanity", bitch: "profanity", bollocks: "profanity",
  boob: "profanity", cock: "profanity", cuck: "profanity", cunt: "profanity", dick: "profanity",
  fuck: "profanity", hooker: "profanity", piss: "profanity", prick: "profanity", pussy: "profanity",
  shit: "profanity", slut: "profanity", tit: "profanity", turd: "profanity", twat: "profanity",
  wank: "profanity", whore: "profanity",
  anal: "explicit", bestiality: "explicit", blowjob: "explicit", buttplug: "explicit", cum: "explicit",
  deepthroat: "explicit", dildo: "explicit", doggystyle: "explicit", "double penetration": "explicit",
  ejaculate: "explicit", felch: "explicit", fellatio: "explicit", "finger bang": "explicit", fisting: "explicit",
  gangbang: "explicit", handjob: "explicit", hentai: "explicit", incest: "explicit", "jerk off": "explicit",
  jizz: "explicit", lubejob: "explicit", masturbate: "explicit", orgasm: "explicit", orgy: "explicit",
  porn: "explicit", scat: "explicit", semen: "explicit",
  anus: "clinical", penis: "clinical", rape: "clinical", sex: "clinical", vagina: "clinical",
  abeed: "slur", abo: "slur", africoon: "slur", arabush: "slur", boonga: "slur", chingchong: "slur",
  chink: "slur", dyke: "slur", fag: "slur", kike: "slur", negro: "slur", nigger: "slur", retard: "slur",
  spastic: "slur", tranny: "slur",
};

// "sex" is a clinical word, "sexy" is not.
const EXPLICIT_WHOLE_WORDS = /^(sexy|sexier|sexiest|sexting|sext|sexts|sexted)$/;

/**
 * Ordinary words obscenity flags (found by running it over a 100k-word English dictionary and teen
 * messages): a blacklisted match lying inside one of these is dropped by obscenity itself. Each
 * entry must not be a prefix of a real profanity ("bestial" is left out: it would hide "bestiality").
 */
const NOT_PROFANE: readonly string[] = [
  "shiitake", "cockpit", "cockscomb", "cocksure", "cumin", "cum laude", "cummerbund", "cumquat", "cummings",
  "analges", "analects", "gondwanaland", "annals", "assyria", "assonance", "assort", "asst", "assn",
  "dickinson", "dickerson", "dickson", "dickens", "dickey", "dickies", "dicker", "moby dick", "philip k dick",
  "philip k. dick", "dick grayson", "dick's sporting goods", "dicks sporting goods", "chappaquiddick",
  "coriolanus", "eridanus", "oceanus", "fukuoka", "fukuyama", "feckless", "traffick", "pissarro", "pissaro",
  "vandyke", "van dyke", "wankel", "rapped", "retardant", "pussycat", "pussyfoot", "pussy willow",
  "tit for tat", "blue tit", "great tit", "booby trap", "scunthorpe", "penistone",
];

/**
 * Spanish words obscenity's English patterns find a term in. Spanish only (never English words): allowed in any
 * clause, since a teen mixing languages still means the birthday ("cumple", "cumpleaños", "cumplir"), the lab test
 * ("análisis", "analizar"), the annals, the bassoon or the stallion. Read folded (accents away).
 */
const SPANISH_ONLY_WORDS = /^(cumpl\p{L}*|anali[sz]\p{L}*|analitic\p{L}*|analog\p{L}*|analfabet\p{L}*|anales|fagot(es|ista|istas)?|semental(es)?)$/u;
/**
 * Spanish words that are, or hold, an English slur: the colour black ("me gusta vestirme de negro") and a delay
 * ("hubo un retardo"). Allowed only in a clause that reads Spanish, so "negro" and "retard" in English stay slurs;
 * "retardado" is left out, since in Spanish too it is said of a person as an insult.
 */
const SPANISH_WORDS_IN_SPANISH = /^(negr[oa]s?|retard(o|os|ar|a|as|an|e|es|en|aba|aban|ando|amos|aron|ara|aran))$/u;

/** Whether the whole word a match lies in is a Spanish word, read in the language of its clause. */
function isSpanishWord(word: string, text: string, index: number): boolean {
  const folded = foldText(word);
  return SPANISH_ONLY_WORDS.test(folded) || (SPANISH_WORDS_IN_SPANISH.test(folded) && clauseIsSpanishAt(text, index));
}

const dataset = englishDataset.build();
const WHITELIST = [...(dataset.whitelistedTerms ?? []), ...NOT_PROFANE];
const matcher = new RegExpMatcher({ ...dataset, whitelistedTerms: WHITELIST, ...englishRecommendedTransformers });
// The same matcher, one pattern at a time, for a message only a few of them could match (see obscenityMatches).
const TERM_MATCHERS = dataset.blacklistedTerms.map(
  (term) => new RegExpMatcher({ blacklistedTerms: [term], whitelistedTerms: WHITELIST, ...englishRecommendedTransformers }),
);

/*
 * obscenity runs each of its hundred-odd patterns over every text, and most messages hold none of the
 * letters any of them needs. We read its patterns for the literal text each requires and look for all
 * of it in one pass over the text as obscenity transforms it (look-alikes, leetspeak, case, repeats):
 * when no pattern could match, obscenity would find nothing and is not asked; when a few could, only
 * they are asked. Whatever it is asked, it decides. In the prefilter's text, characters \b does not
 * count as word characters are spaces, and the text is padded with one at each end, so a pattern
 * bounded by \b needs its word with a space around it.
 */
type PrefilterStage = { pure: (code: number) => number | undefined } | { stateful: StatefulTransformer };

// obscenity's blacklist transformers in order; a run of simple (stateless) ones is one stage whose answer per character is kept.
const PREFILTER_STAGES: readonly PrefilterStage[] = (() => {
  const stages: PrefilterStage[] = [];
  let simple: ((code: number) => number | undefined)[] = [];
  const flush = () => {
    if (simple.length > 0) stages.push({ pure: rememberPerCharacter(simple) });
    simple = [];
  };
  for (const container of englishRecommendedTransformers.blacklistMatcherTransformers ?? []) {
    if ("factory" in container) {
      flush();
      stages.push({ stateful: container.factory() });
    } else simple.push(container.transform);
  }
  flush();
  return stages;
})();

function rememberPerCharacter(transforms: readonly ((code: number) => number | undefined)[]): (code: number) => number | undefined {
  const DROPPED = -1;
  const UNSEEN = -2;
  const ascii = new Int32Array(128).fill(UNSEEN);
  const other = new Map<number, number>();
  const apply = (code: number): number => {
    let out: number | undefined = code;
    for (const transform of transforms) {
      if (out === undefined) break;
      out = transform(out);
    }
    return out ?? DROPPED;
  };
  return (code) => {
    let out: number | undefined = code < 128 ? ascii[code] : other.get(code);
    if (out === undefined || out === UNSEEN) {
      out = apply(code);
      if (code < 128) ascii[code] = out;
      else if (other.size < 4_096) other.set(code, out);
    }
    return out === DROPPED ? undefined : out;
  };
}

const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * One character of the prefilter's text per UTF-16 unit obscenity's regexes read: a word character as
 * itself (lower-cased), anything else as a space. The same mapping is applied to the patterns' letters,
 * so whatever obscenity's text holds, the prefilter's text holds mapped.
 */
function prefilterCharacters(code: number): string {
  if (code > 0xffff) return "  ";
  if (!isWordCode(code)) return " ";
  return String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
}

// Every character of the prefilter's text, which an obscenity wildcard (one unit, any) may stand for.
const ANY_PREFILTER_CHARACTER = `(?:${[..."abcdefghijklmnopqrstuvwxyz0123456789_ "].join("|")})`;

/** A pattern as a regex source over the prefilter's text, or undefined for a node this code does not know. */
function prefilterSource(pattern: ParsedPattern): string | undefined {
  const node = (n: PatternNode): string | undefined => {
    // Only lower-case letters, digits, "_" and spaces are left, none of them special in a regex.
    if (n.kind === SyntaxKind.Literal) return n.chars.map(prefilterCharacters).join("");
    if (n.kind === SyntaxKind.Wildcard) return ANY_PREFILTER_CHARACTER;
    if (n.kind === SyntaxKind.Optional) {
      const child = node(n.childNode);
      return child === undefined ? undefined : `(?:${child})?`;
    }
    return undefined;
  };
  const parts = pattern.nodes.map(node);
  if (parts.some((part) => part === undefined)) return undefined;
  const lead = pattern.requireWordBoundaryAtStart && edgeIsWordCharacter(pattern.nodes, "start") ? " " : "";
  const trail = pattern.requireWordBoundaryAtEnd && edgeIsWordCharacter(pattern.nodes, "end") ? " " : "";
  return `${lead}${parts.join("")}${trail}`;
}

/**
 * Whether every match of the nodes starts (or ends) with a word character: then a \b at that end needs a
 * non-word character or the text's edge beside it, which the prefilter's text shows as a space.
 */
function edgeIsWordCharacter(nodes: readonly PatternNode[], edge: "start" | "end"): boolean {
  const ordered = edge === "start" ? nodes : [...nodes].reverse();
  for (const n of ordered) {
    const literal = n.kind === SyntaxKind.Literal ? n : n.kind === SyntaxKind.Optional && n.childNode.kind === SyntaxKind.Literal ? n.childNode : undefined;
    if (literal === undefined || literal.chars.length === 0) return false;
    if (!isWordCode((edge === "start" ? literal.chars[0] : literal.chars[literal.chars.length - 1]) ?? 0)) return false;
    // An optional literal may be absent, and then the next node is at the edge: it must start (end) with a word character too.
    if (n.kind === SyntaxKind.Literal) return true;
  }
  return false;
}

const PROFANITY_PREFILTER: RegexPrefilter | undefined = (() => {
  const needs: string[][][] = [];
  for (const term of dataset.blacklistedTerms) {
    const source = prefilterSource(term.pattern);
    const termNeeds = source === undefined ? [] : requiredLiterals(source);
    // A pattern that needs no literal we can name could match anything: obscenity is then always asked.
    if (termNeeds.length === 0) return undefined;
    needs.push(termNeeds);
  }
  return new RegexPrefilter(needs);
})();

/** The text as obscenity's blacklist transformers leave it, in the prefilter's form. */
function transformedForPrefilter(text: string): string {
  for (const stage of PREFILTER_STAGES) if ("stateful" in stage) stage.stateful.reset();
  let out = " ";
  for (let i = 0; i < text.length; ) {
    // By code point, as obscenity reads text (a lone surrogate is one).
    let code: number | undefined = text.codePointAt(i) as number;
    i += code > 0xffff ? 2 : 1;
    for (const stage of PREFILTER_STAGES) {
      if (code === undefined) break;
      code = "pure" in stage ? stage.pure(code) : stage.stateful.transform(code);
    }
    if (code !== undefined) out += prefilterCharacters(code);
  }
  return `${out} `;
}

/** Every pattern asked, as before the prefilter: what obscenityMatches must always equal (tested). */
export function obscenityMatchesUnfiltered(text: string): MatchPayload[] {
  return matcher.getAllMatches(text, true);
}

// Each pattern asked alone repeats obscenity's work on the whole text (its whitelist, its transformers), so past a few it is cheaper to ask them all.
const MOST_PATTERNS_ASKED_ALONE = 3;

/**
 * What matcher.getAllMatches(text, true) returns, asking only the patterns the prefilter leaves: each
 * alone, their matches sorted as obscenity sorts them, or all at once when more than a few are left.
 */
export function obscenityMatches(text: string): MatchPayload[] {
  if (PROFANITY_PREFILTER === undefined) return matcher.getAllMatches(text, true);
  const may = PROFANITY_PREFILTER.mayMatch(transformedForPrefilter(text));
  const left: RegExpMatcher[] = [];
  for (let term = 0; term < may.length; term += 1) if (may[term] === 1) left.push(TERM_MATCHERS[term] as RegExpMatcher);
  if (left.length > MOST_PATTERNS_ASKED_ALONE) return matcher.getAllMatches(text, true);
  const matches: MatchPayload[] = [];
  for (const termMatcher of left) matches.push(...termMatcher.getAllMatches(text));
  return matches.sort(compareMatchByPositionAndId);
}

/**
 * Swearing obscenity does not know: texting acronyms (not words it spells) and compounds its
 * word-bounded "ass" pattern misses. Acronym letters may repeat ("wtfff", "stfuuu").
 */
const ACRONYMS = ["wtf", "stfu", "gtfo", "ffs", "omfg", "lmfao", "fml"];
const MILD = ["damn", "dammit", "damnit", "goddamn", "goddamnit", "crap", "crappy", "douche", "douchebag", "bugger"];
const ASS_COMPOUNDS = ["dumbass", "jackass", "smartass", "badass", "fatass", "kickass", "lardass", "asswipe", "dipshit"];
const EXTRA_PROFANITY: readonly { ruleId: string; regex: RegExp }[] = [
  ...ACRONYMS.map((word) => ({ ruleId: `profanity.acronym.${word}`, regex: wordRegex([...word].map((c) => `${c}+`).join("")) })),
  ...MILD.map((word) => ({ ruleId: `profanity.mild.${word}`, regex: wordRegex(word) })),
  ...ASS_COMPOUNDS.map((word) => ({ ruleId: `profanity.compound.${word}`, regex: wordRegex(`${word}(es)?`) })),
];

// All of them at once: a form none of them matches (nearly every one) is read once, not once per word.
const ANY_EXTRA_PROFANITY = new RegExp(EXTRA_PROFANITY.map(({ regex }) => `(?:${regex.source})`).join("|"), "u");

function wordRegex(body: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "u");
}

export function findProfanity(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  const hits: RuleHit[] = [];
  const seenWords = new Set<string>();
  addObscenityHits(text.raw, "obscenity", direction, hits, seenWords);

  // obscenity skips non-letters only inside its own patterns, so "f u c k" and "s.h.i.t" pass it; joined, they do not.
  const { folded, collapsed } = text;
  if (collapsed !== folded) addObscenityHits(collapsed, "spaced", direction, hits, seenWords);

  const forms = (collapsed === folded ? [folded] : [folded, collapsed]).filter((form) => ANY_EXTRA_PROFANITY.test(form));
  for (const { ruleId, regex } of EXTRA_PROFANITY) {
    for (const form of forms) {
      const match = regex.exec(form);
      if (!match) continue;
      hits.push({ category: "profanity", term: match[0], ruleId, action: direction === "input" ? "flag" : "block" });
      break;
    }
  }
  return hits;
}

function addObscenityHits(text: string, source: "obscenity" | "spaced", direction: ScreeningDirection, hits: RuleHit[], seenWords: Set<string>): void {
  for (const payload of obscenityMatches(text)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(payload).phraseMetadata?.originalWord;
    if (word === undefined || seenWords.has(word)) continue;
    const term = wholeWordAt(text, payload.startIndex, payload.endIndex);
    // Before the word counts as seen: "mi perro negro" must not hide a slur later in the message.
    if (isSpanishWord(term, text, payload.startIndex)) continue;
    seenWords.add(word);
    // Leetspeak needs a letter to disguise: "455" is a page or a bus, not "ass" ("a55" and "@ss" still are).
    if (!/\p{L}/u.test(term)) continue;
    const wordClass = WORD_CLASS[word] === "clinical" && EXPLICIT_WHOLE_WORDS.test(term.toLowerCase()) ? "explicit" : WORD_CLASS[word];
    hits.push(...hitsFor(wordClass, word, term, source, direction));
  }
}

function hitsFor(wordClass: WordClass, word: string, term: string, source: string, direction: ScreeningDirection): RuleHit[] {
  const id = word.replace(/ /g, "_");
  switch (wordClass) {
    case "profanity":
      // Teens swear; we note it and answer them. A reply to a teen must not swear.
      return [{ category: "profanity", term, ruleId: `profanity.${source}.${id}`, action: direction === "input" ? "flag" : "block" }];
    case "slur":
      return [{ category: "hate", term, ruleId: `hate.slur.${id}`, action: "block" }];
    case "explicit":
      // A teen may name a sexual word while asking for help; a reply to a teen that does is sexual content for a minor.
      return direction === "input"
        ? [{ category: "sexual", term, ruleId: `sexual.term.${id}`, action: "flag" }]
        : [
            { category: "sexual", term, ruleId: `sexual.term.${id}`, action: "block" },
            { category: "sexual_minors", term, ruleId: `sexual_minors.audience.${id}`, action: "block" },
          ];
    case "clinical":
      return direction === "input" ? [] : [{ category: "sexual", term, ruleId: `sexual.clinical.${id}`, action: "flag" }];
  }
}

/** The whole whitespace-delimited word around a match, so an audit reads "fucking", not "fuck". */
function wholeWordAt(text: string, start: number, end: number): string {
  let from = start;
  let to = end + 1;
  while (from > 0 && !/\s/.test(text[from - 1] ?? " ")) from--;
  while (to < text.length && !/\s/.test(text[to] ?? " ")) to++;
  const word = text.slice(from, to).replace(/^[^\p{L}\p{N}$@]+|[^\p{L}\p{N}$@*]+$/gu, "");
  // A spaced-out word ("f u c k") has no surrounding word; the match itself is the term.
  return word.length > 0 && word.length <= 40 ? word : text.slice(start, end + 1);
}
