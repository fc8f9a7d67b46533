// Finds school subjects and classes ("chemistry", "AP Bio", "my english class") and interests ("politics", "true crime") as Topics.
import { CLASS_ONLY_SUBJECTS, CLASS_PREFIXES, INTEREST_TOPICS, SUBJECTS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { alternation, matchesOf } from "./textPatterns.js";

const PREFIX = `(?:(?:${alternation(CLASS_PREFIXES)})\\s+)?`;
const SUBJECT = new RegExp(`\\b(${PREFIX}(?:${alternation(SUBJECTS.keys())}))(\\s+(?:class|classes|course))?\\b`, "g");
const INTEREST = new RegExp(`\\b(${alternation(INTEREST_TOPICS.keys())})\\b`, "g");
const CLASS_ONLY = new RegExp(`\\b(${PREFIX}(?:${alternation(CLASS_ONLY_SUBJECTS.keys())}))\\s+(?:class|classes|course)\\b`, "g");

/**
 * What is studied, taught or presented on, named by the teen: "learning about dreams", "present on soil testing", "quiz
 * me on the periodic table", "teaching me lakota", "an essay on the civil war". Up to three words, nouns only.
 */
const STUDIED = /\b(?:learning\s+about|learn\s+about|learned\s+about|studying|studied\s+for|study\s+for|teaching\s+me|taught\s+me|teach\s+me|present(?:ing)?\s+on|presentation\s+on|quiz\s+(?:me|us)\s+on|essay\s+(?:on|about)|project\s+(?:on|about)|report\s+(?:on|about)|research(?:ing)?\s+(?:on|about)?)\s+(?:the\s+)?((?:\p{L}+\s+){0,2}\p{L}+)/gu;
/** Words that end what is studied, or are no topic of their own: "learning about it", "studying for the test". */
const NOT_STUDIED = new Set(["it", "that", "this", "them", "me", "my", "for", "with", "and", "but", "so", "to", "how", "what", "why", "when", "all", "stuff", "things", "everything", "nothing", "a", "an", "rn", "now", "lol", "today", "tonight", "tomorrow", "because", "bc", "in", "at", "on", "like", "every", "again", "together", "hard"]);

export function findTopics(found: MessageFindings): void {
  const { text, lower } = found.message;
  findStudiedTopics(found);
  for (const pattern of [SUBJECT, CLASS_ONLY]) {
    for (const match of matchesOf(pattern, lower)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.isTaken(start, end)) continue;
      // "my german teacher" is a person, found later by what they teach.
      if (/^\s+(?:teacher|coach|tutor)\b/.test(lower.slice(end))) continue;
      // "AP Bio" keeps the prefix; "class" is dropped from the name: "my english class" is the subject english.
      const [nameStart, nameEnd] = match.indices[1] ?? [start, end];
      found.add({ type: "Topic", name: text.slice(nameStart, nameEnd), start, end, attributes: { kind: "school subject" }, userEdges: [{ type: "mentions" }] });
    }
  }
  for (const match of matchesOf(INTEREST, lower)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!found.isTaken(start, end)) found.add({ type: "Topic", name: text.slice(start, end), start, end, attributes: { kind: "interest" }, userEdges: [{ type: "mentions" }] });
  }
}

function findStudiedTopics(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(STUDIED, message.lower)) {
    const [start] = match.indices[1] ?? [0];
    const words: string[] = [];
    let end = start;
    for (const token of message.tokens.filter((t) => t.start >= start && t.start < start + (match[1] ?? "").length)) {
      if (NOT_STUDIED.has(token.lower) || ["Pronoun", "Date", "Person", "Preposition", "Conjunction", "Adverb", "Determiner", "Auxiliary", "Copula", "Value"].some((tag) => token.tags.has(tag))) break;
      words.push(token.lower);
      end = token.end;
      if (/[,.!?;]/.test(token.post)) break;
    }
    // What is studied for is an occasion found elsewhere ("studying for the test"); a topic ends on a noun, not "the periodic".
    const last = message.tokens.find((token) => token.end === end);
    if (words.length === 0 || found.isTaken(start, end) || (last && last.tags.has("Adjective") && !last.tags.has("Noun"))) continue;
    found.add({ type: "Topic", name: message.text.slice(start, end).replace(/[^\p{L}\p{N}]+$/u, ""), start, end, attributes: { kind: "studied" }, userEdges: [{ type: "mentions" }] });
  }
}
