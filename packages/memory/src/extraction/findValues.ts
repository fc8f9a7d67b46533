// Finds values: what the user says matters to them ("family is the most important thing to me", "I care about being honest", "loyalty over everything").
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { clauseEnd, clauseStart, matchesOf, tokenIndexAt } from "./textPatterns.js";

/** "X is the most important thing to me", "X matters to me", "X means everything to me": the value comes before. */
const VALUE_BEFORE = /\s(?:is|are|'s)\s+(?:the\s+)?(?:most\s+|really\s+|so\s+|super\s+|very\s+|soo?\s+)?important(?:\s+thing)?\s+to\s+me\b|\s(?:matters?|mean|means)\s+(?:more\s+|the\s+most\s+|a\s+lot\s+|so\s+much\s+|everything\s+|the\s+world\s+)?to\s+me\b/g;
/** "I care about X", "I believe in X", "I value X": the value comes after. */
const VALUE_AFTER = /\bi\s+(?:really\s+|truly\s+|just\s+|also\s+)?(?:care\s+(?:a\s+lot\s+|so\s+much\s+|deeply\s+|more\s+)?about|believe\s+in|value)\s+/g;

/** Words that end a value's phrase going forward ("being honest with people"). */
const FORWARD_STOP = new Set(["with", "to", "for", "because", "and", "but", "so", "when", "more", "than", "in", "at", "like", "lol", "too", "though", "a", "lot", "i", "bc", "even", "tbh", "ngl", "right", "now"]);
/** Words before the value that are not part of it ("honestly family is...", "i think family is..."). */
const BACKWARD_STOP = new Set(["who", "honestly", "like", "think", "just", "really", "and", "but", "so", "because", "that", "i", "guess", "tbh", "ngl", "literally", "basically", "to", "me", "for", "lol", "know", "feel"]);
const BACKWARD_SKIP = new Set(["definitely", "really", "truly", "literally", "still", "always", "kinda", "lowkey", "actually"]);
const PRONOUNS = new Set(["it", "that", "this", "you", "her", "him", "them", "they", "she", "he", "what", "nothing", "everything", "anything", "stuff"]);
const MAX_WORDS = 4;
/** "... care about most is", "... value the most are": the superlative before the value itself. */
const MOST_IS = /^(?:the\s+)?most\s+(?:is|are)\s+/;

/** Abstract nouns that name a value when a teen puts them first in a clause and says something of them ("trust is huge for me"). */
const VALUE_NOUNS = new Set(
  ("fairness peace trust freedom family god faith religion education honesty kindness loyalty creativity respect discipline independence " +
    "teamwork forgiveness integrity justice equality courage bravery compassion empathy generosity humility patience responsibility tradition " +
    "culture community health happiness success authenticity friendship hustle consistency privacy environment self-respect self-care " +
    "self-love gratitude hope love truth curiosity humility kindness sobriety").split(" "),
);
const VALUE_PHRASES = new Set(["hard work", "mental health", "self respect", "self care", "self love", "second chances", "my word", "the environment", "my culture", "my faith", "my peace", "my mental health"]);
/** What is said of a value right after it: "X is...", "X matters", "X > Y", "X over everything", "X first", "X comes first", "X beats talent". */
const VALUE_PREDICATE = /^\s*(?:(?:definitely|definately|really|totally|honestly|literally|just|still|truly)\s+)?(?:is|'s|are|isnt|isn't|matters|matter|means|comes|>|over|first|beats|got|will|always|will\s+always)\b|^\s*>/;
/** Words before a clause-initial value that leave it first: "ngl honesty matters", "i think forgiveness matters". */
const LEAD_INS = new Set(["sometimes", "always", "also", "ngl", "honestly", "tbh", "like", "and", "but", "so", "i", "think", "guess", "feel", "just", "me", "for", "my", "idk", "lol", "imo", "because", "bc", "yeah", "ok", "okay"]);
/** Gerunds that open a value phrase: "being myself", "standing up for people", "keeping my word", "not being fake". */
const VALUE_GERUND = /^(?:not\s+)?(?:being|making|standing|showing|keeping|treating|taking|giving|helping|having|staying|putting|protecting|supporting|respecting|telling|doing|working|loving|caring|speaking|sticking|looking)\b/;
/** What a gerund phrase must be followed by to be a value: "... matters (to me)", "... is my whole thing", "... > ...". */
const GERUND_PREDICATE = /^\s*(?:(?:is|'s)\s+(?:like\s+)?(?:my\s+(?:whole|biggest|main|only)\s+thing|the\s+(?:main|only|biggest|one)\s+thing|everything|a\s+big\s+deal|so\s+important|important|really\s+important|the\s+most\s+important|huge|non\s*-?negotiable)|matters|means\s+(?:everything|a\s+lot|the\s+world)|>|over\s+everything|comes\s+first|first|,\s*(?:thats|that's)\s+what\s+matters|is\s+what\s+(?:actually\s+|really\s+|truly\s+)?matters)/;
/** Words that end a gerund value's phrase: who it is for is often part of it, why never is. */
const GERUND_STOP = new Set(["who", "even", "because", "bc", "when", "cuz", "since", "if", "to", "so"]);

/** "what i actually care about is music", "what matters most is family": the value after the cleft. */
const CLEFT = /\bwhat\s+(?:i\s+(?:actually\s+|really\s+|truly\s+)?(?:care\s+about|value|love)(?:\s+most)?|(?:really\s+)?matters(?:\s+most)?(?:\s+to\s+me)?)\s+is\s+/g;
/** "thats what matters to me honestly, time with him": the value after a comma that follows "what matters". */
const MATTERS_THEN = /\b(?:that's|thats|that\s+is)\s+what\s+matters(?:\s+(?:most|to\s+me))*(?:\s+(?:honestly|tbh|fr|ngl))?,\s+/g;
/** "i just want freedom", "i want independence so bad": a value noun wanted. */
const WANTED_VALUE = /\bi\s+(?:just\s+|really\s+|only\s+)*(?:want|need|crave|deserve)\s+(?=\p{L})/gu;
/** "everybody deserves a second chance", "everyone deserves to be treated like a human". */
const DESERVES = /\b(?:everyone|everybody|people|kids|every\s+kid|every\s+person|nobody|no\s+one)\s+deserves?\s+/g;
/** "i refuse to be fake", "id rather lose than cheat": what the user will not do, as "not ...ing". */
const REFUSAL = /\bi\s+(?:refuse\s+to|will\s+never|would\s+never|won't\s+ever)\s+(\p{L}+)((?:\s+\p{L}+){0,2})|\bi(?:'d|d|\s+would)\s+rather\s+\p{L}+\s+than\s+(\p{L}+)((?:\s+\p{L}+){0,2})/gu;

export function findValues(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  findGerundValues(found);
  findValueNouns(found);
  findValuePhrases(found);

  for (const match of matchesOf(VALUE_BEFORE, lower)) {
    const start = clauseStart(lower, match.index);
    const words: Token[] = [];
    // A value already found in this clause ("standing up for kids who get picked on is important to me") is the one meant.
    if (found.entities.some((entity) => entity.type === "Value" && entity.start >= start && entity.end <= match.index + 1)) continue;
    for (let index = tokenIndexAt(message, match.index + 1) - 1; index >= 0 && words.length < MAX_WORDS; index -= 1) {
      const token = tokens[index] as Token;
      if (token.start < start || BACKWARD_STOP.has(token.lower)) break;
      // "honesty definitely matters": the adverb is not part of the value.
      if (words.length === 0 && BACKWARD_SKIP.has(token.lower)) continue;
      words.unshift(token);
    }
    addValue(found, words);
  }

  for (const match of matchesOf(VALUE_AFTER, lower)) {
    let from = match.index + match[0].length;
    // "the thing i care about most is loyalty", "what i value most is my independence": the value comes after "most is".
    const most = MOST_IS.exec(lower.slice(from));
    if (most) from += most[0].length;
    const end = clauseEnd(lower, from);
    // "... most is being a good big sister": a gerund value runs on as a clause-initial one does.
    const gerund = most !== null && VALUE_GERUND.test(lower.slice(from, from + 20));
    const words: Token[] = [];
    for (let index = tokenIndexAt(message, from); index < tokens.length && words.length < (gerund ? 8 : MAX_WORDS); index += 1) {
      const token = tokens[index] as Token;
      if (token.end > end || (words.length > 0 && (gerund ? GERUND_STOP : FORWARD_STOP).has(token.lower))) break;
      words.push(token);
      if (/[,.!?;]/.test(token.post)) break;
    }
    addValue(found, words);
  }
}

/** "trust is huge for me", "loyalty over everything", "family first", "my faith got me through": a value noun said of first. */
function findValueNouns(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const pair = `${token.lower} ${tokens[index + 1]?.lower ?? ""}`;
    const isPhrase = VALUE_PHRASES.has(pair);
    if (!VALUE_NOUNS.has(token.lower) && !isPhrase) continue;
    const last = isPhrase ? (tokens[index + 1] as Token) : token;
    if (!VALUE_PREDICATE.test(lower.slice(last.end, last.end + 30)) && !/^\s+first\b/.test(lower.slice(last.end))) continue;
    // First in its clause, but for lead-ins ("ngl", "i think", "my").
    const start = clauseStart(lower, token.start);
    const leading = tokens.filter((t) => t.start >= start && t.end <= token.start);
    if (leading.some((t) => !LEAD_INS.has(t.lower))) continue;
    if (found.isTaken(token.start, last.end)) continue;
    const first = tokens[index - 1]?.lower === "my" && tokens[index - 1]!.start >= start && !isPhrase ? (tokens[index - 1] as Token) : token;
    found.add({ type: "Value", name: message.text.slice(first.start, last.start + last.lower.length), start: first.start, end: last.end, userEdges: [{ type: "supports" }] });
  }
}

/** "being myself > being liked", "standing up for people who cant... is like my whole thing", "giving back matters". */
function findGerundValues(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    const start = clauseStart(lower, token.start);
    if (!VALUE_GERUND.test(lower.slice(token.start, token.start + 20)) || tokens.slice(0, index).some((t) => t.start >= start && !LEAD_INS.has(t.lower))) continue;
    const end = clauseEnd(lower, token.start);
    const words: Token[] = [];
    let stopped = false;
    let predicated = false;
    for (let at = index; at < tokens.length; at += 1) {
      const word = tokens[at] as Token;
      if (word.start >= end + 1 && !/^,\s*(?:thats|that's)/.test(lower.slice(end))) break;
      if (GERUND_PREDICATE.test(lower.slice(word.start - 1)) && words.length > 0) {
        predicated = true;
        break;
      }
      // "for people" is part of the value, "for my little cousins" says whom it is for.
      // "being there for my friends" and "showing up for people" keep whom they are for; "a role model for my cousins" does not.
      const forWhom = word.lower === "for" && /^(?:my|his|her|their|our)$/.test(tokens[at + 1]?.lower ?? "") && !/^(?:there|up)$/.test(tokens[at - 1]?.lower ?? "");
      if (words.length > 0 && (GERUND_STOP.has(word.lower) || forWhom)) stopped = true;
      if (!stopped && words.length < 8) words.push(word);
    }
    const predicateAt = words.length > 0 ? lower.slice(words[words.length - 1]!.end) : "";
    const after = tokens.findIndex((t) => t.start >= (words[words.length - 1]?.end ?? 0));
    const rest = after === -1 ? "" : lower.slice(tokens[after]!.start - 1);
    if (words.length < 2 || (!predicated && !GERUND_PREDICATE.test(predicateAt) && !GERUND_PREDICATE.test(rest) && !/^[^.!?]*?\s(?:matters|is\s+(?:like\s+)?my\s+whole\s+thing|is\s+important)/.test(rest))) continue;
    const first = words[0] as Token;
    const last = words[words.length - 1] as Token;
    // "being a good big brother": the person named inside a value is part of it, and still found as a person.
    if (found.entities.some((entity) => !["Person", "Place", "Thing", "Activity"].includes(entity.type) && entity.start < last.end && first.start < entity.end)) continue;
    found.add({ type: "Value", name: message.text.slice(first.start, last.start + last.lower.length), start: first.start, end: last.end, userEdges: [{ type: "supports" }] });
    index = tokens.indexOf(last);
  }
}

function findValuePhrases(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  const forward = (from: number, max: number) => {
    const end = clauseEnd(lower, from);
    const words: Token[] = [];
    for (let index = tokenIndexAt(message, from); index < tokens.length && words.length < max; index += 1) {
      const token = tokens[index] as Token;
      if (token.end > end || (words.length > 0 && ["because", "bc", "cuz", "but", "so", "lol", "tbh", "ngl", "honestly", "even", "than", "more", "rn"].includes(token.lower))) break;
      words.push(token);
      if (/[,.!?;]/.test(token.post)) break;
    }
    return words;
  };
  for (const match of [...matchesOf(CLEFT, lower), ...matchesOf(MATTERS_THEN, lower)]) addValue(found, forward(match.index + match[0].length, 4));
  for (const match of matchesOf(WANTED_VALUE, lower)) {
    const token = tokens[tokenIndexAt(message, match.index + match[0].length)];
    if (token && VALUE_NOUNS.has(token.lower) && !["family", "god", "love", "hope", "health", "success", "education"].includes(token.lower)) addValue(found, [token]);
  }
  for (const match of matchesOf(DESERVES, lower)) {
    const words = forward(match.index + match[0].length, 6).filter((token, index) => !(index === 0 && /^(?:a|an|to)$/.test(token.lower)));
    addValue(found, words);
  }
  for (const match of matchesOf(REFUSAL, lower)) {
    const verb = match[1] ?? match[3] ?? "";
    const rest = (match[2] ?? match[4] ?? "").trim().split(/\s+/).filter(Boolean);
    // The object up to a stop: "be fake just to fit in" is "not being fake".
    const kept: string[] = [];
    for (const word of rest) {
      if (["just", "to", "for", "because", "bc", "and", "but", "so", "again", "ever", "lol", "my", "grandpa", "anymore"].includes(word)) break;
      kept.push(word);
    }
    if (NOT_VALUE_VERBS.has(verb)) continue;
    const start = match.index;
    const end = start + match[0].length;
    if (found.entities.some((entity) => entity.type === "Value" && entity.start < end && start < entity.end)) continue;
    found.add({ type: "Value", name: ["not", gerund(verb), ...kept].join(" "), start, end, userEdges: [{ type: "supports" }] });
  }
}

/** Verbs a refusal is made of that are no value: "i will never know", "i'd rather die than" (the safety screen's, never stored). */
const NOT_VALUE_VERBS = new Set(["know", "get", "understand", "forget", "forgive", "die", "go", "see", "talk", "do", "have", "say", "tell", "find", "stop"]);

/** A verb's -ing form as teens' values are named: "be" → "being", "cheat" → "cheating", "lie" → "lying", "make" → "making". */
function gerund(verb: string): string {
  if (verb === "be") return "being";
  if (verb.endsWith("ie")) return `${verb.slice(0, -2)}ying`;
  if (verb.endsWith("e") && !verb.endsWith("ee") && verb.length > 2) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

function addValue(found: MessageFindings, words: readonly Token[]): void {
  const kept = words.filter((token, index) => !(index === 0 && ["my", "the", "our"].includes(token.lower)));
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (!first || !last || kept.some((token) => PRONOUNS.has(token.lower))) return;
  // "I care about my sister" is about a person, not a value.
  if (found.within(first.start, last.end, ["Person"]).length > 0) return;
  const name = found.message.text.slice(first.start, last.start + last.lower.length);
  found.add({ type: "Value", name, start: first.start, end: last.end, userEdges: [{ type: "supports" }] });
}
