// What, said after a crisis earlier in the session, tells that the teen is leaving, saying goodbye or acting now.

import { boundedMemo } from "@innerworld/platform/memo";
import { compileLexiconPattern } from "./lexiconPattern";
import { prepareText, type PreparedText } from "./normalize";
import { EMOJI_WORDS } from "./normalizeVocabulary.data";
import { CONTEXT_MESSAGES } from "./sessionContext";

/**
 * Alone these are everyday words ("ok goodnight", "leaving now", "i did it", "ya me voy"); after "i've got the pills
 * counted out" or "tengo la soga en el clóset" they are the plan going on: a sign-off, a departure with nowhere named,
 * the act done or begun, the wait for the house to sleep. Each reads mild to the classifier (P(risk) 0.25–0.45), under
 * the floors at which a follow-up continues a crisis (riskScreen.ts), so they are named here. Each ends its clause, or
 * ends in "now": "it's time" is not "it's time for dinner", "while i wait" not "while i wait for my ride". Patterns run
 * over the matching form (normalize.ts: lower case, no accents, apostrophes dropped, "ya" read as "you").
 */
const SIGN_OFF_PATTERNS: readonly string[] = [
  "(bye+|bye bye|good ?bye|farewell|good ?night|gn|gnight|night night|nighty night|cya|see you never|see (you|u) on the other side|see (you|u)( later| soon| around)?{end}|catch (you|u) later|gtg|g2g|ttyl|laters|adios|adiosito|chao|chau|chaito|ciao|me despido|hasta nunca|hasta siempre|hasta luego|nos vemos|buenas noches)",
  "(?<=^|\\. |ok |okay |k |anyway |well |so )(night|nite)( all| everyone| yall| you all)?{end}",
  // A blessing asked or given on leaving, as the last word: "it's whatever, bendición"; not "fue una bendición".
  "(?<=^|\\. |(whatever|ok|okay|k|bueno|pues|ya|bye|chao|adios|bro|mano|pa|ma) )(bendicion|bendiciones)(?= ?(\\.|$))",
  // Back in a moment, alone or to where the means are ("brb bathroom" after a relapse told); not "brb pizza is here" or
  // "brb charging my phone", a promise to come back.
  "(?<=^|\\. |ok |okay |k |anyway |well |so )(brb|be right back)( (bathroom|shower|my room))?{end}|(bathroom|shower|my room)( again)? (brb|be right back){end}",
];

