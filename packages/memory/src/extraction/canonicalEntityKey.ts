// Entity resolution by name: the slug a graph vertex id is built from (`<label>:<userId>:<slug>`).
//
// Two mentions of one thing must give one slug, or the graph grows a duplicate vertex each session:
// case, "my"/"our"/"the", possessives, plurals and synonyms ("mum" = "mom", "chem" = "chemistry",
// "swim practice" = "swimming") all fold here. It is a pure function of (type, name), so the
// offline extractor, the LLM extractor and the merge planner agree without sharing state. What it
// cannot know from a name alone (that "Jordan" is the "Jordan Lee" of last week) is resolveEntities' job.
import type { EntityType } from "../graph/model.js";
import { ACTIVITIES, CLASS_ONLY_SUBJECTS, EVENTS, FEELINGS, INTEREST_TOPICS, PLACES, SUBJECTS } from "./lexicon.js";
import { personRole } from "./personRoles.js";
import { SPANISH_VERB_FORMS } from "./spanishVerbs.js";

/**
 * Words that only point at a thing: "my mom", "the test", "our team" name the same vertex as "mom".
 * "her"/"his"/"their" are kept: "her mom" is somebody else's mother, not the user's.
 */
const LEADING_DETERMINERS = new Set(["my", "our", "the", "a", "an", "this", "that", "these", "those", "some"]);
/** Suffixes that name the practice of a thing rather than another thing: "swim practice" is swimming. */
const ACTIVITY_SUFFIXES = new Set(["practice", "practices", "lessons", "lesson"]);
const TOPIC_SUFFIXES = new Set(["class", "classes", "course", "homework", "hw"]);
/** Plural-looking words that are singular (or whose plural is the name): never cut their "s". */
const KEEP_S = /(?:ss|us|is|ics|ous|news|series|species|sat|psat)$/;
/** Types whose names are common nouns, so "tryouts" and "tryout", "video games" and "video game" are one. */
const SINGULARISED: ReadonlySet<EntityType> = new Set(["Event", "Activity", "Thing", "Topic"]);

export function canonicalEntityKey(type: EntityType, name: string): string {
  const worded = wordedEntityKey(type, name);
  if (type === "Activity") return slug(activityAtWill(worded.split("-"))) || worded;
  if (type === "Habit") return slug(habitAtWill(worded.split("-"))) || worded;
  return worded;
}

/**
 * The key of a name as its writer worded it: canonicalEntityKey before it folds the words writers name or leave out at
 * will ("the wrestling team" or "wrestling", "do yoga every single morning" or "yoga every morning"). The span tagger
 * is trained on the span whose worded key is the label's, so it learns to take the words as they were labelled.
 */
export function wordedEntityKey(type: EntityType, name: string): string {
  let words = tokens(name);
  words = dropLeadingDeterminers(words);
  if (words.length === 0) return slug(tokens(name)) || "unnamed";

  switch (type) {
    case "Person":
      words = personWords(words);
      break;
    case "Topic":
      words = topicWords(words);
      break;
    case "Activity":
      words = activityWords(words);
      break;
    case "Event": {
      // Whole phrase first ("try outs" is tryouts), then word by word ("chem test" is the chemistry test).
      const whole = EVENTS.get(words.join(" "));
      words = (whole ? [whole] : words.map((word) => EVENTS.get(word) ?? SUBJECTS.get(word) ?? word)).flatMap((word) => word.split(" "));
      break;
    }
    case "Feeling":
      words = feelingWords(words);
      break;
    case "Place":
      words = placeWords(words);
      break;
    case "Habit":
      words = habitWords(words);
      break;
    default:
      // Goals, habits, values and things are phrases: only "the" inside them is noise ("make the team").
      words = words.filter((word, index) => word !== "the" || index === 0);
  }
  if (SINGULARISED.has(type)) words = singulariseLast(words);
  return slug(words) || slug(tokens(name)) || "unnamed";
}

