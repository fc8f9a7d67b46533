// Activities a wider list names, found after the taggers: sports, dances, crafts, clubs and youth groups no rule lists ("netball", "cueca", "duke of ed", "alateen").
//
// The list (activityNames.data.json) was written by a separate writer from its own knowledge, not from the labelled
// messages (test/fixtures/extraction/PROVENANCE.md, "Activities a wider list names"). It is read after the taggers and
// adds only activities: the rules and the taggers read what they read before, so nothing they were trained on moves.
import activityNamesFile from "./activityNames.data.json" with { type: "json" };
import { ANIMALS, APPS, CITIES, COLLEGES, COUNTRIES, FIRST_NAMES, GAMES, PLACE_NOUNS, POSSESSIONS, SHOWS, US_STATES, VENUES } from "./gazetteer.js";
import { isFramedActivity, isSomebodyElsesOccasion } from "./findActivities.js";
import { ACTIVITIES, CLASS_ONLY_SUBJECTS, DETERMINED_EVENTS, EVENTS, FEELINGS, INTEREST_TOPICS, PETS, PLACES, SUBJECTS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { personRole } from "./personRoles.js";
import { spansOverlap } from "./spans.js";
import { alternation, matchesOf, tokenIndexAt } from "./textPatterns.js";

/** One activity of the list: its name, every form a teen types for it (the name first), what kind it is. */
export interface ListedActivity {
  name: string;
  forms: string[];
  kind: string;
  lang: "en" | "es";
  /** The writer's mark for a name that is also an everyday word ("track", "skipping", "reading"). */
  ambiguous: boolean;
}

export interface ActivityNamesFile {
  source: string;
  receivedSha256: string;
  activities: ListedActivity[];
}

/**
 * Kinds left out. A job is named by its role, which is as often somebody else ("the cashier was rude"); fitness names
 * routines ("lifting", "cardio") that a habit already holds; a programme ("gap year", "dual enrollment") is a stage the
 * writers label as an event or not at all. On dev each cost more activities not labelled than it found.
 */
const LEFT_OUT_KINDS: ReadonlySet<string> = new Set(["job", "fitness", "programme"]);

/**
 * Kinds taken only in a frame whatever their length ("play the french horn", "into minecraft modding"): an
 * instrument's, a game's or an art's name is as often the thing itself ("my french horn", "that oil painting").
 */
const FRAMED_KINDS: ReadonlySet<string> = new Set(["music_instrument", "game", "tech", "writing", "visual_art"]);

/** Words another list already names, as a place, a thing, a person or a name: the form is theirs. */
const NAMED_ELSEWHERE: ReadonlySet<string> = new Set([...APPS, ...GAMES, ...SHOWS, ...POSSESSIONS, ...VENUES, ...PLACE_NOUNS, ...ANIMALS, ...FIRST_NAMES, ...COUNTRIES, ...US_STATES, ...CITIES, ...COLLEGES]);

/** The lists whose words are left to them: the rules' own activities, subjects, events, feelings, places, pets and names. */
const LISTS_THAT_NAME_IT: readonly { has(word: string): boolean }[] = [ACTIVITIES, SUBJECTS, CLASS_ONLY_SUBJECTS, INTEREST_TOPICS, EVENTS, FEELINGS, PLACES, PETS, NAMED_ELSEWHERE];

const lastWordOf = (form: string) => form.slice(form.lastIndexOf(" ") + 1);
/** Rites the writers label as events, whoever's they are: "mi prima hizo su primera comunión". */
const RITES: ReadonlySet<string> = new Set(["comunion", "comunión", "confirmacion", "confirmación", "bautizo", "quinceañera", "quinceanera", "mitzvah"]);

/**
 * Whether a form is left to the rules or is no activity: a listed activity the rules find (ACTIVITIES), a subject, an
 * event, a feeling, a place, a pet, a role or a name another list holds; two letters or fewer; or an occasion by its
 * last word ("mission trip", "stock show"), which the writers label as an event.
 */
function isLeftOut(form: string): boolean {
  const last = lastWordOf(form);
  return form.length < 3 || personRole(form) !== undefined || LISTS_THAT_NAME_IT.some((list) => list.has(form)) || EVENTS.has(last) || DETERMINED_EVENTS.has(last) || RITES.has(last);
}

/** "lifeguard" of "lifeguarding", "babysit" of "babysitting", "skate" of "skating": the verb an "-ing" name is made of. */
function isVerbOf(form: string, name: string): boolean {
  if (!name.endsWith("ing")) return false;
  const stem = name.slice(0, -3);
  return form === stem || form === `${stem}e` || form === stem.slice(0, -1);
}

interface FoundBy {
  name: string;
  /** A verb form: found only with the teen doing it ("i lifeguard"), and named by the activity. */
  verb: boolean;
  /** Found only in a frame that says the teen does it: every form of one word, every verb, every form of FRAMED_KINDS. */
  framed: boolean;
}

/**
 * Every form kept, to the activity it names (the first entry to claim a form keeps it). A form of one word needs a
 * frame ("play", "do", "practice", "into", "… lessons"; in Spanish "juego", "bailo"): one word is as often an everyday
 * word in another sense ("a clown in class", "juggling school and work", "la banda" for one's friends, "me la sé de
 * coro"), which the writer's own mark missed; on dev, bare single words cost as many activities not labelled as they
 * found. A name of several words ("duke of ed", "bible study", "water polo") is taken as it stands.
 */
export const LISTED_ACTIVITY_FORMS: ReadonlyMap<string, FoundBy> = (() => {
  const forms = new Map<string, FoundBy>();
  for (const activity of (activityNamesFile as ActivityNamesFile).activities) {
    // The writer's everyday words: taken even in a frame, they cost more on dev than they found ("skipping class", "been reading").
    if (activity.ambiguous || LEFT_OUT_KINDS.has(activity.kind)) continue;
    for (const form of activity.forms) {
      if (forms.has(form) || isLeftOut(form)) continue;
      const verb = isVerbOf(form, activity.name);
      forms.set(form, { name: activity.name, verb, framed: verb || !form.includes(" ") || FRAMED_KINDS.has(activity.kind) });
    }
  }
  return forms;
})();

const LISTED = new RegExp(`(?<![\\p{L}\\p{N}])(${alternation(LISTED_ACTIVITY_FORMS.keys())})(?![\\p{L}\\p{N}])`, "gu");
/** Findings that may hold an activity in their words: "netball practice tues and thurs", "make the rowing team". */
const HOLDERS: ReadonlySet<string> = new Set(["Habit", "Event", "Goal"]);
const SOUGHT_AS_AN_OFFICE = /\b(?:run|runs|running|ran|campaign|campaigning|elected)\s+(?:for|as)\s+(?:the\s+)?$/;
/** The teen's own doing, said in Spanish right before the activity: "bailo cueca", "juego pádel", "hacemos escalada". */
const SPANISH_FRAMES: ReadonlySet<string> = new Set([
  "juego", "jugamos", "jugaba", "hago", "hacemos", "practico", "practicamos", "practicaba", "bailo", "bailamos", "bailaba", "toco", "tocamos",
  "tocaba", "entreno", "entrenamos", "entrenaba", "aprendo", "aprendiendo", "empece", "deje",
]);
/** A word read without its accents, as SPANISH_FRAMES lists them ("empecé" is "empece"). */
const unaccented = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "");
/** Going to it: "i go to alateen on wednesdays", "been going to halaqa". */
const ATTENDING = /\b(?:go|goes|going|went|been going)\s+to\s+$/;
/**
 * Somebody else doing it, told in the clause before, and no "i" or "we" in it: "my sister does tango on fridays", "mi
 * hermano juega tenis los sábados", "mi papá fue de pesca con mis tíos".
 */