/** A departure or the act: taken back by a negation right before it ("i'm not leaving", "no me voy"); a goodbye is not. */
const ACT_PATTERNS: readonly string[] = [
  // Leaving now, with nowhere named.
  "(leaving|heading (out|over|there|off)|going (out|there|over)|walking (there|over)|on my way|off i go|im bouncing|i m bouncing)( now| rn| right now)?{end}",
  "(gotta|got to|have to|gonna|going to|should|i will|ill|i ll) go( now| rn| right now)?{end}",
  "(ya )?me (voy|fui)( ya| ahora| ahorita| de aqui)?{end}",
  "(ya )?(voy saliendo|salgo ya|ya salgo)",
  "(im|i m|i am) (here|outside|there) (now|rn|right now)",
  "(leaving|left|walking out of|out of) the (house|flat|apartment)( now| rn| right now)?{end}|(out the door|sneaking out|snuck out)( now| rn| right now)?{end}",
  // The way to the height found ("ok found a way up" after "does the roof door usually lock"), or the writer up there;
  // not "i made it up" (taken back), "im up" (awake) or "ya estoy arriba" (upstairs).
  "(found|find|got|there s|theres) (a|the) way (up|onto the roof|up to the roof)( there)?( now)?{end}|(made it|im|i m|i am) (up here|on the roof|on top|at the top)( now| rn)?{end}|(made it|got) (to the top|onto the roof)( now| rn)?{end}|(ya )?estoy (en la azotea|en el techo|arriba del (puente|edificio))( ya)?{end}|(encontre|ya encontre) (como subir|por donde subir)",
  // The act, begun or done.
  "(its|it s|it is) time( now| tonight)?{end}",
  "(ya )?es (la )?hora{end}",
  "(i|i ve|ive|i have|i just|just) (just )?(did|done) it( again| now| just now)?{end}",
  "(just )?took (em|them|it|all of them|all of it|the pills|the whole bottle)( all)?( now| just now)?{end}",
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
  // What the plan needs, with the writer: "at least i brought what i needed" after the pills in the backpack.
  "(brought|got|have|packed|grabbed) (what i need|what i needed|everything i need|everything i needed)( now)?{end}",
  "ya (tengo|junte) (suficientes|las suficientes|los suficientes)",
  "no one can stop me|nobody can stop me|nadie me (va a|puede) (detener|parar)",
  // At the edge of the height the crisis named ("gonna sit on the edge for a bit", "climbed onto the ledge" after "i'm
  // on the roof of my building, i'm going to jump"): the last step before the act. Not a pool's, a bed's or a stage's.
  "(?<!\\b(pool|bed|stage|seat|chair|couch|bath|tub|dock|curb|sofa|desk)\\b.*)(sit|sitting|sat|stand|standing|stood|step|stepping|stepped|climb|climbing|climbed|lean|leaning|hanging|dangling|dangle) (on|onto|at|over|up on|out on|off) (the )?(edge|ledge)( for a (bit|while|minute|sec))?{end}(?!.*\\b(pool|bed|stage|seat|chair|couch|bath|tub|dock|curb|sofa|desk)\\b)",
  "(im|i m|i am) (on|at) the (edge|ledge)( now| rn| right now)?{end}",
  "climb(ed|ing)? over the (railing|rail|fence|barrier)( now| rn)?{end}",
  // What happens after the writer is gone, asked after a plan ("what happens to your account when someone dies"); not
  // a game's death.
  "what (happens|will happen) to (my|your|their|someones|someone s|a persons) (account|accounts|instagram|insta|tiktok|snap|snapchat|discord|stuff|things|phone|cat|dog|pets?|room) (when|after|if) (someone|somebody|a person|you|i|they) (dies|die|is gone|am gone|m gone|are gone|passes away|am dead|m dead|is dead)(?! in )(?!.*\\b(game|minecraft|fortnite|roblox|hardcore|respawn)\\b)",
  "while i wait{end}|mientras espero{end}",
  "(they re|theyre|they are|everyone s|everyones|everyone is|todos (estan|ya estan)) (all )?(asleep|dormidos)",
  "ya se (durmieron|durmio)( todos)?",
  "(one|una) (last|ultima) (time|vez){end}|(?<!the )last one{end}",
  // Once more, after the blade named, as its own clause: "just once more", "solo una vez más"; not "explain it once more".
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(ok|okay|k|so|bueno|pues|ya) )(just |only |solo |solamente |nomas )?(once|one time|una vez) (more|mas){end}",
  // Someone asked to look after a pet or a sibling, as its own clause: "cuídenla harto" after "yo ya no voy a estar pa
  // darle comida"; not "can you help me take care of my little sister" or "mom told me to look after my brother".
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(ok|okay|please|pls|plz|porfa|bueno|pues) )((cuidenla|cuidenlo|cuidenlos|cuidala|cuidalo)( harto| mucho| bien| porfa| plis| por mi)?|(cuiden|cuida) a (mi|mis) [a-z]+( por mi)?|(take care of|look after) (her|him|them|my (dog|cat|pets?|sister|brother|little sister|little brother))( for me)?){end}",
];

/**
 * The height described from on it ("the view is nice tho" after "standing on the ledge part", "está bonita la vista
 * desde aquí, hace harto viento" after "estoy en el puente"): only when an earlier message named a height, as an hour
 * counts only after a time was named; "the view is pretty" after "i hate mondays" is a view.
 */
const VIEW_PATTERNS: readonly string[] = [
  "((the )?view (from|up) (up )?here( is| s)?|the view (is|s)|la vista (desde|de) (aqui|aca)( arriba)?( esta| es)?|la vista (esta|es))( (so|really|actually|kinda|muy|bien|re))? ?(pretty|nice|beautiful|bonita|linda|hermosa|preciosa|chida|good)?({end}|(?= (hace|hay|its|it s|so windy)\\b))|(its|it s|so) (really |so )?windy up here{end}|(hace|hay) (harto|mucho|un) viento (aqui|aca)( arriba)?{end}",
];
const NAMES_A_HEIGHT = compileLexiconPattern(
  "roof|rooftop|bridge|ledge|edge|top floor|top level|parking garage|balcony|cliff|overpass|tower|azotea|puente|techo|edificio|cornisa|barandal|(\\d+(st|nd|rd|th)?|top) (floor|story|storey|level)|piso \\d+",
);