function tokens(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/&/g, " and ")
    // A trailing possessive names the owner ("Jordan's" is Jordan); inner apostrophes just go ("doctor's office").
    .replace(/'s\b|s'(?=\s|$)/g, (match) => (match === "s'" ? "s" : ""))
    .replace(/'/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function dropLeadingDeterminers(words: string[]): string[] {
  let start = 0;
  while (start < words.length - 1 && LEADING_DETERMINERS.has(words[start] ?? "")) start += 1;
  return words.slice(start);
}

function personWords(words: string[]): string[] {
  const role = personRole(words.join(" "));
  if (role) return role.name.split(" ");
  // Plural roles ("my sisters") fold to the singular role; names are never touched ("Chris", "Marcus").
  const singular = personRole(words.join(" ").replace(/s$/, ""));
  if (singular && singular.name !== "parents") return singular.name.split(" ");
  return words;
}

function topicWords(words: string[]): string[] {
  let rest = words;
  while (rest.length > 1 && TOPIC_SUFFIXES.has(rest[rest.length - 1] ?? "")) rest = rest.slice(0, -1);
  const whole = SUBJECTS.get(rest.join(" ")) ?? CLASS_ONLY_SUBJECTS.get(rest.join(" ")) ?? INTEREST_TOPICS.get(rest.join(" "));
  if (whole) return whole.split(" ");
  return rest.map((word) => SUBJECTS.get(word) ?? CLASS_ONLY_SUBJECTS.get(word) ?? word).flatMap((word) => word.split(" "));
}

function activityWords(words: string[]): string[] {
  let rest = words;
  while (rest.length > 1 && ACTIVITY_SUFFIXES.has(rest[rest.length - 1] ?? "")) rest = rest.slice(0, -1);
  const whole = ACTIVITIES.get(rest.join(" "));
  if (whole) return whole.split(" ");
  // Team names keep their words but fold each one: "swim team" is the "swimming team".
  return rest.map((word) => ACTIVITIES.get(word) ?? word).flatMap((word) => word.split(" "));
}

/** Groups one does an activity with: "the wrestling team", "robotics club", "my dnd group" are the activity itself. */
const ACTIVITY_GROUPS = new Set(["team", "club", "squad", "crew", "group", "troupe"]);
/** The same groups named first, in Spanish: "equipo de hockey", "club de teatro". */
const SPANISH_ACTIVITY_GROUPS = new Set(["equipo", "club", "grupo"]);
let listedActivityKeys: ReadonlySet<string> | undefined;
/** The worded keys of the listed activities, which keep every word: "marching band" is no "march band". */
const listedActivityKeysOf = () => (listedActivityKeys ??= new Set([...ACTIVITIES.values()].map((name) => wordedEntityKey("Activity", name))));
let listedGerunds: ReadonlyMap<string, string> | undefined;
/** Listed activities of one "-ing" word, by their verb's stem: "knit" finds knitting, "write" writing. */
const listedGerundsOf = () =>
  (listedGerunds ??= new Map([...new Set(ACTIVITIES.values())].filter((name) => /^\p{L}+ing$/u.test(name)).map((name) => [verbStem(name), name])));

/** Nouns for a job that name the same doing as its verb: "my job at wendy's" is working at wendy's. */
const JOB_NOUNS = new Map([["job", "work"], ["jobs", "work"]]);
/** Words after "job" that say where or for whom it is held. */
const JOB_PLACES = new Set(["at", "in", "with", "for"]);
/** Words inside an activity led by a verb that only point: "work at the chippy", "work at my uncle's shop", "trabajar en la tienda". */
const ACTIVITY_DETERMINERS = new Set(["the", "my", "our", "a", "an", "el", "la", "los", "las", "mi", "mis"]);

/**
 * An activity is what is done, whoever with and in whatever form of its verb: the group it is done in goes ("the
 * wrestling team" is wrestling, "my dnd group" dnd, "equipo de hockey" hockey) unless the listed name holds it ("key
 * club", "youth group"); an unlisted leading verb is reduced to the stem its forms share, as a habit's is ("babysit"
 * and "babysitting", "work at" and "working at"), or to the listed activity its gerund is ("knit" is knitting). A job
 * is its work ("my job at wendy's" is "work at wendy's"), a Spanish verb's form its infinitive ("trabajo en" is
 * "trabajar en"), and the words after an unlisted verb lose "the", "my" and articles ("work at the chippy").
 */
