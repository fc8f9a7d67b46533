// Decides a teen message's risk level in layers: the versioned lexicon, the trained classifier over the message and its sentence windows, then the session's recent messages.

import { asksToTalk, crisisFollowUps, namesHelpOrSafety, saysActingNow, saysFinalGoodbye, type CrisisFollowUp } from "./actingNow";
import { boundedMemo } from "@innerworld/platform/memo";
import { CONTEXT_MESSAGES } from "./sessionContext";
import { extractFeatures, findConceptTerms, type FeatureVector } from "./classifier/features";
import { findCrisisLanguage, leaveOutTerms } from "./crisisLexicon";
import { CRISIS_LEXICON, WORRY_ABOUT_SOMEONE, type CrisisStance } from "./crisisLexicon.data";
import { compileLexiconPattern } from "./lexiconPattern";
import { ESCALATED_CATEGORIES, higherLevel, type RiskCategory, type RiskLevel } from "./classifier/labels";
import type { ModelThresholds, RiskScorer, ScreeningClassifier } from "./classifier/model";
import { prepareText, type PreparedText } from "./normalize";
import type { RuleHit } from "./types";

/** What a verdict may name as its kind of risk: the classifier's categories, and two the lexicon alone knows. */
export type ScreeningCategory = RiskCategory | "told_to_die" | "abuse_disclosure" | "someone_at_risk";

/**
 * The layer whose finding set the level (for `none`, the classifier that found nothing); "earlier_crisis" is the
 * check-in after a crisis earlier in the session.
 */
export type ScreeningLayer = "lexicon" | "classifier" | "context" | "earlier_crisis" | "second_opinion" | "moderation";

export interface RiskVerdict {
  level: RiskLevel;
  category: ScreeningCategory;
  decidedBy: ScreeningLayer;
  modelVersion: string;
  /** The classifier's strongest reading of the message alone (max over its windows) and, with context, of the recent messages read together. */
  scores: { risk: number; crisis: number; contextRisk?: number; contextCrisis?: number };
  /** Below the concern threshold but close to it: a second opinion is worth asking for. */
  uncertain: boolean;
}

// Which kind of risk each lexicon entry names; the classifier's category is preferred when it is sure.
const LEXICON_CATEGORY: Readonly<Record<string, ScreeningCategory>> = {
  kill_myself: "active_ideation",
  kms: "active_ideation",
  top_myself: "active_ideation",
  kys_about_self: "active_ideation",
  want_to_die: "active_ideation",
  suicide: "active_ideation",
  unalive: "active_ideation",
  want_to_disappear: "passive_ideation",
  dont_want_to_be_here: "passive_ideation",
  end_it_all: "plan_intent",
  farewell_hint: "farewell",
  better_off_without_me: "passive_ideation",
  no_reason_to_live: "hopelessness",
  suicide_method: "method_inquiry",
  overdose: "method_inquiry",
  die_without_pain: "method_inquiry",
  method_in_passing: "method_inquiry",
  self_harm: "self_harm",
  cutting: "self_harm",
  hurt_myself: "self_harm",
  self_harm_slang: "self_harm",
  self_harm_blades: "self_harm",
  es_quiero_morir: "active_ideation",
  es_quiero_morir_hyperbole: "active_ideation",
  es_suicidio: "active_ideation",
  es_no_quiero_vivir: "passive_ideation",
  es_hacerme_dano: "self_harm",
  es_metodo: "method_inquiry",
  es_ahorcarme: "plan_intent",
  told_to_die: "told_to_die",
  abuse_disclosure: "abuse_disclosure",
  es_abuse_disclosure: "abuse_disclosure",
  someone_at_risk: "someone_at_risk",
};

const LEXICON_STANCE: ReadonlyMap<string, CrisisStance> = new Map(CRISIS_LEXICON.map((entry) => [entry.id, entry.stance]));

function entryOf(hit: RuleHit): string {
  return hit.ruleId.slice(hit.ruleId.indexOf(".") + 1);
}

/** A message's lexicon hits by whose words they are. */
export interface SortedLexiconHits {
  /** The writer's own words, a method, being told to die, a disclosure: decisive. */
  own: RuleHit[];
  /** A topic named ("suicide"), which a classifier sure the message is ordinary overrules. */
  mentions: RuleHit[];
  /** Someone the writer knows at risk ("my friend wants to kill herself"). */
  someone: RuleHit[];
}