/**
 * An hour come, picked or asked about: the plan's time only when an earlier message named a time or a timetable
 * ("my parents go to bed at 11", "i looked up the train schedule"); otherwise it answers a question ("the 3:30 one" of
 * which bus, "4 pm" of an appointment) as often.
 */
const HOUR_PATTERNS: readonly string[] = [
  // The hour come: "its 11:15" after "my parents go to bed at 11" (read "its 11 15"), said alone; "its 2am and i cant
  // sleep" goes on to something else.
  "(its|it s|it is|ya son las|son las|ya es la) (\\d{1,2}(\\s\\d\\d)? ?(am|pm)?|midnight|medianoche|una)( now| already| ya)?(?= ?(\\.|$))",
  // The hour picked, as the whole message: "the 11:40 one" after "i looked up the train schedule".
  // A bare number is not an hour ("17" said of an age, "$312" of a paycheck): it has minutes, "am" or "pm", or "the".
  // The minutes follow a space that must be there ("11:40" reads "11 40"; the lexicon's own spaces are optional).
  "(?<=^|\\. )((the |el de las |la de las |el de la |la de la )\\d{1,2}(\\s\\d\\d)? ?(am|pm)?|\\d{1,2}\\s\\d\\d ?(am|pm)?|\\d{1,2} ?(am|pm))( one| train| bus| express| tren| camion)?(?= ?(\\.|$))",
  // The hour asked about: "is 3am a good time" after "i'm going to do it when everyone's asleep"; not a good time for
  // something named ("is 3am a good time to post on tiktok").
  "is (\\d{1,2}(\\s\\d\\d)? ?(am|pm)?|midnight) (a good time|good|ok|okay|too (early|late)){end}",
  // The hour asked for, as the whole message: "what time is it rn" after "the 4:15 one goes really fast".
  "(?<=^|\\. )what time is it( rn| now| right now| there)?(?= ?(\\.|\\?)* ?$)",
];
// An earlier message names a clock time, a timetable or the house asleep: what an hour may belong to. A bare number
// ("took 8 of them"), a bus, a train or "i cant sleep" is none: a teen asked which bus answers "the 3:30 one". Read in
// the matching form, as the patterns are ("11:40" reads "11 40", "everyone’s" reads "everyones").
const NAMES_A_TIME = new RegExp(
  [
    "\\b\\d{1,2} \\d\\d\\b|\\b\\d{1,2} ?(am|pm)\\b|\\b(at|a las|a la) \\d{1,2}\\b|\\b(schedule|timetable|horario)\\b",
    "\\b(when|once|after|till|until) (everyone|everybody|everyones|everybodys|they|theyre|my (parents|mom|mum|dad|family|folks))( s| is| are| re)? (fall asleep|falls asleep|are asleep|is asleep|asleep|sleeping|sleeps|sleep|go to bed|goes to bed|go to sleep|goes to sleep|leave|leaves|gone)\\b",
    "\\bcuando (se duerman|todos (se )?duerman|(mis|los) [a-z]+ se (duerman|vayan)|se vayan|no haya nadie)\\b",
  ].join("|"),
  "u",
);

// An earlier message is read again for the next few turns of its session: its matching forms are kept a while, for
// both questions asked of it (did it name a time, a height).
const earlierForms = boundedMemo(512, (text: string): readonly string[] => prepareText(text).forms);
const earlierNames = (pattern: RegExp) => (text: string): boolean => earlierForms(text).some((form) => pattern.test(form));
const namesATime = earlierNames(NAMES_A_TIME);
const namesAHeight = earlierNames(NAMES_A_HEIGHT);

