// Targeted abuse our lexicon catches and obscenity cannot: insults, "kys" aimed at someone, threats, hate speech and slurs it lacks.

import { compileLexiconRules, findLexiconHits, type LexiconRule } from "./lexiconPattern";
import { prepareText, type PreparedText } from "./normalize";
import type { RuleHit, ScreeningDirection } from "./types";

// "ur" is expanded to "your" before matching, and teens write "your" for "you're"; "you re" also finds "youre".
const YOU_ARE = "(you re|you are|you is)";
const GROUPS =
  "(jews|jewish people|muslims|blacks|black people|gays|gay people|lesbians|trans people|transgender people|immigrants|mexicans|asians|chinese people|arabs|christians|women|girls|indians|latinos|hispanics|refugees|disabled people|autistic people)";
// Gaming banter ("ur trash at this", "you're useless") is venting; these are meant to wound.
const SEVERE_INSULT = "(worthless|pathetic|disgusting|a waste of (space|air|oxygen|life)|a mistake|a failure|ugly|fat|a freak|unlovable|a disgrace)";
const MILD_INSULT = "(stupid|dumb|an idiot|idiot|a moron|moron|a loser|loser|annoying|lame|cringe|a clown|retarded|braindead|brain dead|an npc|a joke|useless|trash|garbage)";

// Spanish for {unsaid}: "nunca deberías hacerte daño", "no te mereces morir" are care, not a push.
const ES_UNSAID = "(?<!(?<![\\p{L}\\p{N}])(?:no|nunca|jamas|ni|tampoco)(?: [\\p{L}\\p{N}]+){0,2} )";
// Idioms the same verbs make: "morir de risa", "desaparecer de las redes", "córtate el pelo".
const ES_IDIOM_AFTER = "(?! (?:de (?:la )?risa|de verguenza|de pena|de hambre|de sueno|de (?:las )?redes|de (?:instagram|insta|tiktok|twitter|snap|whatsapp)|el pelo|el cabello|el fleco|las unas|las puntas)(?![\\p{L}\\p{N}]))";
// A reply that names the thought to take it apart ("the feeling that you deserve to hurt yourself is the depression
// talking") is not a push either.
const EN_NAMED_THOUGHT = "(?<!(?:feel|feels|feeling|felt|thought|thoughts|idea|belief|voice|believe|believing|tells|telling|says|saying|like|that) )";

/** Exported so screen.ts can tell the "kys" rule apart when the crisis lexicon reads the same words as the writer's own. */
export const KYS_RULE_ID = "harassment.kys";

const RULES: readonly LexiconRule[] = [
  {
    id: "kys",
    categories: ["harassment"],
    input: "block",
    output: "block",
    patterns: [
      "{unsaid}(kys|kill {you}|unalive {you}|neck {you}|go (and )?die|go (and )?drink bleach)",
      "hope (you|your family) {adv}(die|dies|get cancer|get hit by a (car|bus|truck)|kill {you})",
      "{unsaid}you (should|need to|deserve to|ought to) {adv}(die|disappear|not exist|be dead)",
      "(nobody|no one) (loves|likes|cares about|wants|would miss|will ever love|will miss) you",
      "(the )?world (would be|is) better (off )?without you",
      "everyone (hates|would be happier without) you",
    ],
  },
  {
    // Urging someone to hurt themselves, in English and Spanish: a teen saying it to a persona is flagged (it may be
    // what someone said to them, which the crisis lexicon reads); the model must never say it.
    id: "urging_self_harm",
    categories: ["harassment"],
    input: "flag",
    output: "block",
    patterns: [
      `{unsaid}${EN_NAMED_THOUGHT}you (should|need to|deserve to|ought to|have to) {adv}(hurt|harm|cut|starve|burn) {you}(?! (some|a|an|off|out|up|free|loose)(?![\\p{L}\\p{N}]))`,
      "{unsaid}go (hurt|harm|cut|starve) {you}(?! (some|a|an|off|out|up|free|loose)(?![\\p{L}\\p{N}]))",
      `${ES_UNSAID}(matate|muerete|suicidate|cortate|ahorcate|hazte dano)${ES_IDIOM_AFTER}`,
      `${ES_UNSAID}(deberias|tienes que|te mereces|mereces|necesitas) {esadv}(morir|morirte|matarte|suicidarte|cortarte|hacerte dano|lastimarte|desaparecer|no existir)${ES_IDIOM_AFTER}`,
      "ojala (te mueras|te murieras|no existieras|desaparezcas)",
    ],
  },
  {
    id: "severe_insult",
    categories: ["harassment"],
    input: "block",
    output: "block",
    // "your" as a possessive ("your ugly sweater") only counts at the end of a clause.
    patterns: [`{unsaid}${YOU_ARE} {adv}(such )?${SEVERE_INSULT}`, `{unsaid}your {adv}(such )?${SEVERE_INSULT}{end}`],
  },
  {
    id: "insult",
    categories: ["harassment"],
    // A teen calling the bot dumb is venting; a bot calling a teen dumb is abuse.
    input: "flag",
    output: "block",
    patterns: [`{unsaid}${YOU_ARE} {adv}(such )?${MILD_INSULT}`, `{unsaid}your {adv}(such )?${MILD_INSULT}{end}`, "(screw|fuck|frick) (you|off)"],
  },
  {
    id: "threat",
    categories: ["harassment", "violence"],
    input: "block",
    output: "block",
    patterns: [
      // A bare "i'm" would read "i'm hurt you didn't text" as a threat; the subject must say what it will do.
      "(i ll|ill|i will|i m going to|i am going to|i want to|i could) {adv}(come and |come )?(kill|murder|stab|shoot|hurt|beat up|beat|punch|strangle|choke|rape|hunt down|beat the shit out of) (you|your family)(?! (at|in|on) )",
      "(i ll|ill|i will|i m going to|i am going to) {adv}find you{end}",
      "i know where you live",
      "watch your back",
    ],
  },
  {
    id: "school_threat",
    categories: ["violence"],
    input: "block",
    output: "block",
    patterns: [
      "(shoot|shooting) up (the|my|our|this) (school|class|classroom|campus|mall|church)",
      "(bring|bringing|take|taking) (a |my |my dads |my moms |the )?(gun|guns|rifle|knife|bomb|weapon)s? (to|into) (school|class|campus)",
      "(bomb|blow up|blowing up) (the|my|our) (school|class)",
      "(i m|i am|i will|i ll) (going to be|be) (a|the next) (school )?shooter",
    ],
  },
  {
    id: "violent_intent",
    categories: ["violence"],
    // Teens say "i'm gonna kill my brother" about a stolen charger; we note it. The model must never say it.
    input: "flag",
    output: "block",
    patterns: [
      "(i ll|ill|i will|i m going to|i am going to|i want to|i could) {adv}(kill|murder|stab|shoot|strangle|punch|beat up) (him|her|them|my (mom|mum|dad|brother|sister|teacher|friend|bf|gf|boyfriend|girlfriend|ex|coach|stepdad|stepmom|parents?|neighbou?r|classmate)|that (guy|girl|kid|teacher|dude))",
    ],
  },
  {
    id: "hate_speech",
    categories: ["hate"],
    input: "block",
    output: "block",
    patterns: [
      `(all |the )?${GROUPS} (should|need to|must|deserve to|ought to) (all )?(die|be killed|be shot|be gassed|burn|be exterminated|be wiped out)`,
      `${GROUPS} are (all )?(animals|vermin|subhuman|sub human|parasites|rats|cockroaches|a disease|a plague|inferior|genetically inferior|not human|evil)`,
      `(kill|hang|gas|shoot|exterminate) (all )?(the )?${GROUPS}`,
      // Not "1488" (a year in history homework) nor a bare "gas the" ("gas the car").
      "heil hitler|sieg heil|white power|hitler was right",
      "holocaust (never happened|was fake|didnt happen|is a lie)",
      "go back to (your|ur) (own )?country",
    ],
  },
  {
    id: "slur",
    categories: ["hate"],
    input: "block",
    output: "block",
    // Slurs missing from obscenity's list.
    patterns: ["(spics?(?! (and|n) span)|wetbacks?|beaners?|gooks?|ragheads?|towelheads?|coons?|porch monkeys?|jigaboos?|zipperheads?|pakis?|golliwogs?|trannies|shemales?|tards?)"],
  },
];

