// Finds things the user has, uses or makes: pets ("my dog Biscuit", "my cat mochi"), apps, games and shows by name, possessions ("my phone", "a new bike").
import { ANIMALS, APPS, BRAND_THINGS, GAMES, LIVESTOCK, POSSESSIONS, SHOWS } from "./gazetteer.js";
import { ACTIVITIES, EVENTS, FEELINGS, PETS, PLACES, SUBJECTS } from "./lexicon.js";
import { personRole } from "./personRoles.js";
import type { MessageFindings } from "./MessageFindings.js";
import { PhraseMatcher, type PhraseMatch } from "./phraseMatcher.js";
import type { Token } from "./readMessage.js";
import { alternation, looksLikeName, matchesOf, tokenIndexAt } from "./textPatterns.js";

const TITLES = new PhraseMatcher([...APPS, ...GAMES, ...SHOWS]);
const OWNED = new PhraseMatcher([...POSSESSIONS, ...BRAND_THINGS]);
const ANIMAL_NAMES = new PhraseMatcher(ANIMALS);
/**
 * Titles that are also everyday words ("friends", "wednesday", "snap", "the boys"): a title only when capitalised or
 * watched/played. Whole phrases: "me and the boys" is no show.
 */
const AMBIGUOUS_TITLES = new Set([
  "snap", "max", "amazon", "friends", "wednesday", "the office", "avatar", "frozen", "the bear", "the boys", "survivor", "the voice", "invincible",
  "arcane", "twilight", "marvel", "halo", "destiny", "smash", "hades", "celeste", "apex", "sims", "the sims", "among us", "bleach", "euphoria",
  "shameless", "supernatural", "dnd", "cod", "the last of us", "spider-man", "prime", "canvas", "ig", "yt", "league",
]);
/** Verbs that make the next words a title: "watching friends", "rewatched it", "playing apex". */
const TITLE_FRAMES = new Set([
  "watch", "watching", "watched", "rewatch", "rewatching", "rewatched", "binge", "binged", "binging", "bingeing", "finished", "play", "playing",
  "played", "plays", "into", "started", "obsessed", "downloaded", "deleted", "using",
]);
/** Words after a title that make it the user's own thing: "my valorant account", "our discord server". */
const TITLE_SUFFIXES = new Set(["account", "server", "bot", "channel", "page", "profile", "playlist", "controller", "team", "clan", "world"]);
/** Words before a possession that make it someone's or a particular one: "my phone", "a new bike", "her necklace", "3 monsters". */
const OWNERS = new Set(["my", "our", "his", "her", "their", "your", "a", "an", "the", "new", "this", "that", "these", "those", "another", "mine", "old", "first", "own"]);
/** Adjectives between the owner and the thing that are not part of its name: "my new phone", "my old cracked phone". */
const DESCRIBERS = new Set(["new", "old", "brand", "first", "own", "favorite", "fav", "favourite", "little", "broken", "cracked", "used", "whole", "only", "lucky", "busted", "stupid", "beat", "beat-up", "cheap", "expensive", "pink", "black", "white", "red", "blue", "green"]);
/** Words a pet's name is never: "my dog died", "my cat is", "my puppy and me". */
const NOT_PET_NAMES = new Set(["is", "was", "and", "has", "had", "died", "just", "always", "never", "got", "gets", "keeps", "that", "who", "which", "ran", "sleeps", "passed", "will", "can", "does", "did", "likes", "loves", "hates", "named", "called", "too", "lol", "rn", "at", "in", "on", "with", "from", "for", "to", "of", "so", "but", "or", "when", "because", "bc", "cuz", "sleep", "sleeping", "food", "toy", "bed", "i", "he", "she", "it", "they"]);
const NAME_IS = /\b(?:(?:his|her|their|its)\s+name\s+(?:is|was|'s)|named|called)\s+(\p{L}[\p{L}'’-]*)/gu;

const NAMED_PET = new RegExp(`\\b(?:my|our)\\s+(?:new\\s+|old\\s+|little\\s+)?(${alternation(PETS)})\\s+(?:named\\s+|called\\s+)?(\\S+)`, "giu");
/** Nouns that turn a brand into the user's own thing: "a youtube channel", "my spotify playlist". */
const OWNED_NOUNS = new Set(["channel", "account", "page", "playlist", "server", "profile", "story", "video", "videos", "shop", "store", "blog"]);