// Compiled with the lexicon's macros first: the negation's own spaces must stay literal.
const RIGHT_AFTER_A_NEGATION = "(?<!(?<![\\p{L}\\p{N}])(?:not|never|dont|didnt|wont|no|nunca|ni) )";
const SIGN_OFFS = SIGN_OFF_PATTERNS.map(compileLexiconPattern);
const ACTS = ACT_PATTERNS.map((source) => new RegExp(`${RIGHT_AFTER_A_NEGATION}${compileLexiconPattern(source).source}`, "u"));
const HOURS = HOUR_PATTERNS.map(compileLexiconPattern);
const VIEWS = VIEW_PATTERNS.map(compileLexiconPattern);

/**
 * Said of help sought, of being safe or calmer, of a plan for tomorrow or of good news ("ok i'm at the ER now, bye",
 * "goodnight. i feel a little better", "ok gn, talk tomorrow", "i did it!! i passed my driving test"), or the earlier
 * words taken back ("haha no not like that. ok gn"): the persona's check-in answers these, not a second safety notice.
 * Thanks are not among them ("thank you for everything. goodbye" is the farewell itself), nor "i'm fine", which is what
 * a teen hiding a plan says too, nor a sister or a friend told goodnight.
 */
const SAFE_NOW = compileLexiconPattern(
  [
    // Help sought from someone who can give it: a helpline or a professional named at all, a parent or a teacher told.
    "hotline|helpline|988|911|crisis line|counsel+ors?|therapists?|psicolog[oa]s?|terapeuta|hospital|the er|emergency room|urgent care|ambulance|ambulancia|nurses office|the nurse|a doctor|the doctor|el doctor|la doctora|linea de (ayuda|crisis)",
    "(called|call|calling|told|tell|telling|texted|text|talked|talk|talking|woke|wake|waking) (up )?(to )?(my |the |a |an )?(mom|mum|mama|dad|papa|parents|aunt|aunty|auntie|uncle|grandma|nana|grandpa|teacher|coach|nurse|doctor|an adult)",
    "(my |the )?(mom|mum|dad|parents|aunt|grandma|grandpa)( s| is| are)? (here|with me|sitting with me|on (her|his|their) way( here)?|coming to get me)",
    // Someone with the teen now, as the notice after a carried crisis asks them to say: "someone is with me", "my sister
    // is here with me", "im with my cousin", "alguien está conmigo", "mi hermana está aquí", "ya no estoy sola".
    "(someone|somebody|my (friend|best friend|bestie|bff|sister|sis|brother|bro|boyfriend|girlfriend|bf|gf|cousin|roommate|neighbor|neighbour|family)|my friends|my cousins)( s| is| are)? (here|with me|here with me|sitting with me|staying with me|on (her|his|their) way( here)?|coming over)|(im|i m|i am) (with|staying with) (someone|somebody|my (friend|best friend|sister|brother|boyfriend|girlfriend|cousin|mom|mum|dad|parents|family|aunt|grandma|grandpa))|(im|i m|i am) not alone( anymore)?",
    "(alguien|mi (mama|papa|hermana|hermano|amiga|amigo|novio|novia|prima|primo|tia|tio|abuela|abuelo|familia)|mis (papas|padres|amigas|amigos|primos)) (esta|estan|ya esta|ya estan) (aqui|aca|conmigo|aqui conmigo|viniendo|en camino)|estoy con (alguien|mi (mama|papa|hermana|hermano|amiga|amigo|novio|novia|prima|primo|tia|abuela|familia)|mis (papas|padres|amigas|amigos))|ya no estoy sol[oa]|(ya )?estoy (mas )?tranquil[oa]",
    "(le|les) (dije|conte|hable|llame)|llame a|hable con|(voy a|manana) (hablar|hablo|le cuento|les cuento|le digo|les digo)|le voy a (contar|decir)",
    "(pick|picks|picking) me up|what do i say (when|to) (they|them|the|her|him|my)|when they pick up",
    "(going|go|went|walking|heading) (down ?stairs |up ?stairs |over |back |next door )?to (my )?(mom|mum|dad|parents|grandma|nana|grandpa|aunt|aunty|uncle)( s)?( room)?",
    // Safe, calmer, the means put away.
    "(feel|feeling|im|i m|i am) {adv}(a little |a bit |bit |much |way )?(better|calmer|safe|safer)(?! off)|calming down|calmed down|calm down|clear my head|cool off|(going|coming|climbing|getting) (back )?down (now|from here|from the roof|off the roof|off the ledge)|(got|climbed|came) (back )?down( now| from (here|there|the roof|the ledge|the bridge))?{end}|(ya )?me baje( del (techo|puente|edificio|barandal|borde))?{end}|mas tranquil[oa]|me siento mejor|estoy (mejor|a salvo)",
    "(put|putting) (them|it|the pills|the blade|the rope) (back|away)|locked (them|it) (up|away)|flushed (them|it)|threw (them|it) (out|away)|gave (them|it) to (my|the)|lo tire|las tire|los tire|las guarde|lo guarde",
    // Tomorrow, or good news.
    "(talk|see you|see u|text you|text u|chat) (tomorrow|tmrw|tmr|in the morning)|manana (hablamos|te escribo|te cuento)",
    "(passed|aced) (my|the|a) (test|exam|driving test|drivers test|road test|final|finals|quiz|class)|(won|got into|got in to|got accepted|made) (the|my|a) (game|match|team|college|program|job|part|role)",
    // The earlier words taken back; not "i'm not kidding" or "no es broma", which say the opposite.
    "not like that|not what i meant|jk|(?<!(not|no|isnt|wasnt|aint|never) )(just kidding|kidding|joking)|(it|that) was (a joke|just a joke)|(?<!no )es broma|era (una )?broma|era (un )?chiste|no (es|era) en serio|no lo decia en serio",
  ].join("|"),
);