const COMPILED = compileLexiconRules(RULES);

export function findHarassment(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  return findLexiconHits(text.forms, COMPILED, direction);
}

/** Words that call someone names when they describe a person; most also have innocent uses ("stupid puns", "trash tv"). */
const INSULT_WORDS = [
  "worthless", "pathetic", "disgusting", "ugly", "fat", "freak", "unlovable", "disgrace", "stupid", "dumb", "idiot", "moron", "loser", "annoying",
  "lame", "cringe", "clown", "retarded", "braindead", "useless", "trash", "garbage", "weirdo", "creep", "creepy", "slut", "whore",
].join("|");
/** Softeners and articles that may come before a descriptor in a list: "so annoying", "a total loser". */
const LEAD = "(?:(?:a|an|so|very|really|super|kinda|kind of|sort of|pretty|such a|a total|total|a complete|complete|an absolute|absolute|the biggest)\\s+)*";
/** An insult said of a person: "she's so annoying", "they are a loser", "a total loser", "such a creep". */
const SAID_OF_SOMEONE = new RegExp(
  `\\b(?:(?:she|he|they|you|u)\\s+(?:is|s|are|re|was|were)\\s+${LEAD}(?:${INSULT_WORDS})|(?:a total|total|a complete|an absolute|such a|the biggest)\\s+(?:${INSULT_WORDS}))\\b`,
);
/** Contempt for the person: "nobody likes her", "everyone hates them". */
const CONTEMPT = /\b(?:(?:nobody|no one)\s+(?:likes|loves|wants|cares about)\s+(?:her|him|them)|(?:everyone|everybody|every one)\s+hates\s+(?:her|him|them)|hated by (?:everyone|everybody))\b/;
/** One item of a list of descriptors that is nothing but insults: "ugly", "so annoying", "ugly loser", in "ugly, stupid and fat". */
const BARE_INSULT = new RegExp(`^${LEAD}(?:${INSULT_WORDS})(?:\\s+(?:${INSULT_WORDS}))?$`);

/**
 * Name-calling in words that describe someone: "ugly, stupid and fat", "a total loser nobody likes", "she's so
 * annoying, everyone hates her". A chat message may say such things of a third person and pass (venting is not aimed at
 * the reader); words a model will turn into that person's persona may not. Read as descriptions are written: a list
 * item that is only an insult, an insult said of "she"/"they", or contempt for the person. The same words about
 * something else stay ("dumb memes and cringe tiktoks", "she loves trash tv", "homework is useless").
 */
export function describesWithInsult(text: string): boolean {
  if (prepareText(text).forms.some((form) => SAID_OF_SOMEONE.test(form) || CONTEMPT.test(form))) return true;
  // The list is split where it was written (the matching form drops punctuation), each item then read as the rest is.
  return text
    .toLowerCase()
    .split(/[.,;:!?/&\n]|\band\b|\bor\b|\bbut\b/)
    .some((item) => prepareText(item).forms.some((form) => BARE_INSULT.test(form.trim())));
}