function activityAtWill(words: string[]): string[] {
  let rest = words;
  while (rest.length > 2 && SPANISH_ACTIVITY_GROUPS.has(rest[0] ?? "") && /^(?:de|del)$/.test(rest[1] ?? "")) rest = rest.slice(2);
  while (rest.length > 1 && ACTIVITY_GROUPS.has(rest[rest.length - 1] ?? "") && !listedActivityKeysOf().has(slug(rest))) rest = rest.slice(0, -1);
  const listed = ACTIVITIES.get(rest.join(" "));
  if (listed) return singulariseLast(listed.split(" "));
  if (listedActivityKeysOf().has(slug(rest))) return rest;
  const [first, ...tail] = rest;
  if (first === undefined || ACTIVITIES.has(first)) return rest;
  // "job at wendy's" is work there; "job hunting" and "job interview" are no job held.
  const job = JOB_PLACES.has(tail[0] ?? "") ? JOB_NOUNS.get(first) : undefined;
  const verb = job ?? SPANISH_VERB_FORMS.get(first) ?? first;
  const stem = verbStem(verb);
  return [...(listedGerundsOf().get(stem) ?? stem).split(" "), ...tail.filter((word) => !ACTIVITY_DETERMINERS.has(word))];
}

function feelingWords(words: string[]): string[] {
  const rest = words.filter((word) => !["so", "really", "very", "kinda", "kind", "of", "super", "feeling", "feel"].includes(word));
  const phrase = rest.join(" ");
  return (FEELINGS.get(phrase) ?? phrase).split(" ");
}

/** Spellings of one word in a habit's schedule: "til 2am", "till 2am" and "until 2am" are one. */
const HABIT_SYNONYMS = new Map([["til", "until"], ["till", "until"], ["w", "with"], ["nite", "night"], ["nites", "nights"], ["b4", "before"], ["hrs", "hours"], ["hr", "hour"], ["mins", "minutes"]]);
/** Hedges inside a habit that do not change what is done: "til like 2am", "literally every day". */
const HABIT_FILLERS = new Set(["like", "literally", "basically", "lowkey", "just", "the"]);

/**
 * Words before a habit's verb that only say it is done, or done often, or that the teen cannot help it: "do yoga" is
 * yoga, "always skip breakfast" skipping breakfast, "keep checking", "can't stop checking" and "end up checking" my
 * screen time are checking it, and "go to mass" is mass. A name cut to start at its phrase ("at armenian school every
 * saturday") is named by what follows "at" or "to". Each lead is a run of whole words.
 */
const HABIT_LEADS: readonly (readonly string[])[] = [
  ["tend", "to"], ["go", "to"], ["do"], ["does"], ["did"], ["always"], ["usually"], ["normally"], ["still"], ["constantly"], ["often"], ["sometimes"], ["at"], ["to"],
];
/** Leads that are verbs of their own unless a gerund follows: "keep checking" is checking, "keep my room clean" is not. */
const HABIT_GERUND_LEADS: readonly (readonly string[])[] = [["cant", "stop"], ["cannot", "stop"], ["can", "not", "stop"], ["keep", "on"], ["keep"], ["end", "up"]];
/** Words after "go" that say where or how one goes, not a second verb. */
const GO_WHERE = new Set(["to", "for", "on", "out", "back", "home", "over", "up", "down", "in", "into", "there", "outside", "away", "around", "through", "off", "with", "by", "straight", "and", "so", "too", "crazy", "hard"]);
/** Object pronouns a Spanish verb's form is told after ("le ayudo", "la ponemos"): the verb is the habit's first word. */
const SPANISH_CLITICS = new Set(["me", "te", "le", "les", "lo", "la", "los", "nos", "se"]);
/** One verb spelt two ways, by its stem: "practise" (British) is "practice". */
const VERB_SPELLINGS = new Map([["practis", "practic"]]);
/** Words inside a habit that say no more: "every single day" is every day, "when i'm stressed" is when stressed. */
const HABIT_EMPHASES = new Set(["single", "im"]);