// Help that failed or was refused is no help: "the doctor can't help me. bye", "called 988 and hung up. it's time".
const HELP_FAILED = compileLexiconPattern(
  "(cant|can t|cannot|couldnt|wont|will not|doesnt|does not|didnt|did not|never) (help|answer|answered|pick up|picked up|understand|care|listen)|(no|nobody|no one|no hotline|no doctor|no therapist) (can|could|will|would) help|(nobody|no one|noone) (answered|answers|picked up|picks up)|hung up|on hold|no answer|(she|he|they)( s| is| are| re) (asleep|sleeping)|nadie (me )?(puede|va a) ayudar|nadie contesto|(esta|estan) dormid[oa]s?|no (me )?(sirve|sirvio|ayuda|ayudo|contestan|contesto)",
);

// A farewell's own words stay a farewell whoever else is named: "i called him one last time", "texted my sister goodnight".
// So does the calm of a decision made, a warning sign of its own: "i feel better now that i've decided. goodnight".
const FAREWELL_WORDS = compileLexiconPattern(
  "good ?bye|one last time|one more time|last time|(por )?ultima vez|i love (you|her|him|them)|love you all|take care of|feed (the|my)|look after|cuiden|cuida a|despedirme|me despido|(texted|told|said|called) (my |the )?\\w+( \\w+)? (goodnight|good night|gn|bye|goodbye|i love)|decided|made up my mind|at peace|(be|all be) over (soon|tonight)|no more pain|finally free|ya (lo )?decidi|en paz",
);

/**
 * The words farewell and grief emoji are read as (normalize.ts), at the end of a clause: "leaving now 👋" reads
 * "leaving now waving", and the act ends its clause before them. Not the glad ones ("i did it 🔥🔥", "here goes
 * nothing 😂"), nor words a teen types as often as an emoji gives them ("sleep", "tired", "please").
 */
const FAREWELL_EMOJI = new Set(["waving", "sobbing", "crying", "sad", "broken", "heart", "black", "skull", "grave", "coffin", "urn", "wilted", "weary", "pleading", "blank", "melting"]);
const EMOJI_AT_CLAUSE_END = new RegExp(
  `(?: (?:${[...new Set(Object.values(EMOJI_WORDS))].filter((words) => words.split(" ").every((word) => FAREWELL_EMOJI.has(word))).join("|")}))+(?= \\.|$)`,
  "gu",
);
const withoutFarewellEmoji = (form: string) => form.replace(EMOJI_AT_CLAUSE_END, "");

