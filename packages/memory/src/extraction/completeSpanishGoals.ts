// Carries a Spanish goal cut short on an article or a preposition through what it is about ("entrar a" → "entrar a la prepa que quiero").
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { linkGoalToWhatItHolds } from "./findGoals.js";
import { looksSpanish } from "./spokenDates.js";
import { spansOverlap } from "./spans.js";

/** Words a Spanish goal cannot end on: it stopped before the thing it is about ("jugar en la", "tener mi propio"). */
const DANGLING = new Set(["a", "al", "de", "del", "en", "la", "el", "los", "las", "mi", "mis", "tu", "tus", "su", "sus", "un", "una", "unos", "unas", "propio", "propia", "propios", "propias", "con", "para", "por"]);
/** Prepositions that, after the thing is named, open who it is done with or what for: "tocar la guitarra [con mi tío]". */
const SETTING_PREPOSITIONS = new Set(["en", "para", "pa", "por", "con", "desde"]);
/**
 * Words that end a goal's words: another clause, a reason or a comparison ("porque", "pero", "como mi madrina"), English
 * in a Spanglish message ("jugar en la liga with my best friend"), and when ("el próximo año", "algún día", "mañana").
 */
const STOPS = new Set([
  "y", "o", "pero", "porque", "pq", "xq", "cuando", "como", "aunque", "mientras", "si", "lol", "jaja",
  "so", "but", "and", "because", "cause", "cuz", "with", "someday", "when", "if", "for", "to", "at", "in", "on", "after", "before", "next", "this",
  "proximo", "próximo", "proxima", "próxima", "algun", "algún", "alguna", "manana", "mañana", "pronto", "luego", "despues", "después", "antes", "hoy", "este", "esta", "ya",
]);
/** What ends a phrase between two words, as readMessage ends clauses. */
const BOUNDARY = /[.,!?;:\n)(]/;
/** Spanish goals of train and dev run to eight words past the tagger's cut at most ("la liga de béisbol de la república"); further is another clause. */
const LONGEST_COMPLETION = 8;

const isDangling = (token: Token | undefined) => token !== undefined && DANGLING.has(token.lower);

/**
 * Runs after the taggers, which stop a Spanish goal at the first word they do not know ("mi sueño es jugar en la liga de
 * béisbol" was the goal "jugar en la"): a goal in a Spanish message that ends on an article, a possessive or a
 * preposition is carried on, word by word, to the end of its clause, to a word that ends a goal's words, or, once the
 * thing itself is named, to a preposition that opens its setting. One that cannot be carried to a word it may end on is
 * cut back to the last such word instead ("ir a la fiesta del" before "sábado" is "ir a la fiesta"), if a word beyond
 * its verb is left; "aprender a tocar la guitarra con" is cut back to the guitar, who with is not the goal.
 */
export function completeSpanishGoals(found: MessageFindings): void {
  const { tokens, text, lower, dates } = found.message;
  if (!looksSpanish(lower)) return;
  for (const goal of found.entities.filter((entity) => entity.type === "Goal")) {
    const first = tokens.findIndex((token) => token.start === goal.start);
    const cut = tokens.findIndex((token) => token.end === goal.end);
    if (first === -1 || cut === -1 || !isDangling(tokens[cut])) continue;
    const named = (from: number, to: number) => tokens.slice(from, to + 1).some((token) => !isDangling(token));
    let last = cut;
    // A thing already named before a trailing preposition: who it is done with, or what for, is not carried on.
    if (!(SETTING_PREPOSITIONS.has(tokens[cut]?.lower ?? "") && named(first + 1, cut - 1))) {
      let ended = false;
      for (let taken = 0; taken <= LONGEST_COMPLETION && !ended; taken += 1) {
        const next = tokens[last + 1];
        const between = text.slice(tokens[last]?.end ?? goal.end, next?.start ?? text.length);
        ended = !next || BOUNDARY.test(between) || STOPS.has(next.lower) || dates.some((date) => spansOverlap(date, next)) || (SETTING_PREPOSITIONS.has(next.lower) && named(cut + 1, last));
        if (!ended) last += 1;
      }
      // A phrase that runs on past LONGEST_COMPLETION words is not cut at an arbitrary word: the goal stays as it was.
      if (!ended) continue;
    }
    // Cut back from a word it cannot end on, keeping the verb and at least one word after it.
    while (last > first + 1 && isDangling(tokens[last])) last -= 1;
    if (isDangling(tokens[last]) || last === cut || !named(first + 1, last)) continue;
    const end = tokens[last]?.end ?? goal.end;
    goal.end = end;
    goal.name = text.slice(goal.start, end);
    linkGoalToWhatItHolds(found, goal);
  }
}
