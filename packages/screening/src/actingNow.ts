// What, said after a crisis earlier in the session, tells that the teen is leaving, saying goodbye or acting now.

import { compileLexiconPattern } from "./lexiconPattern";
import type { PreparedText } from "./normalize";

// Not said of the writer's own act: "i'm not leaving", "no me voy", "i promise i won't do it tonight".
const NOT_DONE = "(?<!(?<![\\p{L}\\p{N}])(?:not|never|dont|didnt|wont|havent|hasnt|no|nunca|ni)(?: [\\p{L}\\p{N}]+){0,2} )";

/**
 * Alone these are everyday words ("ok goodnight", "leaving now", "i did it", "ya me voy"); after "i've got the pills
 * counted out" or "tengo la soga en el clóset" they are the plan going on: a sign-off, a departure with nowhere named,
 * the act done or begun, the wait for the house to sleep. Each reads mild to the classifier (P(risk) 0.25–0.45), under
 * the floors at which a follow-up continues a crisis (riskScreen.ts), so they are named here. Each ends its clause, or
 * ends in "now": "it's time" is not "it's time for dinner", "while i wait" not "while i wait for my ride". Patterns run
 * over the matching form (normalize.ts: lower case, no accents, apostrophes dropped, "ya" read as "you").
 */
const ACTING_NOW_PATTERNS: readonly string[] = [
  // Sign-offs.
  "(bye+|bye bye|good ?bye|farewell|good ?night|gn|gnight|night night|nighty night|cya|see you never|see (you|u) on the other side|see (you|u)( later| soon| around)?{end}|gtg|g2g|ttyl|laters|adios|adiosito|chao|chau|chaito|ciao|me despido|hasta nunca|hasta siempre|hasta luego|nos vemos|buenas noches)",
  "(?<=^|\\. |ok |okay |k |anyway |well |so )(night|nite)( all| everyone| yall| you all)?{end}",
  // Leaving now, with nowhere named.
  "(leaving|heading (out|over|there|off)|going (out|there|over)|walking (there|over)|on my way|off i go|im bouncing|i m bouncing)( now| rn| right now)?{end}",
  "(gotta|got to|have to|gonna|going to|should|i will|ill|i ll) go( now| rn| right now)?{end}",
  "(ya )?me (voy|fui)( ya| ahora| ahorita| de aqui)?{end}",
  "(ya )?(voy saliendo|salgo ya|ya salgo)",
  "(im|i m|i am) (here|outside|there) (now|rn|right now)",
  // The act, begun or done.
  "(its|it s|it is) time( now| tonight)?{end}",
  "(ya )?es (la )?hora{end}",
  "(i|i ve|ive|i have|i just|just) (just )?(did|done) it( again| now| just now)?{end}",
  "(just )?took (em|them|it|all of them|all of it|the pills|the whole bottle)( now| just now)?{end}",
  "(doing|gonna do|going to do|about to do) it( now| rn| right now| tonight)",
  "ya lo (hice|estoy haciendo)",
  "lo (voy a hacer|hago) (ya|ahora|ahorita|hoy)",
  "here goes( nothing)?{end}",
  "no (turning|going) back( now)?{end}",
  "wish me luck{end}",
  "(ahora si|ya no hay vuelta atras){end}",
  "(im|i m|i am) ready( now)?{end}",
  "(ya )?estoy list[oa]{end}",
  "(i )?(have|got) enough( now)?{end}",
  "ya (tengo|junte) (suficientes|las suficientes|los suficientes)",
  "no one can stop me|nobody can stop me|nadie me (va a|puede) (detener|parar)",
  // Waiting for the moment.
  "while i wait{end}|mientras espero{end}",
  "(they re|theyre|they are|everyone s|everyones|everyone is|todos (estan|ya estan)) (all )?(asleep|dormidos)",
  "ya se (durmieron|durmio)( todos)?",
  "(one|una) (last|ultima) (time|vez){end}|(?<!the )last one{end}",
];