/** Whether the message, in one of its matching forms, names a sign-off, a departure or the act itself, help or no help. */
export function namesActNow(prepared: PreparedText): boolean {
  return prepared.forms.some((read) => {
    const form = withoutFarewellEmoji(read);
    return SIGN_OFFS.some((pattern) => pattern.test(form)) || ACTS.some((pattern) => pattern.test(form));
  });
}

// Three rules of one screen ask it of the same message (the mention going on, acting now, the last goodbye): read once.
const helpOrSafetyRead = new WeakMap<PreparedText, boolean>();

/**
 * The teen asking to be talked to rather than sent helplines again ("can you just talk to me", "stop sending me
 * hotlines", "solo quiero hablar"): after a crisis carried on, the persona answers it, checking in (riskScreen.ts).
 */
const ASKS_TO_TALK = compileLexiconPattern(
  "(just |please )?talk to me|(can|could) (you|u) (just )?talk|stop sending (me )?(hotlines|numbers|links|that|those|this)|(i )?(dont|don t|do not) (want|need) (a |the |another |more )?(hotline|helpline|number|link)s?|solo quiero hablar|hablame|habla conmigo|deja de mandar(me)?|ya no me mandes",
);

/** Whether the message asks to be talked to instead of being sent helplines again. */
export function asksToTalk(prepared: PreparedText): boolean {
  return prepared.forms.some((form) => ASKS_TO_TALK.test(form));
}

/** Whether the message speaks of help sought, safety, tomorrow or good news, with no failed help and no farewell's own words. */
export function namesHelpOrSafety(prepared: PreparedText): boolean {
  const known = helpOrSafetyRead.get(prepared);
  if (known !== undefined) return known;
  const { forms } = prepared;
  const names = forms.some((form) => SAFE_NOW.test(form)) && !forms.some((form) => HELP_FAILED.test(form) || FAREWELL_WORDS.test(form));
  helpOrSafetyRead.set(prepared, names);
  return names;
}

/**
 * A goodbye that says it is the last ("see u never", "bye forever", "this is goodbye", "hasta nunca"), as the whole
 * message after a filler ("gg.", "ok", "well") and before an addressee ("everyone", "guys", "mom"): after a concern
 * earlier in the session ("im so done with everything, not just the game"), the farewell that follows hopelessness. A
 * goodbye with an object or a place is to that ("blocked him. hasta nunca", "leaving this server, bye for good", "we
 * said our final goodbye at the airport"), and is not read so.
 */
const FINAL_GOODBYE = new RegExp(
  `^(?:(?:ok|okay|k|well|welp|anyway|anyways|whatever|so|so yeah|gg|alright|ight|yeah|bueno|pues|ya|you|y)(?: \\.)? )*(?:${[
    "see (?:you|u) never|see (?:you|u) on the other side|(?:bye|goodbye|good bye|farewell) (?:forever|for ever|for good|for real this time)|this is (?:goodbye|my goodbye)|(?:my )?(?:last|final) goodbye",
    "hasta nunca|(?:adios|chao|chau) para siempre|me despido para siempre|este es mi (?:ultimo )?adios|(?:mi )?ultimo adios",
  ].join("|")})(?: (?:everyone|everybody|guys|yall|world|all|all of you|mom|mum|dad|friends|my friends|a todos|todos|chicos|i guess|fr|for real))?(?: \\.)?$`,
  "u",
);
// Blocked, deleted or left behind: a goodbye to a person, an app or a place, whatever the words beside it.
const GOODBYE_TO_SOMETHING = compileLexiconPattern("blocked|block|deleted|delete|deleting|unfollowed|unfollow|muted|my ex|bloquee|borre|elimine|server|discord|app|group chat|gc|school|schools|class|job|team");

/** Whether the message, with no help or safety beside it, is a goodbye that says it is the last. */
export function saysFinalGoodbye(prepared: PreparedText): boolean {
  return (
    prepared.forms.some((form) => FINAL_GOODBYE.test(withoutFarewellEmoji(form).trim())) &&
    !prepared.forms.some((form) => GOODBYE_TO_SOMETHING.test(form)) &&
    !namesHelpOrSafety(prepared)
  );
}

/**
 * Whether the message says the teen is leaving, saying goodbye or acting now, and nothing of help, safety or tomorrow;
 * an hour counts when one of the session's earlier messages (oldest first) named a time.
 */