export function findThings(found: MessageFindings): void {
  const { message } = found;
  const { text, tokens } = message;
  findPets(found);
  findPossessions(found);
  findHandledThings(found);

  for (const match of matchesOf(NAMED_PET, text)) {
    const [start] = match.indices[2] ?? [0];
    const word = (match[2] ?? "").replace(/['’]s$|[^\p{L}'’-]+$/gu, "");
    // A pet's name is capitalised ("my dog Biscuit"); "my dog ate it" has no name.
    if (!looksLikeName(word)) continue;
    const end = start + word.length;
    if (!found.isTaken(start, end)) {
      found.add({ type: "Thing", name: word, start, end, attributes: { kind: "pet", animal: (match[1] ?? "").toLowerCase() }, userEdges: [{ type: "mentions" }] });
    }
  }

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token?.tags.has("Organization") || token.tags.has("Person") || token.tags.has("Place")) continue;
    let last = index;
    while (tokens[last + 1]?.tags.has("Organization")) last += 1;
    const next = tokens[last + 1];
    // A bare brand ("I hate google") is small talk; a channel or account on it is the user's own thing.
    if (!next || !OWNED_NOUNS.has(next.lower)) {
      index = last;
      continue;
    }
    const start = token.start;
    const end = next.start + next.lower.length;
    index = tokenIndexAt(message, end);
    if (!found.isTaken(start, end)) found.add({ type: "Thing", name: text.slice(start, end), start, end, userEdges: [{ type: "mentions" }] });
  }
}

const addThing = (found: MessageFindings, start: number, end: number, kind: string, extra: Record<string, string> = {}) => {
  const name = found.message.text.slice(start, end).replace(/[^\p{L}\p{N})+]+$/u, "");
  if (name && !found.isTaken(start, start + name.length)) found.add({ type: "Thing", name, start, end: start + name.length, attributes: { kind, ...extra }, userEdges: [{ type: "mentions" }] });
};

