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
const PLATFORM = "snap|snapchat|insta|instagram|ig|tiktok|discord|whatsapp|telegram|kik|facebook|fb|twitter|twitch|roblox|steam|xbox|psn";
/** Where a teen "lives" online, capital and all: "she lives on TikTok" is how much, not where. */
const SCREENS = [...PLATFORM.split("|"), "youtube", "netflix", "spotify", "minecraft", "fortnite", "pinterest", "tumblr", "reddit", "wattpad"];
/** Any of the phrases, each word in either case, for a pattern that must otherwise tell a capital from a small letter. */
const anyCaseWords = (phrases: readonly string[]) => `(?:${phrases.map((phrase) => phrase.split(" ").map(anyCase).join(String.raw`\s+`)).join("|")})`;
// The places a friend says someone lives in or is found at, where a sentence about a life or a mood names none.
const HOME_WORDS = [
  "house", "home", "apartment", "apartments", "apt", "flat", "condo", "building", "complex", "street", "st", "road", "rd",
  "avenue", "ave", "lane", "drive", "block", "neighborhood", "neighbourhood", "hood", "area", "town", "city", "village",
  "suburb", "suburbs", "trailer", "farm", "ranch", "corner", "floor", "dorm", "shelter", "district", "county", "projects",
  "casa", "depa", "departamento", "apartamento", "edificio", "calle", "colonia", "barrio", "fraccionamiento", "fracc",
  "cuadra", "esquina", "avenida", "pueblo", "ciudad", "rancho", "privada", "unidad",
];
const FOUND_AT_WORDS = ["home", "house", "school", "gym", "park", "library", "field", "court", "mall", "bus", "station", "corner", "parking", "bleachers", "cafeteria", "locker", "store", "skatepark", "pool", "rink"];
// Saying where someone can be found needs no clock: "she lives near the river", "you can find her behind the gym".
const LOCATED = new RegExp(
  [
    String.raw`\b(?:lives|stays|sleeps)\s+(?:near|by|off|behind|next\s+to|across|above|right)\b`,
    String.raw`\b(?:find|catch|meet|see)\s+(?:her|him|them)\s+(?:at|in|on|by|near|behind|outside|after|before|every)\b`,
    String.raw`\bwalks?\s+(?:home|to\s+school|back)\b`,
    String.raw`\b(?:alone|by\s+(?:her|him|them)sel(?:f|ves)|on\s+(?:her|his|their)\s+own|sola|solo)\b.*\b(?:home|school|walk|walks|way|bus|street|park|night|casa|escuela|calle|camino|noche)\b`,
    String.raw`\b(?:vive|la\s+encuentras|lo\s+encuentras|la\s+ves|lo\s+ves|se\s+junta|anda)\s+(?:por|cerca|detr[aá]s|junto|a\s+lado)\b`,
    String.raw`\b(?:la\s+encuentras|lo\s+encuentras|la\s+ves|lo\s+ves|se\s+junta|anda)\s+en\b`,
  ].join("|"),
  "iu",
);
/**
 * Where someone lives, or is always found, told by a place's capital or a word for a home or a place: "lives in
 * Springfield", "lives on my street", "usually at Starbucks", "vive en la colonia Roma". Without the "i" flag, so that
 * a capital is a capital: "lives in a world of her own", "always in her own head", "vive en su propio mundo" name none.
 */