/** Sorts the hits by stance (findCrisisLanguage has already left out the words about someone the writer knows). */
export function sortLexiconHits(hits: readonly RuleHit[]): SortedLexiconHits {
  const stanceOf = (hit: RuleHit) => LEXICON_STANCE.get(entryOf(hit));
  return {
    own: hits.filter((hit) => stanceOf(hit) !== "mention" && stanceOf(hit) !== "someone"),
    mentions: hits.filter((hit) => stanceOf(hit) === "mention"),
    someone: hits.filter((hit) => stanceOf(hit) === "someone"),
  };
}

/**
 * A message the classifier reads as at least a concern, whose kind is ideation, a plan, a method, self-harm or a
 * farewell, gets crisis resources: for these kinds a teen who is only "concerning" today and one in danger write
 * alike, a missed crisis costs far more than helplines shown too soon, and on dev this catches more crises for the
 * same number of ordinary messages flagged (docs/safety-screening.md). Hopelessness alone stays a concern.
 */
export { ESCALATED_CATEGORIES };

/** The level a classifier reading of `level` and `category` acts at: a concern of an escalated kind is a crisis. */
export function actionLevel(level: RiskLevel, category: RiskCategory, escalate = true): RiskLevel {
  return escalate && level === "concern" && ESCALATED_CATEGORIES.has(category) ? "crisis" : level;
}

export { CONTEXT_MESSAGES };
// Sentence windows: a long message is also read two sentences (or a slice of a long sentence) at a time, so one crisis
// sentence is not diluted by a page of school news. Short messages are read whole only: their fragments ("ok", "lol")
// carry too little to judge and would only add false alarms. "Long" starts past 30 words: on dev, 30 caught more than 40
// (2 % of ordinary messages flagged: 79.3 % of risk against 78.1 %; at the tuned thresholds 492 crises against 485,
// the same 17 ordinary messages flagged), and 20 no more than 30.
const LONG_MESSAGE_WORDS = 30;
const WINDOW_WORDS = 24;
const WINDOW_STRIDE = 12;
// Earlier messages are cut to their last words before they are read with this one.
const CONTEXT_WORDS = 60;

function wordsOf(form: string): string[] {
  return form.split(" ").filter((word) => word.length > 0);
}

function slices(words: readonly string[]): string[] {
  if (words.length <= WINDOW_WORDS) return [words.join(" ")];
  const out: string[] = [];
  for (let start = 0; start < words.length; start += WINDOW_STRIDE) {
    out.push(words.slice(start, start + WINDOW_WORDS).join(" "));
    if (start + WINDOW_WORDS >= words.length) break;
  }
  return out;
}

/** The whole message and, for a long one, each pair of neighbouring sentences, long sentences sliced. */
export function messageWindows(forms: readonly string[]): string[][] {
  const windows: string[][] = [[...forms]];
  for (const form of forms) {
    const words = wordsOf(form);
    if (words.length - words.filter((w) => w === ".").length <= LONG_MESSAGE_WORDS) continue;
    const sentences: string[][] = [[]];
    for (const word of words) {
      if (word === ".") sentences.push([]);
      else sentences[sentences.length - 1]?.push(word);
    }
    const nonEmpty = sentences.filter((sentence) => sentence.length > 0);
    if (nonEmpty.length === 1) for (const slice of slices(nonEmpty[0] ?? [])) windows.push([slice]);
    for (let i = 0; i + 1 < nonEmpty.length; i += 1) {
      for (const slice of slices([...(nonEmpty[i] ?? []), ".", ...(nonEmpty[i + 1] ?? [])])) windows.push([slice]);
    }
  }
  return windows;
}

export interface WindowedScore {
  /** Highest P(concern)+P(crisis) over the windows. */
  risk: number;
  /** Highest P(crisis) over the windows. */
  crisis: number;
  /** The category of the window with the highest risk. */
  category: RiskCategory;
}

function scoreWindows(classifier: RiskScorer, windows: readonly (readonly string[])[]): WindowedScore {
  let risk = -1;
  let crisis = 0;
  let riskiest: FeatureVector | undefined;
  for (const window of windows) {
    const vector = extractFeatures(window, classifier.features);
    const score = classifier.scoreLevel(vector);
    if (score.risk > risk) {
      risk = score.risk;
      riskiest = vector;
    }
    crisis = Math.max(crisis, score.level.crisis);
  }
  return { risk: Math.max(0, risk), crisis, category: riskiest === undefined ? "hopelessness" : classifier.category(riskiest) };
}

/** The classifier's reading of the recent messages together with this one (contextWindows), or undefined without any. */
export function scoreContext(classifier: RiskScorer, prepared: PreparedText, recent: readonly string[]): WindowedScore | undefined {
  const windows = contextWindows(prepared, recent);
  return windows.length === 0 ? undefined : scoreWindows(classifier, windows);
}