/** "my dog bear", "our cat Mochi", "a new puppy, his name is waffles", "showed my heifer": a named pet by its name, livestock by its kind. */
function findPets(found: MessageFindings): void {
  const { message } = found;
  const { tokens } = message;
  let animalSeen = false;
  for (const match of ANIMAL_NAMES.matches(message)) {
    animalSeen = true;
    if (!match.before || !OWNERS.has(match.before.lower)) continue;
    const next = tokens[match.firstToken + match.phrase.split(" ").length];
    const nameWord = next?.lower.replace(/['’]s$/, "") ?? "";
    const separated = /[,.!?;:]/.test(message.text.slice(match.end, next?.start ?? match.end));
    if (next && !separated && nameWord.length > 1 && !NOT_PET_NAMES.has(nameWord) && isNameLike(next)) {
      addThing(found, next.start, next.start + nameWord.length, "pet", { animal: match.phrase });
      continue;
    }
    if (LIVESTOCK.has(match.phrase) && ["my", "our"].includes(match.before.lower)) addThing(found, match.start, match.end, "animal");
  }
  if (!animalSeen) return;
  for (const match of matchesOf(NAME_IS, message.lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    const word = (match[1] ?? "").replace(/['’]s$/, "");
    if (!NOT_PET_NAMES.has(word)) addThing(found, start, Math.min(end, start + word.length), "pet");
  }
}

/** A lower-case word that can be a name: not a verb, an adverb, a function word. */
function isNameLike(token: Token): boolean {
  if (/^\p{Lu}/u.test(token.text)) return true;
  return !["Verb", "Adverb", "Preposition", "Conjunction", "Determiner", "Pronoun", "Copula", "Auxiliary", "Adjective", "Value", "Date"].some((tag) => token.tags.has(tag));
}

/**
 * Apps, games and shows by name; a title that is also a word only when capitalised or watched/played. A rule of its
 * own, run before activities: "playing minecraft" is the game, a Thing, not an activity.
 */
export function findTitles(found: MessageFindings): void {
  const { message } = found;
  for (const match of TITLES.matches(message)) {
    const before = match.before?.lower ?? "";
    const beforeThat = message.tokens[match.firstToken - 2]?.lower ?? "";
    if (AMBIGUOUS_TITLES.has(match.phrase) && !match.capitalised && !TITLE_FRAMES.has(before) && !(["my", "the"].includes(before) && TITLE_FRAMES.has(beforeThat))) continue;
    let end = match.end;
    const next = message.tokens[match.firstToken + match.phrase.split(" ").length];
    if (next && next.start - end <= 1 && TITLE_SUFFIXES.has(next.lower)) end = next.start + next.lower.length;
    addThing(found, match.start, end, "title");
  }
}

/** A possession after an owner word ("my phone", "her new necklace", "3 monsters"), with a noun before it that is part of its name ("taco truck"). */
function findPossessions(found: MessageFindings): void {
  const { message } = found;
  const { tokens } = message;
  for (const match of OWNED.matches(message)) {
    let index = match.firstToken - 1;
    while (index >= 0 && DESCRIBERS.has(tokens[index]?.lower ?? "") && !OWNERS.has(tokens[index]?.lower ?? "")) index -= 1;
    let start = match.start;
    // One noun of its own name before it: "taco truck", "gaming pc" (a listed compound is matched whole already).
    const modifier = tokens[match.firstToken - 1];
    if (index === match.firstToken - 1 && modifier && !OWNERS.has(modifier.lower) && isCompoundModifier(modifier, match)) {
      start = modifier.start;
      index -= 1;
    }
    const owner = tokens[index];
    if (!owner || !(OWNERS.has(owner.lower) || /['’]s$/.test(owner.text) || /^\d+$/.test(owner.lower))) continue;
    addThing(found, start, match.end, "possession");
  }
}

/** What is done to an object a teen owns: "lost my airpods", "sold my xbox", "my uncle gave me his old canon". */
const HANDLED = /\b(?:lost|lose|losing|broke|break|breaking|dropped|drop|cracked|crack|sold|sell|selling|bought|buy|buying|found|stole|stolen|gave\s+me|give\s+me|left\s+me|forgot|fixed|fix|fixing|charged|carry|bring|wear|wearing|wore|borrowed|lent|ordered|returned|smashed|threw|throw|painted|customized|decorated|cleaned|washed|drove|drive|driving|ride|riding|rode|upgraded|pawned|wrecked|totaled|repaired|named)\s+(?:me\s+|her\s+|him\s+)?((?:my|his\s+old|her\s+old|their\s+old|a\s+new|a\s+used|an\s+old|my\s+new|my\s+old)\s+)/g;
/** What happens to it: "my retainer snapped", "my cleats are falling apart", "my gaming pc finally came in". */
const BROKE = /^\s+(?:finally\s+|just\s+|literally\s+|totally\s+|completely\s+)?(?:broke|snapped|cracked|died|is\s+(?:broken|cracked|dead|busted|ruined|falling\s+apart)|are\s+(?:broken|cracked|dead|busted|ruined|falling\s+apart)|got\s+(?:stolen|hacked|soaked|wet|broken|cracked|confiscated|taken|smashed|towed|totaled|repossessed)|came\s+in|came\s+today|arrived|stopped\s+working|won'?t\s+(?:turn\s+on|start|charge)|has\s+(?:stick\s+)?drift|keeps\s+(?:dying|crashing|breaking))\b/;
/** Nouns after "my" that are no object: the body, the mind, school, time, feelings and the rest of a life. */
const NOT_THINGS = new Set(
  ("life mind head heart body face hair nails skin eyes arm arms leg legs knee ankle wrist back hand hands foot feet teeth tooth nose stomach brain " +
    "grades grade gpa score scores schedule sleep time day days week year summer weekend birthday future past self feelings anxiety depression " +
    "mental health attitude mood voice name number side family friends friend people house home room bedroom school class classes homework " +
    "job shift work money check paycheck rent bills credit account password turn part spot place seat chance shot streak record best worst " +
    "way stuff things thing everything something nothing lunch dinner breakfast food order size period").split(" "),
);

/** An unlisted object by what is done to it or what happened to it ("wrecked my mom's old civic", "my longboard snapped"). */
function findHandledThings(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  const handled = new Set<number>();
  for (const match of matchesOf(HANDLED, lower)) handled.add(tokenIndexAt(message, match.index + match[0].length));
  const heads = new Set<number>(handled);
  for (let index = 0; index < tokens.length; index += 1) if (["my", "our"].includes(tokens[index]?.lower ?? "")) heads.add(index + 1);
  for (const first of heads) {
    let index = first;
    while (DESCRIBERS.has(tokens[index]?.lower ?? "")) index += 1;
    // Up to one noun of the thing's own name before its head: "gaming pc", "polaroid camera".
    const head = [index, index + 1].find((candidate) => isObjectNoun(tokens[candidate]) && !(candidate === index + 1 && /[,.!?;:]/.test(tokens[index]?.post ?? "")));
    if (head === undefined) continue;
    const headToken = tokens[head] as Token;
    if (head === index + 1 && !isObjectNoun(tokens[index])) continue;
    const fromHandling = handled.has(first);
    if (!fromHandling && !BROKE.test(lower.slice(headToken.end))) continue;
    const start = (tokens[index] as Token).start;
    addThing(found, start, headToken.start + headToken.lower.length, "possession");
  }
}

function isObjectNoun(token: Token | undefined): boolean {
  if (!token || !token.tags.has("Noun") || /['’]s$/.test(token.text)) return false;
  if (["Pronoun", "Person", "Place", "Date", "Value", "Possessive", "Determiner", "Adverb", "Verb", "Organization"].some((tag) => token.tags.has(tag))) return false;
  const word = token.lower;
  return word.length > 1 && !NOT_THINGS.has(word) && !personRole(word) && !personRole(word.replace(/s$/, "")) && !SUBJECTS.has(word) && !ACTIVITIES.has(word) && !EVENTS.has(word) && !FEELINGS.has(word) && !PLACES.has(word);
}

function isCompoundModifier(token: Token, match: PhraseMatch): boolean {
  if (/[,.!?;:]/.test(token.post) || token.end !== match.start - 1) return false;
  if (/^(?:ps[45]|xbox|iphone|gaming|prom|film|electric|dirt|taco|food|work|school|drum|sewing)$/.test(token.lower)) return true;
  return token.tags.has("Noun") && !token.tags.has("Pronoun") && !token.tags.has("Possessive") && !token.tags.has("Adjective") && !token.tags.has("Person") && !/['’]s$/.test(token.text);
}
