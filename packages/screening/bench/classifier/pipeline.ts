// From labelled examples to a shipped model file: features, weighted training, int16 weights, thresholds tuned on the dev split only.

import { createHash } from "node:crypto";
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type FeatureConfig } from "../../src/classifier/features";
import { RISK_CATEGORIES, RISK_LEVELS, type RiskLevel } from "../../src/classifier/labels";
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  ScreeningClassifier,
  type RiskScorer,
  encodeBucketGaps,
  encodeInts,
  weightsDigest,
  type ModelFile,
  type ModelProvenance,
  type ModelThresholds,
} from "../../src/classifier/model";
import { DEFAULT_TRAINING, trainClassifier, type TrainedWeights, type TrainingExample, type TrainingOptions } from "../../src/classifier/train";
import { crisisFollowUps, namesHelpOrSafety, saysActingNow, saysFinalGoodbye, type CrisisFollowUp } from "../../src/actingNow";
import { findCrisisLanguage } from "../../src/crisisLexicon";
import { augmentExamples, DEFAULT_AUGMENT, type AugmentOptions } from "./augment";
import { conceptFeatures, readConceptLexicon } from "./concepts";
import { readConceptTermsByLanguage, type ConceptSwapLexicon } from "./conceptSwaps";
import { englishVocabulary, glossFeatures, readGloss } from "./gloss";
import type { LabelledExample } from "./examples";
import { prepareText } from "../../src/normalize";
import { actionLevel, CONTEXT_MESSAGES, contextWindows, continuesCrisis, earlierIsConcern, earlierIsCrisis, earlierReading, endsCarryingOn, FAREWELL_RISK, latestCarriedOn, farewellBefore, isTheFriendsCrisis, levelOfScore, namesPlanDetail, scoreContext, scoreMessage, scoreWritersOwnWords, sortLexiconHits, latestTakenUp, type EarlierReading, type WindowedScore } from "../../src/riskScreen";
import type { RiskCategory } from "../../src/classifier/labels";

/** Bump when the training recipe or the data changes what the model means; the weights' hash is appended to it. */
export const MODEL_RELEASE = "2025.12.11";

/**
 * The padding of every message's squared length (FeatureConfig.lengthPadding), in squared idf units: a one-word
 * message's squared length is about 250 to 900, a sentence's 3,000 to 6,000. Chosen on dev among 0, 150, 225, 300, 500
 * and 1,000 (docs/safety-screening.md, "Figures", 2025.12.10).
 */
const SHIPPED_LENGTH_PADDING = 150;

/**
 * The shipped recipe's features: DEFAULT_FEATURE_CONFIG, the committed concept lexicon's concepts (data/concepts),
 * each concept and ordered pairs of concepts up to four words apart within a clause, no concept × word pairs, and
 * Spanish read a second time through the committed glossary (data/gloss), with the English words of the lines trained
 * on telling English from Spanish. Chosen on dev and the family hold-outs (docs/safety-screening.md, "What was tried").
 */
export function shippedFeatureConfig(train: readonly LabelledExample[]): FeatureConfig {
  return {
    ...DEFAULT_FEATURE_CONFIG,
    concepts: conceptFeatures(readConceptLexicon(), { pairSpan: 4, wordSpan: 0 }),
    gloss: glossFeatures(readGloss(), englishVocabulary(train)),
    lengthPadding: SHIPPED_LENGTH_PADDING,
  };
}

/** What one labelled example is trained as: the message alone, or, for a sequence line, the recent messages read with it. */
export function trainingForms(example: LabelledExample): string[] {
  const prepared = prepareText(example.text);
  if (example.context.length === 0) return prepared.forms;
  return contextWindows(prepared, example.context)[0] ?? prepared.forms;
}