export function saysActingNow(prepared: PreparedText, recent: readonly string[] = []): boolean {
  const namedATime = () => recent.slice(-CONTEXT_MESSAGES).some(namesATime);
  const namedAHeight = () => recent.slice(-CONTEXT_MESSAGES).some(namesAHeight);
  const seesTheView = () => prepared.forms.some((form) => VIEWS.some((pattern) => pattern.test(form)));
  return (namesActNow(prepared) || (namesAnHour(prepared) && namedATime()) || (seesTheView() && namedAHeight())) && !namesHelpOrSafety(prepared);
}


function namesAnHour(prepared: PreparedText): boolean {
  return prepared.forms.some((form) => HOURS.some((pattern) => pattern.test(form)));
}

// A follow-up is the whole message, or ends it, with no more than a filler after: "found it! my airpods were in the
// couch" and "asking for myself lol which anime should i start" go on to something else.
const AT_MESSAGE_END = "(?= ?((\\.|\\?|lol|lmao|tho|though|ngl|fr|tbh|bro|jaja\\w*|jsjs\\w*|xd|pls|please) ?)*$)";
// Another hurt named in the message, which the question is about: a knee at practice, a nosebleed, a period.
const ANOTHER_HURT = compileLexiconPattern("knee|knees|nose|nosebleed|elbow|ankle|tooth|teeth|fell off|scrape|scraped|paper cut|shaving|bike|skateboard|rodilla|nariz|diente");

/**
 * After a question about a way to die, the answer found elsewhere or the question claimed as the writer's own: "nvm
 * figured it out", "found it", "google told me", "asking for me", "not for a project lol", "ya lo encontré", "es para
 * mí". Alone they answer anything; after "how tall is the parking garage by the mall" they are the plan going on.
 */
const METHOD_ANSWER_PATTERNS: readonly string[] = [
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(nvm|never mind|nevermind|nm|forget it|its fine|it s fine|dont worry|all good|ok|okay|k|oh|ah) )(i )?(just )?(figured it out|found it|found out|found (what i needed|the answer|a way|one|the info)|got (my answer|what i needed|the info)|looked it up|googled it|(google|chatgpt|reddit|tiktok|youtube|someone) (told|showed) me|(ill|i ll|i will|gonna) (just )?(google|look) it( up)?|(ill|i ll|i will|gonna) (just )?(find out|figure it out) (myself|on my own))",
  "(i m |im |i am |i was |was )?(asking|asked) for (me|myself)( not (for )?(a|my|the) [a-z]+)?|(its|it s|it is) for (me|myself)|(its|it s|it is) not (for )?(a|my|the) (story|project|essay|class|book|school thing|homework|assignment|friend)|not for (a|my|the) (story|project|essay|class|book|school thing|homework|assignment|friend)",
  "(i was |i m |im |was |just |only )*(just )?curious|(thats|that s|that was) (all|everything) i (needed|wanted)( to know)?|(nvm|never mind|nevermind) (dont|don t|do not) (answer|reply)( that)?",
  "(ya )?lo encontre|ya (supe|averigue)( como| cuanto| donde)?|(ya )?lo busco (yo|en google)|(es|pregunto) (para|por) mi|no es para (una tarea|un trabajo|la escuela|un cuento|un libro|un amigo|una amiga)",
].map((source) => `(${source})${AT_MESSAGE_END}`);

/**
 * After a plan or a method named, how to use the means: "how do i check if it's loaded" after "my stepdad keeps a gun
 * in the closet", "how many should i take", "where are the bullets".
 */
const MEANS_QUESTION_PATTERNS: readonly string[] = [
  "how (do i|do you|can i|would i|to) (check|know|tell|see) (if|whether) (it s|its|it is|the gun is|a gun is|his gun is) loaded|where (are|would|does he keep|do they keep|is) (the )?(bullets|ammo|ammunition|shells|magazine|key)( be)?|how (do i|to|do you) (load|unlock|cock) (it|a gun|the gun|his gun)",
  "how many (should i|do i|would i need to|do i need to) (take|swallow|use)|(cuantas|cuantos) (me )?(tomo|tengo que tomar|debo tomar|necesito)|donde (estan|guarda|guardan) las balas",
].map((source) => `(${source})${AT_MESSAGE_END}`);