const SOMEBODY_ELSE_DOES =
  /(?:^|\s)(?:he|she|they|his|her|their|(?:my|our|mi|mis|su|sus|nuestro|nuestra)\s+\p{L}+)\s+(?:\p{L}+\s+)?(?:does|do|did|dances|danced|plays|played|goes|went|joined|rides|rode|watches|coaches|coached|wants|juega|jugaba|jugó|hace|hacía|hizo|baila|bailaba|bailó|va|fue|toca|tocaba|tocó|practica|practicaba|practicó|entrena|entrenaba|entrenó|quiere|quería)(?![\p{L}\p{N}])/u;
/** The teen in the clause, doing rather than watching: "i watched my sister do cueca" is still the sister's. */
const TEEN_DOES = /(?:^|\s)(?:i|i'm|im|i've|ive|we|we're|we've|us|me|yo|nosotros|nosotras)(?![\p{L}\p{N}])(?!\s+(?:watched|watch|watching|saw|see|seen|love watching|like watching|vi|veo|miré|mire)\b)/u;
/** Words right before a name that say it is watched, read about or owned, not done: "watched kung fu panda", "a ping pong table". */
const NOT_DONE_BEFORE: ReadonlySet<string> = new Set(["watch", "watched", "watching", "watches", "saw", "see", "about", "a", "an", "vi", "ver", "viendo", "sobre"]);
/** Things named by an activity: "a tie dye hoodie", "our ping pong table", "tai chi videos". */
const THING_AFTER: ReadonlySet<string> = new Set(["table", "tables", "hoodie", "shirt", "shirts", "videos", "video", "documentary", "movie", "movies", "film", "panda", "poster", "shoes", "set", "kit", "ball", "balls", "stick", "net", "court", "mesa", "pelicula", "película", "documental"]);

function isSomebodyElses(lower: string, start: number): boolean {
  const clause = lower.slice(0, start).split(/[.!?;,]|\b(?:but|and|so|pero|y)\b/).pop() ?? "";
  return SOMEBODY_ELSE_DOES.test(clause) && !TEEN_DOES.test(clause);
}

/** After the taggers: an activity the list names where no finding but a habit, event or goal holding it stands. */
export function addActivitiesTheListNames(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(LISTED, message.lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    const listed = LISTED_ACTIVITY_FORMS.get((match[1] ?? "").replace(/\s+/g, " "));
    if (listed === undefined) continue;
    if (found.entities.some((entity) => (entity.type === "Activity" || !HOLDERS.has(entity.type)) && spansOverlap(entity, { start, end }))) continue;
    const index = tokenIndexAt(message, start);
    const before = message.tokens[index - 1]?.lower ?? "";
    const framed = isFramedActivity(message.tokens, index, end, listed.verb) || SPANISH_FRAMES.has(unaccented(before)) || ATTENDING.test(message.lower.slice(Math.max(0, start - 16), start));
    if (listed.framed && !framed) continue;
    if (NOT_DONE_BEFORE.has(before) || THING_AFTER.has(message.tokens.find((token) => token.start >= end)?.lower ?? "")) continue;
    // "i want to run for class president": an office sought, not yet a group the teen is in.
    if (SOUGHT_AS_AN_OFFICE.test(message.lower.slice(Math.max(0, start - 20), start))) continue;
    if (isSomebodyElsesOccasion(message.lower, start) || isSomebodyElses(message.lower, start)) continue;
    found.add({ type: "Activity", name: listed.verb ? listed.name : message.text.slice(start, end), start, end, userEdges: [{ type: "involves" }] });
  }
}