/** The classifier's reading of one prepared message: the whole of it and each of its windows. */
export function scoreMessage(classifier: RiskScorer, prepared: PreparedText): WindowedScore {
  return scoreWindows(classifier, messageWindows(prepared.forms));
}

/**
 * The classifier's reading of the writer's own words: the message with the lexicon's words about someone the writer
 * knows left out, as the lexicon reads the rest. "my friend is suicidal" reads as a crisis whole and as nothing without
 * the friend's words; "my friend wants to die and honestly i think about it every night too" still reads as one.
 */
export function scoreWritersOwnWords(classifier: RiskScorer, prepared: PreparedText, aboutSomeone: readonly RuleHit[]): WindowedScore {
  const withoutTheFriend = leaveOutTerms(prepared.forms, aboutSomeone.map((hit) => hit.term));
  const withoutTheWorry = withoutTheFriend.map((form) => WORRY_PATTERNS.reduce((rest, pattern) => rest.replace(pattern, " . "), form));
  // Nothing of the writer's own but a greeting or a filler ("wey", "bro", "ok so"), or nothing at all: the classifier
  // reads a word or two near its prior, in the band where it is unsure, and the friend's crisis would stay the writer's.
  if (withoutTheWorry.every(saysNothingOfItsOwn)) return { risk: 0, crisis: 0, category: "none" };
  return scoreWindows(classifier, messageWindows(withoutTheWorry));
}

/**
 * Words that address the listener or fill a pause, in English and Spanish, as the matching form spells them ("ya" is
 * read "you"): what is left of "wey mi amiga me dijo que se quiere morir" once the friend's words are left out.
 */
const ADDRESS_AND_FILLER = new Set(
  "wey guey bro bruh dude man mano parce parcero che boludo boluda chamo chama pana tio tia loco loca amigo amiga hey hi hello hola oye oigan mira ok okay k so um uh omg lol lmao ugh pls plz please plis porfa xfa help ayuda like literally honestly ngl tbh fr y and but pero bueno pues you neta guys yall chat alguien someone anyone".split(" "),
);
const saysNothingOfItsOwn = (form: string): boolean => (form.match(/[\p{L}\p{N}]+/gu) ?? []).every((word) => ADDRESS_AND_FILLER.has(word));

/** WORRY_ABOUT_SOMEONE compiled to find every place it stands. */
const WORRY_PATTERNS = WORRY_ABOUT_SOMEONE.map((source) => new RegExp(compileLexiconPattern(source).source, "gu"));

/** The level a classifier reading acts at under these thresholds (a concern of an escalated kind is a crisis). */
export function levelOfScore(score: Pick<WindowedScore, "risk" | "crisis" | "category">, t: ModelThresholds, escalate = true): RiskLevel {
  return actionLevel(score.crisis >= t.crisis ? "crisis" : score.risk >= t.concern ? "concern" : "none", score.category, escalate);
}

/**
 * Whether the classifier's crisis for a message naming someone at risk is the friend's words read as the writer's: it
 * is only when the writer's own words, read without the friend's, are ordinary, under the band where the classifier is
 * unsure ("my friend is suicidal": 0.46). Short answers of the writer's own read mild but not ordinary ("and tbh i kinda
 * am too", 0.58), and a crisis missed costs more than helplines shown to a teen helping a friend.
 */
export function isTheFriendsCrisis(writersOwn: Pick<WindowedScore, "risk">, t: ModelThresholds): boolean {
  return writersOwn.risk < t.uncertain;
}

// A message is read again as context for the next few turns of its session: its prepared form is kept for a while.
const RECENT_CACHE_SIZE = 512;
const preparedRecent = boundedMemo(RECENT_CACHE_SIZE, (text) => lastWords(prepareText(text).forms[0] ?? "", CONTEXT_WORDS));

function lastWords(form: string, count: number): string {
  const words = wordsOf(form);
  return words.length <= count ? form : words.slice(words.length - count).join(" ");
}

/**
 * The recent messages read together with this one: all of them at once, and each one paired with
 * this one, so a farewell after "nobody would even notice" reads as what it is.
 */
export function contextWindows(current: PreparedText, recent: readonly string[]): string[][] {
  const earlier = recent.slice(-CONTEXT_MESSAGES).map(preparedRecent);
  const now = lastWords(current.forms[0] ?? "", CONTEXT_WORDS * 2);
  if (earlier.length === 0) return [];
  const windows: string[][] = [[[...earlier, now].join(" . ")]];
  if (earlier.length > 1) for (const message of earlier) windows.push([`${message} . ${now}`]);
  return windows;
}

