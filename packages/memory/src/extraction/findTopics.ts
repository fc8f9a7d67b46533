// Finds school subjects and classes ("chemistry", "AP Bio", "my english class") and interests ("politics", "true crime") as Topics.
import { CLASS_ONLY_SUBJECTS, CLASS_PREFIXES, INTEREST_TOPICS, SUBJECTS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { alternation, matchesOf } from "./textPatterns.js";

const PREFIX = `(?:(?:${alternation(CLASS_PREFIXES)})\\s+)?`;
const SUBJECT = new RegExp(`\\b(${PREFIX}(?:${alternation(SUBJECTS.keys())}))(\\s+(?:class|classes|course))?\\b`, "g");
const INTEREST = new RegExp(`\\b(${alternation(INTEREST_TOPICS.keys())})\\b`, "g");
const CLASS_ONLY = new RegExp(`\\b(${PREFIX}(?:${alternation(CLASS_ONLY_SUBJECTS.keys())}))\\s+(?:class|classes|course)\\b`, "g");

export function findTopics(found: MessageFindings): void {
  const { text, lower } = found.message;
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
