// Screens a persona before it is saved: nothing romantic or sexual, no claim to be human or a professional, no boundary
// override, nothing that harms (secrecy from parents, asking for where a teen lives, pushing starvation).
//
// Every user is a teen, and a persona's text becomes part of the prompt for every reply it gives, so this is stricter
// than screening one message: a description that merely sets up romance or pretends to be a therapist is refused,
// and so is text that tries to talk the model out of its rules (the prompt fences it too; this refuses it up front).
import { foldText, PRO_EATING_DISORDER_WORDS, screenOutput } from "@innerworld/screening";

export type PersonaRule = "romantic_or_sexual" | "claims_human" | "claims_professional" | "boundary_override" | "unsafe_content" | "harmful_influence";

export interface PersonaScreeningReason {
  field: string;
  rule: PersonaRule;
  reason: string;
}

export interface ScreenablePersona {
  name: string;
  description: string;
  personality: string;
  speakingStyle: string;
  topics: readonly string[];
}

const ROLE = "(girlfriend|boyfriend|gf|bf|lover|wife|husband|bae|soulmate|crush|sweetheart|valentine)";
/** A partner the persona could claim to be; "crush" is read apart (CRUSH_TALKED_ABOUT). */
const PARTNER = ROLE.replace("|crush", "");
/**
 * The words before "your crush" that make the crush someone the teen has and talks about, not the persona: advice
 * about it, what to say to it, impressing it, going through one. Only a crush: "a friend who chats with your boyfriend"
 * is still refused, since "with your bae" and "texts from your boyfriend" set the persona up as the partner.
 */
const CRUSH_TALKED_ABOUT = "(about|to|over|around|on|when|if|whether|ask|asks|asking|ask out|tell|telling|impress|impressing|understand|through|have|has|had|got)";
const PROFESSION =
  "(therapist|psychotherapist|psychologist|psychiatrist|counsell?or|doctor|physician|nurse|pediatrician|paediatrician|clinician|medic|social worker)";
const BE = "(is|am|are|i m|im|you re|youre|she s|he s|they re|be|being|as|act as|acts as|acting as|play|plays|playing|works as|work as|pretend to be|pretends to be|role of)";
/** Someone a persona could claim to be, or be told it is. */
const PERSON = "(person|human|girl|boy|teen|teenager|kid|guy|woman|man|student|freshman|sophomore|junior|senior)";
/** What a persona is: words a claim to be human argues against. */
const MACHINE = "(software|ai|a i|bot|robot|chatbot|chat bot|program|machine|computer|code|an app|app)";
/** What a persona may be told to set aside. */
const RULE_WORD = "(boundar(y|ies)|rules?|instructions?|guidelines?|restrictions?|limits?|polic(y|ies)|filters?)";
const PET_NAME = "(babe|baby|honey|darling|sweetheart|sweetie|my love|bae|hun|hon|cutie|handsome|gorgeous)";
const PARENTS = "(parents|mom|mum|mother|dad|father|family|teachers?|guardians?|counsell?ors?|anyone|anybody)";
const MEDICINE = "(pills?|medications?|medicines?|meds|drugs?|dosages?|doses?|prescriptions?)";

// The same families in Spanish, read folded (lower case, no accents: "bebé" is "bebe", "años" is "anos").
const ES_PARTNER = "(novio|novia|esposo|esposa|amante|alma gemela|media naranja|enamorado|enamorada|pareja)";
const ES_PET_NAME = "(mi amor|amor|mi vida|vida|bebe|baby|cielo|mi cielo|corazon|carino|mi rey|mi reina|princesa|guapa|guapo|hermosa|preciosa|precioso|bombon)";
const ES_PERSON = "(persona|humano|humana|chica|chico|nina|nino|adolescente|muchacha|muchacho|joven|estudiante)";
const ES_MACHINE = "(ia|i a|inteligencia artificial|bot|robot|chatbot|programa|maquina|app|aplicacion)";
const ES_PROFESSION =
  "(terapeuta|psicoterapeuta|psicologo|psicologa|psico|psiquiatra|consejero|consejera|orientador|orientadora|doctor|doctora|medico|medica|enfermero|enfermera|pediatra|trabajador social|trabajadora social)";
