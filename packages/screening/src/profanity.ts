// Profanity, explicit sexual words and slurs found by obscenity, with our fixes for the gaps it is known to have.

import { RegExpMatcher, englishDataset, englishRecommendedTransformers, type EnglishProfaneWord } from "obscenity";
import type { PreparedText } from "./normalize";
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

const dataset = englishDataset.build();
const matcher = new RegExpMatcher({
  ...dataset,
  whitelistedTerms: [...(dataset.whitelistedTerms ?? []), ...NOT_PROFANE],
  ...englishRecommendedTransformers,
});

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

  const forms = collapsed === folded ? [folded] : [folded, collapsed];
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
  for (const payload of matcher.getAllMatches(text, true)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(payload).phraseMetadata?.originalWord;
    if (word === undefined || seenWords.has(word)) continue;
    seenWords.add(word);
    const term = wholeWordAt(text, payload.startIndex, payload.endIndex);
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
