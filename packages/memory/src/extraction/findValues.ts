// Finds values: what the user says matters to them ("family is the most important thing to me", "I care about being honest").
import type { MessageFindings } from "./MessageFindings.js";
import type { Token } from "./readMessage.js";
import { clauseEnd, clauseStart, matchesOf, tokenIndexAt } from "./textPatterns.js";

/** "X is the most important thing to me", "X matters to me", "X means everything to me": the value comes before. */
const VALUE_BEFORE = /\s(?:is|are|'s)\s+(?:the\s+)?(?:most\s+|really\s+|so\s+|super\s+|very\s+|soo?\s+)?important(?:\s+thing)?\s+to\s+me\b|\s(?:matters?|mean|means)\s+(?:more\s+|the\s+most\s+|a\s+lot\s+|so\s+much\s+|everything\s+|the\s+world\s+)?to\s+me\b/g;
/** "I care about X", "I believe in X", "I value X": the value comes after. */
const VALUE_AFTER = /\bi\s+(?:really\s+|truly\s+|just\s+|also\s+)?(?:care\s+(?:a\s+lot\s+|so\s+much\s+|deeply\s+|more\s+)?about|believe\s+in|value)\s+/g;

/** Words that end a value's phrase going forward ("being honest with people"). */
const FORWARD_STOP = new Set(["with", "to", "for", "because", "and", "but", "so", "when", "more", "than", "in", "at", "like", "lol", "too", "though", "a", "lot"]);
/** Words before the value that are not part of it ("honestly family is...", "i think family is..."). */
const BACKWARD_STOP = new Set(["honestly", "like", "think", "just", "really", "and", "but", "so", "because", "that", "i", "guess", "tbh", "ngl", "literally", "basically", "to", "me", "for", "lol", "know", "feel"]);
const PRONOUNS = new Set(["it", "that", "this", "you", "her", "him", "them", "they", "she", "he", "what", "nothing", "everything", "anything", "stuff"]);
const MAX_WORDS = 4;

export function findValues(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;

  for (const match of matchesOf(VALUE_BEFORE, lower)) {
    const start = clauseStart(lower, match.index);
    const words: Token[] = [];
    for (let index = tokenIndexAt(message, match.index + 1) - 1; index >= 0 && words.length < MAX_WORDS; index -= 1) {
      const token = tokens[index] as Token;
      if (token.start < start || BACKWARD_STOP.has(token.lower)) break;
      words.unshift(token);
    }
    addValue(found, words);
  }

  for (const match of matchesOf(VALUE_AFTER, lower)) {
    const from = match.index + match[0].length;
    const end = clauseEnd(lower, from);
    const words: Token[] = [];
    for (let index = tokenIndexAt(message, from); index < tokens.length && words.length < MAX_WORDS; index += 1) {
      const token = tokens[index] as Token;
      if (token.end > end || (words.length > 0 && FORWARD_STOP.has(token.lower))) break;
      words.push(token);
      if (/[,.!?;]/.test(token.post)) break;
    }
    addValue(found, words);
  }
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
