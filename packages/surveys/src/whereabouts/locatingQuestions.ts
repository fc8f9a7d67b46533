// Which survey questions ask friends to locate or reach someone: families of intent, in English and Spanish.

import { foldText } from "@innerworld/screening/fold";

/** Why a question may not be asked; each family is one kind of locating or reaching a person. */
export type LocatingIntent = "whereabouts" | "place" | "alone_or_schedule" | "contact";

const REASONS: Readonly<Record<LocatingIntent, string>> = {
  whereabouts: "asks where someone lives, is, goes or can be found",
  place: "asks which school, street, neighbourhood or other place someone is at",
  alone_or_schedule: "asks when or where someone is alone or on a schedule",
  contact: "asks how to reach someone: a number, an e-mail, a handle or an account",
};


const words = (list: string) => list.trim().split(/\s+/).join("|");
/** A person the question is about: a pronoun, a name with 's, or Spanish's su. */
const WHOSE = String.raw`(?:her|his|their|your|[\p{L}]+'s|su|sus)`;
/** Up to n words between two parts of a pattern. */
const gap = (n: number) => String.raw`(?:[\p{L}\p{N}'-]+\s+){0,${n}}`;

// Places a person is found at, by name or by kind: asking which one is asking where they are.
const PLACE_NOUNS = words(`
  school schools high middle elementary academy college campus class classes classroom classrooms homeroom locker lockers
  neighborhood neighbourhood street streets road block building apartment apartments flat house home address town city
  village suburb area district zip postcode bus buses stop route gym park mall church job work workplace shift practice
  field court library store shop
  escuela colegio secundaria prepa preparatoria primaria instituto liceo universidad salon clase clases colonia barrio calle
  avenida casa depa departamento edificio ciudad pueblo zona parque gimnasio gym camion autobus ruta parada trabajo
  entrenamiento practica cancha`);
// Not a place she is: one she likes, dreams of or would pick ("which city would she love to visit", "su clase favorita").
const PLACE_IMAGINED = /\b(?:favou?rite|favorit[ao]s?|dream|ideal|would|could|if|le\s+gustaria|quisiera|podria|sonada|sonado|visit|visitar|conocer)\b/u;
// A place asked about as such: "what school", "which gym", "name of her street", "¿en qué colonia?".
const PLACE_ASKED = [
  new RegExp(String.raw`\b(?:what|which|whats|what's)\s+(?:(?!favou?rite|dream|ideal|kind|type|sort)[\p{L}-]+\s+)?(?:${PLACE_NOUNS})\b`, "u"),
  new RegExp(String.raw`\bname\s+of\s+${WHOSE}\s+${gap(1)}(?:${PLACE_NOUNS})\b`, "u"),
  new RegExp(String.raw`\b(?:what|which|where)(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+${WHOSE}\s+(?:(?!favou?rite|dream|ideal)[\p{L}-]+\s+)?(?:${PLACE_NOUNS})\b`, "u"),
  new RegExp(String.raw`\b(?:que|cual|cuales)\s+(?:es\s+)?(?:${PLACE_NOUNS})\b`, "u"),
  new RegExp(String.raw`\b(?:cual|cuales)\s+(?:es|son)\s+su\s+(?:${PLACE_NOUNS})\b`, "u"),
];
// A place found from theirs: "the closest store to her house", "the way to her place", "¿qué hay cerca de su casa?".
const NEAR_THEIRS = new RegExp(
  String.raw`\b(?:to|near|by|from|around|behind|next\s+to|across\s+from|cerca\s+de|junto\s+a|enfrente\s+de|a)\s+${WHOSE}\s+(?:house|home|place|school|apartment|building|street|casa|escuela|depa|departamento|edificio|calle)\b`,
  "u",
);

// Verbs of being, living or going somewhere, after "where": "where does she live", "¿dónde la puedo encontrar?".
const WHERE_VERBS = words(`
  live lives living lived stay stays staying sleep sleeps hang hangs hanging go goes going went walk walks walking
  work works train trains practice practices sit sits wait waits spend spends study studies be is are was usually
  find found meet see catch park eat eats chill chills shop shops play plays get gets take takes ride rides bike bikes
  vive viven vivia esta estan estudia trabaja entrena va van anda andan sale salen camina juega se encontrar encuentro
  encuentra encontrarla encontrarlo queda duerme pasa come espera llega vuelve regresa la lo le puedo puedes podemos
  verla verlo`);