/**
 * A farewell before a concern: giving things away, goodbyes, "tell her i love her", letters, then a message of
 * hopelessness or exhaustion is a known warning-sign combination, a crisis even when the two read together score
 * below the context thresholds (a give-away plus "i'm so tired of everything" did, at P(crisis) 0.5 to 0.7 against
 * 0.99). An earlier message reads as a farewell when the classifier, reading it alone, names farewell as its kind at
 * P(risk) ≥ FAREWELL_RISK, or when the lexicon's preparation patterns (farewell_hint) match it. Tuned on dev only,
 * on top of the model's own thresholds (docs/safety-screening.md).
 */
export const FAREWELL_RISK = 0.5;

/** How strongly an earlier message, read alone, reads as a farewell or preparation: its P(risk) if the classifier names farewell, 1 on a lexicon preparation pattern, else 0. */
export function farewellReading(classifier: RiskScorer, text: string): number {
  const reading = earlierReading(classifier, text);
  return reading.farewellHint ? 1 : reading.category === "farewell" ? reading.risk : 0;
}

/** The strongest farewell reading among the recent messages read as context. */
export function farewellBefore(classifier: RiskScorer, recent: readonly string[]): number {
  let strongest = 0;
  for (const text of recent.slice(-CONTEXT_MESSAGES)) strongest = Math.max(strongest, farewellReading(classifier, text));
  return strongest;
}

/**
 * A crisis earlier in the session continues: after "i'm up on the roof of my building right now", a message that reads
 * as somewhat risky of its own ("whatever happens happens", P(risk) 0.73) is read as the same crisis, not as a new
 * conversation, even where the two read together stay under the context thresholds (0.91 against 0.94 there). An
 * earlier message is a crisis when, read alone, the lexicon or the classifier makes it one. The floor keeps everyday
 * follow-ups ("ok thanks", "can we talk about something else") reaching the persona: of one to three words cut from
 * dev's ordinary lines, 4.1 % read at or above 0.65 (6.1 % at 0.62, 7.6 % at 0.6), and 5 % is the most the screen lets
 * a kind of ordinary message be flagged (the traps' limit). On dev's 215 sequence lines it caught 86 of 113 crises
 * instead of 76, and flagged 9 of 50 ordinary lines instead of 8. Tuned on dev only, on top of the model's own
 * thresholds (docs/safety-screening.md).
 */
export const CRISIS_CONTINUES_RISK = 0.65;

/**
 * What a follow-up after a crisis says of when, where, how or leaving: the concept lexicon's concepts (data/concepts,
 * written by a separate writer from its own knowledge) for imminent time, farewells, last times, plans and
 * preparation, giving things away, notes, a future without the writer, ending it, the means of dying, and questions of
 * how. After a crisis, "tomorrow then", "bye everyone" or "qué es lo menos doloroso?" are the plan going on, though
 * each reads mild alone (P(risk) 0.56–0.63); "ok thanks" and "can we talk about something else" name none of these.
 */
export const PLAN_DETAIL_CONCEPTS: ReadonlySet<string> = new Set([
  "TIME_SOON",
  "GOODBYE",
  "FINALITY",
  "PLAN_PREP",
  "GIVE_AWAY",
  "LETTER_NOTE",
  "NEGATED_FUTURE",
  "END_IT",
  "THANKS_APOLOGY_FINAL",
  "HEIGHT_JUMP",
  "MEDICATION_PILLS",
  "OVERDOSE_AMOUNT",
  "HANGING_ROPE",
  "WEAPON",
  "POISON_CHEMICAL",
  "FIRE_ELECTRIC",
  "DROWN_TRAFFIC",
  "SHARP_OBJECT",
  "QUESTION_HOW",
]);

/**
 * A follow-up that names a plan's detail (PLAN_DETAIL_CONCEPTS) continues an earlier crisis from this lower floor. On
 * dev's 215 sequence lines: 91 of 113 crises caught instead of 86 (92 with model 2025.12.11+9da053b8), the same 9 of 50
 * ordinary lines flagged, and of dev's one- to three-word everyday fragments read after a crisis 4.5 % meet the rule
 * instead of 4.1 % (at 0.5, 5.5 %: over the 5 % limit). Chosen on dev only among 0.3 to 0.6 in steps of 0.05 (`bench/classifier/followUps.ts`;
 * docs/safety-screening.md).
 */
export const CRISIS_CONTINUES_DETAIL_RISK = 0.55;