/**
 * Words that open a clause saying when or why a habit happens, to the end of the name: "bite my nails when stressed",
 * "during tests", "before bed", "until 2am", "every time my parents fight", "cuando llueve", "después de la escuela".
 */
const HABIT_WHEN_CLAUSES: readonly (readonly string[])[] = [
  ["when"], ["whenever"], ["while"], ["until"], ["before"], ["after"], ["during"], ["because"], ["cuz"], ["instead"], ["every", "time"],
  ["each", "time"], ["everytime"], ["anytime"], ["cuando"], ["mientras"], ["hasta"], ["despues"], ["antes"], ["desde"], ["porque"], ["cada", "vez"],
];
/** Verbs whose particle "after" belongs to them, so opens no clause: "look after my brother" is not "look". */
const AFTER_PARTICLE_VERBS = new Set(["look", "take", "clean", "run", "chase"]);

/** Words for a stretch of time a habit recurs in, singular or plural: "nights", "sundays", "mañanas", "fines" (de semana). */
const HABIT_TIME_UNIT =
  /^(?:(?:day|night|nite|morning|evening|afternoon|week|weekend|weekday|weeknight|month|year|summer|winter|spring|fall|autumn|hour|hr|minute|min|sunday|monday|tuesday|wednesday|thursday|friday|saturday|january|february|march|april|may|june|july|august|september|october|november|december|dia|noche|manana|tarde|semana|finde|domingo|sabado|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)s?|times|fin|fines|mes|meses|lunes|martes|miercoles|jueves|viernes)$/;
/** Clock times and the times of day told with "at": "at 6", "at 5am", "at night", "a las 8". */
const HABIT_CLOCK_TIME = /^(?:\d{1,2}(?:am|pm|ish)?|\d{3,4}|noon|midnight|night|lunch|dawn|dusk|recess|lunchtime|bedtime)$/;
/** Words a clock time is told after. */
const HABIT_CLOCK_OPENERS = new Set(["at", "until", "a", "hasta", "around", "by"]);
/** Numbers of times or hours: "two hours a day", "3x a week", "twice a week", "for an hour". */
const HABIT_COUNT = /^(?:\d+x?|an?|one|two|three|four|five|six|seven|eight|nine|ten|once|twice|couple|few|several|x)$/;
/** Words that open a phrase of when or how often, when a time word follows: "every other friday", "on school nights", "most mornings", "todos los días", "cada semana". */
const HABIT_SCHEDULE_OPENERS = new Set(["every", "each", "on", "most", "some", "all", "both", "this", "per", "in", "for", "todos", "todas", "cada", "los", "las", "por", "en", "entre"]);
/** Words that may stand between a schedule's opener and its time words: "every other", "on school nights", "on tuesdays and thursdays", "fines de semana". */
const HABIT_SCHEDULE_INNER = new Set(["other", "single", "school", "and", "or", "y", "o", "a", "an", "per", "every", "the", "la", "las", "los", "el", "de", "of"]);
/** Adverbs of how often or how much, wherever they stand: "play balatro nonstop", "at least", "way too much". */
const HABIT_HOW_OFTEN: readonly (readonly string[])[] = [
  ["way", "too", "much"], ["too", "much"], ["so", "much"], ["a", "lot"], ["at", "least"], ["at", "most"], ["all", "time"], ["pretty", "much"],
  ["nonstop"], ["daily"], ["nightly"], ["weekly"], ["monthly"], ["everyday"], ["always"], ["usually"], ["often"], ["sometimes"], ["constantly"],
  ["religiously"], ["regularly"], ["again"], ["straight"], ["siempre"],
];
/** Words that only point at what is done: "check my screen time" is "check screen time", "get a coffee" "get coffee". */
const HABIT_DETERMINERS = new Set(["my", "our", "a", "an", "mi", "mis", "el", "la", "los", "las", "un", "una"]);