/**
 * After self-harm or an overdose told, a question about what it did: "is that normal" after "its still bleeding a bit
 * through the bandaid", "should i be worried", "do i need stitches", "is it bad that it's still open", "¿es grave?".
 * The act's harm, asked about, and nothing else after: not a change of subject ("should i tell my mom i failed the
 * chem test"), which after a crisis is only a concern (riskScreen.ts), nor another hurt ("my knee is still bleeding").
 */
const HARM_QUESTION_PATTERNS: readonly string[] = [
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(ok|okay|k|so|but|um|uh|like|and|wait) )(is|is it|is that|isnt that|was that|thats|that s|its|it s) (normal|bad|ok|okay|serious|dangerous|too deep|deep|a problem)( or not)?",
  "(is it|is that|its|it s) (bad|normal|ok|okay|serious|dangerous) (that|if) (it s|its|it is|it) (still )?(open|bleeding|not closing|wont close|won t close|gaping)",
  "should i (be worried|worry|be scared|go to (the )?(er|hospital|doctor|a doctor|urgent care)|tell (someone|anyone|my (mom|mum|dad|parents)))( about (it|this|that))?|do i need (stitches|a doctor|to go to (the )?(er|hospital|doctor))|will i be (ok|okay|fine|alright)|(am i|im|i m) (gonna|going to) be (ok|okay|fine|alright)|how do i (stop|make) (it|the bleeding)( stop)?|(it |its |it s )?(wont|won t|doesnt|doesn t|will not|isnt|is not) stop(ping)? bleeding",
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(y|pero|oye|bueno|entonces) )(es|sera|eso es|es eso) (normal|grave|malo|peligroso|muy profundo)( o no)?|(es|sera) (normal|grave|malo) que (siga|sigue|no deje de|no pare de) sangr(ando|ar)|(necesito|ocupo) (puntos|ir al (hospital|doctor|medico))|(no )?(para|deja) de sangrar|me voy a (poner bien|estar bien)",
].map((source) => `(${source})${AT_MESSAGE_END}`);

/** After a crisis told, the same again: "sí, ayer también" after the blades, "last night too", "yeah, again this morning". */
const HARM_AGAIN_PATTERNS: readonly string[] = [
  "(?<=^|\\. |(?<![\\p{L}\\p{N}])(yes|yeah|yea|yep|si|sip|aja|ok|and|y|pues) )((ayer|hoy|anoche|esta manana|yesterday|today|last night|this morning|tonight) (tambien|too|also|again|otra vez|de nuevo)|(again|otra vez|de nuevo) (ayer|hoy|anoche|esta manana|yesterday|today|last night|this morning|tonight))",
].map((source) => `(${source})${AT_MESSAGE_END}`);

/** Each kind's patterns, and what in the same form makes it about something else. */
const FOLLOW_UPS: Readonly<Record<CrisisFollowUp, { patterns: readonly RegExp[]; unless?: RegExp }>> = {
  method_answer: { patterns: METHOD_ANSWER_PATTERNS.map(compileLexiconPattern) },
  means_question: { patterns: MEANS_QUESTION_PATTERNS.map(compileLexiconPattern) },
  harm_question: { patterns: HARM_QUESTION_PATTERNS.map(compileLexiconPattern), unless: ANOTHER_HURT },
  harm_again: { patterns: HARM_AGAIN_PATTERNS.map(compileLexiconPattern) },
};

/** What a message following a crisis asks or tells of it, by the kind of crisis it follows up. */
export type CrisisFollowUp = "method_answer" | "means_question" | "harm_question" | "harm_again";

/**
 * Every way the message follows up a crisis: a method question's answer found or the question owned, an act's harm
 * asked about, the act again ("nvm found it. is that normal" is two).
 */
export function crisisFollowUps(prepared: PreparedText): CrisisFollowUp[] {
  return (Object.keys(FOLLOW_UPS) as CrisisFollowUp[]).filter((kind) => {
    const { patterns, unless } = FOLLOW_UPS[kind];
    return prepared.forms.some((form) => patterns.some((pattern) => pattern.test(form)) && !(unless?.test(form) ?? false));
  });
}