const LIVES_AT = new RegExp(
  [
    String.raw`\b${anyCaseWords(["lives", "stays", "sleeps", "vive"])}\s+${anyCaseWords(["on", "at", "in", "en"])}\s+(?:(?:${anyCaseWords(["the", "la", "el"])}\s+)?(?!${anyCaseWords(SCREENS)}(?![\p{L}\p{N}]))(?:\p{Lu}|\d)|(?:[\p{L}\p{N}'.-]+\s+){0,4}?${anyCaseWords(HOME_WORDS)}(?![\p{L}\p{N}]))`,
    String.raw`\b${anyCaseWords(["can be", "is always", "is usually", "always", "usually"])}\s+(?:${anyCase("found")}\s+)?${anyCaseWords(["at", "in", "by", "behind", "outside", "near"])}\s+(?:${anyCase("the")}\s+)?(?:\p{Lu}|${anyCaseWords(FOUND_AT_WORDS)}(?![\p{L}\p{N}]))`,
  ].join("|"),
  "u",
);
// A platform named as the way to reach them: "her snap is", "on insta as", "add her on discord"; "always on tiktok" stays.
const REACH = new RegExp(
  [
    String.raw`\b(?:add|follow|find|dm|message|text|hit)\s+(?:her|him|them)(?:\s+up)?\s+(?:on|en|at|via)\b`,
    // Her snap "is" something only as HANDLE_AFTER_PLATFORM reads it: "his snapchat is fun" names no handle.
    String.raw`\b(?:her|his|their|su)\s+(?:${PLATFORM})\s*(?:handle|username|name|tag|@|:)`,
    String.raw`\b(?:on|en)\s+(?:${PLATFORM})\s+(?:as|at|under|como)\b`,
    String.raw`\b(?:dm|text|call|message|snap|llama|escr[ií]bele)\s+(?:her|him|them|le)\b`,
  ].join("|"),
  "iu",
);
// A handle written without its "@": "tiktok mayadraws", "my insta is mayadraws", "snap: maya_k2". A word after a
// platform's name is a handle when a name-and-marker says so, when it has a handle's digits, dots or underscores, or
// when the part is the platform and that one word and the word is not what people do there ("tiktok dances").
const PLATFORM_CONTENT = [
  "dances?", "dancing", "videos?", "vids?", "trends?", "stories", "story", "reels?", "posts?", "memes?", "lives?", "streams?", "streaming", "edits?",
  "challenges?", "drama", "content", "feed", "filters?", "sounds?", "audios?", "comments?", "creators?", "influencers?", "famous", "addicts?",
  "addiction", "stuff", "games?", "gaming", "servers?", "chats?", "groups?", "calls?", "music", "songs?", "art", "shorts?", "clips?", "pics?",
  "photos?", "selfies?", "tutorials?", "recipes?", "hauls?", "vlogs?", "lol", "lmao", "too", "obsessed", "obsession", "fan", "fans", "brain",
  "scrolling", "mostly", "lately", "daily", "online", "account", "accounts", "bailes?", "videos", "tendencias?",
].join("|");
/** What an account is like, said after its "is": "his snapchat is fun", "her tiktok account is private". */
const ACCOUNT_DESCRIPTIONS = [
  PLATFORM_CONTENT, "fun", "funny", "hilarious", "chaotic", "cringe", "cringey", "cute", "cool", "great", "amazing", "awesome", "iconic", "private",
  "public", "boring", "wild", "unhinged", "aesthetic", "goals", "fire", "lit", "mid", "dead", "inactive", "active", "empty", "old", "new", "good",
  "bad", "weird", "random", "crazy", "insane", "perfect", "beautiful", "pretty", "gorgeous", "artsy", "messy", "dark", "sad", "wholesome", "chill",
  "huge", "big", "small", "tiny", "popular", "viral", "everything", "life", "hers", "his", "theirs", "mine", "blocked", "deleted", "gone", "banned",
  "locked", "verified", "better", "best", "worse", "worst", "elite", "peak", "cursed", "dry", "silly", "sweet", "nice", "interesting", "creative",
  "divertido", "divertida", "chistoso", "chistosa", "genial", "privado", "privada", "bonito", "bonita", "padre", "incre[ií]ble", "aburrido",
  "aburrida", "p[uú]blico", "p[uú]blica", "nuevo", "nueva", "viejo", "vieja", "raro", "rara",
].join("|");
/**
 * After a platform's "is": a handle is a word with a handle's "@", digits, dots or underscores, or one word ending the
 * part that says nothing of what the account is like ("my insta is mayadraws", not "his snapchat is fun").
 */