const startsWith = (words: readonly string[], at: number, phrase: readonly string[]) => phrase.every((word, index) => words[at + index] === word);

/**
 * A habit is what is done, not when, how often, how helplessly, where or with whom: "go to mass on sundays" and "go to
 * mass at 8 with my abuela" are one habit, as are "bite my nails" and "can't stop biting my nails when stressed". So the
 * key keeps the doing (the verb, in the stem its forms share, and what it is done to) and leaves out, in this order:
 * - the words before the verb that say it is done often or helplessly (HABIT_LEADS, HABIT_GERUND_LEADS): "do",
 *   "always", "keep", "can't stop", "end up", "go to", "go"; a Spanish verb's form is its infinitive ("hago", "hacemos"
 *   and "hacer" are one);
 * - a clause of when or why, to the end (HABIT_WHEN_CLAUSES): "when stressed", "before school", "every time they fight";
 * - phrases of schedule and frequency wherever they stand (scheduleLength): "every day", "on sundays", "most mornings",
 *   "at 6am", "until 2am", "two hours a day", "todos los sábados", "a las 5"; adverbs of how often or how much
 *   (HABIT_HOW_OFTEN): "nonstop", "at least", "way too much";
 * - where, with whom or on what it is done, once the verb has what it is done to (withoutAdjuncts): "in the basement",
 *   "with my dad", "on duolingo";
 * - "my", "our" and articles: "check my screen time" is "check screen time". "His" and "her" stay: her meds are not mine.
 * Counted on train's 1625 labelled habits: 1131 carry a schedule, 420 a "my" or an article, 412 a clause of when, 350 a
 * lead and 289 a phrase of where or with whom after the object; of 60 of those phrases read, about six in seven said
 * where or with whom, not what is done ("put my phone in the kitchen" is one that does: COMPLEMENT_VERBS keep theirs).
 * What is left is the doing; were nothing left, the name is kept whole. The worded key keeps it all, so the span tagger
 * still learns the spans as they were labelled.
 */
function habitAtWill(words: string[]): string[] {
  const doing = habitDoing(words);
  return doing.length > 0 ? doing : words;
}

function habitDoing(words: readonly string[]): string[] {
  let start = 0;
  let leads = 0;
  let lastLead = "";
  for (let lead = leadAt(words, start); lead > 0 && start + lead < words.length; lead = leadAt(words, start)) {
    lastLead = words[start] ?? "";
    start += lead;
    leads += 1;
  }
  // "do all the cooking" is the cooking done.
  if (leads > 0 && start < words.length - 1 && words[start] === "all") start += 1;
  // "do my makeup" is makeup, "do a puzzle" a puzzle.
  while (leads > 0 && start < words.length - 1 && HABIT_DETERMINERS.has(words[start] ?? "")) start += 1;
  if (SPANISH_CLITICS.has(words[start] ?? "") && SPANISH_VERB_FORMS.has(words[start + 1] ?? "")) start += 1;
  const rest = words.slice(start).filter((word, index) => index === 0 || !HABIT_EMPHASES.has(word));
  const [first, ...tail] = rest;
  if (first === undefined) return [];
  const verb = SPANISH_VERB_FORMS.get(first) ?? (leads > 0 ? verbStem(first) : first);
  const doing = [VERB_SPELLINGS.get(verb) ?? verb, ...tail];
  // After "do" what is done comes first ("yoga with my mom"); after "go to" it may be a place or a verb ("go to the gym
  // with my brother", "go to volunteer at the food bank"), so only the company after it is sure to be an adjunct.
  const named = /^(?:do|does|did)$/.test(lastLead) && !/^\p{L}+ing$/u.test(first) ? "object" : lastLead === "go" ? "place or verb" : "verb";
  return withoutDeterminers(withoutAdjuncts(withoutSchedule(upToWhenClause(doing)), named));
}