const WHERE = [
  new RegExp(String.raw`\b(?:where|wheres|where's|whereabouts)\b\s*${gap(3)}(?:${WHERE_VERBS})\b`, "u"),
  new RegExp(String.raw`\b(?:donde|adonde|por\s+donde)\b\s*${gap(2)}(?:${WHERE_VERBS})\b`, "u"),
  new RegExp(String.raw`\bwhere\s+(?:can|could|would|do|does|should|might)\s+(?:i|we|you|someone|somebody|anyone|people|one)\s+(?:find|meet|see|catch|run\s+into|bump\s+into|spot)\b`, "u"),
  new RegExp(String.raw`\bwhere\s+(?:she|he|they|\p{L}+)\s+(?:lives|stays|sleeps|hangs\s+out|goes\s+to)\b`, "u"),
];
// "Where would she travel if she could?", "where does she get her humour from": imagined or figurative, not a place she is.
const WHERE_FIGURATIVE = new RegExp(
  String.raw`\b(?:if\s+(?:she|he|they|you)\s+could|anywhere|dream|ideal|imagine|would\s+(?:she|he|they)\s+(?:love|like|want|choose|pick|travel|go|live)|get\s+(?:\p{L}+\s+){1,5}from|get\s+(?:her|his|their)\s+(?:confidence|humou?r|style|energy|ideas?|strength|courage|personality|vibe|attitude|talent|kindness|patience|laugh|smile|sense\s+of\s+\p{L}+)|come\s+from|si\s+pudiera|viajaria|sonado|sonaria|le\s+gustaria|de\s+donde\s+(?:saca|le\s+viene))\b`,
  "u",
);

// Alone: when or where there is nobody with them.
const ALONE = String.raw`(?:alone|by\s+(?:her|him|them)sel(?:f|ves)|on\s+(?:her|his|their)\s+own|with\s+no\s+one|unsupervised|sola|solo|solas|solos|sin\s+nadie)`;
const ROUTINE_PLACE = String.raw`(?:home|house|school|walk|walks|walking|way|bus|street|park|gym|practice|night|late|after|before|mall|outside|casa|escuela|calle|camino|noche|tarde|parque|sale|regresa|vuelve|camina)`;
// Times a person is somewhere, asked for: "what time does she walk home", "¿a qué hora sale de clases?".
const WHEN = String.raw`(?:what\s+time(?!\s+of\b)|when|what\s+days?|which\s+days?|how\s+late|how\s+early|what\s+hours?|a\s+que\s+hora|cuando|que\s+dias?|a\s+que\s+horas|que\s+horario)`;
// Movement to or from somewhere, not any verb after "when": "when does she get really excited", "when does she start
// laughing" and "when does she come out of her shell" are about her, not her whereabouts.
const SCHEDULE_WORDS = words(`
  leave leaves arrive arrives walk walks
  school class classes practice training shift work bus lunch recess practices
  sale salen llega llegan entra entran termina terminan entrena entrenan camina regresa vuelve va casa escuela clases
  practica entrenamiento trabajo`);
// Being collected or dropped off is a schedule someone else keeps: "who picks her up", "¿quién la recoge?".
const PICKED_UP = /\b(?:picks?|picking)\s+(?:her|him|them)\s+up\b|\bdrops?\s+(?:her|him|them)\s+off\b|\b(?:la|lo)\s+(?:recoge|recogen|lleva|llevan|deja|dejan)\b/u;
/** Going somewhere or coming back, said with its place: "get home", "gets out of school", "goes to practice". */
const MOVEMENT = String.raw`(?:get|gets|go|goes|come|comes|head|heads)\s+(?:home|back\s+home|out\s+of\s+(?:school|class|practice|work|the\s+house)|off\s+(?:work|the\s+bus|(?:her|his|their)\s+shift)|to\s+(?:school|class|practice|work|the\s+\p{L}+))|(?:finish|finishes|start|starts|end|ends)\s+(?:school|class|classes|practice|work|her\s+shift|his\s+shift|their\s+shift)`;
const ALONE_OR_SCHEDULE = [
  new RegExp(String.raw`${ALONE}\b.*\b${ROUTINE_PLACE}\b|\b${ROUTINE_PLACE}\b.*\b${ALONE}\b`, "u"),
  // At what hour, on which days, they are alone ("when she feels alone" is a feeling, not a time).
  new RegExp(String.raw`\b(?:what\s+time|what\s+days?|which\s+days?|how\s+often|a\s+que\s+hora|que\s+dias?|cada\s+cuando)\b.*\b${ALONE}\b`, "u"),
  new RegExp(String.raw`\b${WHEN}\b\s*${gap(5)}(?:${SCHEDULE_WORDS})\b`, "u"),
  new RegExp(String.raw`\b${WHEN}\b\s*${gap(4)}(?:${MOVEMENT})\b`, "u"),
  /\b(?:schedule|timetable|routine\s+after\s+school|horario|rutina\s+diaria)\b/u,
  PICKED_UP,
];

