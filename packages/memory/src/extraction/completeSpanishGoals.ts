// Carries a Spanish goal cut short on an article or a preposition through what it is about ("entrar a" → "entrar a la prepa que quiero").
import type { MessageFindings } from "./MessageFindings.js";
import { linkGoalToWhatItHolds } from "./findGoals.js";
import { looksSpanish } from "./spokenDates.js";
import { spansOverlap } from "./spans.js";

/** Words a Spanish goal cannot end on: it stopped before the thing it is about ("jugar en la", "tener mi propio"). */
const DANGLING = new Set(["a", "al", "de", "del", "en", "la", "el", "los", "las", "mi", "mis", "tu", "tus", "su", "sus", "un", "una", "unos", "unas", "propio", "propia", "propios", "propias", "con"]);
/** Words that open another clause, a reason or a comparison: "porque", "pero", "como mi madrina", "so i train". */
const CLAUSE_OPENERS = new Set(["y", "o", "pero", "porque", "pq", "xq", "cuando", "como", "aunque", "mientras", "so", "but", "and", "because", "cause", "cuz", "lol", "jaja"]);
/** After the thing itself, a place or a purpose is the goal's setting, not its name ("salón de belleza [en la colonia]"). */
const SETTING_OPENERS = new Set(["en", "para", "pa", "por", "desde", "antes", "despues", "después", "este", "esta"]);
/** What ends a phrase between two words, as readMessage ends clauses. */
const BOUNDARY = /[.,!?;:\n)(]/;
const LONGEST_COMPLETION = 8;

/**
 * Runs after the taggers, which stop a Spanish goal at the first word they do not know ("mi sueño es jugar en la liga de
 * béisbol" was the goal "jugar en la"): a goal in a Spanish message that ends on an article, a possessive or a
 * preposition is carried on, word by word, to the end of its clause, or to a word that opens another clause, or, once
 * the thing itself is named, to its setting. One that would still end dangling, or runs past LONGEST_COMPLETION words,
 * stays as it was.
 */
export function completeSpanishGoals(found: MessageFindings): void {
  const { tokens, text, lower, dates } = found.message;
  if (!looksSpanish(lower)) return;
  for (const goal of found.entities.filter((entity) => entity.type === "Goal")) {
    let last = tokens.findIndex((token) => token.end === goal.end);
    if (last === -1 || !DANGLING.has(tokens[last]?.lower ?? "")) continue;
    let taken = 0;
    let named = false;
    for (;;) {
      const next = tokens[last + 1];
      const between = text.slice(tokens[last]?.end ?? goal.end, next?.start ?? text.length);
      if (!next || BOUNDARY.test(between) || CLAUSE_OPENERS.has(next.lower) || dates.some((date) => spansOverlap(date, next))) break;
      if (named && SETTING_OPENERS.has(next.lower) && !DANGLING.has(tokens[last]?.lower ?? "")) break;
      last += 1;
      taken += 1;
      if (!DANGLING.has(next.lower)) named = true;
      if (taken > LONGEST_COMPLETION) break;
    }
    if (taken === 0 || taken > LONGEST_COMPLETION || DANGLING.has(tokens[last]?.lower ?? "")) continue;
    const end = tokens[last]?.end ?? goal.end;
    goal.end = end;
    goal.name = text.slice(goal.start, end);
    linkGoalToWhatItHolds(found, goal);
  }
}