/** Whether the message, in any of its matching forms, names a concept of PLAN_DETAIL_CONCEPTS; false for a classifier without concept features. */
export function namesPlanDetail(classifier: RiskScorer, prepared: PreparedText): boolean {
  const lexicon = classifier.features.concepts;
  if (lexicon === undefined) return false;
  return prepared.forms.some((form) => findConceptTerms(wordsOf(form), lexicon).some((match) => match.concepts.some((concept) => PLAN_DETAIL_CONCEPTS.has(concept))));
}

/** Whether a message of this risk, naming a plan's detail or not, continues a crisis earlier in the session (screenRisk and the tuning's levelOf both ask this). */
export function continuesCrisis(risk: number, planDetail: boolean): boolean {
  return risk >= CRISIS_CONTINUES_RISK || (planDetail && risk >= CRISIS_CONTINUES_DETAIL_RISK);
}

/**
 * An earlier message's own reading, kept while it can still be read as context: what screenRisk needs to tell whether
 * it was a farewell (farewellReading) or a crisis (crisisBefore), read once for both.
 */
export interface EarlierReading {
  /** The lexicon matched in the writer's own words. */
  lexiconOwn: boolean;
  /** The lexicon matched only entries that yield to a classifier sure the message is ordinary. */
  lexiconMention: boolean;
  /** The lexicon's preparation patterns (farewell_hint) matched. */
  farewellHint: boolean;
  risk: number;
  crisis: number;
  /** The classifier's kind of risk for its riskiest window. */
  category: RiskCategory;
  /** The kind a verdict names when this message makes one: the lexicon's where it matched, else the classifier's. */
  named: ScreeningCategory;
  /** The lexicon named someone the writer knows at risk. */
  someoneAtRisk: boolean;
  /** Where it did, the classifier's reading of the writer's own words, the friend's left out (scoreWritersOwnWords). */
  writersOwn?: WindowedScore;
  /** It names help sought, safety or calm, or asks to be talked to (endsCarryingOn): a crisis before it is no longer carried on. */
  endsCarryingOn: boolean;
}

const earlierReadings = new WeakMap<RiskScorer, (text: string) => EarlierReading>();

/** How the earlier message `text` reads alone (memoised per classifier: each message is read again for the next few turns). */
export function earlierReading(classifier: RiskScorer, text: string): EarlierReading {
  let reading = earlierReadings.get(classifier);
  if (reading === undefined) {
    reading = boundedMemo(RECENT_CACHE_SIZE, (earlier): EarlierReading => {
      const prepared = prepareText(earlier);
      const hits = findCrisisLanguage(prepared, "input");
      // A friend at risk named earlier is not the writer's own crisis carrying on: only their own words and mentions count.
      const sorted = sortLexiconHits(hits);
      const own = sorted.own[0];
      const mention = sorted.mentions[0];
      const message = scoreMessage(classifier, prepared);
      const lexiconNamed = own ?? mention;
      return {
        lexiconOwn: own !== undefined,
        lexiconMention: own === undefined && mention !== undefined,
        farewellHint: hits.some((hit) => entryOf(hit) === "farewell_hint"),
        risk: message.risk,
        crisis: message.crisis,
        category: message.category,
        named: (lexiconNamed === undefined ? undefined : LEXICON_CATEGORY[entryOf(lexiconNamed)]) ?? message.category,
        someoneAtRisk: sorted.someone.length > 0,
        ...(sorted.someone.length > 0 ? { writersOwn: scoreWritersOwnWords(classifier, prepared, sorted.someone) } : {}),
        endsCarryingOn: endsCarryingOn(prepared),
      };
    });
    earlierReadings.set(classifier, reading);
  }
  return reading(text);
}

/** Whether an earlier reading is a crisis under these thresholds, as screenRisk would judge the message alone (no context of its own). */
export function earlierIsCrisis(reading: EarlierReading, t: ModelThresholds): boolean {
  if (reading.lexiconOwn || (reading.lexiconMention && reading.risk >= t.lexiconMention)) return true;
  // A friend's words the classifier read as the writer's crisis were the friend's concern (isTheFriendsCrisis).
  if (reading.writersOwn !== undefined && isTheFriendsCrisis(reading.writersOwn, t)) return false;
  return levelOfScore(reading, t) === "crisis";
}

/** The crisis among the session's recent messages (the latest), read alone under these thresholds; undefined without one. */
export function crisisBefore(classifier: RiskScorer, recent: readonly string[], t: ModelThresholds): EarlierReading | undefined {
  return latestCrisis(
    recent.slice(-CONTEXT_MESSAGES).map((text) => earlierReading(classifier, text)),
    t,
  );
}

/** Of earlier readings (oldest first), the latest that is a crisis read alone. */
function latestCrisis(readings: readonly EarlierReading[], t: ModelThresholds): EarlierReading | undefined {
  return readings.filter((reading) => earlierIsCrisis(reading, t)).at(-1);
}