/**
 * Said of help sought, of being safe or calmer, of a plan for tomorrow, of good news, or taken back ("ok i'm at the ER
 * now, bye", "goodnight. i feel a little better", "ok gn, talk tomorrow", "i did it!! i passed my driving test",
 * "haha no not like that. ok gn"): the persona's check-in answers these, not a second safety notice. Thanks are not among
 * them: "thank you for everything. goodbye" is the farewell itself.
 */
const SAFE_NOW_PATTERN = [
  // Help sought from someone who can give it.
  "(called|call|calling|told|tell|telling|texted|text|talked|talk|talking|asked|ask|woke|wake|waking) (up )?(to )?(my |the |a |an )?(mom|mum|mama|dad|papa|parents|aunt|aunty|auntie|uncle|grandma|nana|grandpa|sister|brother|counsel+ors?|therapists?|teacher|coach|nurse|doctor|hotline|helpline|crisis line|line|988|911|someone|somebody|an adult)",
  "hotline|helpline|988|911|crisis line|counsel+ors?|therapists?|psicolog[oa]s?|terapeuta|hospital|the er|emergency room|urgent care|ambulance|ambulancia|nurses office|the nurse|a doctor|the doctor|el doctor|la doctora|linea de (ayuda|crisis)",
  "(my |the )?(mom|mum|dad|parents|sister|brother|aunt|grandma|grandpa)( s| is| are)? (here|with me|sitting with me|coming|on (her|his|their) way)",
  "(le|les) (dije|conte|hable|llame)|llame a|hable con|(voy a|manana) (hablar|hablo|le cuento|les cuento|le digo|les digo)|le voy a (contar|decir)",
  "(pick|picks|picking) me up|what do i say|when they pick up",
  "(going|go|went|walking|heading) (down ?stairs |up ?stairs |over |back |next door )?to (my )?(mom|mum|dad|parents|sister|brother|grandma|nana|grandpa|aunt|aunty|uncle)( s)?( room)?",
  // Safe, calmer, the means put away.
  "(feel|feeling|im|i m|i am) {adv}(a little |a bit |bit |much |way )?(better|calmer|safe|safer|okay now|ok now)|calming down|calmed down|mas tranquil[oa]|me siento mejor|estoy (mejor|a salvo)",
  "(put|putting) (them|it|the pills|the blade|the rope) (back|away)|locked (them|it) (up|away)|flushed|threw (them|it) (out|away)|gave (them|it) to|lo tire|las tire|los tire|las guarde|lo guarde",
  // Tomorrow, or good news.
  "(talk|see you|see u|text you|text u|chat) (tomorrow|tmrw|tmr|in the morning|later)|manana (hablamos|te escribo|te cuento)",
  "(passed|aced|won|got in|got accepted|made the team|got the job)",
  // Taken back.
  // Taken back ("haha no not like that"), though not "i'm fine", which is what a teen hiding a plan says too.
  "not like that|not what i meant|jk|just kidding|kidding|joking|es broma|no es en serio",
].join("|");
const SAFE_NOW = compileLexiconPattern(SAFE_NOW_PATTERN);

// A farewell's own words stay a farewell whoever else is named: "i called him one last time", "ask my sister to feed the cat".
const FAREWELL_WORDS = compileLexiconPattern("good ?bye|one last time|last time|i love (you|her|him|them)|love you all|take care of|feed (the|my)|look after|cuiden|cuida a|despedirme|me despido");

const ACTING_NOW = ACTING_NOW_PATTERNS.map((source) => compileLexiconPattern(`${NOT_DONE}(?:${source})`));

/** Whether the message, in any of its matching forms, says the teen is leaving, saying goodbye or acting now, and nothing of help, safety or tomorrow. */
export function saysActingNow(prepared: PreparedText): boolean {
  const safe = prepared.forms.some((form) => SAFE_NOW.test(form)) && !prepared.forms.some((form) => FAREWELL_WORDS.test(form));
  return !safe && prepared.forms.some((form) => ACTING_NOW.some((pattern) => pattern.test(form)));
}
