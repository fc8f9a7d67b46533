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

/**
 * An activity is what is done, whoever with and in whatever form of its verb: the group it is done in goes ("the
 * wrestling team" is wrestling, "my dnd group" dnd, "equipo de hockey" hockey) unless the listed name holds it ("key
 * club", "youth group"); an unlisted leading verb is reduced to the stem its forms share, as a habit's is ("babysit"
 * and "babysitting", "work at" and "working at"), or to the listed activity its gerund is ("knit" is knitting).
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
  const stem = verbStem(first);
  return [...(listedGerundsOf().get(stem) ?? stem).split(" "), ...tail];
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
 * Words before a habit's verb that only say it is done, or done often: "do yoga every morning" is "yoga every morning",
 * "always end up on tiktok" is "end up on tiktok".
 */
const HABIT_LEADS = new Set(["do", "does", "did", "always"]);
/** One verb spelt two ways, by its stem: "practise" (British) is "practice". */
const VERB_SPELLINGS = new Map([["practis", "practic"]]);
/** Words inside a habit that say no more: "every single day" is every day, "when i'm stressed" is when stressed. */
const HABIT_EMPHASES = new Set(["single", "im"]);

/**
 * A habit without the words teens add or leave out at will (HABIT_LEADS, HABIT_EMPHASES). The word a lead stood before
 * then comes first, and is stemmed as a first word is: "do hill sprints" is "hill sprints", "doing all the milking" "milking".
 */
function habitAtWill(words: string[]): string[] {
  let leads = 0;
  while (leads < words.length - 1 && HABIT_LEADS.has(words[leads] ?? "")) leads += 1;
  // "do all the cooking" is the cooking done.
  if (leads > 0 && leads < words.length - 1 && words[leads] === "all") leads += 1;
  const [first, ...tail] = words.slice(leads).filter((word, index) => index === 0 || !HABIT_EMPHASES.has(word));
  if (first === undefined) return words;
  const verb = leads > 0 ? verbStem(first) : first;
  return [VERB_SPELLINGS.get(verb) ?? verb, ...tail];
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
