// Finds habits: something the user does on a schedule ("every morning I run", "i practice guitar every day"), whenever something happens ("every time my parents fight i draw"), keeps doing ("i keep checking his insta"), or quit ("i quit vaping").
import { LISTED_ACTIVITY_FORMS } from "./activityGazetteer.js";
import { isRoutine } from "./findActivities.js";
import { ACTIVITIES, FEELINGS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { spansOverlap } from "./spans.js";
import { matchesOf } from "./textPatterns.js";

const DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const UNITS = "day|morning|night|evening|afternoon|weekend|week|summer|year|month|semester|season|practice|game|meet|shift";
/** A schedule: "every night", "each morning", "every other saturday", "on weekends", "on wednesdays", "twice a week", "3x a week", "3 monsters a day". */
const FREQUENCY = new RegExp(
  [
    `\\b(?:every|each)\\s+(?:single\\s+|other\\s+|)(?:(?:${UNITS})s?|(?:${DAYS})(?:\\s+(?:night|morning|afternoon|evening))?)(?:\\s+(?:and|&)\\s+(?:${DAYS}))?`,
    `\\b(?:daily|nightly|weekly)\\b`,
    `\\bon\\s+(?:the\\s+)?(?:weekends|(?:${DAYS})s)\\b`,
    `\\b(?:once|twice|(?:two|three|four|five|six|\\d+)\\s*(?:times|x))\\s+(?:a|per|every)\\s+(?:day|week|month|night)\\b`,
    `\\b(?:a|per)\\s+(?:day|night|week)\\b`,
    `\\b(?:\\d+|a|one)\\s+(?:drawing|day)\\s+a\\s+day\\b`,
  ].join("|"),
  "g",
);
/** Times of the year a teen does something every one of: "every spring", "every christmas eve", "every august". */
const YEARLY = "spring|fall|autumn|winter|christmas(?:\\s+eve)?|easter|thanksgiving|halloween|ramadan|eid|january|february|march|april|june|july|august|september|october|november|december";
/** What a teen does something before or after every one of: "before every test", "after every fight with my mom". */
const OCCASIONS = "test|exam|quiz|match|class|fight|lesson|race|show|performance|competition|tournament|period";
const PARTS_OF_DAY = "mornings|nights|evenings|afternoons";
/** One day or several ("tuesday and thursday", "friday, saturday and sunday"). */
const DAY_LIST = `(?:${DAYS})(?:(?:\\s*,\\s*|\\s+(?:and|&)\\s+|\\s+)(?:${DAYS}))*`;
/**
 * Schedules the first pass does not read, which the labels use often: "every 2 weeks", "every spring", "every single
 * meal", "on weekdays", "saturday mornings", "on tuesdays and thursdays", "most days", "a sketchbook a month" (not "for
 * a month", which says how long), "before every test". Read after the taggers (addHabitsAfterTaggers).
 */
const WIDER_FREQUENCY = new RegExp(
  [
    `\\b(?:every|each)\\s+(?:single\\s+)?(?:weekday|meal)s?\\b`,
    `\\bevery\\s+(?:${YEARLY})\\b`,
    `\\bevery\\s+(?:\\d+|two|three|four|five|six|few|couple(?:\\s+of)?)\\s+(?:min|mins|minutes|hours|hrs|days|weeks|months|years)\\b`,
    `\\b(?:before|after)\\s+every\\s+(?:single\\s+)?(?:[a-z]+\\s+)?(?:${OCCASIONS})\\b`,
    // The plural says it is every one of them: "saturday mornings", "on tuesday and thursday nights".
    `\\b(?:on\\s+)?${DAY_LIST}\\s+(?:${PARTS_OF_DAY})\\b`,
    `\\bon\\s+(?:the\\s+)?(?:weekdays|(?:${DAYS})s(?:(?:\\s*,\\s*|\\s+(?:and|&)\\s+)(?:${DAYS})s)+)\\b`,
    `\\bmost\\s+(?:days|${PARTS_OF_DAY}|weekends|weekdays|weeks)\\b`,
    // Not what a month brings or costs: "i make like 200 a month babysitting", "i pay 12 a month for spotify".
    `(?<!(?:\\b(?:for|in|within)|\\d|\\d\\s?(?:k|dollars|bucks|euros|pesos|quid|pounds))\\s)\\b(?:a|per)\\s+month\\b`,
    // Last, so that a longer schedule starting at the same word wins: "on tuesdays and thursdays", not "on tuesdays".
    FREQUENCY.source,
  ].join("|"),
  "g",
);

/**
 * What a pass of the finder reads: the rules' own pass, which the taggers were trained on, and a wider one after the
 * taggers, which also takes "do" with a schedule as a doing ("i do karate on tuesdays") and steps over a companion's
 * names to the verb ("me and my cousins ali and hassan drive").
 */
interface HabitCues {
  schedule: RegExp;
  wider: boolean;
}
const RULES_CUES: HabitCues = { schedule: FREQUENCY, wider: false };
const WIDER_CUES: HabitCues = { schedule: WIDER_FREQUENCY, wider: true };
/** A habit told without a schedule: "i always cry...", "i keep checking...", "i usually...". */
/** A time of day that is a routine when the user tells it in the present: "i read before bed", "i watch my sisters after school". */
const ROUTINE = /\b(?:before\s+bed|after\s+school|after\s+practice|at\s+night|at\s+lunch|in\s+the\s+mornings?|on\s+school\s+nights|after\s+work)\b/g;
const HABITUAL_ADVERBS = new Set(["always", "usually", "constantly", "normally", "often", "still", "literally"]);
/** Words between the subject and the habit's verb that do not change it: "I usually run", "I try to journal", "I've been going", "I have to babysit". */
const SKIPPABLE = new Set(["usually", "always", "also", "still", "often", "normally", "like", "try", "to", "literally", "basically", "kind", "of", "just", "really", "been", "have", "got", "need", "gotta", "constantly", "never", "lowkey", "actually", "even", "keep", "keeps", "kept", "started", "start", "then"]);
/** Who does the habit: the user (alone or with someone: "me and my brother play 2k every night"), or as the object of being made to. */
const SUBJECTS = new Set(["i", "i've", "i'm", "we", "we've", "we're"]);
const MADE_TO = new Set(["makes", "make", "made", "making", "lets", "let", "forces", "has", "wants"]);
/** Not habits: states and auxiliaries ("I am", "I have", "I think"). */
const NOT_HABIT_VERBS = new Set([
  "am", "i'm", "was", "were", "are", "is", "be", "been", "have", "had", "has", "do", "does", "did", "don't", "didn't", "can", "can't", "will", "won't",
  "would", "should", "could", "think", "feel", "feeling", "felt", "know", "mean", "guess", "get", "got", "need", "want", "wish", "hope", "swear",
  "used", "hate", "love", "miss", "see", "say", "said", "tell", "told", "thinking", "trying", "wanna", "want", "gonna", "cant", "dont",
  "the", "a", "my", "it", "that", "this", "so", "too", "not", "no", "like", "and", "but", "or", "if", "when", "care", "cares", "matter", "matters",
]);
/** Where a habit's words end: punctuation, a reason, a new clause. "until"/"til" stay inside ("up til 2am"). */
const HABIT_END = /\.(?!\d)|[!?;\n]|,\s|(?<!\bme)\sand\s+my\b|\s(?:but|because|bc|cuz|though|although|while|if|unless|lol|lmao|haha|tbh|ngl|fr|and then|and i|and i'm|and im|and now|and the|first thing|and it|and its|and honestly|so (?:i|we|that|he|she|they|it|my|you)|to stay|even (?:when|though|if|tho)|since|instead|no matter)\b/g;
/** Hedges dropped from a habit's name: "til like 2am", "i literally eat". */
const FILLERS = new Set(["like", "literally", "lowkey", "honestly", "basically", "again", "downtown"]);
const MAX_WORDS = 10;
/** Words tagged as nouns that open a subjectless habit as verbs: "work on weekends", "practice every day". */
const VERB_NOUNS = new Set(["work", "practice", "study", "train", "lift", "run", "swim", "babysit", "pray", "read", "write", "draw", "shower", "nap", "walk", "bike", "journal", "stream", "cook", "clean"]);

export function findHabits(found: MessageFindings): void {
  findTakenToHabits(found);
  findSpendingHabits(found);
  findScheduledHabits(found, RULES_CUES);
  findKeptHabits(found);
  findQuitHabits(found);
  findCopingHabits(found);
  findHabitsSince(found);
}

/**
 * After the taggers, the habits the rules' pass does not read: schedules it has no pattern for, "do" with a schedule,
 * and what a teen does whenever something happens. Both taggers were trained on the rules' findings without them, so
 * adding them here leaves what the taggers read unchanged (the models stay as trained), as addJobs and the activity list
 * do; a habit whose verb another finding already holds is not added, so no person, thing or activity is taken for one.
 */
export function addHabitsAfterTaggers(found: MessageFindings): void {
  findScheduledHabits(found, WIDER_CUES);
  findTriggeredHabits(found);
}

/** "my abuela drags me to misa every sunday", "my dad takes me to the gym on weekends": the user goes there as a rule. */
const TAKEN_TO = new RegExp(`\\b(?:drags|takes|brings|drives|makes)\\s+(?:me|us)\\s+(?:go\\s+)?to\\s+((?:the\\s+|my\\s+)?\\p{L}+(?:['’]s)?(?:\\s+\\p{L}+)?)\\s+(${FREQUENCY.source})`, "gu");

function findTakenToHabits(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(TAKEN_TO, message.lower)) {
    const [placeStart] = match.indices[1] ?? [0];
    const verb = message.tokens.find((token) => token.start >= match.index) as Token;
    const frequency = (match[2] ?? "").replace(/\s+/g, " ");
    if (verb && !found.isTaken(placeStart, placeStart + 1)) add(found, verb, `going to ${(match[1] ?? "").replace(/\s+/g, " ")} ${frequency}`, frequency);
  }
}

/** "i spend like all my money on squishmallows", "i spend way too much time on roblox": where the money or the time goes. */
const SPENDING = /\bi\s+(?:\p{L}+\s+)?(spend|waste)\s+(?:like\s+)?((?:all|most|half|so\s+much|too\s+much|way\s+too\s+much|hours|every\s+\p{L}+)\s+(?:of\s+)?(?:my\s+)?(?:money|time|paycheck|check|weekends?|nights?|allowance)?\s*(?:on|at|in|playing|watching|scrolling)\s+(?:\p{L}+\s*){1,3})/gu;

function findSpendingHabits(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(SPENDING, message.lower)) {
    const [verbStart] = match.indices[1] ?? [0];
    const verb = message.tokens.find((token) => token.start >= verbStart) as Token;
    const end = habitEnd(message.lower, verbStart);
    const words = message.tokens.filter((token) => token.start >= verbStart && token.end <= Math.min(end, match.index + match[0].length));
    if (verb && words.length >= 3) add(found, verb, phraseOf(words).join(" "), "spends");
  }
}