function leadAt(words: readonly string[], at: number): number {
  const gerundLead = HABIT_GERUND_LEADS.find((lead) => startsWith(words, at, lead) && /\p{L}{2}ing$/u.test(words[at + lead.length] ?? ""));
  const lead = (gerundLead ?? HABIT_LEADS.find((lead) => startsWith(words, at, lead)))?.length ?? 0;
  if (lead > 0) return lead;
  // "go sit in the barn" is sitting there; "go home", "go out", "go for a run" are going.
  return words[at] === "go" && at + 1 < words.length && !GO_WHERE.has(words[at + 1] ?? "") ? 1 : 0;
}

function upToWhenClause(words: readonly string[]): string[] {
  for (let at = 1; at < words.length; at += 1) {
    if (words[at] === "after" && AFTER_PARTICLE_VERBS.has(words[at - 1] ?? "")) continue;
    // "until 3" is a clock time, which withoutSchedule takes out alone: "stay up till 3 watching anime" keeps what is watched.
    if (clockTimeLength(words, at) > 0) continue;
    if (HABIT_WHEN_CLAUSES.some((clause) => startsWith(words, at, clause))) return words.slice(0, at);
  }
  return [...words];
}

/** The words with every schedule phrase (scheduleLength) and adverb of how often taken out, the first word kept. */
function withoutSchedule(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (let at = 0; at < words.length; ) {
    const often = at === 0 ? undefined : HABIT_HOW_OFTEN.find((phrase) => startsWith(words, at, phrase));
    const length = at === 0 ? 0 : (often?.length ?? scheduleLength(words, at));
    if (length > 0) {
      at += length;
      continue;
    }
    kept.push(words[at] as string);
    at += 1;
  }
  return kept;
}

/**
 * How many words from `at` tell when or how often, or 0: an opener ("every", "on", "most", "todos", a count such as
 * "two" or "3x") and the time words after it, through words that join them ("every other friday night", "on tuesdays
 * and thursdays", "two hours a day", "los fines de semana"); or "at"/"a las" and a clock time ("at 6am", "a las 8").
 */
function scheduleLength(words: readonly string[], at: number): number {
  const opener = words[at] ?? "";
  const clock = clockTimeLength(words, at);
  if (clock > 0) return clock;
  // "from 8 to 10": a stretch of the clock.
  if (opener === "from" && HABIT_CLOCK_TIME.test(words[at + 1] ?? "") && words[at + 2] === "to" && HABIT_CLOCK_TIME.test(words[at + 3] ?? "")) return 4;
  if (!HABIT_SCHEDULE_OPENERS.has(opener) && !HABIT_COUNT.test(opener)) return 0;
  let end = 0;
  for (let next = at + 1; next < words.length; next += 1) {
    const word = words[next] ?? "";
    if (HABIT_TIME_UNIT.test(word)) end = next + 1;
    else if (!HABIT_SCHEDULE_INNER.has(word) && !HABIT_COUNT.test(word)) break;
  }
  return end === 0 ? 0 : end - at;
}

/** Prepositions that add to a habit where, with whom or on what it is done: "in the garage", "with my dad", "on duolingo", "con mi abuela". */
const HABIT_ADJUNCT_PREPOSITIONS = new Set(["with", "at", "in", "on", "con", "en", "por"]);
/**
 * Verbs whose phrase after the object is part of what is done, not where or with whom: "help my brother with his
 * homework", "pick fights with my sister", "put my phone in the kitchen", "spend my paycheck on skins". By their stems,
 * as a habit's first word is kept: "leav" is leave, "los" lose, "compar" compare.
 */
const COMPLEMENT_VERBS = new Set(["help", "ayudar", "pick", "deal", "argue", "fight", "mess", "put", "leav", "spend", "wast", "gastar", "los", "compar"]);

/** How many words from `at` are a clock time with the word it is told after ("at 6", "until 2am", "a las 8", "hasta las 2"), or 0. */
function clockTimeLength(words: readonly string[], at: number): number {
  if (!HABIT_CLOCK_OPENERS.has(words[at] ?? "")) return 0;
  const time = /^las?$/.test(words[at + 1] ?? "") ? at + 2 : at + 1;
  return HABIT_CLOCK_TIME.test(words[time] ?? "") ? time + 1 - at : 0;
}