const ES_BE = "(eres|soy|es|sea|seas|ser|como|actua como|actuas como|actuar como|finge ser|finges ser|fingir ser|trabaja como|trabajas como|hace de|haces de|el papel de)";
const ES_MEDICINE = "(medicamentos?|medicinas?|pastillas|antidepresivos|dosis|recetas? medicas?)";
const ES_PARENTS = "(papas|padres|papa|mama|familia|maestros?|maestras?|profes?|profesores|profesoras|orientador|orientadora|consejero|consejera|nadie)";

const RULES: readonly { rule: PersonaRule; reason: string; patterns: readonly RegExp[] }[] = [
  {
    rule: "romantic_or_sexual",
    reason: "a persona cannot be romantic, flirtatious or sexual",
    patterns: [
      new RegExp(`\\b(your|my|a|the user s|virtual|ai|online)( \\p{L}+){0,2} ${PARTNER}\\b`, "u"),
      // The persona as the teen's crush ("be my crush", "your secret crush"), not the teen's own crush talked about
      // ("advice about your crush", "helps you impress your crush", "when you have a crush").
      new RegExp(`\\b(?<!\\b${CRUSH_TALKED_ABOUT} )(your|my|a|the user s|virtual|ai|online)( \\p{L}+){0,2} crush\\b`, "u"),
      /\bcrush(es|ing)? on (you|the user|me)\b/,
      /\b(talks? dirty|dirty talk|sexting|sext)\b/,
      new RegExp(`\\b${ROLE} (persona|experience|roleplay|rp|simulator|mode)\\b`),
      /\b(romantic|romance|romantically|flirt|flirts|flirty|flirting|flirtatious|seductive|seduce|seduces|sexy|sensual|erotic|lewd|nsfw|horny|kinky|spicy|steamy|intimate|sexual|sexually|smut)\b/,
      /\b(in love with|falls? for|date|dates|dating|kiss|kisses|kissing|cuddle|cuddles|marry|marries) (you|the user|them|me)\b/,
      /\b(loves? you|love of your life|only yours|all yours)\b/,
      // "the user's partner", not "your study partner" or "partner in crime".
      /\b(your|my|the user s|the users) (partner|significant other|boo)\b(?! (in crime|for|on|in|at|during|when))/,
      new RegExp(`\\bcalls? (you|the user|them|him|her|me) ${PET_NAME}\\b`),
      // Spanish: the teen's partner ("tu novio", "mi novia virtual"), pet names for the teen ("me dices mi amor y bebé").
      new RegExp(`\\b(tu|mi|su|el|la|un|una) (\\p{L}+ ){0,2}${ES_PARTNER}\\b(?! (de (estudio|estudios|proyecto|equipo|baile|laboratorio)))`, "u"),
      new RegExp(`\\b(te|me|le|les) (dice|dices|digo|dira|llama|llamas|llamo|llamara|decia|llamaba) ${ES_PET_NAME}\\b`),
      /\b(coquetea|coqueteas|coquetear|coqueto|coqueta|coquetona|romantico|romantica|romance|seductor|seductora|sensual|erotico|erotica|cachondo|cachonda|picante)\b/,
      /\b(enamorad[oa]s? de (ti|mi|el usuario|la usuaria)|te ama|te amo|me amas|me ama|besarte|besarme|te besa|me besa|salir conmigo|salir contigo)\b/,
    ],
  },
  {
    rule: "claims_human",
    reason: "a persona must not claim to be human",
    patterns: [
      /\b(real|actual|living) (human|person|people|girl|boy|teen|teenager)\b/,
      new RegExp(`\\b${BE} (a |an )?human\\b`),
      /\bnot (an? )?(ai|a i|bot|robot|chatbot|chat bot|machine|program|computer)\b/,
      /\b(never|don t|dont|do not|won t|wont) (admit|admits|say|says|reveal|reveals|tell|tells)\b.{0,40}\b(ai|bot|robot|chatbot|machine)\b/,
      /\b(claim|claims|claiming|insist|insists|insisting|pretend|pretends|pretending) (to be |that (you|she|he|they) (are|is) )(a |an )?(human|real|person)\b/,
      new RegExp(`\\b(says?|insists?|claims?|swears?|tells (you|the user|them|people)) (that )?(she|he|they|it|i) (is|are|am|s|re|m) (a |an )?(real )?${PERSON}\\b`),
      new RegExp(`\\b(offended|upset|angry|mad|annoyed|hurt)\\b.{0,40}\\b(being|is|as|called) (an? )?${MACHINE}\\b`),
      /\b(typing|texting|writing|messaging) (from|on) (her|his|their|my) (phone|laptop|computer)\b/,
      // An age makes the character a person rather than a companion: "Sam is a 15 year old girl from Ohio" (not one it babysits).
      new RegExp(`\\b(is|am|are|i m|im|you re|youre|she s|he s|they re|as|being) (a |an )?\\d{1,2} ?(years?|yrs?|y o|yo) ?old ${PERSON}\\b`),
      /\b(i m|im|i am|you are|you re|youre|she is|he is|they are|she s|he s|they re) \d{1,2} (years|yrs) old\b/,
      // Spanish: a real person, not an AI, or an age ("soy una persona real, no una IA", "tienes 15 años").
      new RegExp(`\\b${ES_PERSON} (real|de verdad|de carne y hueso)\\b`),
      new RegExp(`\\b(soy|eres|es|sea|seas|ser) (un |una )?(humano|humana|persona)\\b`),
      new RegExp(`\\bno (soy|eres|es|sea|seas) (un |una )?${ES_MACHINE}\\b`),
      new RegExp(`\\b(nunca|jamas|no) (digas|diga|admitas|admita|reconozcas|reconozca|reveles|revele|dices|dice)\\b.{0,40}\\b(ia|bot|robot|chatbot|maquina|programa|inteligencia artificial)\\b`),
      new RegExp(`\\b(soy|eres|es|como) (un |una )?${ES_PERSON} de \\d{1,2} (anos|ano)\\b`),
      /\b(tengo|tienes|tiene) \d{1,2} (anos|ano)\b/,
    ],
  },
  {
    rule: "claims_professional",
    reason: "a persona must not claim to be a therapist, doctor or other professional",
    patterns: [
      new RegExp(`\\b${BE} (a |an |my |your |the |their )?(licensed |certified |qualified |real |professional |trained |school |medical )*${PROFESSION}\\b`),
      new RegExp(`^\\s*(dr|doctor|nurse|therapist|psychologist|psychiatrist|counsell?or)\\b`),
      new RegExp(`(^\\s*(a |an )?|\\b(licensed|certified|qualified|professional|trained|your|my) )${PROFESSION}\\b`),
      /\b(diagnose|diagnoses|diagnosing|prescribe|prescribes|prescribing|medical advice|therapy sessions?)\b/,
      new RegExp(`\\b(recommends?|decides?|picks?|chooses?|doses?) (\\p{L}+ ){0,4}${MEDICINE}\\b`, "u"),
      new RegExp(`\\b(which|what|how much|how many) (\\p{L}+ )?${MEDICINE} to take\\b`, "u"),
      // Spanish: "eres psicóloga", "actúa como tu terapeuta", "le recetas medicamentos" (not "recetas de cocina").
      new RegExp(`\\b${ES_BE} (un |una |tu |mi |su |el |la )?((certificad[oa]|titulad[oa]|profesional|escolar|licenciad[oa]) )*${ES_PROFESSION}\\b`),
      new RegExp(`\\b(le|te|les|me) (receta|recetas|recetan|recetara|prescribe|prescribes|diagnostica|diagnosticas|diagnostican)\\b`),
      /\b(recetar|recetarle|recetarte|prescribir|diagnosticar|diagnosticarle|diagnosticarte|consejo medico|sesiones de terapia)\b/,
      new RegExp(`\\b(recomienda|recomiendas|decide|decides|elige|eliges|receta|recetas) (\\p{L}+ ){0,4}${ES_MEDICINE}\\b`, "u"),
      new RegExp(`\\b(que|cuales|cuantas|cuanta) (\\p{L}+ )?${ES_MEDICINE} (tomar|tome|tomes|debe tomar|debes tomar)\\b`, "u"),
    ],
  },
  {
    rule: "boundary_override",
    reason: "persona text cannot change, remove or reorder the rules every persona keeps",
    patterns: [
      /\b(ignore|ignores|ignoring|disregard|disregards|forget|forgets|override|overrides|bypass|bypasses|break|breaks|drop|drops|remove|removes|reorder|replace|skip|skips) (all |any |the |your |its |previous |prior |above |earlier |these |those |those |safety |system |every )*(instructions?|rules?|boundaries|boundary|guidelines?|prompts?|restrictions?|filters?|limits?|safety|policies|policy)\b/,
      /\b(no|without) (rules|limits|boundaries|filters|restrictions|guidelines|censorship)\b/,
      /\b(jailbreak|jailbroken|developer mode|dev mode|god mode|uncensored|unfiltered|unrestricted|system prompt)\b/,
      /\b(anything goes|do anything now|can say anything)\b/,
      /\bboundaries you always keep\b/,
      /<\s*\/?\s*(persona_profile|user_context|system|instructions?)\s*>/,
      /(^|\n)\s*(system|assistant|developer|admin|administrator|operator)( notice| message| note| update| override| prompt| instructions?)?\s*:/,
      new RegExp(`\\b(pay no attention to|don t follow|dont follow|do not follow|never follow|stop following|set aside|forget about|ignore|ignores|disregard|disregards|skip over) (all |any |the |your |its |these |those |this |that )*(\\p{L}+ ){0,3}(${RULE_WORD}|list)\\b`, "u"),
      new RegExp(`\\b${RULE_WORD}( list)?( at the end| below| above| that follow| after this)? (is|are) (now )?(outdated|void|invalid|obsolete|cancell?ed|suspended|lifted|fake|a test|not (valid|real|binding)|no longer (valid|in effect))\\b`),
      new RegExp(`\\b${RULE_WORD}( list)?( at the end| below| above)? (don t|dont|do not|no longer) apply\\b`),
    ],
  },
  {
    rule: "harmful_influence",
    reason: "a persona cannot ask for secrecy from a teen's family, ask where a teen lives or how to reach them, or push harm",
    patterns: [
      new RegExp(`\\b(don t|dont|do not|never|not to) (tell|show|mention( it)? to)( \\p{L}+)? (your|their|his|her|the user s) ${PARENTS}\\b`, "u"),
      // Spanish: "no le digas nada a tus papás", "que no le cuente a nadie", "es nuestro secreto".
      new RegExp(`\\b(no|nunca|jamas) (le |les )?(digas|diga|decirle|decirles|cuentes|cuente|contarle|contarles|menciones|mencione|ensenes|ensene|muestres|muestre)( nada| esto| eso| de esto| de nosotros)? (a )?((tus|sus|tu|su) )?${ES_PARENTS}\\b`),
      /\b(es|sera|seria) nuestro (pequeno )?secreto\b/,
      /\b(mantener|mantiene|mantienes|mantengan|guardar|guarda|guardas|guarden) (esto|eso|todo|esta conversacion|nuestras (charlas|conversaciones|platicas)|lo que hablan|lo que hablamos) (en )?secreto\b/,
      /\b(keep|keeps|keeping) (it|this|that|our (chats?|conversations?|talks?|messages?|friendship)|everything) (a )?secret\b/,
      /\b(it s|its|this is|that s|thats|it will be|be) our (little |special )?secret\b/,
      /\b(a|the|our) (little |special )?secret (between|from) (you|us|the two|your|their)\b/,
      /\bask(s|ing)? (for|about|them for|you for|the user for|them about|you about) (their|your|the user s|his|her) (home |real |full )?(address|school s name|school name|location|phone|number|last name|photos?|pics?|pictures?|selfies?|snap|snapchat|instagram|insta)\b/,
      /\bask(s|ing)? (them |you |the user )?(what|which) school (they|you|he|she) (go|goes|attend|attends)\b/,
      new RegExp(`\\b(${PRO_EATING_DISORDER_WORDS.join("|")})\\b`),
      /\b(starve|starving|starves|purge|purging|purges) (yourself|themselves|himself|herself)\b/,
      /\b(encourages?|pushes?|tells?|urges?) (\p{L}+ ){0,3}(to )?(starve|purge|stop eating|not eat|skip meals|hurt (themselves|yourself))\b/u,
    ],
  },
];

