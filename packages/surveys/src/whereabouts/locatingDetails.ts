// Takes out of a friend's answer every part that locates or reaches its subject, and keeps the rest of what they said.
import { findPersonalData } from "@innerworld/screening/personal-data";

// A school by its name: "Lincoln High", "Roosevelt Middle School", "St. Mary's Academy", "Colegio Americano", "la Secundaria 12".
const SCHOOL_KIND = String.raw`(?:High(?:\s+School)?|Middle(?:\s+School)?|Junior\s+High|Elementary(?:\s+School)?|Primary(?:\s+School)?|Secondary(?:\s+School)?|Academy|Prep|Preparatory|School|College|Institute|HS|MS)`;
const NAMED_SCHOOL = new RegExp(String.raw`(?:\b(?:St\.?|Saint)\s+)?\b(?!(?:High|Middle|School|The|My|Her|His|Their|At|In|To)\b)\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}\s+${SCHOOL_KIND}\b`, "u");
// Written in lower case, a school is still a school after "goes to", "at": "she goes to lincoln high".
const LOWERCASE_SCHOOL = /\b(?:at|to|from|attends|attending|va\s+a|en|estudia\s+en)\s+(?:the\s+)?(?!(?:the|high|middle|school|her|his|my|their)\b)[\p{L}'.-]+(?:\s+[\p{L}'.-]+)?\s+(?:high|middle|elementary|academy|prep|junior\s+high)(?:\s+school)?\b/iu;
/** Either case of each letter, where the rest of a pattern must tell a capital from a small letter. */
const anyCase = (word: string) => word.replace(/\p{L}/gu, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
const SPANISH_SCHOOL = new RegExp(
  String.raw`\b(?:${["escuela", "colegio", "secundaria", "preparatoria", "prepa", "primaria", "instituto", "liceo", "academia", "secu"].map(anyCase).join("|")})\s+(?:(?:de|del|la|el|los|n[uú]m(?:ero|\.)?|no\.?)\s+)?(?:\p{Lu}[\p{L}.-]*|\d+)`,
  "u",
);

// A time of day, or a part of the day a place goes with: "at 3pm", "3:15", "after practice", "los sábados".
const TIME = new RegExp(
  [
    String.raw`\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|hrs?|h)\b`,
    String.raw`\b\d{1,2}:\d{2}\b`,
    String.raw`\b(?:noon|midnight|mediod[ií]a|medianoche)\b`,
    String.raw`\ba\s+las\s+\d`,
    String.raw`\b(?:after|before)\s+(?:school|practice|class|classes|training|rehearsal|work|lunch)\b`,
    String.raw`\bat\s+(?:lunch|recess|break)\b`,
    String.raw`\b(?:every|on)\s+(?:day|morning|afternoon|evening|night|weekday|weekend|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b`,
    String.raw`\b(?:los|cada|el)\s+(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados?|domingos?)\b`,
    String.raw`\b(?:despu[eé]s|antes)\s+de\s+(?:clases?|la\s+escuela|entrenar|la\s+pr[aá]ctica|comer)\b`,
  ].join("|"),
  "iu",
);
// Where someone is, goes or can be found: a place word, a preposition of place, a way home.
const PLACE = new RegExp(
  [
    String.raw`\b(?:home|house|school|gym|park|library|field|court|mall|bus|stop|station|street|corner|parking|lot|bleachers|cafeteria|locker|classroom|church|store|shop|track|pool|rink|skatepark|train|subway|bridge|alley)\b`,
    String.raw`\b(?:behind|outside|inside|near|next\s+to|across\s+from|in\s+front\s+of|around\s+the\s+corner)\b`,
    String.raw`\b(?:walks?|walking|bikes?|biking|rides?|drives?|leaves?|arrives?|gets\s+(?:off|out)|picks?\s+(?:her|him|them)\s+up|waits?|hangs?\s+out)\b`,
    String.raw`\b(?:casa|escuela|parque|calle|esquina|parada|cami[oó]n|gimnasio|cancha|biblioteca|plaza|detr[aá]s|afuera|enfrente|cerca|camina|sale|llega|regresa|espera)\b`,
  ].join("|"),
  "iu",
);
// Saying where someone can be found needs no clock: "she lives near the river", "you can find her behind the gym".
const LOCATED = new RegExp(
  [
    String.raw`\b(?:lives|stays|sleeps)\s+(?:on|at|in|near|by|off|behind|next\s+to|across|above|right)\b`,
    String.raw`\b(?:find|catch|meet|see)\s+(?:her|him|them)\s+(?:at|in|on|by|near|behind|outside|after|before|every)\b`,
    String.raw`\b(?:can\s+be|is\s+always|is\s+usually|always|usually)\s+(?:found\s+)?(?:at|in|by|behind|outside|near)\s+(?:the\s+)?(?:\p{Lu}|${["home", "house", "school", "gym", "park", "library", "field", "court", "mall", "bus", "station", "corner", "parking", "bleachers", "cafeteria", "locker", "store", "skatepark", "pool", "rink"].join("|")})`,
    String.raw`\bwalks?\s+(?:home|to\s+school|back)\b`,
    String.raw`\b(?:alone|by\s+(?:her|him|them)sel(?:f|ves)|on\s+(?:her|his|their)\s+own|sola|solo)\b.*\b(?:home|school|walk|walks|way|bus|street|park|night|casa|escuela|calle|camino|noche)\b`,
    String.raw`\b(?:vive|la\s+encuentras|lo\s+encuentras|la\s+ves|lo\s+ves|se\s+junta|anda)\s+(?:en|por|cerca|detr[aá]s|junto|a\s+lado)\b`,
  ].join("|"),
  "iu",
);
// A platform named as the way to reach them: "her snap is", "on insta as", "add her on discord"; "always on tiktok" stays.
const PLATFORM = "snap|snapchat|insta|instagram|ig|tiktok|discord|whatsapp|telegram|kik|facebook|fb|twitter|twitch|roblox|steam|xbox|psn";
const REACH = new RegExp(
  [
    String.raw`\b(?:add|follow|find|dm|message|text|hit)\s+(?:her|him|them)(?:\s+up)?\s+(?:on|en|at|via)\b`,
    String.raw`\b(?:her|his|their|su)\s+(?:${PLATFORM})\s*(?:is|es|handle|username|name|tag|@|:)`,
    String.raw`\b(?:on|en)\s+(?:${PLATFORM})\s+(?:as|at|under|como)\b`,
    String.raw`\b(?:dm|text|call|message|snap|llama|escr[ií]bele)\s+(?:her|him|them|le)\b`,
  ].join("|"),
  "iu",
);
// What an earlier redaction left where personal data was: stored before this rule, or masked by the chat screen.
const PLACEHOLDER = /\[(?:email|phone|address|postcode|handle)\]/u;
const TIMES = new RegExp(TIME.source, "giu");

/** True when a part of an answer locates or reaches its subject. */
export const locatesSomeone = (part: string): boolean =>
  PLACEHOLDER.test(part) ||
  findPersonalData(part, "input", { bareAtNames: true }).hits.length > 0 ||
  NAMED_SCHOOL.test(part) ||
  LOWERCASE_SCHOOL.test(part) ||
  SPANISH_SCHOOL.test(part) ||
  REACH.test(part) ||
  LOCATED.test(part) ||
  // The place is read apart from the time, so "after school she draws" names no place.
  (TIME.test(part) && PLACE.test(part.replace(TIMES, " ")));

// Where an answer divides into parts that each say one thing: "Lincoln High, she walks home alone at 3pm" is two.
const BOUNDARY = /([,;!?\n]+\s*|(?<!\b(?:St|Mr|Mrs|Ms|Dr|Mt|Jr|Sr|Ave|Rd|No|Sta|Sto|Sra|Srta))\.+(?=\s|$)\s*|\s+(?:and|but|also|plus|y|pero|tambi[eé]n)\s+|\s+[-–—]\s+)/iu;

/**
 * The answer without its locating parts, joined as the friend wrote them; undefined when nothing else was said.
 * Personal data (a number, an address, a handle) is read by the screening package's detector, as in chat.
 */
export const withoutLocatingDetails = (answer: string): string | undefined => {
  // Masked first, so a handle's or an address's own dots and commas ("@maya.k", "9 Elm Rd, apt 2") do not divide it.
  const masked = findPersonalData(answer, "input", { bareAtNames: true }).redactedText;
  const pieces = (masked ?? answer).split(BOUNDARY);
  let kept = "";
  let removed = masked !== undefined;
  for (let i = 0; i < pieces.length; i += 2) {
    const part = pieces[i] ?? "";
    const separator = pieces[i - 1] ?? "";
    if (part.trim() === "") continue;
    if (locatesSomeone(part)) {
      removed = true;
      continue;
    }
    kept += (kept ? separator : "") + part;
  }
  if (!removed) return answer;
  const tidy = kept.replace(/^[\s,;.!?–—-]+|[\s,;–—-]+$/gu, "").trim();
  return /[\p{L}\p{N}]/u.test(tidy) ? tidy : undefined;
};