/** Each level weighs the same in total, as does each category among the risky examples, so the rarer crisis kinds are not drowned out by ordinary chat. */
export function toTrainingExamples(examples: readonly LabelledExample[], config: FeatureConfig): TrainingExample[] {
  const levelCounts = new Map<string, number>();
  const categoryCounts = new Map<string, number>();
  for (const e of examples) {
    levelCounts.set(e.level, (levelCounts.get(e.level) ?? 0) + 1);
    categoryCounts.set(e.category, (categoryCounts.get(e.category) ?? 0) + 1);
  }
  const levelWeight = (level: string) => examples.length / (RISK_LEVELS.length * (levelCounts.get(level) ?? 1));
  const categoryWeight = (category: string) => examples.length / (categoryCounts.size * (categoryCounts.get(category) ?? 1));
  return examples.map((e) => ({
    vector: extractFeatures(trainingForms(e), config),
    level: RISK_LEVELS.indexOf(e.level),
    category: RISK_CATEGORIES.indexOf(e.category),
    levelWeight: levelWeight(e.level),
    categoryWeight: categoryWeight(e.category),
  }));
}

function quantise(values: Float64Array, scale: number): Int16Array {
  return Int16Array.from(values, (v) => Math.max(-32767, Math.min(32767, Math.round(v / scale))));
}