/** Of earlier readings (oldest first), the latest crisis of a kind one of the follow-ups takes up. */
export function latestTakenUp(readings: readonly EarlierReading[], t: ModelThresholds, followUps: readonly CrisisFollowUp[]): EarlierReading | undefined {
  return readings.filter((reading) => earlierIsCrisis(reading, t) && followUps.some((followUp) => takesUp(followUp, reading.named))).at(-1);
}

/**
 * The kinds of crisis that are the teen's state until they say otherwise: a wish to die, a plan, a method asked about, a
 * goodbye. Self-harm told and passive ideation are not on the list: what follows them is often the past ("i used to cut",
 * "my mom saw the old scars"), and the writers of the data labelled such follow-ups concerns.
 */
const CRISIS_CARRIES_ON: ReadonlySet<ScreeningCategory> = new Set(["active_ideation", "plan_intent", "method_inquiry", "farewell"]);

/**
 * Whether a message ends a crisis's carrying on: it names help sought, safety or calm (actingNow.ts, namesHelpOrSafety:
 * "my mom is here now", "someone is with me", "jk"), or asks to be talked to rather than sent helplines again ("can you
 * just talk to me"). The carried notice asks the teen to say when they are safe or with someone.
 */
export function endsCarryingOn(prepared: PreparedText): boolean {
  return namesHelpOrSafety(prepared) || asksToTalk(prepared);
}

/**
 * The kind a crisis read alone is recorded as, as screenRisk names it: the lexicon's entry's kind, unless the classifier
 * reads the message as at least a concern of its own kind (and the entry is not someone else's words or abuse told).
 */
function kindUnder(reading: EarlierReading, t: ModelThresholds): ScreeningCategory {
  return reading.lexiconOwn || reading.lexiconMention ? lexiconVerdictKind(reading.named, reading, t) : reading.named;
}

/**
 * The kind a verdict the lexicon decided names: the entry's, unless the classifier reads the message as at least a
 * concern (then its own kind), and never for someone else's words or abuse told, whose kind is the entry's.
 */
function lexiconVerdictKind(entryKind: ScreeningCategory, classifierReading: { risk: number; category: RiskCategory }, t: ModelThresholds): ScreeningCategory {
  return classifierReading.risk >= t.concern && entryKind !== "told_to_die" && entryKind !== "abuse_disclosure" ? classifierReading.category : entryKind;
}

/**
 * Of earlier readings (oldest first), the latest crisis of a kind that carries on (CRISIS_CARRIES_ON) that the
 * classifier too reads as at least a concern, unless a message after it ended the carrying on (endsCarryingOn): from
 * then on the persona answers, checking in. Hyperbole the lexicon alone makes a crisis ("this homework is killing me, i
 * want to die lol", the classifier at 0.13) is answered with helplines once, and not carried on into the homework. What the
 * crisis message itself says of help does not count: "the pills the doctor gave me", "therapists are useless", "im not
 * going to tell my parents" are no help sought.
 */
export function latestCarriedOn(readings: readonly EarlierReading[], t: ModelThresholds): EarlierReading | undefined {
  for (let index = readings.length - 1; index >= 0; index -= 1) {
    const reading = readings[index] as EarlierReading;
    if (earlierIsCrisis(reading, t) && reading.risk >= t.concern && CRISIS_CARRIES_ON.has(kindUnder(reading, t))) return reading;
    if (reading.endsCarryingOn) return undefined;
  }
  return undefined;
}

/** Whether one of the recent messages read as context is, read alone, at least a concern under these thresholds. */
export function concernBefore(classifier: RiskScorer, recent: readonly string[], t: ModelThresholds): boolean {
  return recent.slice(-CONTEXT_MESSAGES).some((text) => earlierIsConcern(earlierReading(classifier, text), t));
}

/** Whether an earlier reading is at least a concern under these thresholds: a crisis, or the classifier's concern. */
export function earlierIsConcern(reading: EarlierReading, t: ModelThresholds): boolean {
  return earlierIsCrisis(reading, t) || reading.risk >= t.concern;
}

/** Whether one of the recent messages read as context names someone the writer knows at risk. */
export function someoneBefore(classifier: RiskScorer, recent: readonly string[]): boolean {
  return recent.slice(-CONTEXT_MESSAGES).some((text) => earlierReading(classifier, text).someoneAtRisk);
}

/**
 * The kinds of earlier crisis each follow-up takes up: a method asked about, or an act told (an overdose is a method's);
 * "yesterday too" takes up an act or a plan ("pues sigo" of the blades reads as a plan), not a wish said of homework.
 */