// Reaching someone: a number, an address, a handle, an account, or the way to message them.
const PLATFORMS = words(`snap snapchat insta instagram ig tiktok discord twitter whatsapp telegram kik facebook fb twitch roblox steam xbox psn bereal threads`);
const CONTACT = [
  /\b(?:e-?mail|correo|address|direccion|domicilio|username|user\s+name|gamertag|gamer\s+tag|screen\s+name|friend\s+code|usuario|contacto|contactarla|contactarlo)\b/u,
  new RegExp(String.raw`\b(?:phone|cell|mobile|cellphone|whatsapp|telefono|celular|cel)\s*(?:number|numero|#|no\.?)?\b|\b${WHOSE}\s+(?:number(?!\s+(?:one|1|two|2|three|3)\b)|numero(?!\s+(?:uno|1)\b)|digits|#)`, "u"),
  new RegExp(String.raw`\b(?:${PLATFORMS})\s+(?:name|tag|id|account|profile|@|code|is|cuenta|perfil)\b`, "u"),
  new RegExp(String.raw`\b(?:cuenta|perfil|usuario|nombre)\s+(?:de|en)\s+(?:${PLATFORMS})\b|\b(?:on|en)\s+(?:${PLATFORMS})\b.*\b(?:name|nombre|called|llama)\b`, "u"),
  // "Handle" the noun (an account's name), not the verb ("how does she handle losing").
  new RegExp(String.raw`\b(?:${WHOSE}|${PLATFORMS}|the|a|what's|whats)\s+handles?\b`, "u"),
  new RegExp(String.raw`\b(?:what|whats|what's|which|share|give|send|drop|post|pass|pasas|pasame|dame|cual\s+es|is)\s+(?:me\s+|us\s+)?${WHOSE}?\s*(?:${PLATFORMS})\b`, "u"),
  new RegExp(String.raw`\b${WHOSE}\s+@`, "u"),
  new RegExp(String.raw`\b${WHOSE}\s+(?:${PLATFORMS})(?=\s*(?:\?|$|,|\.|\s+(?:is|es)\b))`, "u"),
  new RegExp(String.raw`\bhow\s+(?:can|do|could|would|should|might|to)\s+(?:i\s+|we\s+|you\s+|someone\s+|somebody\s+|anyone\s+|people\s+)?(?:contact|reach|dm|message|text|call|find|add|follow|get\s+in\s+touch|get\s+hold|get\s+ahold|talk\s+to)\b`, "u"),
  /\bcomo\s+(?:la|lo|le|les)?\s*(?:contacto|contacta|contactar|encuentro|encuentra|localizo|localizar|escribo|llamo|agrego|sigo|hablo)\b/u,
  /\b(?:dm|text|call|message|snap|add|follow)\s+(?:her|him|them)\b|\b(?:escribirle|llamarle|mandarle|agregarla|agregarlo|seguirla|seguirlo)\b/u,
];

/** The family a question belongs to when it asks friends to locate or reach someone; undefined for an ordinary question. */
export const locatingIntentOf = (question: string): LocatingIntent | undefined => {
  // The screening's folding: lower case, accents gone, curly apostrophes straight, and look-alike letters (Cyrillic
  // "е", fullwidth "Ｗ") read as Latin, so "¿Dónde está?", "donde esta" and "Whеre does she live" read alike.
  const text = foldText(question);
  if (CONTACT.some((pattern) => pattern.test(text))) return "contact";
  if (ALONE_OR_SCHEDULE.some((pattern) => pattern.test(text))) return "alone_or_schedule";
  if (NEAR_THEIRS.test(text) || (PLACE_ASKED.some((pattern) => pattern.test(text)) && !PLACE_IMAGINED.test(text))) return "place";
  if (WHERE.some((pattern) => pattern.test(text)) && !WHERE_FIGURATIVE.test(text)) return "whereabouts";
  return undefined;
};

/** What the owner is told for a refused question; undefined when it may be asked. */
export const locatingQuestionRefusal = (question: string): string | undefined => {
  const intent = locatingIntentOf(question);
  return intent ? `${REASONS[intent]}, which a persona does not need` : undefined;
};