const HANDLE_AFTER_IS = String.raw`\s+(?:is|es)\s+(?:@[\p{L}\p{N}._]{2,}|(?=[\p{L}\p{N}._]*\p{L})(?=[\p{L}\p{N}._]*[\p{N}._])[\p{L}\p{N}._]{3,30}(?<![.])|(?!(?:${ACCOUNT_DESCRIPTIONS})\s*$)\p{L}[\p{L}\p{N}]{2,29}\s*$)`;
const HANDLE_AFTER_PLATFORM = new RegExp(
  [
    String.raw`\b(?:my|our|your|her|his|their|the|su|mi|tu)\s+(?:${PLATFORM})\s*(?:handle|username|name|tag|@|:)`,
    String.raw`\b(?:${PLATFORM})(?:\s+(?:account|acc|cuenta))?${HANDLE_AFTER_IS}`,
    String.raw`\b(?:${PLATFORM})\s*(?:handle|username|user\s*name|user|name|tag|id)\s*(?:is|es|:|=|-)\s*@?[\p{L}\p{N}._]{3,}`,
    String.raw`\b(?:${PLATFORM})\s*(?:account|acc|cuenta)?\s*(?::|=|-)\s*@?[\p{L}\p{N}._]{3,}`,
    String.raw`\b(?:${PLATFORM})\s+@?(?=[\p{L}\p{N}._]*[\p{N}._])[\p{L}\p{N}._]{3,30}(?<![.])`,
    String.raw`^\s*(?:(?:my|her|his|their|su|mi)\s+)?(?:${PLATFORM})\s+(?!(?:${PLATFORM_CONTENT})\b)\p{L}[\p{L}\p{N}]{2,29}\s*$`,
    String.raw`\b(?:handle|username|user\s*name|gamertag|usuario)\s*(?:is|es|:|=)`,
  ].join("|"),
  "iu",
);
// A phone number spelled in words, as a friend might write one to slip it past a filter: "five five five, one two three
// four" (seven digits or more, in words or digits, with spaces, commas or dashes between them).
const DIGIT_WORD = String.raw`(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)`;
// A secret that opens someone's accounts: "my password is ...", "her pin is", "la contraseña es".
const SECRET = new RegExp(
  [
    String.raw`\b(?:password|passcode|passwd|pw|login|contrase(?:ñ|n)a|clave)\s*(?:is|was|es|era|=|:)`,
    // A pin only with its number: "the pin is in her hair" is a hair pin.
    String.raw`\bpin(?:\s+(?:code|number))?\s*(?:is|was|es|=|:)?\s*${DIGIT_WORD}\b`,
  ].join("|"),
  "iu",
);
const SPELLED_RUN = new RegExp(String.raw`\b${DIGIT_WORD}(?:[\s,.\-–]+${DIGIT_WORD})+\b`, "giu");
/** How many digits a run of number words and digits stands for. */
const digitsIn = (run: string): number => run.split(/[\s,.\-–]+/u).reduce((sum, token) => sum + (/^\d+$/u.test(token) ? token.length : 1), 0);
/** The text with every number spelled in words long enough to be a phone's replaced by "[phone]"; undefined when there is none. */
const maskSpelledNumbers = (text: string): string | undefined => {
  let found = false;
  const masked = text.replace(SPELLED_RUN, (run) => (digitsIn(run) >= 7 && /\p{L}/u.test(run) ? ((found = true), "[phone]") : run));
  return found ? masked : undefined;
};
// A town or state left after a street address was taken out: "42 Elm Street, Springfield, IL 62704".
const TOWN = /^\s*(?:(?:in|en)\s+)?\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}(?:\s+\p{Lu}{2})?(?:\s+(?:\[postcode\]|\d{5}))?\s*$|^\s*(?:\[postcode\]|\p{Lu}{2}(?:\s+(?:\[postcode\]|\d{5}))?)\s*$/u;
/** Written in lower case, a town is told from a trait only by where it stands: one or two words ending the answer. */
const LAST_TOWN = /^\s*(?:(?:in|en)\s+)?[\p{L}'.-]+(?:\s+[\p{L}'.-]+)?\s*$/u;
const ADDRESS_LEFT = /\[address\]/u;

// What an earlier redaction left where personal data was: stored before this rule, or masked by the chat screen.
const PLACEHOLDER = /\[(?:email|phone|address|postcode|handle)\]/u;
const TIMES = new RegExp(TIME.source, "giu");

/** True when a part of an answer locates or reaches its subject. */
export const locatesSomeone = (part: string): boolean =>
  PLACEHOLDER.test(part) ||
  findPersonalData(part, "input", { bareAtNames: true }).hits.length > 0 ||
  maskSpelledNumbers(part) !== undefined ||
  HANDLE_AFTER_PLATFORM.test(part) ||
  SECRET.test(part) ||
  NAMED_SCHOOL.test(part) ||
  LOWERCASE_SCHOOL.test(part) ||
  SPANISH_SCHOOL.test(part) ||
  REACH.test(part) ||
  LOCATED.test(part) ||
  LIVES_AT.test(part) ||
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
  // A number spelled in words is masked first too: its commas would divide it into parts too short to be a number.
  const detected = findPersonalData(answer, "input", { bareAtNames: true }).redactedText;
  const spelled = maskSpelledNumbers(detected ?? answer);
  const masked = spelled ?? detected;
  const pieces = (masked ?? answer).split(BOUNDARY);
  let kept = "";
  let removed = masked !== undefined;
  // After a street address, the town, state and postcode that went with it: "address" right after the address's own
  // part, "town" after a town taken out with it.
  let afterAddress: "address" | "town" | undefined;
  for (let i = 0; i < pieces.length; i += 2) {
    const part = pieces[i] ?? "";
    const separator = pieces[i - 1] ?? "";
    if (part.trim() === "") continue;
    const last = pieces.slice(i + 1).every((rest) => !/[\p{L}\p{N}]/u.test(rest));
    if (locatesSomeone(part) || (afterAddress && (TOWN.test(part) || (afterAddress === "address" && last && LAST_TOWN.test(part))))) {
      removed = true;
      afterAddress = ADDRESS_LEFT.test(part) ? "address" : afterAddress && "town";
      continue;
    }
    afterAddress = undefined;
    kept += (kept ? separator : "") + part;
  }
  if (!removed) return answer;
  const tidy = kept.replace(/^[\s,;.!?–—-]+|[\s,;–—-]+$/gu, "").trim();
  return /[\p{L}\p{N}]/u.test(tidy) ? tidy : undefined;
};