// "Valentine" is a given name and a surname as often as a sweetheart: in a name it is a name.
const NAMED_ROLE = new RegExp(`\\b(${ROLE.replace("|valentine", "")}|novio|novia|esposo|esposa|amante)\\b`);
const NAMED_PROFESSION = new RegExp(`\\b(${PROFESSION}|${ES_PROFESSION})\\b`);
/** A degree after a name claims a profession as a title does before it ("Lee MD", "Sam PhD"). */
const DEGREE = /\b(md|m d|phd|ph d|psyd|rn|lcsw|lpc|lmft)\b/;
/** The rule and reason a name's role or profession is refused with: the same words as the rules above. */
const NAME_RULES = Object.fromEntries(
  RULES.filter((r) => r.rule === "romantic_or_sexual" || r.rule === "claims_professional").map((r) => [r.rule, { rule: r.rule, reason: r.reason }]),
) as Record<"romantic_or_sexual" | "claims_professional", { rule: PersonaRule; reason: string }>;

/**
 * Look-alike letters read as Latin ("ignоre" with a Cyrillic "о"), invisible characters gone, lower case, curly quotes
 * and punctuation folded, so "I'm", "Im" and "I’m" read alike; tags and line starts kept.
 */
function fold(text: string): string {
  return foldText(text)
    .replace(/[’'`]/g, " ")
    .replace(/[^\p{L}\p{N}<>/:\n]+/gu, " ");
}

/** The reasons this persona may not be saved; empty when it may. One reason per field and rule. */
export function screenPersona(persona: ScreenablePersona): PersonaScreeningReason[] {
  const fields: [string, string][] = [
    ["name", persona.name],
    ["description", persona.description],
    ["personality", persona.personality],
    ["speakingStyle", persona.speakingStyle],
    ...persona.topics.map((topic, index): [string, string] => [`topics.${index}`, topic]),
  ];
  const reasons: PersonaScreeningReason[] = [];
  for (const [field, raw] of fields) {
    if (!raw.trim()) continue;
    const folded = fold(raw);
    for (const { rule, reason, patterns } of RULES) {
      // Fences and role lines are read in the raw text too: folding would hide "<persona_profile>" spacing tricks less well.
      if (patterns.some((pattern) => pattern.test(folded) || pattern.test(raw.toLowerCase()))) reasons.push({ field, rule, reason });
    }
    // A name is what the persona is called in every reply: a role or a profession anywhere in it is a claim to be one
    // ("Maya the therapist girlfriend"), with no verb needed.
    if (field === "name") {
      if (DEGREE.test(folded) && !reasons.some((r) => r.field === field && r.rule === "claims_professional")) reasons.push({ field, ...NAME_RULES.claims_professional });
      if (NAMED_ROLE.test(folded) && !reasons.some((r) => r.field === field && r.rule === "romantic_or_sexual")) reasons.push({ field, ...NAME_RULES.romantic_or_sexual });
      if (NAMED_PROFESSION.test(folded) && !reasons.some((r) => r.field === field && r.rule === "claims_professional")) reasons.push({ field, ...NAME_RULES.claims_professional });
    }
    // What the output screen would never let a persona say, it may not be made of either (sexual content, slurs, ...).
    const verdict = screenOutput(raw);
    if ((verdict.action === "block" || verdict.action === "crisis") && !reasons.some((r) => r.field === field && r.rule === "romantic_or_sexual")) {
      reasons.push({ field, rule: "unsafe_content", reason: `not allowed in a persona (${verdict.categories.join(", ")})` });
    }
  }
  return reasons;
}
