// Finds what the user does: teams and clubs ("varsity soccer team", "robotics club"), sports, instruments and hobbies.
import { POSSESSIONS } from "./gazetteer.js";
import { ACTIVITIES, ACTIVITY_VERBS, FRAMED_ACTIVITIES, TEAM_LEVELS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { canonicalEntityKey } from "./canonicalEntityKey.js";
import { linkGoalsHolding } from "./findGoals.js";
import { endEdge } from "./findRetractions.js";
import { spansOverlap } from "./spans.js";
import { alternation, matchesOf, tokenIndexAt } from "./textPatterns.js";

const LEVEL = `(?:(?:${alternation(TEAM_LEVELS)})\\s+)?`;
/** A team or club by its kind, one word or a listed activity of several ("model un club", "cross country team"). */
const MULTIWORD_ACTIVITIES = [...ACTIVITIES.keys()].filter((name) => name.includes(" "));
const TEAM = new RegExp(`\\b(${LEVEL}(${alternation(MULTIWORD_ACTIVITIES)}|\\p{L}+)\\s+(?:team|club|squad|league))\\b`, "gu");
const LEVELLED_ACTIVITY = new RegExp(`\\b((?:varsity|jv|junior varsity)\\s+(?:${alternation(ACTIVITIES.keys())}))\\b`, "g");
/** "I made the team", "I'm not on the team anymore": the team the user is on, named by context. */
const BARE_TEAM = /\b(?:on|made|make|join|joined|joining|quit|quitting|left|off|from|for)\s+(?:the|my|our)\s+(team|squad)\b/g;
const ACTIVITY = new RegExp(`\\b(${alternation(ACTIVITIES.keys())})\\b`, "g");

/** Words before "team"/"club" that say whose or which, not what: "the whole team", "my old club". */
const NOT_A_TEAM_KIND = new Set([
  "the", "a", "an", "my", "our", "your", "his", "her", "their", "whole", "entire", "same", "new", "old", "other", "this", "that", "every",
  "own", "good", "bad", "best", "worst", "favorite", "fav", "favourite", "sports", "rival", "opposing", "other", "dream", "on", "of", "in", "to",
]);
/** Words right before an activity that say the user does it: "play soccer", "quit dance", "into anime". */
const FRAMES = new Set([
  "play", "plays", "playing", "played", "do", "does", "doing", "did", "practice", "practices", "practicing", "practiced", "quit", "quitting",
  "stopped", "stop", "love", "loves", "like", "likes", "into", "started", "start", "starting", "joined", "join", "joining", "learn", "learning",
  "learned", "took", "taking", "take", "try", "trying", "tried", "go", "went", "going", "in", "for", "up", "been", "enjoy", "enjoys", "miss",
]);
const PLAYED = /\b(?:i|we|i've|we've|me\s+and\s+\p{L}+|been)\s+(?:still\s+|also\s+|used\s+to\s+|started\s+)?(?:play|plays|playing|played)\s+(?:the\s+)?(\p{L}+)\b/gu;
/** What is played that is no activity: "play it cool", "play with", "play outside". */
const NOT_PLAYED = new Set(["it", "with", "outside", "games", "game", "together", "around", "for", "on", "at", "in", "against", "again", "too", "a", "some", "music", "dumb", "favorites", "along", "every", "all"]);
/**
 * A club by its acronym or its name, met with: "GSA meeting", "the FFA meetings", "queer student union meetings",
 * "black student alliance". The meeting may be an Event too; the club is what the user belongs to.
 */
const CLUB_ACRONYM = /(?<![\p{L}\p{N}])(\p{Lu}{2,5})\s+(?:meeting|meetings|club|practice|rehearsal|conference|competition|fundraiser|officer|officers)\b/gu;
const NAMED_GROUP = /\b((?:\p{L}+\s+){1,2}(?:union|alliance|council|society|association|collective|ministry))\b/gu;
/** A group is the user's when they are in it or go to it: "joined the black student alliance", "the queer student union meetings". */
const IN_GROUP_BEFORE = /\b(?:join|joined|joining|in|member\s+of|part\s+of|president\s+of|officer\s+(?:in|of)|at|go\s+to|went\s+to)\s+(?:the\s+|our\s+|my\s+school'?s\s+)?$/;
const IN_GROUP_AFTER = /^\s+(?:meeting|meetings|club|event|events|practice|fundraiser)\b/;
/** Acronyms before "meeting" that are no club of the user's: a school plan, the parents', a test, an office. */
const NOT_CLUBS = new Set(["IEP", "PTA", "PTO", "ACT", "SAT", "PSAT", "AP", "IB", "ER", "ICU", "DMV", "CPS", "FBI", "HR", "ADHD", "OCD", "PE", "CEO", "IRL", "LOL", "OMG", "TBH", "NGL"]);
/** Words a group's name does not start with: "the union", "our student council", "a whole society". */
const NOT_GROUP_START = new Set(["the", "a", "an", "my", "our", "his", "her", "their", "whole", "at", "in", "to", "of", "for", "and", "with", "this", "that", "is", "on", "i"]);
/** "run for student council", "running for class president": an office sought, not running. */
const RUNNING_FOR = /^\s+for\s+(?:student|class|school|president|vice|treasurer|secretary|office|homecoming|prom|council|stuco)/;
const FOLLOWING_FRAMES = new Set(["practice", "lessons", "lesson", "class", "camp", "meet", "tournament", "season", "kids", "stuff", "gear", "supplies", "friends", "crew", "group", "club", "business", "shop", "page", "account", "projects", "project"]);
/** Routines rather than pursuits: inside a habit ("been running every morning", "journaling every night") the habit says it all. */
const ROUTINES = new Set(["running", "lifting", "journaling", "reading", "walking", "writing", "cooking", "baking", "meditation", "studying"]);
/** Whether an activity is a routine, which a habit holding it says all of. */
export const isRoutine = (name: string) => ROUTINES.has(ACTIVITIES.get(name.toLowerCase()) ?? name.toLowerCase());

export function findActivities(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, tokens } = message;
  // A habit's verb is also the pursuit it practises ("i swim at 5am every day" is a habit and swimming), unless it is a routine (ROUTINES).
  const takenBesidesHabits = (start: number, end: number) => found.entities.some((entity) => entity.type !== "Habit" && spansOverlap(entity, { start, end }));
  const add = (start: number, end: number, name: string) => {
    if (takenBesidesHabits(start, end)) return;
    if (isRoutine(name) && found.entities.some((entity) => entity.type === "Habit" && spansOverlap(entity, { start, end }))) return;
    found.add({ type: "Activity", name, start, end, userEdges: [{ type: "involves" }] });
  };

  for (const match of matchesOf(TEAM, lower)) {
    const kind = match[2] ?? "";
    const [start, end] = match.indices[1] ?? [0, 0];
    if (NOT_A_TEAM_KIND.has(kind) || /['’]s$/.test(kind)) continue;
    const kindToken = tokens[tokenIndexAt(message, match.indices[2]?.[0] ?? start)];
    if (kindToken?.tags.has("Person") || kindToken?.tags.has("Pronoun")) continue;
    add(start, end, text.slice(start, end));
  }
  for (const match of matchesOf(LEVELLED_ACTIVITY, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    add(start, end, text.slice(start, end));
  }
  for (const match of matchesOf(BARE_TEAM, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    add(start, end, text.slice(start, end));
  }

  // "i play the cello", "we play lacrosse": what is played is an activity even when no list names it; a game or app
  // was found as a Thing before, and people are played with, not played.
  for (const match of matchesOf(PLAYED, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    const token = tokens[tokenIndexAt(message, start)];
    if (!token || !token.tags.has("Noun") || ["Person", "Pronoun", "Determiner", "Date", "Value", "Possessive", "Adjective"].some((tag) => token.tags.has(tag))) continue;
    // "we play Central tonight": a capitalised name is the other team.
    if (NOT_PLAYED.has(match[1] ?? "") || /^\p{Lu}/u.test(token.text)) continue;
    add(start, end, text.slice(start, end));
  }

  for (const match of matchesOf(CLUB_ACRONYM, text)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (NOT_CLUBS.has(match[1] ?? "")) continue;
    // The acronym may already be inside the meeting's Event ("GSA meeting"); the club is found as well.
    if (!found.entities.some((entity) => entity.type === "Activity" && spansOverlap(entity, { start, end })) && !found.entities.some((entity) => entity.type !== "Event" && entity.type !== "Habit" && spansOverlap(entity, { start, end }))) {
      found.add({ type: "Activity", name: text.slice(start, end), start, end, userEdges: [{ type: "involves" }] });
    }
  }
  for (const match of matchesOf(NAMED_GROUP, lower)) {
    const [matchStart, end] = match.indices[1] ?? [0, 0];
    let start = matchStart;
    const words = lower.slice(start, end).split(/\s+/);
    while (words.length > 1 && NOT_GROUP_START.has(words[0] ?? "")) start += (words.shift() ?? "").length + 1;
    while (/\s/.test(lower[start] ?? "")) start += 1;
    if (words.length < 2) continue;
    // "the european union", "my mom is on the city council": a group somebody is on is not the user's activity.
    if (!IN_GROUP_BEFORE.test(lower.slice(Math.max(0, start - 30), start)) && !IN_GROUP_AFTER.test(lower.slice(end))) continue;
    if (/\b(?:city|county|town|european|soviet|credit|trade|labor|labour|student\s+loan)\s/.test(lower.slice(start, end))) continue;
    add(start, end, text.slice(start, end));
  }

  for (const match of matchesOf(ACTIVITY, lower)) {
    const start = match.index;
    const end = start + match[0].length;
    const surface = match[0].replace(/\s+/g, " ");
    const index = tokenIndexAt(message, start);
    if (/^run/.test(surface) && RUNNING_FOR.test(lower.slice(end))) continue;
    // "my violin was my great grandma's": an instrument owned is the Thing; one played is the activity.
    if (POSSESSIONS.includes(surface) && /^(?:my|his|her|our|their)$/.test(tokens[index - 1]?.lower ?? "") && !/^play/.test(tokens[index - 2]?.lower ?? "")) continue;
    const isVerbForm = ACTIVITY_VERBS.has(surface);
    const canonical = ACTIVITIES.get(surface) ?? surface;
    if ((FRAMED_ACTIVITIES.has(canonical) || isVerbForm) && !isFramedActivity(tokens, index, end, isVerbForm)) continue;
    // "I draw at night" names drawing; "soccer" and "video games" are named as said.
    add(start, end, isVerbForm ? canonical : text.slice(start, end));
  }
}

export function isFramedActivity(tokens: readonly Token[], index: number, end: number, isVerbForm: boolean): boolean {
  const previous = tokens[index - 1]?.lower;
  const beforePrevious = tokens[index - 2]?.lower;
  const next = tokens.find((token) => token.start >= end)?.lower;
  if (next && FOLLOWING_FRAMES.has(next)) return true;
  if (previous === undefined) return false;
  if (previous === "with") return beforePrevious === "done" || beforePrevious === "obsessed";
  if (previous === "at") return ["better", "good", "bad", "great", "best", "worse", "amazing", "terrible", "decent"].includes(beforePrevious ?? "");
  // "I draw", "I've been swimming": the verb itself says the user does it.
  if (isVerbForm && (previous === "i" || previous === "been" || previous === "we" || previous === "to")) return true;
  return FRAMES.has(previous);
}

/**
 * Occasions one takes part in, not watches or visits: "soccer practice" says the user plays, "the football game", "the
 * anime expo" and "the bake sale" do not.
 */
const TAKING_PART = new Set(["practice", "practices", "rehearsal", "rehearsals", "tryouts", "tryout", "comp", "comps", "competition", "competitions", "meet", "meets", "tournament", "tournaments", "recital", "recitals", "concert", "concerts", "trip", "camp", "banquet", "season", "nationals", "regionals", "sectionals", "state", "showcase", "audition", "auditions", "lessons", "lesson", "class", "performance"]);

/** Listed activities, longest first, so "marching band trip" names marching band rather than band. */
const ACTIVITIES_LONGEST_FIRST = [...ACTIVITIES.keys()].sort((a, b) => b.length - a.length);

/**
 * An occasion named by its activity holds it: "choir rehearsal", "the band trip", "cheer comp sunday", "softball
 * tryouts". The event is the occasion; the activity is what the user does, found beside it, unless the occasion is
 * somebody else's ("my brother's soccer game", "my cousin has a basketball tournament") or, for an activity the rules
 * only take when something says the user does it (FRAMED_ACTIVITIES), just one of many ("a band concert downtown").
 * Run after the taggers: both tag an event and the activity inside it in one layer of tags, so neither can give the two
 * at once, and the rules' findings they learnt from do not hold it either.
 */
export function addActivitiesNamingOccasions(found: MessageFindings): void {
  const { message } = found;
  // A tagger's activity drawn over an occasion of it ("the queer student union meetings on tuesdays") is the activity
  // without the occasion's word, as the writers name it ("queer student union").
  for (const activity of found.entities.filter((entity) => entity.type === "Activity" && entity.attributes.foundBy === "tagger")) {
    const occasion = /\s+(\p{L}+)$/u.exec(message.lower.slice(activity.start, activity.end));
    if (!occasion || !(TAKING_PART.has(occasion[1] ?? "") || /^meetings?$/.test(occasion[1] ?? ""))) continue;
    activity.end -= occasion[0].length;
    activity.name = message.text.slice(activity.start, activity.end);
  }
  for (const event of found.entities.filter((entity) => entity.type === "Event")) {
    const words = message.lower.slice(event.start, event.end);
    const activity = ACTIVITIES_LONGEST_FIRST.find((name) => words.startsWith(`${name} `));
    if (!activity || !TAKING_PART.has(words.slice(activity.length + 1).split(/[^\p{L}]/u)[0] ?? "")) continue;
    let start = event.start;
    const end = start + activity.length;
    // The event may start inside the activity's name: "marching [band banquet]".
    const before = /(\p{L}+)\s+$/u.exec(message.lower.slice(Math.max(0, start - 20), start));
    if (before && ACTIVITIES.has(`${before[1]} ${activity}`)) start -= before[0].length;
    const surface = message.lower.slice(start, end).replace(/\s+/g, " ");
    const canonical = ACTIVITIES.get(surface) ?? surface;
    if (isSomebodyElsesOccasion(message.lower, start)) continue;
    if (FRAMED_ACTIVITIES.has(canonical) && /\b(?:a|an|some|any)\s+$/.test(message.lower.slice(Math.max(0, start - 6), start))) continue;
    const key = canonicalEntityKey("Activity", canonical);
    const held = found.entities.some(
      (entity) => entity.type === "Activity" && (spansOverlap(entity, { start, end }) || canonicalEntityKey("Activity", ACTIVITIES.get(entity.name.toLowerCase()) ?? entity.name) === key),
    );
    if (held) continue;
    // "swim meet" names swimming, as the rules name a verb's activity; "Marching Band" keeps its case.
    const name = ACTIVITY_VERBS.has(surface) ? canonical : message.text.slice(start, end).replace(/\s+/g, " ");
    found.add({ type: "Activity", name, start, end, userEdges: [{ type: "involves" }] });
  }
}

/** Running something: "i run my own etsy shop", "run a discord server", "ran the register". The object says what is run. */
const RUNS_SOMETHING = /^(?:run|runs|running|ran)\s+(?:a|an|the|my|our|his|her|their|this|that|some)\b/;

/** The teen doing it, right before a verb: "i sing", "we dance", "been swimming". */
const DONE_BY_THE_TEEN = /(?:^|\s)(?:i|we|been|also|still)\s+$/;
/** Where a doing is done, right after it: "in the gospel choir", "on the worship team", "alto in show choir". */
const IN_A_GROUP = /^\s+(?:\p{L}+\s+)?(?:in|on|with|for)\s+(?:(?:the|my|our|a|an)\s+)?/u;
/** An instrument by any of its listed forms: "drum" is the drums one owns and plays. */
const isInstrument = (surface: string) => POSSESSIONS.includes(surface) || POSSESSIONS.includes(ACTIVITIES.get(surface) ?? surface);
/** Pursuits whose one word also names people who watch players: a scout from a college. */
const WATCHERS: ReadonlySet<string> = new Set(["scout"]);
/** A group's name by its last word. */
const GROUP_NAME = /\b(?:choir|team|crew|company|troupe|band|squad|club|ensemble|orchestra)$/;

/**
 * After the taggers: activities that are no pursuit of the teen's, or no other than one found beside them. "Run" with
 * an object is running that thing, not running (in train, 30 of 33 "run the …", "run a …" name no running); an activity
 * word inside a thing's name names the thing ("a gaming pc", "my running shoes"), found as that Thing; what the teen
 * does in a group found right after it is that group's doing ("i sing in the gospel choir" is the choir), unless it
 * is an instrument played there; "scouts" unframed are the people who watch players.
 */
export function dropActivitiesNamingOtherThings(found: MessageFindings): void {
  const { lower } = found.message;
  const activities = found.entities.filter((entity) => entity.type === "Activity");
  for (const activity of activities) {
    const runsSomething = canonicalEntityKey("Activity", activity.name) === "running" && RUNS_SOMETHING.test(lower.slice(activity.start));
    const insideAThing = found.entities.some((thing) => thing.type === "Thing" && thing.start <= activity.start && activity.end < thing.end);
    const where = IN_A_GROUP.exec(lower.slice(activity.end));
    const groupStart = activity.end + (where?.[0].length ?? 0);
    // An instrument played in a group is its own activity beside the group's ("i drum for the worship team").
    const doneInAGroup =
      where !== null &&
      !isInstrument(lower.slice(activity.start, activity.end)) &&
      DONE_BY_THE_TEEN.test(lower.slice(Math.max(0, activity.start - 8), activity.start)) &&
      activities.some((group) => group !== activity && group.start >= groupStart && group.start <= groupStart + 24 && GROUP_NAME.test(group.name.toLowerCase()));
    // "scouts from four colleges", "tracks scouting data": one word for a pursuit and for those who watch players is the
    // pursuit only in a frame that says the teen does it ("in scouts", "joined scouts"); "girl scouts" says it anyway.
    const surface = lower.slice(activity.start, activity.end);
    const watchersUnframed =
      WATCHERS.has(canonicalEntityKey("Activity", activity.name)) && !/\s/.test(surface) && !isFramedActivity(found.message.tokens, tokenIndexAt(found.message, activity.start), activity.end, false);
    if (runsSomething || insideAThing || doneInAGroup || watchersUnframed) found.remove(activity);
  }
}

/** Words whose "'s" is "is" or "has", not a possessive: "there's choir rehearsal", "tomorrow's cheer comp". */
const NOT_POSSESSORS = /\b(?:it|that|there|here|what|who|where|when|today|tonight|tomorrow|yesterday|week|weekend|year|everyone|everybody|nobody|one|this)['’]s\s+$/u;
/** Somebody else does it, and no "i" or "we" does: "my brother has a soccer tournament", "my cousin tried to skip for a basketball tournament". */
const OTHER_SUBJECT = /(?:^|\s)(?:he|she|they|he's|she's|they're|hes|shes|theyre|(?:my|his|her|their|our)\s+\p{L}+)\s+(?:has|had|have|is|was|were|got|gets|tried|tries|wants|went|goes|made|makes|plays|played|won|lost)\b/u;
const FIRST_PERSON = /(?:^|\s)(?:i|i'm|im|i've|ive|i'll|we|we're|we've|we'll|us|me)\b/u;

/** "his soccer game", "my sister's recital", "my friends' band concert", "she has a swim meet": somebody else's occasion. */
export function isSomebodyElsesOccasion(lower: string, start: number): boolean {
  const before = lower.slice(Math.max(0, start - 20), start);
  if (/(?:\b(?:his|her|their|your|ur)|\p{L}['’]s|\p{L}s['’])\s+$/u.test(before) && !NOT_POSSESSORS.test(before)) return true;
  // The clause the occasion is in, back to the last sentence or clause break.
  const clause = lower.slice(0, start).split(/[.!?;,]|\b(?:but|and|so)\b/).pop() ?? "";
  return OTHER_SUBJECT.test(clause) && !FIRST_PERSON.test(clause);
}

/**
 * The teen's own job, told by where it is: "i work at target", "i've been working at the dollar general", "my job at
 * petsmart", "i got hired at the kroger deli". Writers name it with the teen's own head word ("job at petsmart", "work
 * at the dairy queen"; "working at" for a hire). "i" or a frame of the teen's own ("been", "started", "quit") opens
 * "work"; "my", "first" or "new" opens "job": "she works at walmart" is somebody else's.
 */
const JOB = /\b(?:(?:i|i'm|im|i've\s+been|ive\s+been|i\s+been|been|started|start|love|like|hate|quit|stuck)\s+(?:working|work)|(my|first|new|summer)\s+job|got\s+hired)\s+at\s+/g;
/** Words that end the workplace's name and start when, how long, with whom or the next clause: "[the mcdonalds] on 5th after school". */
const WORKPLACE_ENDS = new Set([
  "after", "before", "since", "for", "on", "in", "at", "every", "and", "but", "so", "or", "til", "till", "until", "when", "while", "because", "bc", "cuz",
  "cause", "lol", "lmao", "rn", "now", "today", "tonight", "tomorrow", "yesterday", "this", "next", "last", "with", "w", "to", "is", "was", "are", "its",
  "it's", "like", "lowkey", "honestly", "tbh", "ngl", "fr", "tho", "though", "too", "again", "anymore", "during", "over", "most", "all", "three", "two", "four", "five",
]);
/** Words a workplace does not start with: "i work at night", "at home", "at it". */
const NOT_WORKPLACES = new Set(["night", "nights", "home", "it", "that", "this", "all", "least", "most", "first", "school", "church"]);
const LONGEST_WORKPLACE = 4;
/** Who a job belongs to, told just before it: someone else ("my brother", "she", "their") or the teen ("i", "i've"). */
const SOMEONE_ELSES =
  /\b(?:he|she|they|his|her|their|my\s+(?:brother|sister|mom|mum|dad|mother|father|parents|friend|friends|cousin|bf|gf|boyfriend|girlfriend|bestie|aunt|uncle|grandma|grandpa|stepdad|stepmom|roommate|neighbor|neighbour))\s+(?:\p{L}+\s+)?$/u;
const MINE = /\b(?:i|im|i'm|ive|i've)\s+(?:\p{L}+\s+)?$/u;
/** The job was left ("just quit my job at", "i quit working at"), not only meant to be ("gonna quit my job at"). */
const LEFT_JOB = /\b(?:quit|left|lost)\s+$/;
const PLANNED = /\b(?:gonna|to|wanna|might|will|ll|should|could|can't|cant)\s+(?:quit|leave)\s+$/;

/**
 * Run after the taggers: neither was shown a job as an activity by the rules, so adding it here leaves what they read
 * unchanged. A habit told with its schedule ("i work at culver's three nights a week") already holds it; the writers
 * name that habit, not a second activity.
 */
export function addJobs(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, tokens, dates } = message;
  for (const match of matchesOf(JOB, lower)) {
    const headStart = lower.slice(match.index).search(/(?:working|work|job|hired)\b/) + match.index;
    // "if i work at the dealership over summer": a job weighed, not held.
    if (/\b(?:if|could|would|might)\s+$/.test(lower.slice(Math.max(0, match.index - 8), match.index))) continue;
    // Somebody else's job: "my brother started working at the mall", "they like working at chipotle", "her first job at".
    const toldBefore = lower.slice(Math.max(0, match.index - 30), match.index);
    if (!/^(?:i|i'm|im|i've|ive)\b/.test(match[0]) && SOMEONE_ELSES.test(toldBefore) && !MINE.test(toldBefore)) continue;
    if (found.entities.some((entity) => entity.type === "Habit" && spansOverlap(entity, { start: headStart, end: headStart + 4 }))) continue;
    let last = -1;
    for (let index = tokenIndexAt(message, match.index + match[0].length), taken = 0; taken < LONGEST_WORKPLACE; index += 1, taken += 1) {
      const token = tokens[index];
      const previous = tokens[index - 1];
      if (!token || token.start < match.index + match[0].length || WORKPLACE_ENDS.has(token.lower) || /^\d/.test(token.lower)) break;
      if (taken > 0 && previous && /[.,!?;:\n()]/.test(text.slice(previous.end, token.start))) break;
      // "[the hardware store] starts monday": a verb after the first word starts the clause's predicate.
      if (taken > 0 && (token.tags.has("Verb") || token.tags.has("Adverb"))) break;
      if (dates.some((date) => spansOverlap(date, token)) || (taken === 0 && NOT_WORKPLACES.has(token.lower))) break;
      last = index;
    }
    const lastToken = tokens[last];
    if (!lastToken || /^(?:the|a|an|my|our|his|her|their)$/.test(lastToken.lower)) continue;
    const start = headStart;
    const end = lastToken.end;
    const workplace = text.slice(match.index + match[0].length, end).replace(/[^\p{L}\p{N}'’]+$/u, "");
    const said = lower.slice(headStart).split(/\s/)[0] ?? "job";
    const head = said === "hired" ? "working" : said;
    const before = lower.slice(Math.max(0, match.index - 16), match.index + (/^quit\b/.test(match[0]) ? 5 : 0));
    const ended = LEFT_JOB.test(before) && !PLANNED.test(before);
    const held = found.entities.filter((entity) => entity.type === "Activity" && spansOverlap(entity, { start, end }));
    // A job a tagger found already, named from its "job" or "working", is the same job, and closed when quit ("just quit
    // my job at the pet store"); an activity inside the workplace's name is not.
    const headEnd = headStart + said.length;
    if (ended) for (const entity of held.filter((activity) => spansOverlap(activity, { start: headStart, end: headEnd }))) endEdge(entity, "involves");
    // A tagger's bare "job" inside "my job at the bagel shop" is the same job, named without where it is.
    if (held.length === 1 && held[0] && held[0].start >= start && held[0].end < end) {
      Object.assign(held[0], { name: `${head} at ${workplace}`, start, end });
      linkGoalsHolding(found, held[0]);
      continue;
    }
    if (held.length > 0) continue;
    const added = found.add({ type: "Activity", name: `${head} at ${workplace}`, start, end, userEdges: [{ type: "involves", ...(ended ? { ended: true } : {}) }] });
    linkGoalsHolding(found, added);
  }
}
