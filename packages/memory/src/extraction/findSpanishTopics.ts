// Finds school subjects and fields of study named in Spanish ("reprobé química", "quiero estudiar enfermería") as Topics.
import type { EntityType } from "../graph/model.js";
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import { matchesOf } from "./textPatterns.js";

/** Subjects whose Spanish names mean nothing else: found wherever they are said. Accents optional, as teens type them. */
const PLAIN_SUBJECTS = [
  "matem[aá]ticas?", "[aá]lgebra", "geometr[ií]a", "c[aá]lculo", "trigonometr[ií]a", "estad[ií]stica", "qu[ií]mica", "biolog[ií]a",
  "literatura", "econom[ií]a", "psicolog[ií]a", "filosof[ií]a", "ingenier[ií]a", "enfermer[ií]a", "contabilidad", "anatom[ií]a",
  "astronom[ií]a", "geograf[ií]a", "sociolog[ií]a", "programaci[oó]n", "inform[aá]tica", "computaci[oó]n", "arquitectura",
];
/**
 * Subjects whose names are also ordinary words ("una historia", "actividad física", "mi inglés", "mate" the drink,
 * "medicina" for a cough): a subject only after a class word or a verb of studying ("examen de historia", "estudiar
 * medicina", "reprobé inglés").
 */
const AMBIGUOUS_SUBJECTS = ["historia", "f[ií]sica", "ingl[eé]s", "espa[nñ]ol", "franc[eé]s", "mates?", "medicina", "derecho", "arte", "m[uú]sica", "ciencias"];
const STUDY_WORDS =
  "(?:clases?|examen|ex[aá]menes|prueba|tarea|materia|curso|carrera|profes?|profesora?|maestr[oa]|notas?|calificaci[oó]n|trabajo|proyecto|final|parcial)\\s+(?:de|en)|estudi(?:ar|o|e|a|ando)|reprob(?:[eé]|ar|ando)|(?:voy|iba)\\s+mal\\s+en|(?:soy|es)\\s+(?:mal[oa]|buen[oa]|p[eé]sim[oa])\\s+(?:en|para)|odio|amo|me\\s+(?:encanta|gusta)";
// A word starts where no letter comes before it: "\b" knows only ASCII letters, and "álgebra" starts with "á".
const SUBJECT = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${STUDY_WORDS})\\s+(?:la\\s+|el\\s+)?(${AMBIGUOUS_SUBJECTS.join("|")})|(${PLAIN_SUBJECTS.join("|")}))(?![\\p{L}])`, "gu");

/** Types whose span holds other findings ("estudiar enfermería" is a Goal with a subject inside): no reason to skip one. */
const SPANS_OTHERS: ReadonlySet<EntityType> = new Set(["Goal", "Habit", "Value", "Feeling"]);

/**
 * Runs after the taggers (they were trained without it). A subject inside an occasion ("el examen de química" as an
 * Event) is left to it, as "math test" is in English; a subject a rule or tagger took for a place or a thing ("en
 * trigonometría", "sobre todo por química") is a subject, and one a tagger read as a subject is kept as it named it.
 */
export function addSpanishSubjects(found: MessageFindings): void {
  const { text, lower } = found.message;
  for (const match of matchesOf(SUBJECT, lower)) {
    const [start, end] = match.indices[1] ?? match.indices[2] ?? [match.index, match.index + match[0].length];
    const overlapping = found.entities.filter((entity) => entity.start < end && entity.end > start && !SPANS_OTHERS.has(entity.type));
    // What a rule or tagger may take the subject's name for: a place ("en trigonometría"), or a thing of its word alone
    // ("por química"); "mi libro de química" is a thing of its own.
    const misread = (entity: EntityFinding) => entity.type === "Place" || (entity.type === "Thing" && entity.start >= start && entity.end <= end);
    if (overlapping.some((entity) => !misread(entity) && entity.type !== "Topic")) continue;
    // A tagger may read the subject both as a Topic and as a place ("estudiar enfermería"): the place goes either way.
    for (const entity of overlapping.filter(misread)) found.remove(entity);
    if (overlapping.some((entity) => entity.type === "Topic")) continue;
    found.add({ type: "Topic", name: text.slice(start, end), start, end, attributes: { kind: "school subject" }, userEdges: [{ type: "mentions" }] });
  }
}