function quantiseToBytes(values: Float64Array, scale: number): Int8Array {
  return Int8Array.from(values, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
}

const largest = (values: Float64Array) => values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Weights to the file format: the level head in int16, the category head in int8 with a scale of its own (int16 under the shared scale before version 4), so the file is small and byte-identical across re-runs. */
export function toModelFile(weights: TrainedWeights, config: FeatureConfig, thresholds: ModelThresholds, provenance: ModelProvenance): ModelFile {
  // Weights trained on vectors scaled one way read wrongly when scaled another: the file names the padding they had.
  if ((config.lengthPadding ?? 0) !== weights.lengthPadding) {
    throw new Error(`the weights were trained with lengthPadding ${weights.lengthPadding}, the feature config says ${config.lengthPadding ?? 0}`);
  }
  // Without concept features, a glossary or a padding the file means what version 1 meant: it stays version 1 (and byte for byte the same).
  const formatVersion = config.concepts === undefined && config.gloss === undefined && config.lengthPadding === undefined ? 1 : MODEL_FORMAT_VERSION;
  const compact = formatVersion >= 4;
  const levelMax = largest(weights.level);
  const categoryMax = largest(weights.category);
  // Versions before 4 share one int16 scale between the heads; version 4 gives the int8 category head its own.
  const max = compact ? levelMax : Math.max(levelMax, categoryMax);
  const scale = max === 0 ? 1 : Number((max / 32767).toPrecision(8));
  const categoryScale = categoryMax === 0 ? 1 : Number((categoryMax / 127).toPrecision(8));
  const encoded: ModelFile["weights"] = {
    scale,
    ...(formatVersion === 1 ? { buckets: encodeInts(weights.buckets) } : { bucketGaps: encodeBucketGaps(weights.buckets) }),
    idf: encodeInts(weights.idf),
    level: encodeInts(quantise(weights.level, scale)),
    category: encodeInts(compact ? quantiseToBytes(weights.category, categoryScale) : quantise(weights.category, scale)),
    ...(compact ? { categoryScale } : {}),
    levelBias: Array.from(weights.levelBias, round6),
    categoryBias: Array.from(weights.categoryBias, round6),
  };
  const digest = weightsDigest(encoded);
  return {
    format: MODEL_FORMAT,
    formatVersion,
    modelVersion: `${MODEL_RELEASE}+${digest.slice(0, 8)}`,
    provenance,
    features: { ...config },
    levels: [...RISK_LEVELS],
    categories: [...RISK_CATEGORIES],
    thresholds: { ...thresholds },
    weights: encoded,
    weightsSha256: digest,
  };
}

/** The classifier's raw readings of one example, computed once so threshold search is cheap. */
export interface ExampleReading {
  example: LabelledExample;
  /** The lexicon matched in the writer's own words (never dismissed). */
  lexiconHit: boolean;
  /** The lexicon matched only entries that name the topic. */
  lexiconMentionOnly: boolean;
  /**
   * Set when the lexicon names someone the writer knows at risk (riskScreen.ts, sortLexiconHits): the classifier's
   * reading of the rest (scoreWritersOwnWords).
   */
  writersOwn?: WindowedScore;
  risk: number;
  crisis: number;
  /** The kind of risk the riskiest window reads as. */
  category: RiskCategory;
  contextRisk: number;
  contextCrisis: number;
  contextCategory: RiskCategory;
  /** The strongest farewell reading among the earlier messages (riskScreen.ts, farewellBefore); 0 without any. */
  farewellBefore: number;
  /** How each of the earlier messages read as context reads alone (riskScreen.ts, crisisBefore). */
  earlier: readonly EarlierReading[];
  /** The message names a plan's detail (riskScreen.ts, namesPlanDetail). */
  planDetail: boolean;
  /** The message says the teen is leaving, saying goodbye or acting now (actingNow.ts). */
  actingNow: boolean;
  /** The message says goodbye as the last time (actingNow.ts, saysFinalGoodbye). */
  finalGoodbye: boolean;
  /** The message names help sought or safety (actingNow.ts, namesHelpOrSafety). */
  helpOrSafety: boolean;
  /** It ends a crisis's carrying on (riskScreen.ts, endsCarryingOn). */
  endsCarryingOn: boolean;
  /** What the message takes up of an earlier crisis (actingNow.ts, crisisFollowUps); empty for most. */
  followUps: CrisisFollowUp[];
}

/** The raw scores of every layer for one example, as screenRisk computes them, before any threshold. */
export function readExample(classifier: RiskScorer, example: LabelledExample): ExampleReading {
  const prepared = prepareText(example.text);
  const lexiconHits = findCrisisLanguage(prepared, "input");
  const message = scoreMessage(classifier, prepared);
  const context = scoreContext(classifier, prepared, example.context);
  const sorted = sortLexiconHits(lexiconHits);
  return {
    example,
    lexiconHit: sorted.own.length > 0,
    lexiconMentionOnly: sorted.own.length === 0 && sorted.mentions.length > 0,
    ...(sorted.someone.length > 0 ? { writersOwn: scoreWritersOwnWords(classifier, prepared, sorted.someone) } : {}),
    risk: message.risk,
    crisis: message.crisis,
    category: message.category,
    contextRisk: context?.risk ?? 0,
    contextCrisis: context?.crisis ?? 0,
    contextCategory: context?.category ?? "hopelessness",
    farewellBefore: example.context.length > 0 ? farewellBefore(classifier, example.context) : 0,
    earlier: example.context.slice(-CONTEXT_MESSAGES).map((text) => earlierReading(classifier, text)),
    planDetail: namesPlanDetail(classifier, prepared),
    actingNow: saysActingNow(prepared, example.context),
    finalGoodbye: saysFinalGoodbye(prepared),
    helpOrSafety: namesHelpOrSafety(prepared),
    endsCarryingOn: endsCarryingOn(prepared),
    followUps: crisisFollowUps(prepared),
  };
}

/** Rules of screenRisk that a tuning or a comparison on dev may turn off; each is on unless set false. */
export interface LevelRules {
  /** A concern of an escalated kind acts as a crisis (riskScreen.ts, ESCALATED_CATEGORIES). */
  escalate?: boolean;
  /** A message read as ordinary after a crisis earlier in the session is a concern, the check-in (riskScreen.ts). */
  checkInAfterCrisis?: boolean;
  /** A wish to die, a plan, a method or a goodbye earlier in the session carries on into a crisis (riskScreen.ts, latestCarriedOn). */
  carryCrisisOn?: boolean;
}

/** The level screenRisk would give a reading under these thresholds (kept in step with riskScreen.ts by a unit test). */
export function levelOf(reading: ExampleReading, t: ModelThresholds, { escalate = true, checkInAfterCrisis = true, carryCrisisOn = true }: LevelRules = {}): RiskLevel {
  const lexicon = reading.lexiconHit || (reading.lexiconMentionOnly && reading.risk >= t.lexiconMention);
  let level: RiskLevel = lexicon ? "crisis" : levelOfScore(reading, t, escalate);
  // Someone the writer knows at risk makes a concern, unless the lexicon or the writer's own words make a crisis (riskScreen.ts).
  if (reading.writersOwn !== undefined && !lexicon && (level === "none" || (level === "crisis" && isTheFriendsCrisis(reading.writersOwn, t)))) level = "concern";
  if (level !== "crisis" && reading.example.context.length > 0 && reading.risk >= t.contextCurrent) {
    const fromContext = actionLevel(reading.contextCrisis >= t.contextCrisis ? "crisis" : reading.contextRisk >= t.contextConcern ? "concern" : "none", reading.contextCategory, escalate);
    if (fromContext === "crisis" || (level === "none" && fromContext === "concern")) level = fromContext;
  }
  // A concern after a farewell is a crisis (riskScreen.ts, FAREWELL_RISK: a fixed floor, not searched here).
  if (level === "concern" && reading.farewellBefore >= FAREWELL_RISK) level = "crisis";
  // A crisis earlier in the session continues (riskScreen.ts, continuesCrisis: fixed floors, not searched here), and
  // into a message that says the teen is acting now (actingNow.ts) or names what a mention entry names, help aside.
  const crisisEarlier = reading.earlier.some((earlier) => earlierIsCrisis(earlier, t));
  if (level !== "crisis" && (continuesCrisis(reading.risk, reading.planDetail) || reading.actingNow || (reading.lexiconMentionOnly && !reading.helpOrSafety)) && crisisEarlier) level = "crisis";
  // The crisis's own subject taken up again: a crisis earlier of a kind a follow-up takes up (riskScreen.ts, latestTakenUp).
  if (level !== "crisis" && reading.followUps.length > 0 && latestTakenUp(reading.earlier, t, reading.followUps) !== undefined) level = "crisis";
  // A last goodbye after a concern earlier in the session (riskScreen.ts, concernBefore).
  if (level !== "crisis" && reading.finalGoodbye && reading.earlier.some((earlier) => earlierIsConcern(earlier, t))) level = "crisis";
  // A wish to die, a plan, a method or a goodbye earlier carries on, help or safety aside (riskScreen.ts, latestCarriedOn).
  if (carryCrisisOn && level !== "crisis" && !reading.endsCarryingOn && latestCarriedOn(reading.earlier, t) !== undefined) level = "crisis";
  // Someone at risk named earlier is the subject of a follow-up with some risk of its own (riskScreen.ts, someoneBefore).
  if (level === "none" && continuesCrisis(reading.risk, reading.planDetail) && reading.earlier.some((earlier) => earlier.someoneAtRisk)) level = "concern";
  // A crisis earlier in the session is still in the conversation: a concern at least (riskScreen.ts).
  if (checkInAfterCrisis && level === "none" && crisisEarlier) level = "concern";
  return level;
}

export interface TuningTargets {
  /** Most false positives allowed on dev among ordinary messages (traps included). */
  falsePositiveRate: number;
  /** Most false positives allowed on dev among traps. */
  trapFalsePositiveRate: number;
  /** Most ordinary messages judged a crisis: a false crisis ends the conversation with helplines, a false concern only adds a gentle line. */
  crisisFalsePositiveRate: number;
  /** Whether a concern of an escalated kind acts as a crisis (riskScreen.ts, ESCALATED_CATEGORIES); off only to compare on dev. */
  escalate?: boolean;
}

/**
 * The limits (at most 2 % of ordinary messages and 5 % of traps flagged), applied to dev. A concern of an
 * escalated kind acts as a crisis, so nearly every flag is a crisis and a tighter crisis-only limit would cap all
 * flagging below the issue's: on dev, a 1 % crisis limit caught 58.7 % of crises, the 2 % one 63.2 %.
 */
export const DEFAULT_TUNING: TuningTargets = { falsePositiveRate: 0.02, trapFalsePositiveRate: 0.05, crisisFalsePositiveRate: 0.02 };

export interface Tally {
  crisisCaught: number;
  riskCaught: number;
  falsePositives: number;
  trapFalsePositives: number;
  crisisFalsePositives: number;
}

export function tallyAt(readings: readonly ExampleReading[], t: ModelThresholds, rules: LevelRules = {}): Tally {
  const out: Tally = { crisisCaught: 0, riskCaught: 0, falsePositives: 0, trapFalsePositives: 0, crisisFalsePositives: 0 };
  for (const r of readings) {
    const level = levelOf(r, t, rules);
    if (r.example.level === "none") {
      if (level !== "none") {
        out.falsePositives += 1;
        if (r.example.trap) out.trapFalsePositives += 1;
        if (level === "crisis") out.crisisFalsePositives += 1;
      }
    } else {
      if (level !== "none") out.riskCaught += 1;
      if (r.example.level === "crisis" && level === "crisis") out.crisisCaught += 1;
    }
  }
  return out;
}

const MENTION_FLOORS: readonly number[] = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
// The context layer raises only a message with risk of its own (at least even odds): after one message of crisis, "ok
// thanks" or "what about pizza" must still reach the persona, or a teen who was shown helplines could talk of nothing else.
const CONTEXT_FLOORS: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
const GRID: readonly number[] = Array.from({ length: 98 }, (_, i) => Number((0.02 + i * 0.01).toFixed(2)));

/**
 * Searches thresholds on dev readings: the most crises caught, then the most risk caught, within the
 * false-positive limits; ties go to the higher (more conservative about false alarms) threshold.
 * Message thresholds first (on every example), then the context thresholds on top of them.
 */
/**
 * Ordinary sessions made from the data itself: each ordinary message read after the (up to) three ordinary
 * messages before it in id order. Only sequence lines carry real sessions, and too few of them are ordinary to
 * show what the context layer does to everyday chat; these show it, with no phrasing of our own.
 */
export function ordinarySessions(examples: readonly LabelledExample[]): LabelledExample[] {
  const ordinary = examples.filter((e) => e.level === "none" && e.context.length === 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordinary.map((e, i) => ({ ...e, id: `${e.id}~session`, context: ordinary.slice(Math.max(0, i - 3), i).map((earlier) => earlier.text) }));
}

const sameTally = (a: Tally, b: Tally): boolean => (Object.keys(a) as (keyof Tally)[]).every((key) => a[key] === b[key]);
/** How far under the value that first reached a tally a tie on dev may take a context threshold, in hundredths (the grid's step). */
const TIE_STEP_HUNDREDTHS = 5;
/** A grid value in whole hundredths: 0.52 - 0.05 in floating point is under 0.47. */
const hundredths = (value: number): number => Math.round(value * 100);

export function tuneThresholds(readings: readonly ExampleReading[], targets: TuningTargets, sessions: readonly ExampleReading[]): ModelThresholds {
  const none = readings.filter((r) => r.example.level === "none").length;
  const traps = readings.filter((r) => r.example.trap).length;
  const escalate = targets.escalate ?? true;
  // The search leaves out the check-in after a crisis and the crisis carried on (riskScreen.ts): each lifts what the
  // context windows would lift only above their thresholds, so counted here they would let those thresholds move for
  // free, and the windows read messages the two rules never do (a farewell's concern after no crisis at all). Counted,
  // the carried crisis moved contextCurrent from 0.5 to 0.7 and contextConcern from 0.94 to 0.8 at no cost on dev.
  const tally = (rs: readonly ExampleReading[], t: ModelThresholds) => tallyAt(rs, t, { escalate, checkInAfterCrisis: false, carryCrisisOn: false });
  // The lexicon's own false alarms are beyond any threshold: a limit they already exceed becomes theirs, so the
  // search still finds the thresholds that add the fewest, instead of none at all.
  const unavoidable = tally(readings, { crisis: 2, concern: 2, uncertain: 2, lexiconMention: 2, contextCurrent: 2, contextCrisis: 2, contextConcern: 2 });
  const allowed = (t: Tally) =>
    t.falsePositives <= Math.max(unavoidable.falsePositives, Math.floor(none * targets.falsePositiveRate)) &&
    t.trapFalsePositives <= Math.max(unavoidable.trapFalsePositives, Math.floor(traps * targets.trapFalsePositiveRate)) &&
    t.crisisFalsePositives <= Math.max(unavoidable.crisisFalsePositives, Math.floor(none * targets.crisisFalsePositiveRate));
  const better = (a: Tally, b: Tally | undefined) =>
    b === undefined || a.crisisCaught > b.crisisCaught || (a.crisisCaught === b.crisisCaught && (a.riskCaught > b.riskCaught || (a.riskCaught === b.riskCaught && a.falsePositives < b.falsePositives)));

  // The uncertain band starts where one ordinary message in ten would reach it: worth a second opinion, too noisy to act on alone.
  const risks = readings.filter((r) => r.example.level === "none").map((r) => Math.max(r.risk, r.contextRisk)).sort((a, b) => b - a);
  const tenth = risks[Math.floor(risks.length * 0.1)];
  // A topic named yields to a classifier sure the message is ordinary, and under the uncertain band it is: a floor below
  // the band would let "no way i can top myself after last year's science fair" (0.65) override a reading where nine
  // ordinary messages in ten fall, for a crisis or two more on dev.
  // Above the grid's top, the band's own start is the floor: an empty search would return its untuned start.
  const gridFloors = MENTION_FLOORS.filter((floor) => tenth === undefined || floor >= tenth);
  const mentionFloors = gridFloors.length > 0 ? gridFloors : [Math.ceil((tenth as number) * 100) / 100];

  const off = 2;
  let best: ModelThresholds = { crisis: 0.5, concern: 0.5, uncertain: 0.25, lexiconMention: 0, contextCurrent: 0, contextCrisis: off, contextConcern: off };
  let bestTally: Tally | undefined;
  const standalone = readings.filter((r) => r.example.context.length === 0);
  // Lower floors first: a tie keeps the lexicon as strong as it can be.
  for (const lexiconMention of mentionFloors) {
    for (const crisis of [...GRID].reverse()) {
      for (const concern of [...GRID].reverse()) {
        if (concern > crisis) continue;
        const t = { ...best, crisis, concern, lexiconMention, contextCrisis: off, contextConcern: off };
        const result = tally(standalone, t);
        if (allowed(result) && better(result, bestTally)) {
          best = t;
          bestTally = result;
        }
      }
    }
  }
  // The context layer must not turn everyday chat into alarms either: the same limit holds in ordinary sessions.
  // As above, what the message thresholds already flag in those sessions is not the context layer's doing.
  const sessionLimit = Math.max(Math.floor(sessions.length * targets.falsePositiveRate), tally(sessions, best).falsePositives);
  // With the context layer off, the sequence lines' own messages may already spend the budget: the layer may then add no alarm.
  const baseline = tally(readings, best);
  const allowedWithContext = (t: Tally) =>
    t.falsePositives <= Math.max(baseline.falsePositives, Math.floor(none * targets.falsePositiveRate)) &&
    t.trapFalsePositives <= Math.max(baseline.trapFalsePositives, Math.floor(traps * targets.trapFalsePositiveRate)) &&
    t.crisisFalsePositives <= Math.max(baseline.crisisFalsePositives, Math.floor(none * targets.crisisFalsePositiveRate));
  // Only thresholds that catch more than the layer switched off are worth switching it on for.
  let bestContext: Tally = baseline;
  let chosen = best;
  // Where the chosen tally was first reached, and what the chosen thresholds raise in the ordinary sessions.
  let firstReached = best;
  let chosenInSessions: Tally | undefined;
  // Lower floors first: a tie keeps the context layer open to messages with less risk of their own. Searched from the
  // top down, a lower context threshold that ties on dev, on the same floor and no more than 0.05 under where the
  // tally was first reached, is taken when it raises no more crises and no more alarms in the ordinary sessions: dev
  // cannot tell them apart, and the lower one reads a little more of a session that is not dev's. Further down dev and
  // the sessions may both be silent, which is no evidence at all.
  for (const contextCurrent of CONTEXT_FLOORS) {
    for (const contextCrisis of [...GRID].reverse()) {
      for (const contextConcern of [...GRID].reverse()) {
        if (contextConcern > contextCrisis) continue;
        const t = { ...best, contextCurrent, contextCrisis, contextConcern };
        const result = tally(readings, t);
        if (!allowedWithContext(result)) continue;
        const improves = better(result, bestContext);
        const ties =
          !improves &&
          chosen !== best &&
          sameTally(result, bestContext) &&
          contextCurrent === chosen.contextCurrent &&
          hundredths(contextCrisis) >= hundredths(firstReached.contextCrisis) - TIE_STEP_HUNDREDTHS &&
          hundredths(contextConcern) >= hundredths(firstReached.contextConcern) - TIE_STEP_HUNDREDTHS;
        if (!improves && !ties) continue;
        const inSessions = tally(sessions, t);
        if (inSessions.falsePositives > sessionLimit) continue;
        if (ties && chosenInSessions !== undefined && (inSessions.crisisFalsePositives > chosenInSessions.crisisFalsePositives || inSessions.falsePositives > chosenInSessions.falsePositives)) continue;
        if (improves) firstReached = t;
        chosen = t;
        bestContext = result;
        chosenInSessions = inSessions;
      }
    }
  }
  return { ...chosen, uncertain: Math.min(chosen.concern, Number(Math.max(0.02, tenth ?? chosen.concern / 2).toFixed(3))) };
}

export interface BuiltModel {
  file: ModelFile;
  classifier: ScreeningClassifier;
  devReadings: ExampleReading[];
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The lexicon concept-term swaps draw from when the augmentation asks for them: the features' own terms, by language. */
export function swapLexiconFor(augment: AugmentOptions, config: FeatureConfig): ConceptSwapLexicon | undefined {
  if ((augment.conceptSwaps ?? 0) === 0) return undefined;
  if (config.concepts === undefined) throw new Error("conceptSwaps swaps concept terms: the feature config has no concepts");
  return { features: config.concepts, byLanguage: readConceptTermsByLanguage() };
}

/** Trains on `train`, tunes on `dev`, and returns the model file exactly as it would be written. */
export function buildModel(
  train: readonly LabelledExample[],
  dev: readonly LabelledExample[],
  provenance: Omit<ModelProvenance, "seed" | "epochs" | "learningRate" | "l2" | "trainingExamples" | "minCount" | "augmentation">,
  options: TrainingOptions = DEFAULT_TRAINING,
  config: FeatureConfig = shippedFeatureConfig(train),
  tuning: TuningTargets = DEFAULT_TUNING,
  augment: AugmentOptions = DEFAULT_AUGMENT,
): BuiltModel {
  const variants = augmentExamples(train, augment, swapLexiconFor(augment, config));
  const weights = trainClassifier(toTrainingExamples([...train, ...variants], config), options, config.lengthPadding);
  const fullProvenance: ModelProvenance = {
    ...provenance,
    seed: options.seed,
    epochs: options.epochs,
    learningRate: options.learningRate,
    l2: options.l2,
    minCount: options.minCount ?? 1,
    augmentation: { ...augment, examples: variants.length },
    trainingExamples: train.length,
  };
  const untuned = toModelFile(weights, config, { crisis: 0.5, concern: 0.5, uncertain: 0.25, lexiconMention: 0, contextCurrent: 0, contextCrisis: 0.5, contextConcern: 0.5 }, fullProvenance);
  const probe = new ScreeningClassifier(untuned);
  const devReadings = dev.map((example) => readExample(probe, example));
  const sessionReadings = ordinarySessions(dev).map((example) => readExample(probe, example));
  const thresholds = tuneThresholds(devReadings, tuning, sessionReadings);
  const file = toModelFile(weights, config, thresholds, fullProvenance);
  return { file, classifier: new ScreeningClassifier(file), devReadings };
}