const FOLLOWS_UP: Readonly<Record<CrisisFollowUp, ReadonlySet<ScreeningCategory>>> = {
  method_answer: new Set(["method_inquiry"]),
  means_question: new Set(["method_inquiry", "plan_intent"]),
  harm_question: new Set(["self_harm", "method_inquiry"]),
  harm_again: new Set(["self_harm", "method_inquiry", "plan_intent"]),
};
/** Whether a follow-up takes up an earlier crisis of this kind. */
const takesUp = (followUp: CrisisFollowUp, earlier: ScreeningCategory): boolean => {
  return FOLLOWS_UP[followUp].has(earlier);
};

export interface RiskInput {
  prepared: PreparedText;
  /** Crisis-lexicon hits on this message (crisisLexicon.ts, input direction). */
  lexiconHits: readonly RuleHit[];
  /** Earlier user messages of the session, oldest first. */
  recent?: readonly string[];
}

/** The lexicon, then the classifier, then the context; each layer can only raise the level, and the verdict names the one that set it. */
export function screenRisk(classifier: ScreeningClassifier, input: RiskInput, thresholds: ModelThresholds = classifier.thresholds): RiskVerdict {
  const t = thresholds;
  const message = scoreMessage(classifier, input.prepared);
  let level: RiskLevel = levelOfScore(message, t);
  let decidedBy: ScreeningLayer = "classifier";
  let category: ScreeningCategory = level === "none" ? "none" : message.category;
  const scores: RiskVerdict["scores"] = { risk: message.risk, crisis: message.crisis };
  // The session's earlier user messages, oldest first: each rule below that reads them needs one at least.
  const recent = input.recent ?? [];
  const hasRecent = recent.length > 0;

  // The session's recent messages, each read alone once for the rules below that ask of them.
  let readings: EarlierReading[] | undefined;
  const readingsOfRecent = () => (readings ??= recent.slice(-CONTEXT_MESSAGES).map((text) => earlierReading(classifier, text)));
  const crisisEarlier = () => latestCrisis(readingsOfRecent(), t);

  // A lexicon entry that only names the topic ("suicide", "self harm") yields to a classifier sure the message is
  // ordinary ("an essay on suicide prevention"); the writer's own words ("kill myself") never do.
  // Someone the writer knows at risk ("my friend wants to kill herself") is not the writer's own crisis: the teen is the
  // one who can help, so a message read as ordinary becomes a concern, answered with how to get the friend help.
  const sorted = sortLexiconHits(input.lexiconHits);
  const lexiconHit = sorted.own[0] ?? (message.risk >= t.lexiconMention ? sorted.mentions[0] : undefined);
  const someoneAtRisk = sorted.someone.length > 0;
  const dismissedMention = lexiconHit === undefined && sorted.mentions.length > 0;
  // The lexicon comes first: when it matched, it is the layer that decided, whatever the classifier thought.
  if (lexiconHit !== undefined) {
    const named = LEXICON_CATEGORY[entryOf(lexiconHit)] ?? "active_ideation";
    category = lexiconVerdictKind(named, message, t);
    level = "crisis";
    decidedBy = "lexicon";
  } else if (someoneAtRisk && (level !== "crisis" || isTheFriendsCrisis(scoreWritersOwnWords(classifier, input.prepared, sorted.someone), t))) {
    // The classifier may read the friend's words as the writer's own ("my friend is suicidal"): its crisis stands unless
    // the writer's own words, read without the friend's, are ordinary. An ordinary reading is raised. A concern is
    // answered with how to help the friend.
    if (level !== "concern") decidedBy = "lexicon";
    level = "concern";
    category = "someone_at_risk";
  }

  // Earlier messages raise only a message with some risk of its own: "ok what about pizza" after a hard day stays ordinary.
  if (level !== "crisis" && hasRecent && message.risk >= t.contextCurrent) {
    const context = scoreWindows(classifier, contextWindows(input.prepared, recent));
    scores.contextRisk = context.risk;
    scores.contextCrisis = context.crisis;
    const fromContext: RiskLevel = actionLevel(context.crisis >= t.contextCrisis ? "crisis" : context.risk >= t.contextConcern ? "concern" : "none", context.category);
    if (higherLevel(level, fromContext) !== level) {
      level = fromContext;
      decidedBy = "context";
      category = context.category;
    }
  }

  // A concern (hopelessness, exhaustion) after a farewell is a crisis: the farewell is the context that makes it one.
  if (level === "concern" && hasRecent && farewellBefore(classifier, recent) >= FAREWELL_RISK) {
    level = "crisis";
    decidedBy = "context";
    category = "farewell";
  }

  // A crisis earlier in the session continues into a message with some risk of its own, or a little less when it names a
  // plan's detail (looked for only where it can decide: between the two floors), or into a sign-off, a departure or the
  // act itself however mild it reads alone ("ok. it's time. goodnight" after "i've got the pills counted out").
  const planDetail = message.risk >= CRISIS_CONTINUES_DETAIL_RISK && message.risk < CRISIS_CONTINUES_RISK && namesPlanDetail(classifier, input.prepared);
  // A topic named or a farewell hinted, which alone yields to a classifier sure it is jest ("ya les regalé mis peluches a
  // mis primas"), is no jest after "ya decidí que es mi último día"; named beside help sought it is the help ("i called
  // the suicide prevention line, my mom is here now").
  const mentionGoesOn = dismissedMention && !namesHelpOrSafety(input.prepared);
  if (level !== "crisis" && hasRecent && (continuesCrisis(message.risk, planDetail) || saysActingNow(input.prepared, recent) || mentionGoesOn)) {
    const earlier = crisisEarlier();
    if (earlier !== undefined) {
      level = "crisis";
      decidedBy = "context";
      category = earlier.named;
    }
  }

  // The crisis's own subject taken up again, however mild alone: the answer to an earlier method question found or the
  // question owned ("nvm figured it out", "asking for me"), or the harm of an act told asked about ("is that normal"
  // after "its still bleeding through the bandaid"). Not a change of subject, which stays the concern below.
  if (level !== "crisis" && hasRecent) {
    const followUps = crisisFollowUps(input.prepared);
    const earlier = followUps.length === 0 ? undefined : latestTakenUp(readingsOfRecent(), t, followUps);
    if (earlier !== undefined) {
      level = "crisis";
      decidedBy = "context";
      category = earlier.named;
    }
  }

  // A goodbye that says it is the last, after a concern earlier in the session, is the farewell that follows
  // hopelessness ("honestly im so done with everything, not just the game", then "gg. see u never"), however mild alone.
  if (level !== "crisis" && hasRecent && saysFinalGoodbye(input.prepared) && concernBefore(classifier, recent, t)) {
    level = "crisis";
    decidedBy = "context";
    category = "farewell";
  }

  // A wish to die, a plan, a method asked about or a goodbye earlier in the session is still the teen's state when the
  // next messages change the subject, thank, or say nothing of it ("can you tell me a joke" after "i wrote everyone
  // letters", "nvm its fine" after "i took like all of them", "ok cool thanks" after the height of a parking garage):
  // a crisis again, answered with the helplines (decidedBy "earlier_crisis": the notice says it is still thinking of
  // what the teen said), until the teen names help or safety or asks to be talked to (endsCarryingOn, in this message or
  // one since) or the crisis leaves the window of recent messages; from then on the persona answers, checking in (below).
  if (level !== "crisis" && hasRecent && !endsCarryingOn(input.prepared)) {
    const earlier = latestCarriedOn(readingsOfRecent(), t);
    if (earlier !== undefined) {
      level = "crisis";
      decidedBy = "earlier_crisis";
      category = kindUnder(earlier, t);
    }
  }

  // Someone the writer knows at risk, named earlier in the session, is still the subject of a follow-up with some risk
  // of its own ("she posted something weird"): a concern, answered with how to help them.
  if (level === "none" && hasRecent && continuesCrisis(message.risk, planDetail) && someoneBefore(classifier, recent)) {
    level = "concern";
    decidedBy = "context";
    category = "someone_at_risk";
  }

  // Unsure of a message the layers read as ordinary: worth a second opinion, which may still make it a crisis.
  const uncertain = level === "none" && (dismissedMention || Math.max(message.risk, scores.contextRisk ?? 0) >= t.uncertain);

  // A crisis earlier in the session that is not carried on (self-harm told, passive ideation, or help named since) is
  // still in the conversation when the teen changes the subject or thanks the persona ("should i tell my mom i failed
  // the chem test" after "i cut last night"): the persona answers, and checks in on how they are now (its own
  // instruction, told by decidedBy "earlier_crisis"; the category names the earlier crisis's kind, though the level is a
  // concern). An uncertain message stays uncertain, so the second opinion is still asked: taking it back ("never mind",
  // "olvídalo") right after a disclosure is when a second look matters most.
  if (level === "none" && hasRecent) {
    const earlier = crisisEarlier();
    if (earlier !== undefined) {
      level = "concern";
      decidedBy = "earlier_crisis";
      category = kindUnder(earlier, t);
    }
  }

  return { level, category, decidedBy, modelVersion: classifier.version, scores, uncertain };
}