/** "i've been overthinking everything since the breakup": a doing that has gone on since a time is a habit. */
const NOT_DOINGS = /^(?:thinking|feeling|trying|talking|going|wanting|waiting|getting|having|dealing|struggling|looking|doing|being|saying|hoping|planning|meaning|working|seeing|dating|living|staying|crying|sleeping|learning|saving)$/;

function findHabitsSince(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (const match of lower.matchAll(/\b(?:i've|ive|i\s+have)\s+been\s+(\p{L}+ing)\b/gu)) {
    const gerund = match[1] ?? "";
    const verbStart = match.index + match[0].length - gerund.length;
    const verb = tokens.find((token) => token.start === verbStart);
    if (!verb || NOT_DOINGS.test(gerund) || found.isTaken(verb.start, verb.end)) continue;
    const end = Math.min(habitEnd(lower, verb.end), lower.length);
    const since = /\s(?:since|lately|for\s+(?:weeks|months|years|a\s+while|so\s+long))\b/.exec(lower.slice(verb.end, end + 30));
    if (!since) continue;
    const words = tokens.filter((token) => token.start >= verb.start && token.end <= verb.end + since.index);
    if (words.length >= 1) add(found, verb, phraseOf(words).join(" "), "since");
  }
}

/** "i bite my nails when i'm stressed", "whenever im anxious i go sit in my car": what a teen does when they feel something. */
const WHEN_FEELING = /\b(?:when|whenever|every\s+time)\s+(?:i'm|i\s+am|i\s+get|i\s+feel|im)\s+(?:so\s+|really\s+|super\s+|kinda\s+|kind\s+of\s+)?(\p{L}+)/gu;

function findCopingHabits(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (const match of matchesOf(WHEN_FEELING, lower)) {
    // "a bot that tells my friends when im online" is no feeling: the word after "when i'm" must be one.
    if (!FEELINGS.has(match[1] ?? "") && !/(?:ed|ous|ful|less)$/.test(match[1] ?? "")) continue;
    const whenStart = match.index;
    const whenEnd = whenStart + match[0].length;
    // The habit is the user's clause before the "when" ("i bite my nails when...") or after it ("whenever im anxious i go...").
    const sentenceStart = Math.max(0, lower.lastIndexOf(".", whenStart - 1) + 1, lower.lastIndexOf("!", whenStart - 1) + 1, lower.lastIndexOf("?", whenStart - 1) + 1);
    const before = tokens.filter((token) => token.start >= sentenceStart && token.end <= whenStart);
    const afterEnd = habitEnd(lower, whenEnd + 1);
    const after = tokens.filter((token) => token.start > whenEnd && token.end <= afterEnd);
    const clause = before.some((token) => SUBJECTS.has(token.lower)) ? before : after.slice(after.findIndex((token) => SUBJECTS.has(token.lower)));
    const subject = clause.findIndex((token) => token.lower === "i");
    if (subject === -1) continue;
    let verbIndex = subject + 1;
    while (isSkippable(clause, verbIndex) && verbIndex - subject < 4) verbIndex += 1;
    const verb = clause[verbIndex];
    if (!verb || NOT_HABIT_VERBS.has(verb.lower) || !verb.tags.has("Verb") || found.isTaken(verb.start, verb.end)) continue;
    const words = clause.slice(verbIndex);
    if (words.length < 2) continue;
    add(found, verb, [...phraseOf(words), match[0].replace(/\s+/g, " ")].join(" "), `when ${match[1] ?? ""}`);
  }
}

/** Whether `word` (after `previous`) opens what sets a habit off: "when", "whenever", the "time" of "every time". */
const opensTrigger = (word: string, previous: string | undefined): boolean => /^(?:when|whenever)$/.test(word) || (word === "time" && /^(?:every|each)$/.test(previous ?? ""));

/** "every time", "whenever", "each time": what follows is what sets the habit off, said as a clause of its own. */
const TRIGGER = /\b(?:every\s+(?:single\s+)?time|whenever|each\s+time)\b/g;
/** How many words of the setting-off clause a habit's name keeps. */
const MAX_TRIGGER_WORDS = 8;

/**
 * "i forget my charger every time i go to my dads house", "every time my parents fight i put my headphones on and draw":
 * what the user does whenever something happens, whatever it is (a feeling is findCopingHabits'). The writers name it
 * by the doing and then its trigger, in the teen's words ("put my headphones on and draw every time my parents fight").
 */
function findTriggeredHabits(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (const match of matchesOf(TRIGGER, lower)) {
    const triggerStart = match.index;
    const triggerEnd = triggerStart + match[0].length;
    const trigger = match[0].replace(/\s+/g, " ").replace(/\bsingle /, "");
    // Each bound found once per match: found inside the filter, a long message read its whole length for every word.
    const clauseFrom = habitStart(lower, triggerStart);
    const before = tokens.filter((token) => token.start >= clauseFrom && token.end <= triggerStart);
    const verbBefore = habitVerb(before, triggerStart, WIDER_CUES);
    // One habit to a clause: a schedule or a "keep" may have named it already; "i stop paying the shop 200 every time" is a wish to stop, not a habit of stopping.
    const clauseStart = before[0]?.start ?? triggerStart;
    if (found.entities.some((entity) => entity.type === "Habit" && entity.start >= clauseStart && entity.start < triggerStart)) continue;
    if (verbBefore !== -1 && /^(?:stop|quit|start)$/.test(before[verbBefore]?.lower ?? "")) continue;
    if (verbBefore !== -1 && before[verbBefore]?.tags.has("Verb")) {
      // The doing comes first: "i bite my lip every time someone asks about my mom", "i take back roads every time".
      const settingTo = habitEnd(lower, triggerEnd);
      const told = tokens.filter((token) => token.start >= triggerEnd && token.end <= settingTo);
      // The trigger's clause ends where the teen speaks again: "i run whenever i can [,] i run ...".
      const again = told.findIndex((token, index) => index > 0 && token.lower === "i");
      const setting = again === -1 ? told : told.slice(0, again);
      // "i cry every time", "i do it every single time": with nothing that sets it off, there is no trigger to name.
      if (setting.length === 0) continue;
      if (isAskedOrAskedOf(lower, clauseFrom, settingTo)) continue;
      const verb = before[verbBefore] as Token;
      add(found, verb, [...phraseOf(before.slice(verbBefore)), trigger, ...settingOf(setting)].join(" "), trigger, true);
      continue;
    }
    // The trigger comes first: its clause runs to the user's own, "every time i get home from work [,] i fall asleep".
    const setting: Token[] = [];
    let subject: Token | undefined;
    for (const token of tokens.filter((candidate) => candidate.start >= triggerEnd)) {
      if (setting.length > 0 && SUBJECTS.has(token.lower)) {
        subject = token;
        break;
      }
      setting.push(token);
      if (/[.!?;]/.test(token.post) || setting.length > MAX_TRIGGER_WORDS + 4) break;
    }
    if (!subject || setting.length < 2) continue;
    const clauseTo = habitEnd(lower, subject.end);
    if (isAskedOrAskedOf(lower, subject.start, clauseTo)) continue;
    const clause = tokens.filter((token) => token.start >= subject.start && token.end <= clauseTo);
    const verbIndex = habitVerb(clause, subject.start, WIDER_CUES);
    const verb = clause[verbIndex];
    if (verbIndex === -1 || !verb || !verb.tags.has("Verb")) continue;
    add(found, verb, [...phraseOf(clause.slice(verbIndex)), trigger, ...settingOf(setting)].join(" "), trigger, true);
  }
}

/**
 * A question or a request to the companion, not the teen's own doing: "do you cry every time you watch that movie?",
 * "text me whenever you want".
 */
function isAskedOrAskedOf(lower: string, start: number, end: number): boolean {
  const clause = lower.slice(start, end).trim();
  return /^\s*\?/.test(lower.slice(end)) || /^(?:do|does|did|can|could|should|would|will|are|is)\s+(?:you|u|ya)\b/.test(clause) || /^(?:text|call|tell|message|dm|ping|remind|hit\s+up|facetime)\s+me\b/.test(clause);
}

/** The clause that sets a habit off, as told, up to MAX_TRIGGER_WORDS. */
function settingOf(words: readonly Token[]): string[] {
  const phrase = words
    .slice(0, MAX_TRIGGER_WORDS)
    .filter((token) => !FILLERS.has(token.lower))
    .map((token) => token.lower.replace(/[^\p{L}\p{N}'’&+-]+$/u, ""));
  while (phrase.length > 1 && DANGLING.has(phrase[phrase.length - 1] ?? "")) phrase.pop();
  return phrase;
}

/** "i eat lunch in the library every day", "every saturday i help my dad at his taco truck", "practice every day, work on weekends". */
function findScheduledHabits(found: MessageFindings, cues: HabitCues): void {
  const { message } = found;
  const { lower, tokens } = message;
  const schedules = [...[...matchesOf(cues.schedule, lower)].map((match) => ({ match, routine: false })), ...[...matchesOf(ROUTINE, lower)].map((match) => ({ match, routine: true }))];
  for (const { match, routine } of schedules) {
    // "i pray before every game": the writers keep the "before" of a schedule told by an occasion.
    const occasion = /\b(before|after)\s+$/.exec(lower.slice(Math.max(0, match.index - 7), match.index))?.[1];
    const frequency = `${occasion ? `${occasion} ` : ""}${match[0].replace(/\s+/g, " ").replace(/\bsingle /, "")}`;
    const freqStart = match.index;
    const freqEnd = freqStart + match[0].length;
    const start = habitStart(lower, freqStart);
    const end = habitEnd(lower, freqEnd);
    // After the taggers, one habit to a clause: the rules' pass or a tagger may have named it from another word. Nor is a
    // question or a request to the companion the teen's habit ("do you do karate on tuesdays?").
    if (cues.wider && found.entities.some((entity) => entity.type === "Habit" && entity.start >= start && entity.start < end)) continue;
    if (cues.wider && isAskedOrAskedOf(lower, start, end)) continue;
    const inClause = tokens.filter((token) => token.start >= start && token.end <= end);
    const verbIndex = habitVerb(inClause, freqStart, cues);
    if (verbIndex === -1) continue;
    const verb = inClause[verbIndex] as Token;
    // "I'm up every night", "I've a test every week": after I'm / I've only a verb in -ing is something done.
    const before = inClause[verbIndex - 1]?.lower;
    if ((before === "i'm" || before === "we're") && !verb.lower.endsWith("ing")) continue;
    // A time of day alone makes a habit only of what the user does as a rule, told in the present, verb first: "i read
    // before bed", not "i went to the mall after school" or "i'm going to the game after school".
    const infinitive = before === "to" && /^(?:try|tries|like|love|always|usually)$/.test(inClause[verbIndex - 2]?.lower ?? "");
    if (routine && (verb.start > freqStart || (verb.tags.has("PastTense") && !infinitive) || verb.lower.endsWith("ing") || !(SUBJECTS.has(before ?? "") || infinitive || HABITUAL_ADVERBS.has(before ?? "")) || before === "i'm" || before === "we're" || /^(?:quit|stop|start|started|go|went|come|leave|left)$/.test(verb.lower) || /\b(?:today|tonight|tomorrow|yesterday|this|last|next)\b/.test(lower.slice(start, end)))) continue;
    const words: Token[] = [];
    if (verb.start < freqStart) {
      // The verb comes first: its words up to the schedule, then the schedule, then "before/after school" if it follows.
      for (const token of inClause.slice(verbIndex)) {
        if (token.start >= freqStart) break;
        words.push(token);
      }
      const name = [...phraseOf(words), frequency, ...trailingTime(inClause, freqEnd)].join(" ");
      add(found, verb, name, frequency, cues.wider);
    } else {
      for (const [position, token] of inClause.slice(verbIndex).entries()) {
        if (/^(?:from|at)$/.test(token.lower) && /^\s*\d|^\s*(?:like\s+)?\d/.test(lower.slice(token.end, token.end + 8))) break;
        // "to feed the calves before the bus comes": a clause of its own after "before" is the habit's time, not its words.
        if (position > 0 && /^(?:before|after|when|while|until|till|til)$/.test(token.lower) && /^\s+(?:the|my|i|he|she|we|they|it|our|his|her|everyone|everybody)\b/.test(lower.slice(token.end))) break;
        words.push(token);
      }
      add(found, verb, [...phraseOf(words), frequency].join(" "), frequency, cues.wider);
    }
  }
}

/** "i always cry in the shower after a bad day", "i keep checking my ex's instagram", "i bite my nails when i'm stressed". */
function findKeptHabits(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const next = tokens[index + 1];
    // Only the user's own: "i keep checking", not "my damas keep flaking on me".
    const kept = token.lower === "keep" && next?.lower.endsWith("ing") && SUBJECTS.has(tokens[index - 1]?.lower ?? "");
    const adverb = HABITUAL_ADVERBS.has(token.lower) && SUBJECTS.has(tokens[index - 1]?.lower ?? "") && token.lower !== "still" && token.lower !== "literally";
    const tooMuch = /^\s+(?:way\s+)?too\s+much\b|^\s+all\s+the\s+time\b/.test(lower.slice(token.end));
    if (!kept && !adverb && !tooMuch) continue;
    if (tooMuch) {
      // "i play valorant way too much": back to the verb after "i".
      const subject = tokens.slice(0, index + 1).map((t) => t.lower).lastIndexOf("i");
      const verb = tokens[subject + 1];
      if (subject === -1 || !verb || NOT_HABIT_VERBS.has(verb.lower) || index - subject > 6 || found.isTaken(verb.start, verb.end)) continue;
      const words = tokens.slice(subject + 1, index + 1);
      const extra = /^\s+(way\s+too\s+much|too\s+much|all\s+the\s+time)/.exec(lower.slice(token.end))?.[1] ?? "";
      add(found, verb, [...phraseOf(words), extra].filter(Boolean).join(" "), extra);
      continue;
    }
    const verb = kept ? next : tokens[index + 1];
    if (!verb || NOT_HABIT_VERBS.has(verb.lower) || !verb.tags.has("Verb") || found.isTaken(verb.start, verb.end)) continue;
    const end = habitEnd(lower, verb.end);
    const words = tokens.slice(tokens.indexOf(verb)).filter((t) => t.end <= end);
    if (words.length < 2) continue;
    add(found, verb, phraseOf(words).join(" "), kept ? "keeps doing" : token.lower);
  }
}

/** "i quit vaping 2 weeks ago", "i need to stop procrastinating", "a whole week without skipping first period": the habit is the -ing. */
function findQuitHabits(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (let index = 0; index < tokens.length - 1; index += 1) {
    const token = tokens[index] as Token;
    const verb = tokens[index + 1] as Token;
    if (!/^(?:quit|quitting|stop|stopped|stopping|without)$/.test(token.lower) || !verb.lower.endsWith("ing") || verb.lower.length < 5) continue;
    // "first stop: getting into UT" is no quitting; "stop caring what people think" is a wish about a feeling, not a habit.
    if (/[:,.;!?]/.test(token.post) || /^(?:caring|worrying|thinking|feeling|being|trying|talking|getting|going|doing|having|letting|making)$/.test(verb.lower)) continue;
    if (found.isTaken(verb.start, verb.end) || NOT_HABIT_VERBS.has(verb.lower)) continue;
    // "without eating it every 5 seconds" is a manner, not a habit; "got my whole family to stop buying" and "he had
    // them without asking" are somebody else's.
    if (/^(?:it|that|this|them)$/.test(tokens[index + 2]?.lower ?? "")) continue;
    if (someoneElsesDoing(tokens, index)) continue;
    add(found, verb, phraseOf(quitObject(tokens, index + 1, habitEnd(lower, verb.end))).join(" "), "quit");
  }
}

/** Where the words after a quit habit's verb stop being its own: when it stopped, for how long, a new clause or subject. */
const NOT_THE_QUIT_HABIT = /^(?:since|ago|anymore|and|but|or|cold|turkey|forever|now|completely|again|lol|lmao|fr|rn|tho|ngl|i|you|he|she|we|they|its|it's|im|i'm|even|because|bc|cuz)$/;
/** Words before a time that make it part of the habit: "till 3am", "at night", "before school", "every night". */
const TIME_OF_THE_HABIT = /^(?:till|til|until|at|before|after|during|every|each|on|in|by)$/;

/**
 * The habit a teen quits or cannot stop runs through its object and its own time, to the end of the clause: "stop eating
 * hot cheetos for breakfast", "cant stop playing fortnite till 3am on school nights", "doomscrolling about the war in
 * ukraine at night". It stops at when it was quit ("vaping 2 weeks ago", "last month"), "for real", or a new clause.
 */
function quitObject(tokens: readonly Token[], verbIndex: number, end: number): Token[] {
  const words = [tokens[verbIndex] as Token];
  for (let index = verbIndex + 1; index < tokens.length; index += 1) {
    const next = tokens[index] as Token;
    // After "when", "whenever" or "every time" the words are what sets it off: "cant stop picking at my skin when im anxious".
    const triggered = words.some((word, at) => opensTrigger(word.lower, words[at - 1]?.lower));
    if (triggered && next.end <= end && words.length < MAX_WORDS + MAX_TRIGGER_WORDS && !/[,.!?;:]/.test((tokens[index - 1] as Token).post)) {
      words.push(next);
      continue;
    }
    if (next.end > end || words.length >= MAX_WORDS || NOT_THE_QUIT_HABIT.test(next.lower) || /[,.!?;:]/.test((tokens[index - 1] as Token).post)) break;
    if (next.lower === "for" && tokens[index + 1]?.lower === "real") break;
    // "2 weeks", "3 months": how long, not what.
    if (/^\d+$|^(?:a|one|two|three|few)$/.test(next.lower) && /^(?:days?|weeks?|months?|years?)$/.test(tokens[index + 1]?.lower ?? "")) break;
    // "vaping last month" says when it was quit; "till like 3am", "at night", "every night" say when it is done.
    const lead = words.filter((word) => !FILLERS.has(word.lower)).at(-1) as Token;
    if (/^(?:last|yesterday|today|tonight|this|next|ago)$/.test(next.lower)) break;
    if (next.tags.has("Date") && !TIME_OF_THE_HABIT.test(lead.lower) && !TIME_OF_THE_HABIT.test(next.lower)) break;
    words.push(next);
  }
  return words;
}

/** The nearest subject before token `index` in its sentence is not the user, or the user made someone else do it. */
function someoneElsesDoing(tokens: readonly Token[], index: number): boolean {
  for (let back = index - 1; back >= 0 && back >= index - 8; back -= 1) {
    const token = tokens[back] as Token;
    if (/[.!?;]/.test(token.post) && back < index - 1) return false;
    if (/^(?:he|she|they|he's|she's|they're|hes|shes|theyre)$/.test(token.lower)) return true;
    if (/^(?:i|i'm|im|i've|ive|we|we're|me)$/.test(token.lower)) {
      // "i got my whole family to stop", "i told him to stop": the user is the subject of the making, not of the habit.
      const between = tokens.slice(back + 1, index).map((t) => t.lower);
      return between.includes("to") && between.some((word) => /^(?:got|get|made|make|told|tell|asked|ask|convinced|begged|want|wanted)$/.test(word)) && between.length > 2;
    }
  }
  return false;
}

/**
 * `overActivity`: after the taggers, an activity a tagger found may hold the verb ("i crochet during lunch most days").
 * The habit takes the verb as the rules' pass would have, before activities; a routine is then the habit alone, as
 * findActivities leaves it ("journaling every night").
 */
function add(found: MessageFindings, verb: Token, told: string, frequency: string, overActivity = false): void {
  const holders = found.entities.filter((entity) => spansOverlap(entity, verb));
  if (holders.length > 0 && (!overActivity || holders.some((entity) => entity.type !== "Activity"))) return;
  // Only in the pass after the taggers: the rules' pass is what the taggers were trained on, and stays as it was.
  if (overActivity && (EMPTY_DOINGS.test(told) || (/^(?:do|doing)$/.test(verb.lower) && /\bnothing\b/.test(told)))) return;
  for (const routine of holders.filter((entity) => isRoutine(entity.name))) found.remove(routine);
  // "call my nani in lahore every friday", "making beats in fl studio": where a named place or app is, is not the habit.
  let name = keptFrom(found.message.tokens, verb, fromItsVerb(found.message.tokens, verb, told));
  for (const entity of found.entities) {
    if ((entity.type !== "Place" && entity.type !== "Thing") || entity.start < verb.end) continue;
    const named = entity.name.toLowerCase();
    name = name.replace(new RegExp(`\\s(?:in|from)\\s${named.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s|$)`), "");
  }
  name = withoutNextClause(name, frequency);
  // The verb is the habit's own: a later rule must not also read "I run" as the activity running.
  found.add({ type: "Habit", name, start: verb.start, end: verb.end, attributes: frequency ? { frequency } : {}, userEdges: [{ type: "involves" }] });
}

/** Where a clause of its own starts inside a habit's words: another subject ("and she makes us"), a relative clause ("which", "who", "that's"), "then". */
const NEXT_CLAUSE = /\s(?:and\s+(?:she|he|they|we|you)|which|who|that's|thats|then)\b/;

/**
 * The habit's name up to a clause of its own that HABIT_END let run on ("go to my nana's and she makes us cook every
 * sunday" is going to nana's every sunday), with the schedule kept when it was told after that clause. Only the name
 * is cut: what the rules find, and so what the taggers read, stays as it was.
 */
function withoutNextClause(name: string, frequency: string): string {
  const next = NEXT_CLAUSE.exec(name);
  if (!next || next.index === 0) return name;
  const kept = name.slice(0, next.index);
  const scheduleCut = frequency !== "" && !kept.includes(frequency) && name.slice(next.index).includes(frequency);
  return scheduleCut ? `${kept} ${frequency}` : kept;
}

/**
 * A habit is named from the doing itself, as the writers name it: what a rule took in before the verb goes, an adverb
 * ("i already volunteer…", "i only go…"), a companion's name ("me and my cousin kaylee go…"), "been" before a gerund,
 * "end up" ("i end up scrolling tiktok…") and the "stop" of a habit to quit ("i need to stop eating hot cheetos every
 * day"). Only the name changes: the rule's span, which the taggers read, stays where it was.
 */
/** What "do" takes that names no doing: "i do it every time", "i do my best every day", "i do nothing most days". */
const EMPTY_DOINGS = /^(?:do|doing)\s+(?:it|that|this|these|those|them|nothing|something|anything|everything|stuff|so|too|the same|my best|our best|what i can)\b/;

function fromItsVerb(tokens: readonly Token[], verb: Token, told: string): string {
  const words = told.split(" ");
  if (/^(?:do|doing)$/.test(words[0] ?? "") && isAnActivity(words.slice(1))) return words.slice(1).join(" ");
  let at = tokens.indexOf(verb);
  while (words.length > 2) {
    const [token, next, after] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (!token || !next || words[0] !== token.lower || words[1] !== next.lower) break;
    const endsUp = token.lower === "end" && next.lower === "up" && after?.tags.has("Gerund") === true;
    if (endsUp) {
      words.splice(0, 2);
      at += 2;
      continue;
    }
    const beforeItsVerb = !token.tags.has("Verb") && ["Adverb", "Person", "FirstName", "ProperNoun"].some((tag) => token.tags.has(tag)) && next.tags.has("Verb") && !next.tags.has("Modal");
    const quitting = /^(?:stop|quit)$/.test(token.lower) && next.tags.has("Gerund");
    const been = token.lower === "been" && next.tags.has("Gerund");
    if (!beforeItsVerb && !quitting && !been) break;
    words.shift();
    at += 1;
  }
  return words.join(" ");
}

/**
 * "i do karate on tuesdays" is the habit "karate on tuesdays": the writers mostly name a habit of doing a listed
 * activity by the activity ("taekwondo 3 times a week", "ballet folklórico every thursday"), and keep the "do" of a
 * chore or a task ("do my makeup every morning", "do homework on the bus").
 */
function isAnActivity(words: readonly string[]): boolean {
  const named = (form: string) => ACTIVITIES.has(form) || LISTED_ACTIVITY_FORMS.has(form);
  return words.length > 0 && (named(words.slice(0, 2).join(" ")) || named(words[0] ?? ""));
}

/**
 * "i keep losing my bus pass" is the habit "keep losing my bus pass": a teen's "keep" says it happens again and again
 * without meaning to, and the writers name it so (72 of 88 times in train and dev), while "always", "still" and "just"
 * they drop. "i cant stop biting my nails" is "cant stop biting my nails" for the same reason (20 of 34 times in train,
 * as the writers' brief asks), while a wish to stop ("i need to stop vaping") names the habit alone. The verb stays the
 * habit's own token; only the name carries "keep" or "cant stop".
 */
function keptFrom(tokens: readonly Token[], verb: Token, told: string): string {
  const at = tokens.indexOf(verb);
  const [cannot, before] = [tokens[at - 2], tokens[at - 1]];
  const unbroken = (token: Token) => !/[,.!?;:]/.test(token.post);
  if (before && /^keeps?$/.test(before.lower) && unbroken(before) && !told.startsWith("keep ")) return `keep ${told}`;
  if (cannot && before?.lower === "stop" && /^(?:cant|can't|can’t|cannot)$/.test(cannot.lower) && unbroken(cannot) && unbroken(before) && !told.startsWith("stop ")) return `${cannot.lower} stop ${told}`;
  return told;
}

/** The habit's words as told, hedges out, at most MAX_WORDS. */
function phraseOf(words: readonly Token[]): string[] {
  const kept = words.filter((token, index) => index === 0 || !FILLERS.has(token.lower)).map((token) => token.lower.replace(/[^\p{L}\p{N}'’&+-]+$/u, ""));
  // "keep rewatching the same 3 episodes of jane the virgin when i cant sleep": what sets the habit off is its own, and
  // the writers keep it whole; cut at MAX_WORDS it would end on "when".
  const trigger = kept.findIndex((word, index) => opensTrigger(word, kept[index - 1]));
  const phrase = kept.slice(0, trigger > 0 && trigger < MAX_WORDS ? trigger + 1 + MAX_TRIGGER_WORDS : MAX_WORDS);
  while (phrase.length > 1 && DANGLING.has(phrase[phrase.length - 1] ?? "")) phrase.pop();
  return phrase;
}

/** Words a habit's name cannot end on: it was cut before what they lead to ("play fortnite until", "drink so many"). */
const DANGLING = new Set([
  "my", "the", "a", "an", "and", "or", "to", "with", "at", "in", "on", "of", "for", "from", "about", "into", "until", "till", "til", "before", "after",
  "during", "by", "his", "her", "their", "our", "your", "so", "too", "many", "much", "more", "some", "every", "each", "like", "this", "that",
  "when", "whenever",
]);

/**
 * "every morning before school", "every day after my shift", "every morning at 6", "5 times a day during ski season": a time
 * after the schedule belongs to it; the writers keep it (the hour in all 18 habits of train and dev told with one).
 */
function trailingTime(clause: readonly Token[], from: number): string[] {
  const next = clause.findIndex((token) => token.start >= from);
  const first = clause[next];
  const second = clause[next + 1];
  const bare = (token: Token) => token.lower.replace(/[^\p{L}\p{N}]+$/u, "");
  if (!first || !second || /[,.!?;]/.test(clause[next - 1]?.post ?? "")) return [];
  // "every day except sunday": the exception is part of the schedule.
  if (first.lower === "except") return [first.lower, bare(second)];
  // "25 hrs a week at the car wash": where it is done, right after the schedule, up to three words.
  if (first.lower === "at" && /^(?:the|my|our)$/.test(second.lower) && !/[,.!?;]/.test(second.post)) {
    const place: Token[] = [];
    for (const token of clause.slice(next + 2, next + 5)) {
      if (!token.tags.has("Noun") || token.tags.has("Pronoun") || token.tags.has("Date")) break;
      place.push(token);
      if (/[,.!?;]/.test(token.post)) break;
    }
    return place.length > 0 ? [first.lower, second.lower, ...place.map(bare)] : [];
  }
  // "every morning at 6", "on tuesdays at 6am", "every day at 6 before school": the hour, and a time after it, are the schedule's.
  if (first.lower === "at" && /^\d/.test(second.lower)) {
    const afterHour = clause[next + 2];
    const meridiem = afterHour && /^(?:am|pm)$/.test(bare(afterHour)) && !/[,.!?;]/.test(second.post) ? afterHour : undefined;
    const hour = [first.lower, bare(second), ...(meridiem ? [bare(meridiem)] : [])];
    return [...hour, ...trailingTime(clause, (meridiem ?? second).end)];
  }
  // "every night until 2am", "every tuesday and thursday til like 7": the hour it runs to is the schedule's too.
  if (/^(?:until|till|til)$/.test(first.lower)) {
    const hour = FILLERS.has(second.lower) && !/[,.!?;]/.test(second.post) ? clause[next + 2] : second;
    if (!hour || !/^\d/.test(hour.lower)) return [];
    const afterHour = clause[clause.indexOf(hour) + 1];
    const meridiem = afterHour && /^(?:am|pm)$/.test(bare(afterHour)) && !/[,.!?;]/.test(hour.post) ? afterHour : undefined;
    return [first.lower, bare(hour), ...(meridiem ? [bare(meridiem)] : [])];
  }
  // "10 times a day during hurricane season": the season it is done in.
  if (first.lower === "during") {
    const season = clause.slice(next + 1, next + 4).findIndex((token) => bare(token) === "season");
    const words = clause.slice(next + 1, next + 2 + season);
    return season > 0 && words.every((token, index) => index === words.length - 1 || !/[,.!?;]/.test(token.post)) ? [first.lower, ...words.map(bare)] : [];
  }
  if (!/^(?:before|after)$/.test(first.lower)) return [];
  // "every night after my shift", "every morning before the bus", "every friday after the game": the day's fixed point it is
  // done by; not a clause of its own ("before the bus comes").
  const owner = /^(?:the|my)$/.test(second.lower) && !/[,.!?;]/.test(second.post) ? second : undefined;
  const markerIndex = owner ? next + 2 : next + 1;
  const marker = clause[markerIndex];
  if (!marker || !ROUTINE_MARKERS.test(bare(marker))) return [];
  const following = clause[markerIndex + 1];
  if (owner && following && !/[,.!?;]/.test(marker.post) && following.tags.has("Verb")) return [];
  return [first.lower, ...(owner ? [owner.lower] : []), bare(marker)];
}

/** What a habit is done before or after: the day's fixed points. */
const ROUTINE_MARKERS = /^(?:school|practice|work|bed|class|church|dinner|lunch|breakfast|homework|shift|bus|game|training|mass|service)$/;

/** The habit's verb in its clause: after the user as subject (and skippable words), or first in a subjectless clause. */
function habitVerb(clause: readonly Token[], freqStart: number, cues: HabitCues): number {
  const isVerb = (token: Token) => isHabitVerb(token, freqStart, cues);
  for (let index = 0; index < clause.length; index += 1) {
    const token = clause[index] as Token;
    const isSubject = SUBJECTS.has(token.lower) || (token.lower === "me" && MADE_TO.has(clause[index - 1]?.lower ?? "")) || isCompanySubject(clause, index);
    if (!isSubject) continue;
    let verbIndex = index + 1;
    while (isSkippable(clause, verbIndex) && verbIndex - index < 5) verbIndex += 1;
    // "me and my brother play", "me n jaden": skip the companion to the verb.
    if (token.lower === "me" && !MADE_TO.has(clause[index - 1]?.lower ?? "")) {
      verbIndex = cues.wider ? afterCompanion(clause, index + 2) : afterRole(clause, index + 2);
      while (isSkippable(clause, verbIndex) && verbIndex - index < 8) verbIndex += 1;
    }
    const verb = clause[verbIndex];
    if (verb && isVerb(verb)) return verbIndex;
  }
  // A clause that starts with its verb: "practice every day, work on weekends", "lifting every day after practice", "up at 5 every morning to feed the calves".
  let lead = 0;
  while (lead < clause.length - 1 && (isSkippable(clause, lead) || ["been", "up", "and", "also"].includes(clause[lead]?.lower ?? "")) && lead < 3) lead += 1;
  const first = clause[lead];
  if (first && isVerb(first) && (first.tags.has("Verb") || first.lower.endsWith("ing") || VERB_NOUNS.has(first.lower)) && !first.tags.has("Auxiliary") && first.start < freqStart) return lead;
  const infinitive = clause.findIndex((token, index) => token.lower === "to" && index > 0 && clause[index + 1]?.tags.has("Verb") && clause[index + 1]!.start > freqStart);
  if (infinitive !== -1 && clause[infinitive + 1] && isVerb(clause[infinitive + 1] as Token)) return infinitive + 1;
  return -1;
}

/**
 * The rules' pass: "and [my|his|her] [little] brother", a name or a possessed role, then the verb. After the taggers
 * (`anyAdjective`) the role may take any adjective ("my lil sis").
 */
function afterRole(clause: readonly Token[], from: number, anyAdjective = false): number {
  let at = from;
  if (["my", "his", "her", "our", "the"].includes(clause[at]?.lower ?? "")) at += 1;
  if (["little", "big", "older", "younger", "best", "twin"].includes(clause[at]?.lower ?? "") || (anyAdjective && clause[at]?.tags.has("Adjective"))) at += 1;
  return at + 1;
}

/**
 * Where the verb is after "me and …": the companion is a name or a possessed role ("[my|his|her] [little] brother"),
 * and the names that follow it ("my cousins ali and hassan drive", "my lil sis bake", "my bestie priya get").
 */
function afterCompanion(clause: readonly Token[], from: number): number {
  let at = afterRole(clause, from, true);
  const isName = (token: Token | undefined) => token !== undefined && ["Person", "FirstName", "ProperNoun"].some((tag) => token.tags.has(tag));
  while (at - from < 6) {
    if (isName(clause[at])) at += 1;
    else if (["and", "n", "&"].includes(clause[at]?.lower ?? "") && isName(clause[at + 1])) at += 2;
    else break;
  }
  // A name the tagger did not know ("my homie dre been building"): what is skipped before the verb follows it.
  const [next, after] = [clause[at], clause[at + 1]];
  if (next && after && !next.tags.has("Verb") && !SKIPPABLE.has(next.lower) && SKIPPABLE.has(after.lower)) at += 1;
  return at;
}

function isCompanySubject(clause: readonly Token[], index: number): boolean {
  return clause[index]?.lower === "me" && ["and", "n", "&"].includes(clause[index + 1]?.lower ?? "");
}

function isHabitVerb(token: Token, freqStart: number, cues: HabitCues): boolean {
  // "i do karate on tuesdays", "i do my makeup every morning": "do" with a schedule is a doing, not an auxiliary.
  const doing = cues.wider && (token.lower === "do" || token.lower === "doing");
  return (doing || !NOT_HABIT_VERBS.has(token.lower)) && /^\p{L}+$/u.test(token.lower) && !(token.start >= freqStart && token.tags.has("Date")) && !token.tags.has("Pronoun") && !token.tags.has("Determiner");
}

/** "have", "got", "need" are skipped only as "have to": "I have a test every week" is no habit of "a". */
function isSkippable(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]?.lower ?? "";
  if (!SKIPPABLE.has(word)) return false;
  return !["have", "got", "need"].includes(word) || tokens[index + 1]?.lower === "to";
}

function habitEnd(lower: string, from: number): number {
  HABIT_END.lastIndex = from;
  const match = HABIT_END.exec(lower);
  return match ? match.index : lower.length;
}

function habitStart(lower: string, at: number): number {
  let start = 0;
  HABIT_END.lastIndex = 0;
  for (let match = HABIT_END.exec(lower); match && match.index < at; match = HABIT_END.exec(lower)) {
    start = /^\s\p{L}/u.test(match[0]) ? match.index + 1 : match.index + match[0].length;
  }
  return start;
}
