// What, said after a crisis earlier in the session, tells that the teen is leaving, saying goodbye or acting now.

import { compileLexiconPattern } from "./lexiconPattern";
import type { PreparedText } from "./normalize";

/**
 * Alone these are everyday words ("ok goodnight", "leaving now", "i did it", "ya me voy"); after "i've got the pills
 * counted out" or "tengo la soga en el clóset" they are the plan going on: a sign-off, a departure, the act done or
 * begun, the wait for the house to sleep. Each reads mild to the classifier (P(risk) 0.25–0.45), under the floors at
 * which a follow-up continues a crisis (riskScreen.ts), so they are named here. Patterns run over the matching form
 * (normalize.ts: lower case, no accents, apostrophes dropped).
 */
const ACTING_NOW_PATTERNS: readonly string[] = [
  // Sign-offs.
  "(bye+|bye bye|good ?bye|farewell|good ?night|gn|gnight|night night|nighty night|cya|see ya|see you never|adios|adiosito|chao|chau|chaito|ciao|me despido|hasta nunca|hasta siempre|buenas noches)",
  // Leaving, now.
  "(im |i am |i m )?(leaving|heading (out|over|there|off)|going (out|there|over) now|walking (there|over) now|on my way|off i go)",
  "(gotta|got to|have to|gonna|going to|should|i will|ill|i ll) go( now| rn| right now)?{end}",
  "(ya )?me (voy|fui)( ya| ahora| ahorita| de aqui)?{end}",
  "(ya )?(voy saliendo|salgo ya|ya salgo)",
  // The act, begun or done.
  "(its|it s|it is) time",
  "(ya )?es (la )?hora",
  "(i )?(just )?(did|done) it( again| now| just now)?",
  "(doing|gonna do|going to do|about to do) it( now| rn| right now| tonight)",
  "ya lo (hice|estoy haciendo)",
  "lo (voy a hacer|hago) (ya|ahora|ahorita|hoy)",
  "(im |i am |i m )ready( now)?{end}",
  "(ya )?estoy list[oa]{end}",
  "(i )?(have|got) enough( now)?{end}",
  "ya (tengo|junte) (suficientes|las suficientes|los suficientes)",
  "no one can stop me|nobody can stop me|nadie me (va a|puede) (detener|parar)",
  // Waiting for the moment.
  "while i wait|mientras espero",
  "(they re|theyre|they are|everyone s|everyones|everyone is|todos (estan|ya estan)) (all )?(asleep|dormidos)",
  "(one|una) (last|ultima) (time|vez)|last one",
];

// Said of help sought or a plan to stay safe ("i did it, i told my mom", "ok goodnight, i'll call the line tomorrow"):
// the check-in the persona gives is the right answer there, not a second safety notice.
const HELP_SOUGHT = compileLexiconPattern(
  "(called|call|calling|told|tell|telling|texted|text|talked|talk|talking|asked|ask) (my|the|a|to|someone|somebody|her|him|them)|hotline|helpline|988|crisis line|counsel+or|therapist|threw (it|them) (out|away)|flushed|gave (it|them) to|(le|les) (dije|conte|hable|llame)|llame a|hable con|linea de (ayuda|crisis)|psicolog|terapeuta|lo tire|las tire|los tire",
);

const ACTING_NOW = ACTING_NOW_PATTERNS.map(compileLexiconPattern);

/** Whether the message, in any of its matching forms, says the teen is leaving, saying goodbye or acting now, and names no help sought. */
export function saysActingNow(prepared: PreparedText): boolean {
  if (prepared.forms.some((form) => HELP_SOUGHT.test(form))) return false;
  return prepared.forms.some((form) => ACTING_NOW.some((pattern) => pattern.test(form)));
}
