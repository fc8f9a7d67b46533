// Finds goals ("I want to make the varsity soccer team", "my goal is to...", "I'm trying to...") and what each is about.
import type { EntityType } from "../graph/model.js";
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { clauseEnd, matchesOf } from "./textPatterns.js";
import { spansOverlap } from "./spans.js";

const TRIGGERS = [
  /\bi(?:\s+|(?='))(?:really\s+|just\s+|also\s+|kind\s+of\s+|so\s+|totally\s+|still\s+|honestly\s+|lowkey\s+)*(?:want|hope|plan|would\s+love|'d\s+love|would\s+like|'d\s+like)\s+to\s+/g,
  // "plan is to enlist", "goal for break: learn to skate", "quiero ser enfermera".
  /(?:^|[.!?]\s+)(?:the\s+)?(?:plan|goal|dream)\s+(?:is|was)\s+to\s+|\b(?:goal|plan)\s+for\s+\p{L}+:\s*|\bquiero\s+/gu,
  /\bi\s+(?:really\s+)?plan\s+on\s+/g,
  /\bmy\s+(?:main\s+|big\s+|new\s+|biggest\s+|only\s+)?(?:goal|dream|plan|resolution)\s+(?:is|was)\s+(?:to\s+)?/g,
  /\bi(?:'m|\s+am|'ve\s+been|\s+have\s+been)\s+(?:really\s+|still\s+|actually\s+)?trying\s+to\s+/g,
  // "I'm going to try out for the team": a plan with one of these verbs is a goal; "I'm going to bed" is not.
  /\bi(?:'m|\s+am)\s+(?:going\s+to|gonna)\s+(?=(?:try\s+out|audition|apply|run\s+for|sign\s+up|join|start|learn)\b)/g,
  // A teen drops the "I": "wanna get my permit over break", "need to stop procrastinating", "trying to fix my sleep schedule".
  /(?:^|[.!?]\s+|,\s+)(?:(?:really|just|lowkey|so)\s+)*(?:want\s+to|trying\s+to|hoping\s+to|need\s+to)\s+/g,
  /\bi\s+(?:really\s+|still\s+|just\s+|also\s+|seriously\s+|honestly\s+)*(?:need\s+to|got\s+to|have\s+got\s+to)\s+(?=(?:stop|start|get|make|pass|save|finish|learn|fix|cut|lose|raise|bring|figure|find|apply|study)\b)/g,
  /\bmy\s+(?:main\s+|big\s+|new\s+|biggest\s+|only\s+)?(?:goal|dream|plan|resolution)\s+(?:this|for\s+this|for\s+next|next)\s+(?:year|semester|season|summer)\s+(?:is|was)\s+(?:to\s+)?/g,
  /\b(?:i'm|i\s+am)\s+(?:going\s+to|gonna)\s+be\s+the\s+first\s+(?:one\s+)?in\s+my\s+family\s+to\s+/g,
  // "cant wait to have my own car": a wait for something to have or do, not for a show to start.
  /\b(?:can't|cant|cannot)\s+wait\s+(?:to|till\s+i|until\s+i)\s+(?=(?:have|own|get\s+my|move|graduate|drive|finally|be\s+(?:a|an|done|out|free))\b)/g,
  // "i still have to cut 3 pounds", "i have to pass this class": what must be achieved, with the same verbs as "need to".
  /\bi\s+(?:still\s+|really\s+|just\s+|seriously\s+)*(?:have\s+to|gotta)\s+(?=(?:pass|save|finish|cut|lose|raise|bring|get\s+(?:my|a|an|into|off|better|above|under)|make\s+(?:the|varsity|states|it\s+to|all|honor))\b)/g,
  // "i'm determined to", "i'm working toward", "aiming to", "i'll finally beat": an aim told by its effort.
  /\b(?:i'm|i\s+am|im)\s+(?:so\s+|really\s+)?(?:determined|working\s+hard|aiming|set)\s+to\s+|\bi(?:'ll|\s+will)\s+(?:finally\s+|definitely\s+)?(?=(?:make\s+(?:the|varsity|states|it\s+to)|get\s+into|pass|win|beat|break|finish)\b)/g,
];

/**
 * Goals the taggers were never shown as the rules' findings: run after them (applyAfterTaggers), so the taggers read
 * the same rules they were trained on. Each adds a goal only where no goal was found.
 */
const AFTER_TAGGER_TRIGGERS = [
  // "gonna start going to the gym": the plan with its "I" dropped.
  /(?:^|[.!?]\s+|,\s+)(?:going\s+to|gonna)\s+(?=(?:try\s+out|audition|apply|run\s+for|sign\s+up|join|start|learn)\b)/g,
  // "one day i'm opening a salon", "someday i'll live in tokyo": a wish for the far future, told by when.
  /\b(?:one\s+day|someday|some\s+day)\s*,?\s+i(?:'m|\s+am|'ll|\s+will)\s+(?:gonna\s+|going\s+to\s+)?(?!be\s+(?:fine|ok|okay|dead|gone)\b)/g,
  // "i'm a girl who wants to be a vet", "i'm the kind of person that wants to help": the teen's own wish, told of themself.
  /\bi(?:'m|\s+am)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,4}(?:who|that)\s+(?:really\s+)?wants\s+to\s+/gu,
];

/** Not goals: wishes of the moment, conversation, and words the safety screen handles (never stored as a goal). */
const NOT_GOALS = /^(?:(?:i|i'm|im|you|u|it|that|this|make\s+me)(?![\p{L}'])|die|kill|hurt|disappear|cry|scream|sleep|go\s+to\s+(?:bed|sleep)|go\s+home|talk|ask|know|tell|say|see|be\s+alone|throw\s+up|punch|leave|stop(?!\s+\p{L}+ing\b)|quit(?!\s+\p{L}+ing\b)|get\s+out|run\s+away|end\s+it|not\b|do\s+(?:it|that|this)\b|(?:change|do|fix|stop|get|make)\s+(?:it|that|this|them)$)/u;
/** A wish the rules never keep as a goal, whoever found it (the tagger's additions pass the same test). */
export const isNotAGoal = (name: string): boolean => NOT_GOALS.test(name.toLowerCase());
/** Hedges before a goal that are not part of it: "actually finish school", "just pick one place to live". */
const LEADING_HEDGES = /^(?:(?:actually|just|really|finally|also|still|maybe|like|lowkey|seriously|honestly|literally)\s+)+/;
/** Where a goal's own words stop: its reason, its deadline, a second wish ("so i can", "before i turn 16", "and maybe"). */
const GOAL_TAIL = /\s+(?:without|como\s+(?:mi|mis|su|el|la)|(?:right\s+)?before|since|right\s+after|this\s+time|after\s+(?:graduation|high\s+school|school|college|i\s+graduate)|by\s+the\s+time|so\s+(?:i|that|we)|or\s+maybe|somewhere|someday|when\s+i|after\s+i|for\s+(?:dance|real|once|sure|now|good)|over\s+(?:break|the\s+summer|winter\s+break|spring\s+break))\b.*$/;
/** Words that end a goal's phrase: a date ("this year"), filler, or the start of a reason ("so I can"). */
const TRAILING = /\s+(?:so\s+bad(?:ly)?|really\s+bad(?:ly)?|so\s+much|someday|one\s+day|eventually|soon|sometime|anymore|rn|right\s+now|lol|lmao|tbh|ngl|haha|though|too|now|this\s+(?:year|semester|summer|fall|spring|winter|week|month|season)|next\s+(?:year|semester|summer|fall|spring|winter|week|month|season)|by\s+\S+)$/;
/** What a goal can be about: the names, things and doings inside its words. */
const GOAL_ABOUT_TYPES: readonly EntityType[] = ["Activity", "Topic", "Event", "Place", "Person", "Thing"];
const MAX_WORDS = 14;

export function findGoals(found: MessageFindings): void {
  const { text, lower } = found.message;
  for (const trigger of TRIGGERS) addGoalsAfter(found, trigger);
  // "saving up for a new bike", "i'm saving every paycheck for a car": the goal is what the money is for.
  for (const match of matchesOf(SAVING, lower)) {
    const [forStart] = match.indices[1] ?? [0];
    const target = text.slice(forStart, clauseEnd(lower, forStart)).replace(/[^\p{L}\p{N}]+$/u, "");
    if (target.split(/\s+/).length > 6) continue;
    addGoal(found, `save ${/^\s*up\b/.test(lower.slice(match.index + 6, match.index + 10)) ? "up " : ""}${target}`, match.index);
  }
}

/** The goals a trigger opens: from its end to the clause's end, less a comparison, a date, hedges and a tail. */
function addGoalsAfter(found: MessageFindings, trigger: RegExp): void {
  const { text, lower, dates } = found.message;
  for (const match of matchesOf(trigger, lower)) {
    const start = match.index + match[0].length;
    let end = clauseEnd(lower, start);
    // "be a nurse like my aunt": the comparison is who inspired it, not part of the goal.
    const comparison = /\s+like\s+(?:my|his|her|their|a|an|the)\b/.exec(lower.slice(start, end));
    if (comparison && comparison.index > 0) end = start + comparison.index;
    // A date ends the goal: "read 20 books this year" is the goal "read 20 books", due this year.
    // ...unless the date is part of an occasion's name ("the spring musical").
    const date = dates.find((mention) => mention.start >= start && mention.start < end && found.within(mention.start - 1, mention.end + 40, ["Event"]).every((event) => event.start >= mention.end));
    if (date) end = date.start;
    let phrase = text.slice(start, end).trim();
    const hedge = LEADING_HEDGES.exec(phrase.toLowerCase());
    const hedgeLength = hedge ? hedge[0].length : 0;
    phrase = phrase.slice(hedgeLength);
    const phraseStart = start + hedgeLength;
    if (found.entities.some((entity) => entity.type === "Goal" && entity.start <= phraseStart && phraseStart < entity.end)) continue;
    for (const part of partsOf(found, phrase, phraseStart)) addGoal(found, trimGoal(part.text), part.start);
  }
}

/**
 * After the taggers (applyAfterTaggers): the goals of AFTER_TAGGER_TRIGGERS, and the goals listed after any goal found
 * ("get a 1400 on the sat, apply to pitt"). The taggers were trained on the rules without these.
 */
export function addGoalsAfterTaggers(found: MessageFindings): void {
  for (const trigger of AFTER_TAGGER_TRIGGERS) addGoalsAfter(found, trigger);
  for (const goal of found.entities.filter((entity) => entity.type === "Goal")) addListedGoals(found, goal.end);
}

/** Verbs a second goal starts with that compromise may read as nouns ("and study film", "and work at a clinic"). */
const GOAL_VERBS = new Set(["study", "work", "travel", "learn", "visit", "open", "start", "get", "make", "become", "be", "go", "play", "buy", "build", "help", "finish", "win", "move", "live", "teach", "write", "record", "design", "coach", "run", "own"]);

const SAVING = /\bsaving\s+(?:up\s+)?(?:(?:every|my|all\s+my|some)\s+(?:\p{L}+\s+){0,4})?(for\s+(?:a|an|my|the)\s+\p{L}+(?:\s+\p{L}+)?)/gu;

/** Verbs that carry a list of goals on after a comma: "get a 1400 on the sat, apply to pitt, and get out of this town". */
const LISTED_GOAL_VERBS = new Set([...GOAL_VERBS, "apply", "save", "pass", "graduate", "make", "land", "earn", "join", "try", "quit", "lose", "improve"]);
const LISTED_GOAL = /^(,\s+(?:and\s+(?:then\s+|maybe\s+|also\s+)?|then\s+|maybe\s+)?)(\p{L}+)(?=\s+\S)/u;

/**
 * The goals listed after the first, clause by clause: each must open on a bare verb of the list ("apply to pitt"), so
 * "i want to make varsity, my dad says i can" stops at the first.
 */
function addListedGoals(found: MessageFindings, from: number): void {
  const { text, lower } = found.message;
  for (let end = from, listed = 0; listed < 4; listed += 1) {
    const next = LISTED_GOAL.exec(lower.slice(end));
    if (!next || !LISTED_GOAL_VERBS.has(next[2] ?? "")) return;
    const start = end + (next[1]?.length ?? 0);
    end = clauseEnd(lower, start);
    addGoal(found, trimGoal(text.slice(start, end).trim()), start);
  }
}

/**
 * After the taggers: a goal a tagger found keeps its reason, deadline or filler no more than a rule's does ("stop
 * procrastinating for real" is the goal "stop procrastinating"). Only words at its end are cut, so what it holds stays.
 */
export function trimTaggedGoals(found: MessageFindings): void {
  for (const goal of found.entities.filter((entity) => entity.type === "Goal")) {
    const trimmed = trimGoal(goal.name);
    if (trimmed.length === 0 || trimmed === goal.name || !goal.name.startsWith(trimmed)) continue;
    goal.name = trimmed;
    goal.end = goal.start + trimmed.length;
  }
}

/** A goal's own words: without its reason, deadline or filler ("so i can...", "before i turn 16", "lol"). */
function trimGoal(raw: string): string {
  let phrase = raw.replace(GOAL_TAIL, "");
  for (let previous = ""; previous !== phrase; ) {
    previous = phrase;
    phrase = phrase.replace(TRAILING, "").replace(/[^\p{L}\p{N})]+$/u, "").trim();
  }
  return phrase;
}

function addGoal(found: MessageFindings, name: string, start: number): void {
  const end = start + name.length;
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return;
  if (isNotAGoal(name) || found.entities.some((entity) => entity.type === "Goal" && entity.start <= start && start < entity.end)) return;
  const goal = found.add({ type: "Goal", name, start, end, userEdges: [{ type: "supports" }] });
  linkGoalToWhatItHolds(found, goal);
}

/** A goal is about the names, things and doings inside its words, whoever found each (the rules or the tagger). */
export function linkGoalToWhatItHolds(found: MessageFindings, goal: EntityFinding): void {
  for (const subject of found.within(goal.start, goal.end, GOAL_ABOUT_TYPES)) found.link("about", goal, subject);
}

/** The other side of linkGoalToWhatItHolds, for a finding added after the goals: every goal whose words hold it is about it. */
export function linkGoalsHolding(found: MessageFindings, subject: EntityFinding): void {
  if (!GOAL_ABOUT_TYPES.includes(subject.type)) return;
  for (const goal of found.entities) if (goal.type === "Goal" && goal.start <= subject.start && subject.end <= goal.end) found.link("about", goal, subject);
}

/**
 * Two goals in one breath are two: "move to new york and do fashion", "break 17 and maybe get recruited", "have my own
 * car and my own money" (the verb carries over). A split needs a verb or a possessive after "and".
 */
function partsOf(found: MessageFindings, phrase: string, phraseStart: number): { text: string; start: number }[] {
  const split = /\s+and\s+(?:maybe\s+|then\s+|also\s+|eventually\s+)?/giu.exec(phrase);
  if (!split) return [{ text: phrase, start: phraseStart }];
  const restStart = split.index + split[0].length;
  const rest = phrase.slice(restStart);
  const next = found.message.tokens.find((token) => token.start >= phraseStart + restStart);
  const firstWord = phrase.split(/\s+/)[0] ?? "";
  // "come back and work at the clinic": a verb with only its particle is the way to the goal, not a goal of its own.
  const headOnly = /^\p{L}+\s+(?:back|home|out|up|over|down|around|along)$/u.test(phrase.slice(0, split.index));
  if (!headOnly && next && (next.tags.has("Verb") || GOAL_VERBS.has(next.lower)) && !next.tags.has("Gerund") && rest.split(/\s+/).length >= 2) {
    return [{ text: phrase.slice(0, split.index), start: phraseStart }, ...partsOf(found, rest, phraseStart + restStart)];
  }
  if (/^(?:my|a|an)\s/i.test(rest) && /^(?:have|get|buy|own)$/i.test(firstWord)) {
    return [{ text: phrase.slice(0, split.index), start: phraseStart }, { text: `${firstWord} ${rest}`, start: phraseStart + restStart }];
  }
  return [{ text: phrase, start: phraseStart }];
}

/** Words a goal cannot end on: it stopped before the thing it is about ("be a better", "get a job at", "be more patient with"). */
const DANGLING = new Set(["at", "with", "to", "for", "in", "on", "of", "from", "about", "into", "a", "an", "the", "my", "our", "his", "her", "their", "your", "better", "more", "less", "least"]);
/** Words a noun phrase after a dangling goal may hold: "[my little] sister", "[the] mall". */
const PHRASE_TAGS = ["Determiner", "Adjective", "Noun", "ProperNoun", "Possessive", "Value", "Plural"] as const;
/** A pronoun that ends the phrase it is: "hang out with [him]", not the next clause's subject ("…with him he said"). */
const OBJECT_PRONOUNS = new Set(["me", "you", "him", "her", "it", "us", "them"]);
const LONGEST_COMPLETION = 5;
/** Words that start the goal's time or manner, not its object, whatever their tags: "[the mall] over break". */
const PHRASE_ENDS = new Set(["over", "during", "before", "after", "by", "until", "till", "til", "this", "next", "last", "every", "again", "someday", "soon"]);
/** What ends a phrase after a word, as readMessage ends clauses, and a bracket. */
const BOUNDARY = /[.,!?;:\n)(]/;

/** A goal cut right after its verb, with its object still to come: "do more to help" before "him", "finish" before "my ged". */
const endsOnItsVerb = (token: Token | undefined) =>
  token !== undefined && token.tags.has("Verb") && !token.tags.has("Auxiliary") && !token.tags.has("Particle") && !token.tags.has("Gerund");

/**
 * A goal that ends on a preposition, an article, a comparative or its verb stopped short of what it is about: it is
 * carried on through the noun phrase that follows, within the sentence ("be a better big sister", "get a job at the
 * mall", "do more to help him"). One with no such phrase after it stays as it is. Run after the taggers, whose goals
 * are the ones that stop short.
 */
export function completeDanglingGoals(found: MessageFindings): void {
  const { tokens, text, dates } = found.message;
  // A goal rule ends a goal at its date on purpose ("make varsity in january" is the goal "make varsity"): not carried on.
  const isDate = (token: { start: number; end: number; tags: ReadonlySet<string> }) => token.tags.has("Date") || dates.some((date) => spansOverlap(date, token));
  for (const goal of found.entities.filter((entity) => entity.type === "Goal")) {
    let last = tokens.findIndex((token) => token.end === goal.end);
    if (last === -1 || (!DANGLING.has(tokens[last]?.lower ?? "") && !endsOnItsVerb(tokens[last]))) continue;
    let taken = 0;
    let closed = false;
    while (!closed && taken <= LONGEST_COMPLETION) {
      const next = tokens[last + 1];
      const between = text.slice(tokens[last]?.end ?? goal.end, next?.start ?? text.length);
      if (!next || BOUNDARY.test(between) || isDate(next) || next.tags.has("Verb") || next.tags.has("Preposition") || next.tags.has("Conjunction") || PHRASE_ENDS.has(next.lower)) {
        closed = true;
        break;
      }
      const pronoun = OBJECT_PRONOUNS.has(next.lower) && !next.tags.has("Possessive");
      if (!pronoun && (!PHRASE_TAGS.some((tag) => next.tags.has(tag)) || next.tags.has("Pronoun"))) {
        closed = true;
        break;
      }
      last += 1;
      taken += 1;
      closed = pronoun;
    }
    // A phrase that runs on past LONGEST_COMPLETION words is not cut at an arbitrary word: the goal stays as it was.
    if (!closed || taken === 0 || taken > LONGEST_COMPLETION || DANGLING.has(tokens[last]?.lower ?? "")) continue;
    const end = tokens[last]?.end ?? goal.end;
    goal.end = end;
    goal.name = text.slice(goal.start, end);
    // What the goal now holds ("my little sister") is what it is about.
    linkGoalToWhatItHolds(found, goal);
  }
}
