// Finds habits told in Spanish: a routine said with its schedule ("toco la guitarra en la iglesia los domingos", "todos los días después de la escuela cuido a mis hermanitos").
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { SPANISH_VERB_FORMS } from "./spanishVerbs.js";
import { matchesOf } from "./textPatterns.js";

const DAYS = "lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados?|domingos?";
const TIMES = "d[ií]as?|noches?|ma[nñ]anas?|tardes?|semanas?|mes(?:es)?|veranos?|a[nñ]os?|diciembres?";
/**
 * A schedule: "todos los días", "todas las noches", "cada sábado", "los domingos", "los fines de semana", "los martes y
 * jueves", "tres veces por semana", "a diario", "entre semana", and "cada vez que llueve" (what sets the habit off).
 */
const SCHEDULE = new RegExp(
  [
    `\\b(?:casi\\s+)?tod[oa]s\\s+l[oa]s\\s+(?:${TIMES}|${DAYS}|fines(?:\\s+de\\s+semana)?|findes|weekends)`,
    `\\bcada\\s+(?:vez\\s+que\\s+[^,.!?;\\n]{2,40}?(?=[,.!?;\\n]|\\s(?:me|yo|y|pero|porque)\\s|$)|fin\\s+de\\s+semana|${TIMES}|${DAYS})`,
    `\\blos\\s+(?:${DAYS}|fines(?:\\s+de\\s+semana)?|findes|weekends)(?:\\s+y\\s+(?:los\\s+)?(?:${DAYS}))?`,
    `\\b(?:una|dos|tres|cuatro|cinco|\\d+)\\s+veces?\\s+(?:a|al|por)\\s+(?:la\\s+)?(?:semana|d[ií]a|mes)`,
    `\\ba\\s+diario\\b`,
    `\\bentre\\s+semana\\b`,
  ].join("|"),
  "gu",
);
/** A time of day after the schedule belongs to it: "todos los días después de la escuela", "todas las mañanas antes del colegio". */
const TRAILING_TIME = /^\s+((?:despu[eé]s|antes)\s+(?:de\s+(?:la|las|los|el)\s+|del\s+|de\s+)?(?:escuela|colegio|clases?|prepa|insti|practica|práctica|trabajo|misa|dormir|cenar|comer))\b/u;
/** Where a habit's words end: punctuation, or a word that opens another clause or a reason. */
const PHRASE_END = /^(?:y|pero|porque|pq|xq|para|pa|hasta|cuando|aunque|que|si|mientras|jaja\p{L}*|lol|so|but|and)$/u;
/** Words a habit may start its name with that are not verbs: a clitic before the verb ("la ayudo", "le cocino"). */
const CLITICS = new Set(["la", "lo", "le", "los", "las", "les", "nos"]);
/** The teen's own "I am", "I keep", "I go around", "I have been", "I spend" before a gerund: "estoy trabajando", "llevo meses estudiando". */
const GERUND_HELPERS = new Set(["estoy", "estamos", "sigo", "seguimos", "ando", "andamos", "llevo", "llevamos", "paso", "pasamos", "quedo", "quedamos"]);
const MAX_WORDS = 9;

/**
 * Runs after the taggers (they were trained without it): a routine told in Spanish becomes a Habit named by the
 * infinitive, what is done and the schedule ("trabajo en la taquería de mi tío los sábados" is "trabajar en la taquería
 * de mi tío los sábados"), as the English rules name a habit by what is done and how often. Only a known verb's form
 * opens one (spanishVerbs.ts), so "mi trabajo los sábados" (my job) is not read as "I work".
 */
export function addSpanishHabits(found: MessageFindings): void {
  const { lower, tokens } = found.message;
  // A habit a tagger read from a Spanish verb's form that is a noun here is none: "mi trabajo los sábados es súper
  // aburrido" is the teen's job, not "I work on Saturdays". A clitic before the verb keeps it one, as for the rules'
  // own habits ("los sábados la ayudo"); a habit opening the message has no word before it to make it a noun.
  for (const habit of found.entities.filter((entity) => entity.type === "Habit")) {
    const first = tokens.findIndex((token) => token.start === habit.start);
    if (first > 0 && SPANISH_VERB_FORMS.has(tokens[first]?.lower ?? "") && !isVerbAt(tokens, first, true)) found.remove(habit);
  }
  for (const match of matchesOf(SCHEDULE, lower)) {
    const scheduleStart = match.index;
    const scheduleEnd = scheduleStart + match[0].length;
    const trailing = TRAILING_TIME.exec(lower.slice(scheduleEnd));
    const schedule = [match[0], trailing?.[1]].filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
    const afterSchedule = scheduleEnd + (trailing?.[0].length ?? 0);
    const verbIndex = verbBefore(tokens, scheduleStart) ?? verbAfter(tokens, afterSchedule);
    if (verbIndex === undefined) continue;
    const verb = tokens[verbIndex] as Token;
    // A rule's habit on the verb stands; a tagger's gives way, as this step names a Spanish routine the way the writers do:
    // the verb's infinitive, what is done, then the schedule ("entreno tres veces por semana" is "entrenar tres veces
    // por semana"), where a tagger takes the words as they are.
    const onTheVerb = found.entities.filter((entity) => entity.type === "Habit" && entity.start <= verb.end && entity.end >= verb.start);
    if (onTheVerb.some((habit) => habit.attributes.foundBy !== "tagger")) continue;
    // A verb that ends its sentence ("los sábados la ayudo.") has no more words; the next sentence is not its object.
    const verbEndsClause = /[,.!?;:\n]/.test(verb.post);
    const words = verb.start < scheduleStart ? wordsBetween(tokens, verbIndex + 1, scheduleStart) : verbEndsClause ? [] : wordsAfter(tokens, verbIndex + 1);
    if (words === undefined) continue;
    const infinitive = SPANISH_VERB_FORMS.get(verb.lower) as string;
    // "me pongo a tejer": the habit is the knitting; "me quedo viendo series": staying in, "quedarme".
    const opening = verb.lower === "pongo" && words[0] === "a" && words[1] !== undefined ? [] : [reflexive(tokens, verbIndex) ? `${infinitive}me` : infinitive];
    const rest = opening.length === 0 ? words.slice(1) : words;
    const name = [...opening, ...rest, schedule].join(" ");
    for (const habit of onTheVerb) found.remove(habit);
    found.add({ type: "Habit", name, start: verb.start, end: verb.end, attributes: { frequency: schedule }, userEdges: [{ type: "involves" }] });
  }
}

