// Finds people: family and other roles ("my mum", "coach"), titled names ("Ms. Rivera"), friends ("my friend Jordan", "Maya and I") and names.
import { FIRST_NAMES } from "./gazetteer.js";
import { ACTIVITIES, EVENTS, FEELINGS, SUBJECTS } from "./lexicon.js";
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import { PERSON_ROLES, PERSON_TITLES, personRole, type PersonRole } from "./personRoles.js";
import type { Token } from "./readMessage.js";
import { alternation, looksLikeName, matchesOf, tokenIndexAt, withoutPossessive } from "./textPatterns.js";

const TITLED = new RegExp(`\\b(${alternation([...PERSON_TITLES.keys()].flatMap((title) => [title, capitalise(title)]))})(\\.?)\\s+(\\p{Lu}[\\p{L}'’-]+)`, "gu");
/** Lower-case titles ("coach davis", "mrs. kim"): only the titles no other word is spelled like. */
const TITLED_LOWER = /\b(mr|mrs|ms|miss|mx|dr|coach)(\.?)\s+(\p{Ll}[\p{L}'’-]+)/gu;
/**
 * A role, possessive with or without its apostrophe ("my moms death", "my dads old camera"), and ending on a letter
 * boundary that knows accents: "mamá" and "tía" end where \\b (ASCII only) would not see an end.
 */
const ROLE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(my|our|his|her|their|your|mi|mis|\\p{L}+['’]s)\\s+)?(${alternation(PERSON_ROLES.keys())})(?:['’]?s)?(?![\\p{L}\\p{N}])`, "gu");
const FRIEND_BEFORE_NAME = /\b(?:my|our|a)\s+(?:(best|good|close|new|old)\s+)?(?:friend|friends)\s+(?=\S)/g;
/** The same in Spanish, as Spanish-speaking teens write it: "mi amigo Diego", "mi mejor amiga Camila", "mi compa Toño". */
const FRIEND_BEFORE_NAME_ES = /(?<![\p{L}])(?:mi|mis|nuestro|nuestra|nuestros|nuestras)\s+(?:(mejor|nuevo|nueva|viejo|vieja)\s+)?(?:amigo|amiga|amigos|amigas|compa|cuate|cuata|pana|parce)\s+(?=\S)/gu;
/** Words that do not change a friendship: "Jordan is literally my best friend". */
const FILLER = "(?:(?:literally|really|honestly|basically|still|always|like|kind\\s+of|totally|lowkey|actually|officially|now|also)\\s+)*";
const FRIEND_AFTER_NAME = new RegExp(
  `^\\s+(?:is|was|'s)\\s+${FILLER}(?:my|our)\\s+(?:(?:best|good|close|new|old)\\s+)?friend\\b|^\\s+and\\s+(?:i|me)\\s+(?:are|were|'re|r|have\\s+been|'ve\\s+been)\\s+${FILLER}(?:(?:best|good|close)\\s+)?friends\\b`,
);
/** "me and Jake have been best friends": the friendship follows the name, the user comes before it. */
const FRIENDS_AFTER_PAIR = new RegExp(`^\\s+(?:are|were|'re|r|have\\s+been|'ve\\s+been)\\s+${FILLER}(?:(?:best|good|close)\\s+)?friends\\b`);
const FRIEND_THEN_NAME = /\b(?:friends\s+with|(?:her|his|their)\s+name\s+is|named|called)\s+(?=\S)/g;

/** Capitalised words at the start of a sentence that are never names. */
const NOT_NAMES = new Set(
  (
    "i i'm i've i'll i'd ok okay lol lmao omg idk tbh ngl ugh yeah yes no nah hey hi hello well so and but oh wow bruh bro dude sis haha hmm " +
    "god jesus today tomorrow tonight yesterday idc wyd hbu thx thanks sorry sry please pls anyway also like literally honestly basically " +
    "actually whatever nobody everyone someone everybody somebody anyone maybe probably just really ya yep nope goodnight gn gm morning " +
    "night cool nice same fr bet true facts ily"
  ).split(/\s+/),
);
/** Tags that say a capitalised word is something other than a person. */
const OTHER_TAGS = ["Date", "Month", "WeekDay", "Holiday", "Pronoun", "Place", "Organization", "Adverb", "Conjunction", "Preposition", "Determiner", "Expression", "Value", "Acronym"];
/** Words after a name that people do ("Liam asked", "Aiden keeps texting me"). */
const PERSON_VERBS = new Set([
  "said", "says", "told", "tells", "asked", "asks", "texted", "texts", "keeps", "kept", "invited", "thinks", "thought", "wants", "likes", "liked",
  "hates", "hated", "gave", "called", "yelled", "moved", "broke", "is", "was", "and", "has", "had", "got", "gets", "loves", "left", "came",
  "made", "won't", "doesn't", "didn't", "isn't", "wasn't", "always", "never", "just", "snapped", "dmed", "ghosted", "blocked", "ignores",
]);
/** Words before a name that introduce a person ("hang with Tyler", "me and Maya"). */
const PERSON_INTRODUCERS = new Set(["with", "w", "and", "named", "called", "kid", "girl", "guy", "boy", "told", "asked", "texted", "tell", "ask", "text", "call", "called", "like", "love", "hate", "miss", "met", "meet", "invite", "invited", "from", "about", "to"]);

export function findPeople(found: MessageFindings): void {
  findTitledNames(found);
  findLowerCaseTitledNames(found);
  findRoles(found);
  findFriends(found);
  findNames(found);
}

/** "Ms. Rivera", "Coach Miller", "my teacher Mr. Thompson": a title makes the next capitalised word a person. */
function findTitledNames(found: MessageFindings): void {
  const { text } = found.message;
  for (const match of matchesOf(TITLED, text)) {
    const title = (match[1] ?? "").toLowerCase();
    const surname = withoutPossessive(match[3] ?? "");
    const start = match.index;
    const end = (match.indices[3]?.[0] ?? start) + surname.length;
    if (found.isTaken(start, end) || NOT_NAMES.has(surname.toLowerCase())) continue;
    const relation = PERSON_TITLES.get(title);
    found.add({
      type: "Person",
      name: text.slice(start, end),
      start,
      end,
      attributes: { title: capitalise(title), ...(relation ? { relation } : {}) },
      userEdges: [{ type: "mentions" }],
    });
  }
}

/** "coach davis", "mrs. kim": a lower-case surname counts when compromise reads it as a noun, not a verb ("coach says"). */
function findLowerCaseTitledNames(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, tokens } = message;
  for (const match of matchesOf(TITLED_LOWER, lower)) {
    const surname = withoutPossessive(match[3] ?? "");
    const [surnameStart] = match.indices[3] ?? [0];
    const token = tokens[tokenIndexAt(message, surnameStart)];
    const start = match.index;
    const end = surnameStart + surname.length;
    if (!token || found.isTaken(start, end) || NOT_NAMES.has(surname) || personRole(surname)) continue;
    const known = token.tags.has("Person") || token.tags.has("FirstName") || token.tags.has("LastName");
    if (!known && (!token.tags.has("Noun") || ["Verb", "Adjective", "Adverb", "Pronoun", "Preposition", "Determiner", "Conjunction", "Date", "Value"].some((tag) => token.tags.has(tag)))) continue;
    const title = match[1] ?? "";
    const relation = PERSON_TITLES.get(title);
    found.add({ type: "Person", name: displayName(text.slice(start, end)), start, end, attributes: { title: capitalise(title), ...(relation ? { relation } : {}) }, userEdges: [{ type: "mentions" }] });
  }
}

/** "my mom", "mum", "my sister Emma", "grandpa": family and other roles, each folded to one canonical person. */
/** "my german teacher", "the art teacher", "my swim coach": a teacher or coach named by what they teach. */
const SUBJECT_TEACHER = new RegExp(`\\b(?:my|our|the)\\s+((?:${alternation([...SUBJECTS.keys(), ...ACTIVITIES.keys(), "art", "music", "band", "choir", "drama", "theater", "gym", "pe", "dance", "ceramics"])})\\s+(?:teacher|coach|tutor))\\b`, "g");

/** Roles that are jobs as often as people: "i want to be a doctor", "ask a lawyer". Only "my doctor" is somebody. */
const OWNED_ONLY_ROLES = new Set(["doctor", "lawyer", "manager", "pastor", "neighbor", "roommate", "caseworker", "ex"]);

function findRoles(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, tokens } = message;
  for (const match of matchesOf(SUBJECT_TEACHER, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (found.isTaken(start, end)) continue;
    const teaches = /coach$/.test(match[1] ?? "") ? "coach" : "teacher";
    found.add({ type: "Person", name: text.slice(start, end), start, end, attributes: { relation: teaches }, userEdges: [{ type: "relates_to" }] });
  }
  for (const match of matchesOf(ROLE, lower)) {
    const owner = match[1];
    const [roleStart, roleEnd] = match.indices[2] ?? [0, 0];
    const start = match.index;
    const end = match.index + match[0].length;
    if (found.isTaken(roleStart, roleEnd)) continue;
    // "her mom", "Jordan's dad": somebody else's family, not the user's.
    if (owner && owner !== "my" && owner !== "our" && owner !== "mi" && owner !== "mis") continue;
    const role = personRole(match[2] ?? "");
    if (!role) continue;
    // "my dads side", "my moms side of the family": the family, not the parent.
    if (/^['’]?s\s+side\b/.test(lower.slice(roleEnd))) continue;

    const nextIndex = tokenIndexAt(message, end);
    const next = tokens[nextIndex];
    const adjacent = next !== undefined && /^\s*$/.test(text.slice(end, next.start)) && !/[,.!?;]/.test(tokens[nextIndex - 1]?.post ?? "");
    // "my sister Emma": the role describes the named person; a lower-case name counts only when
    // compromise knows it as a first name ("my cousin marco").
    const named = adjacent ? nameAt(tokens, nextIndex, { requireCapital: false }) : undefined;
    if (named && !found.isTaken(named.start, named.end)) {
      found.add({ type: "Person", name: displayName(named.text), start, end: named.end, attributes: roleAttributes(role), userEdges: userEdgesFor(role) });
      continue;
    }
    // "my teacher Mr. Thompson": the titled name was found first; the role adds what it is.
    const titled = adjacent ? found.at(next.start, ["Person"]) : undefined;
    if (titled) {
      Object.assign(titled.attributes, roleAttributes(role));
      titled.start = Math.min(titled.start, start);
      continue;
    }
    // "the teacher", "a best friend": nobody in particular until it is "my".
    if ((role.name === "teacher" || role.name === "best friend" || OWNED_ONLY_ROLES.has(role.name)) && !owner) continue;
    found.add({ type: "Person", name: role.name, start, end, aliases: aliasFor(text.slice(roleStart, roleEnd), role), attributes: roleAttributes(role), userEdges: userEdgesFor(role) });
  }
}

/** "my friend Jordan", "my best friend Sofia", "Chloe is my best friend", "her name is Priya". */
function findFriends(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  const mentionsFriend = /\bfriends?\b/.test(lower);
  const addFriend = (index: number, kind: string | undefined, from: number) => {
    const named = nameAt(tokens, index, { requireCapital: false });
    if (!named) return undefined;
    const existing = found.at(named.start, ["Person"]);
    if (existing) return markFriend(existing, kind);
    if (found.isTaken(named.start, named.end)) return undefined;
    return found.add({ type: "Person", name: displayName(named.text), start: Math.min(from, named.start), end: named.end, attributes: {}, userEdges: [{ type: "mentions" }] });
  };

  for (const match of matchesOf(FRIEND_BEFORE_NAME, lower)) {
    const index = tokenIndexAt(message, match.index + match[0].length);
    const first = addFriend(index, match[1], match.index);
    if (first) markFriend(first, match[1]);
    // "my friends Tyler and Marcus"
    const afterFirst = tokens[index + 1];
    if (first && afterFirst?.lower === "and") {
      const second = addFriend(index + 2, match[1], afterFirst.start);
      if (second) markFriend(second, match[1]);
    }
  }
  for (const match of matchesOf(FRIEND_THEN_NAME, lower)) {
    if (/name|named|called/.test(match[0]) && !mentionsFriend) continue;
    const person = addFriend(tokenIndexAt(message, match.index + match[0].length), undefined, match.index + match[0].length);
    if (person) markFriend(person, undefined);
  }
  for (let index = 0; index < tokens.length; index += 1) {
    const named = nameAt(tokens, index, { requireCapital: false });
    if (!named) continue;
    const friendship = FRIEND_AFTER_NAME.exec(lower.slice(named.end)) ?? (/\bme\s+and\s+$/.test(lower.slice(0, named.start)) ? FRIENDS_AFTER_PAIR.exec(lower.slice(named.end)) : null);
    if (!friendship) continue;
    // The "my best friend" inside the phrase is this person, not a second, unnamed one.
    const friendshipEnd = named.end + friendship[0].length;
    for (const role of found.within(named.end, friendshipEnd, ["Person"])) found.remove(role);
    const person = found.at(named.start, ["Person"]) ?? (found.isTaken(named.start, named.end) ? undefined : found.add({ type: "Person", name: displayName(named.text), start: named.start, end: named.end, userEdges: [{ type: "mentions" }] }));
    if (person) markFriend(person, /best/.test(friendship[0]) ? "best" : undefined);
  }
}

/** Names compromise recognises, and capitalised words in a place only a person fits ("Maya and I", "hang with Tyler"). */
function findNames(found: MessageFindings): void {
  const { message } = found;
  const { tokens } = message;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token || found.isTaken(token.start, token.end)) continue;
    const named = nameAt(tokens, index, { requireCapital: false });
    if (!named) continue;
    const known = isKnownFirstName(token);
    const capitalised = looksLikeName(token.text);
    const previous = tokens[index - 1];
    const following = tokens[named.lastIndex + 1];
    const afterFollowing = tokens[named.lastIndex + 2];
    const inPersonFrame =
      (previous !== undefined && PERSON_INTRODUCERS.has(previous.lower)) ||
      (following !== undefined && (PERSON_VERBS.has(following.lower) || (following.lower === "and" && /^(?:i|me|i'm)$/.test(afterFollowing?.lower ?? "")))) ||
      // A first name doing something: "theo sits with us", "kenzie dared me" (a verb in the past or third person).
      (known && opensClause(previous) && following !== undefined && following.tags.has("Verb") && (following.tags.has("PastTense") || following.tags.has("PresentTense")) && !following.tags.has("Auxiliary") && !/[,.!?;]/.test(token.post)) ||
      /['’]s$/.test(tokens[named.lastIndex]?.text ?? "");
    // A known first name or a capital mid-sentence is enough with a frame; a lone capital at a sentence start is not.
    const accept = capitalised ? (known && !token.sentenceStart) || inPersonFrame || (known && following !== undefined) : known && inPersonFrame;
    if (!accept || found.isTaken(named.start, named.end)) continue;
    // "pin Marcus from Eastside": after a person, "from" names where they are from (a school, a town), not a second person.
    if (previous?.lower === "from" && found.at(tokens[index - 2]?.start ?? -1, ["Person"]) && capitalised) {
      found.add({ type: "Place", name: named.text, start: named.start, end: named.end, attributes: { kind: "from" }, userEdges: [{ type: "mentions" }] });
      index = named.lastIndex;
      continue;
    }
    found.add({ type: "Person", name: displayName(named.text), start: named.start, end: named.end, userEdges: [{ type: "mentions" }] });
    index = named.lastIndex;
  }
}

/** The person's name starting at token `index` ("Jordan", "Jordan Lee"), or undefined when it is not a name. */
function nameAt(tokens: readonly Token[], index: number, options: { requireCapital: boolean }): { text: string; start: number; end: number; lastIndex: number } | undefined {
  const first = tokens[index];
  if (!first || !isNameWord(first, options.requireCapital)) return undefined;
  let lastIndex = index;
  // A surname follows directly, capitalised, with nothing between ("Jordan Lee", not "Jordan, Lee").
  while (
    lastIndex - index < 2 &&
    !/[,.!?;]/.test(tokens[lastIndex]?.post ?? "") &&
    !/['’]s$/.test(tokens[lastIndex]?.text ?? "") &&
    tokens[lastIndex + 1] !== undefined &&
    looksLikeName(tokens[lastIndex + 1]?.text ?? "") &&
    isNameWord(tokens[lastIndex + 1] as Token, true) &&
    !tokens[lastIndex + 1]?.tags.has("FirstName")
  ) {
    lastIndex += 1;
  }
  const last = tokens[lastIndex] as Token;
  const lastText = withoutPossessive(last.text.replace(/[^\p{L}\p{N}'’-]+$/u, ""));
  const end = last.start + lastText.length;
  return { text: tokens.slice(index, lastIndex + 1).map((token, position) => (position === lastIndex - index ? lastText : token.text)).join(" "), start: first.start, end, lastIndex };
}

/** Words a capitalised token after a friend word can be without being a name ("my friend Because"). */
const FUNCTION_WORD_TAGS = ["Conjunction", "Preposition", "Determiner", "Pronoun", "Adverb", "QuestionWord"];

/**
 * Right after "my friend" or "mi amigo", a capitalised word is a name whatever the tagger took it for: compromise reads
 * Spanish names as English words ("Diego" as a verb), and the frame says who it is.
 */
function capitalisedAfterFrame(token: Token | undefined): { text: string; start: number; end: number; lastIndex: number } | undefined {
  if (!token || !/^\p{Lu}\p{Ll}+$/u.test(token.text) || NOT_NAMES.has(token.lower) || personRole(token.lower)) return undefined;
  if (FUNCTION_WORD_TAGS.some((tag) => token.tags.has(tag))) return undefined;
  return { text: token.text, start: token.start, end: token.end, lastIndex: -1 };
}

function isNameWord(token: Token, requireCapital: boolean): boolean {
  const word = withoutPossessive(token.lower);
  if (word.length < 2 || NOT_NAMES.has(word) || personRole(word) || SUBJECTS.has(word) || ACTIVITIES.has(word) || EVENTS.has(word) || FEELINGS.has(word)) return false;
  const known = isKnownFirstName(token);
  if (!known && OTHER_TAGS.some((tag) => token.tags.has(tag))) return false;
  if (!known && (token.tags.has("Verb") || token.tags.has("Adjective")) && !token.tags.has("ProperNoun")) return false;
  if (looksLikeName(token.text)) return true;
  return !requireCapital && known && /^\p{Ll}+(?:['’]s)?$/u.test(token.text);
}

/** A name as the subject of its clause: first, or after punctuation or a conjunction ("so kenzie said"), not "sex ed". */
function opensClause(previous: Token | undefined): boolean {
  return previous === undefined || /[,.!?;:]/.test(previous.post) || /^(?:and|so|then|but|bc|cuz|because|like|when|if|now|n)$/.test(previous.lower);
}

/** A first name compromise knows, or one from the gazetteer's list of names it does not ("priya", "kenzie"). */
function isKnownFirstName(token: Token): boolean {
  return token.tags.has("FirstName") || token.tags.has("Person") || FIRST_NAMES.has(withoutPossessive(token.lower));
}

function markFriend(person: EntityFinding, kind: string | undefined): EntityFinding {
  person.attributes.relation = "friend";
  if (kind === "best") person.attributes.role = "best friend";
  if (!person.userEdges.some((edge) => edge.type === "relates_to")) person.userEdges.push({ type: "relates_to" });
  return person;
}

function roleAttributes(role: PersonRole): Record<string, string> {
  return { relation: role.relation, role: role.name };
}

function userEdgesFor(role: PersonRole): EntityFinding["userEdges"] {
  return role.relation === "friend" || role.relation === "partner" ? [{ type: "mentions" }, { type: "relates_to" }] : [{ type: "mentions" }];
}

function aliasFor(surface: string, role: PersonRole): string[] {
  const said = surface.toLowerCase().replace(/\s+/g, " ");
  return said === role.name ? [] : [said];
}

/** Names typed in lower case ("jordan", "coach davis") are stored as names are written: "Jordan", "Coach Davis". */
function displayName(name: string): string {
  return name === name.toLowerCase() ? name.replace(/(^|[\s.'-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) : name;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words after a title that are no surname: "my" in "i miss my dad", "…isnt a coach. my mom says". */
const POSSESSIVE_WORDS = new Set(["my", "your", "ur", "his", "her", "our", "their", "its"]);

/**
 * Mends a person the lower-case title rule read into ordinary words. "Miss My" from "i miss my dad" ("miss" is the
 * verb there) and "Coach. My" from "…isnt a coach. my mom says" are dropped; "miss Maya" from "i miss Maya" becomes
 * Maya, a name after the verb. Run after the taggers, not in the rule: both taggers were trained on the rules'
 * findings as they are, so the rule's own reading stays what they learnt from until they are next trained, and this
 * mends what is kept. "miss johnson gave us homework", "mrs. cole's room" and "coach nguyen" keep their titles.
 */
export function dropTitlesReadIntoWords(found: MessageFindings): void {
  const { tokens } = found.message;
  for (const person of found.entities.filter((entity) => entity.type === "Person" && entity.attributes.title !== undefined)) {
    const titleIndex = tokens.findIndex((token) => token.start === person.start);
    const title = tokens[titleIndex];
    const surname = tokens[titleIndex + 1];
    if (!title || !surname || surname.end !== person.end) continue;
    const missAsVerb = title.lower === "miss" && title.tags.has("Verb");
    if (POSSESSIVE_WORDS.has(surname.lower)) {
      found.remove(person);
    } else if (missAsVerb) {
      const isName = /^\p{Lu}/u.test(surname.text) || ["Person", "FirstName"].some((tag) => surname.tags.has(tag));
      if (!isName) {
        found.remove(person);
        continue;
      }
      const { title: _title, relation: _relation, ...rest } = person.attributes;
      person.attributes = rest;
      person.start = surname.start;
      person.name = found.message.text.slice(surname.start, person.end);
    }
  }
}

/** Titles that come before a surname, never one themselves: "coach Mr" is no one. */
const SURNAME_TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr"]);

/**
 * Mends a person a title rule ended on another title: "my coach Mr. Patel" was read as "coach Mr" and "Patel", two
 * people. The person is the second title with its surname, "Mr. Patel", keeping the first title's relation (a coach);
 * whatever was found of the surname alone is dropped. Run after the taggers, for the reason dropTitlesReadIntoWords is.
 */
export function joinTitlesToTheirSurnames(found: MessageFindings): void {
  const { tokens, text } = found.message;
  for (const person of found.entities.filter((entity) => entity.type === "Person")) {
    const last = tokens.findIndex((token) => token.end === person.end);
    const title = tokens[last];
    const surname = tokens[last + 1];
    if (!title || !surname || !SURNAME_TITLES.has(title.lower.replace(/\.$/, ""))) continue;
    if (!/^[.\s]*$/.test(text.slice(title.end, surname.start)) || !/^\p{Lu}/u.test(surname.text)) continue;
    const end = surname.start + withoutPossessive(surname.text).length;
    for (const other of found.entities.filter((entity) => entity !== person && entity.type === "Person" && entity.start >= surname.start && entity.start < end)) found.remove(other);
    const relation = person.attributes.relation;
    person.start = title.start;
    person.end = end;
    person.name = text.slice(title.start, end);
    person.attributes = { ...person.attributes, title: capitalise(title.lower.replace(/\.$/, "")), ...(relation ? { relation } : {}) };
  }
}

/**
 * How a teen says their own name ("my name is Sofia", "call me Sofi", "me llamo Sofía", "mi nombre es Sofía", "me dicen
 * Sofi"): the name after it is the teen, whom the graph already holds as its User, not a person in their life. Kept as
 * one, it was remembered and brought up as someone else ("carrying worries about Sofía").
 */
const SELF_INTRODUCTION = /(?:\bmy\s+name\s+is|\bmy\s+name['’]s|\bi\s*['’]?m\s+called|\b(?:they|people|everyone|u|you)\s+(?:can\s+)?call\s+me|\bcall\s+me|(?<![\p{L}])me\s+llamo|(?<![\p{L}])mi\s+nombre\s+es|(?<![\p{L}])me\s+dicen)\s+$/u;

/** A greeting found as a thing, a place or an activity ("Hola" as an Activity): said to the persona, never about a life. */
const GREETINGS = new Set(["hi", "hey", "heyy", "heyyy", "hello", "hiya", "yo", "sup", "hola", "holaa", "holi", "buenas", "buenos dias", "buenos días", "buenas tardes", "buenas noches", "que onda", "qué onda", "good morning", "good night", "goodnight", "gm", "gn"]);

/** The teen's own name and greetings, whichever rule or tagger found them, are not facts about the teen's life. */
export function dropTheTeenAndGreetings(found: MessageFindings): void {
  for (const entity of [...found.entities]) {
    const said = entity.name.trim().toLowerCase().replace(/[!.?¡¿,]+/gu, "");
    if (GREETINGS.has(said)) {
      found.remove(entity);
      continue;
    }
    if (entity.type === "Person" && SELF_INTRODUCTION.test(found.message.lower.slice(Math.max(0, entity.start - 40), entity.start))) found.remove(entity);
  }
}

/**
 * "my dads side of the family", "xmas with my mom's side": the family, not the parent, whichever step read the parent
 * there (the rules skip it; a tagger may not), "my cousins on my dad's side" too. Only a family role gives way: "i was on
 * Jordan's side" still names Jordan; so does a parent whose side is taken ("i was on my mom's side in the fight") or who
 * side-eyes.
 */
export function dropParentsNamingAFamilySide(found: MessageFindings): void {
  const { lower } = found.message;
  for (const entity of [...found.entities]) {
    if (entity.type !== "Person" || !personRole(entity.name.toLowerCase().replace(/['’]?s$/u, ""))) continue;
    const after = lower.slice(entity.end);
    if (!/^['’]?s?\s+side\b(?![\s-]*ey)/.test(after)) continue;
    const ofTheFamily = /^['’]?s?\s+side\s+of\s+(?:the|my|our)\s+family\b/.test(after);
    // "i was on my mom's side in the fight" takes a side; "my cousins on my dad's side" names the family.
    const takingSides = /\b(?:was|am|im|i'm|be|been|being|stay|stayed|always|totally|not)\s+on\s+(?:my|our)\s+$/.test(lower.slice(Math.max(0, entity.start - 24), entity.start));
    if (ofTheFamily || !takingSides) found.remove(entity);
  }
}

/**
 * Friends the rules read no name for, found after the taggers (so the taggers read what they were trained on): a name
 * after a Spanish friend word ("mi amigo Diego", "mis amigas Vale y Sofi", "mi mejor amiga Camila"), and a capitalised
 * word right after "my friend" or "mi amigo" that compromise took for another word ("Diego" read as a verb).
 */
export function addFriendsTheRulesMissed(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  const frames = [
    ...[...matchesOf(FRIEND_BEFORE_NAME, lower)].map((match) => ({ index: match.index, length: match[0].length, kind: match[1] })),
    ...[...matchesOf(FRIEND_BEFORE_NAME_ES, lower)].map((match) => ({ index: match.index, length: match[0].length, kind: match[1] === "mejor" ? "best" : match[1] })),
  ];
  const friendAt = (index: number, kind: string | undefined, from: number) => {
    const named = nameAt(tokens, index, { requireCapital: false }) ?? capitalisedAfterFrame(tokens[index]);
    if (!named) return undefined;
    const existing = found.at(named.start, ["Person"]);
    if (existing) return markFriend(existing, kind);
    if (found.isTaken(named.start, named.end)) return undefined;
    return markFriend(found.add({ type: "Person", name: displayName(named.text), start: Math.min(from, named.start), end: named.end, attributes: {}, userEdges: [{ type: "mentions" }] }), kind);
  };
  for (const frame of frames) {
    const index = tokenIndexAt(message, frame.index + frame.length);
    const first = friendAt(index, frame.kind, frame.index);
    const afterFirst = tokens[index + 1];
    if (first && (afterFirst?.lower === "and" || afterFirst?.lower === "y")) friendAt(index + 2, frame.kind, afterFirst.start);
  }
}