/** Particles that belong to the verb before them: "fall asleep in first period", "stay up on discord" keep their first phrase. */
const VERB_PARTICLES = new Set(["up", "out", "asleep", "off", "down", "back", "away", "over", "around"]);

/**
 * The words without where, with whom or on what the habit is done, once its verb has what it is done to: "practice
 * windmills in the basement", "play fifa with my dad" and "rezar el rosario con mi abuelita por videollamada" are
 * "practice windmills", "play fifa" and "rezar el rosario". A phrase right after the verb is what is done ("work at
 * the taqueria", "sit with my dad", "check on the goats"), and so is one after the object of COMPLEMENT_VERBS. When the
 * name starts at what is done ("mass", after "go to"), a phrase after it is already an adjunct: "mass with my abuela".
 * A verb joined on with "and" starts afresh: "feed the chickens and check on the goats" keeps both.
 */
function withoutAdjuncts(words: readonly string[], named: "object" | "place or verb" | "verb"): string[] {
  let verb = named === "object" ? -1 : VERB_PARTICLES.has(words[1] ?? "") ? 1 : 0;
  for (let at = 1; at < words.length; at += 1) {
    const word = words[at] ?? "";
    const company = at === 1 && named === "place or verb" && (word === "with" || word === "con");
    if (word === "and" || word === "y") verb = at + 1;
    else if (company || (HABIT_ADJUNCT_PREPOSITIONS.has(word) && at >= verb + 2 && !COMPLEMENT_VERBS.has(words[Math.max(verb, 0)] ?? ""))) return words.slice(0, at);
  }
  return [...words];
}

function withoutDeterminers(words: readonly string[]): string[] {
  return words.filter((word, index) => index === 0 || !HABIT_DETERMINERS.has(word));
}

/**
 * A habit is named by what is done, in whatever form the teen told it: "scrolling tiktok", "scroll tiktok" and
 * "i scroll tiktok" are one habit. The leading verb is reduced to a stem both forms share (-ing, a doubled
 * consonant and a final e go: "biting" and "bite" are "bit", "running" and "run" are "run"), not to a dictionary word.
 */
function habitWords(words: string[]): string[] {
  let rest = words[0] === "i" && words.length > 1 ? words.slice(1) : words;
  rest = rest.filter((word, index) => index === 0 || !HABIT_FILLERS.has(word)).map((word) => HABIT_SYNONYMS.get(word) ?? word);
  const [verb, ...tail] = rest;
  return verb === undefined ? rest : [verbStem(verb), ...tail];
}

function verbStem(word: string): string {
  let stem = word;
  // "bring" and "sing" are no gerunds: what is left must still hold a vowel.
  if (stem.length >= 5 && stem.endsWith("ing") && /[aeiouy]/.test(stem.slice(0, -3))) stem = stem.slice(0, -3);
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > 3 && stem.endsWith("e") && !stem.endsWith("ee")) stem = stem.slice(0, -1);
  return stem;
}

function placeWords(words: string[]): string[] {
  const phrase = words.join(" ");
  const known = PLACES.get(phrase);
  if (known) return known.split(" ");
  // "Lincoln High School" and "Lincoln High" are one school.
  if (words.length > 2 && words[words.length - 1] === "school" && ["high", "middle", "elementary"].includes(words[words.length - 2] ?? "")) {
    return words.slice(0, -1);
  }
  return words;
}

function singulariseLast(words: string[]): string[] {
  const last = words[words.length - 1];
  if (last === undefined || last.length <= 3 || KEEP_S.test(last)) return words;
  let singular = last;
  if (/ies$/.test(last)) singular = `${last.slice(0, -3)}y`;
  else if (/(?:ches|shes|xes|sses)$/.test(last)) singular = last.slice(0, -2);
  else if (/s$/.test(last)) singular = last.slice(0, -1);
  return [...words.slice(0, -1), singular];
}

function slug(words: readonly string[]): string {
  return words.join("-").replace(/-+/g, "-").replace(/^-|-$/g, "");
}