/** The verb of the clause that the schedule ends: "toco la guitarra en la iglesia | los domingos". */
function verbBefore(tokens: readonly Token[], scheduleStart: number): number | undefined {
  const first = tokens.findIndex((token) => token.start >= scheduleStart);
  if (first === 0) return undefined;
  let index = first === -1 ? tokens.length - 1 : first - 1;
  for (let seen = 0; index >= 0 && seen <= MAX_WORDS; index -= 1, seen += 1) {
    const token = tokens[index] as Token;
    if (token.end <= scheduleStart && /[,.!?;:\n]/.test(token.post)) return undefined;
    if (isVerbAt(tokens, index)) return index;
    if (PHRASE_END.test(token.lower)) return undefined;
  }
  return undefined;
}

/** The verb that opens the clause after a schedule said first: "todos los sábados | la ayudo a hacer la masa". */
function verbAfter(tokens: readonly Token[], afterSchedule: number): number | undefined {
  const first = tokens.findIndex((token) => token.start >= afterSchedule);
  if (first < 0 || /[.!?;\n]/.test(tokens[first - 1]?.post ?? "")) return undefined;
  for (let index = first; index < Math.min(tokens.length, first + 3); index += 1) {
    if (isVerbAt(tokens, index, true)) return index;
    const word = tokens[index]?.lower ?? "";
    if (!(word === "yo" || word === "nosotros" || word === "me" || word === "siempre" || CLITICS.has(word)) || /[,.!?;\n]/.test(tokens[index]?.post ?? "")) return undefined;
  }
  return undefined;
}

/**
 * A known verb's "yo" or "nosotros" form, not a noun after an article or a possessive ("mi trabajo", "el paseo"),
 * unless the word before is an object pronoun and the verb follows its schedule ("los sábados la ayudo"). A gerund is
 * the teen's only after their own "estoy", "sigo", "ando", "llevo" or "paso": "mi papá sigue tomando coca" is his.
 */
function isVerbAt(tokens: readonly Token[], index: number, pronounMayLead = false): boolean {
  const word = tokens[index]?.lower ?? "";
  if (!SPANISH_VERB_FORMS.has(word)) return false;
  const before = tokens[index - 1]?.lower ?? "";
  if (isGerund(word)) return GERUND_HELPERS.has(before);
  if (pronounMayLead && CLITICS.has(before)) return true;
  return !/^(?:mi|mis|tu|tus|su|sus|el|la|los|las|un|una|del|al|de|en|este|esta|ese|esa|nuestro|nuestra)$/.test(before);
}

const isGerund = (word: string) => /(?:ando|iendo|yendo)$/.test(word);

const reflexive = (tokens: readonly Token[], verbIndex: number) => tokens[verbIndex - 1]?.lower === "me" && /^(?:quedo|levanto|acuesto|despierto|duermo)$/.test(tokens[verbIndex]?.lower ?? "");

/** The words from after the verb up to the schedule, or undefined when a clause ends between them. */
function wordsBetween(tokens: readonly Token[], from: number, scheduleStart: number): string[] | undefined {
  const words: string[] = [];
  for (let index = from; index < tokens.length && (tokens[index] as Token).start < scheduleStart; index += 1) {
    const token = tokens[index] as Token;
    if (PHRASE_END.test(token.lower) || words.length >= MAX_WORDS) return undefined;
    words.push(bare(token));
    if (/[,.!?;:\n]/.test(token.post)) return undefined;
  }
  return words;
}

/** The words after a verb that follows its schedule, up to the clause's end. */
function wordsAfter(tokens: readonly Token[], from: number): string[] {
  const words: string[] = [];
  for (let index = from; index < tokens.length && words.length < MAX_WORDS; index += 1) {
    const token = tokens[index] as Token;
    if (PHRASE_END.test(token.lower)) break;
    words.push(bare(token));
    if (/[,.!?;:\n]/.test(token.post)) break;
  }
  while (words.length > 0 && /^(?:a|al|de|del|en|con|el|la|los|las|mi|mis)$/.test(words[words.length - 1] ?? "")) words.pop();
  return words;
}

const bare = (token: Token) => token.lower.replace(/[^\p{L}\p{N}'’&+-]+$/u, "");
