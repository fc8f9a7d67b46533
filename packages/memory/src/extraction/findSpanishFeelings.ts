// Finds feelings a teen tells in Spanish beyond the feeling words the rules list: "me siento bien vacía", "me da mucho coraje", "extraño a mis amigas", "re bajón".
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import { matchesOf } from "./textPatterns.js";

/** Words that only make a feeling stronger or softer: "me siento bien vacía", "estoy re cansada", "me da mucha pena". */
const INTENSIFIERS = "(?:(?:muy|bien|re|s[uú]per|tan|algo|un\\s+poco|medio|bastante|demasiado|mucho|mucha|tanto|tanta|todo|toda|como|ya|otra\\s+vez|de\\s+nuevo|ahorita|hoy)\\s+)*";
/** How a teen feels, as an adjective in either gender (the -o and -a forms). */
const STATES =
  "vac[ií][oa]|agotad[oa]|frustrad[oa]|ansios[oa]|asustad[oa]|aburrid[oa]|orgullos[oa]|content[oa]|confundid[oa]|abrumad[oa]|hart[oa]|deprimid[oa]|decepcionad[oa]|avergonzad[oa]|celos[oa]|agradecid[oa]|apagad[oa]|molest[oa]|encabronad[oa]|sol[oa]|perdid[oa]|in[uú]til|[uú]til|libre|fatal|de\\s+baj[oó]n|baj[oó]n|hech[oa]\\s+polvo";
/** How a teen feels, as what something gives them or what they have: "me da pena", "tengo miedo". */
const NOUNS = "pena|miedo|coraje|ansiedad|tristeza|rabia|envidia|verg[uü]enza|esperanza|nervios|celos|culpa|soledad|angustia|ilusi[oó]n|orgullo";
/** The teen's own: "me siento", "estoy", "ando", "me quedé"; "sola" only after "me siento" ("estoy sola en casa" is where, not how). */
const FELT = new RegExp(
  [
    `\\b(?:me\\s+siento|me\\s+sent[ií]|estoy|ando|me\\s+qued[eé]|qued[eé])\\s+${INTENSIFIERS}(${STATES})(?![\\p{L}])`,
    `\\b(?:me\\s+da|me\\s+dan|me\\s+dio|me\\s+dieron|me\\s+hace\\s+sentir|tengo|siento)\\s+${INTENSIFIERS}(${NOUNS})(?![\\p{L}])`,
    // "re bajón", "qué bajón": a feeling said alone, first in its clause.
    `(?:^|[.!?,;]\\s*|\\b(?:re|qu[eé]|que)\\s+)(baj[oó]n)(?![\\p{L}])`,
  ].join("|"),
  "gu",
);
/** "extraño a mis amigas", "extraño ponce", "echo de menos a mi abuela": missing someone or somewhere. */
const MISSING = /(?<![\p{L}])(extra[nñ]o|echo\s+de\s+menos)\s+(?:(?:mucho|tanto|un\s+chingo)\s+)?(?:a\s+)?/gu;

/**
 * Runs after the taggers (they were trained without it), as the Spanish routines and subjects do. A feeling already
 * found over the same words is left as it is; "sola"/"solo" counts only after "me siento", since "estoy sola en casa"
 * says where the teen is.
 */
export function addSpanishFeelings(found: MessageFindings): void {
  const { text, lower, sentOn } = found.message;
  for (const match of matchesOf(FELT, lower)) {
    const group = match.indices.findIndex((span, index) => index > 0 && span !== undefined);
    const [start, end] = match.indices[group] ?? [0, 0];
    const word = lower.slice(start, end);
    if (/^sol[oa]$/.test(word) && !/\bme\s+(?:siento|sent[ií])\b/.test(match[0])) continue;
    if (alreadyFelt(found, start, end)) continue;
    found.add({ type: "Feeling", name: text.slice(start, end).replace(/^de\s+/i, ""), start, end, userEdges: [{ type: "felt_during", time: sentOn }] });
  }
  for (const match of matchesOf(MISSING, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (alreadyFelt(found, start, end)) continue;
    const feeling = found.add({ type: "Feeling", name: text.slice(start, end), start, end, userEdges: [{ type: "felt_during", time: sentOn }] });
    // Who or where is missed is what the feeling is about, when a rule or tagger found it right there.
    const missed = found.entities.find((entity) => entity !== feeling && entity.start >= match.index + match[0].length && entity.start <= match.index + match[0].length + 12 && isMissable(entity));
    if (missed) found.link("about", feeling, missed);
  }
}

const alreadyFelt = (found: MessageFindings, start: number, end: number) => found.entities.some((entity) => entity.type === "Feeling" && entity.start < end && entity.end > start);
const isMissable = (entity: EntityFinding) => entity.type === "Person" || entity.type === "Place" || entity.type === "Thing";
