// Finds places: schools by their name ("Lincoln High"), places compromise knows (cities, states), everyday places ("the mall").
import { PLACES, SCHOOL_SUFFIXES } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { alternation, looksLikeName, matchesOf } from "./textPatterns.js";

const SCHOOL = new RegExp(`\\b((?:\\p{Lu}[\\p{L}'.-]*\\s+){1,3}?)(${alternation(SCHOOL_SUFFIXES.map(titleCase))})(?:\\s+School)?\\b`, "gu");
const SCHOOL_LOWER = new RegExp(
  `\\b(?:go to|goes to|going to|went to|attend|attends|transferred to|transferring to|switched to|switching to|from)\\s+((?:(?!the\\b|a\\b|my\\b|our\\b|new\\b|this\\b)\\p{Ll}+\\s+){1,2}(?:${alternation(SCHOOL_SUFFIXES)}))\\b`,
  "gu",
);
const EVERYDAY_PLACE = new RegExp(`\\b(?:the|a|an|at|to|in|from|my|our)\\s+(?:local\\s+|new\\s+)?(${alternation(PLACES.keys())})\\b`, "g");
/** Going, living or moving somewhere named: "going to Disneyland", "we live in Portland". */
const MOTION_TO_NAME = /\b(?:go|goes|going|went|gone|move|moved|moving|fly|flying|flew|drive|driving|drove|travel(?:ing|ed|ling|led)?|trip|vacation|live|lives|living|lived|visit|visiting|visited|been|stay|staying|stayed|from)\s+(?:to|in|at|from)\s+(?=\p{Lu})/gu;

export function findPlaces(found: MessageFindings): void {
  const { text, lower, tokens } = found.message;

  for (const match of matchesOf(SCHOOL, text)) {
    const [start] = match.indices[1] ?? [match.index];
    const end = match.index + match[0].length;
    const name = text.slice(start, end).trim();
    // "I Love High school" is not a school: every word before the suffix must look like a name.
    const words = (match[1] ?? "").trim().split(/\s+/);
    if (words.some((word) => !looksLikeName(word.replace(/\.$/, "")) || /^(?:I|I'm|My|The|A|Our|This|That)$/.test(word))) continue;
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end, attributes: { kind: "school" }, userEdges: [{ type: "mentions" }] });
  }
  for (const match of matchesOf(SCHOOL_LOWER, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (!found.isTaken(start, end)) found.add({ type: "Place", name: text.slice(start, end), start, end, attributes: { kind: "school" }, userEdges: [{ type: "mentions" }] });
  }

  // compromise tags cities, states and countries; runs of tagged words are one place ("New York").
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token?.tags.has("Place") || token.tags.has("Person") || !/^\p{Lu}/u.test(token.text)) continue;
    let last = index;
    while (tokens[last + 1]?.tags.has("Place") && /^\p{Lu}/u.test(tokens[last + 1]?.text ?? "")) last += 1;
    const start = token.start;
    const end = tokens[last]?.end ?? token.end;
    index = last;
    const name = text.slice(start, end).replace(/['’]s$|[^\p{L}\p{N}]+$/gu, "");
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end: start + name.length, userEdges: [{ type: "mentions" }] });
  }

  for (const match of matchesOf(EVERYDAY_PLACE, lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    if (!found.isTaken(start, end)) found.add({ type: "Place", name: text.slice(start, end), start, end, userEdges: [{ type: "mentions" }] });
  }

  for (const match of matchesOf(MOTION_TO_NAME, text)) {
    const start = match.index + match[0].length;
    const nameMatch = /^(?:\p{Lu}[\p{L}'-]*)(?:\s+\p{Lu}[\p{L}'-]*){0,2}/u.exec(text.slice(start));
    if (!nameMatch) continue;
    const name = nameMatch[0].replace(/['’]s$/, "");
    const end = start + name.length;
    const first = tokens.find((token) => token.start === start);
    // A person's name after "to" is a visit to someone ("going to Jordan's"), not a place.
    if (first && (first.tags.has("Person") || first.tags.has("FirstName") || first.tags.has("Date") || first.tags.has("Pronoun"))) continue;
    if (!found.isTaken(start, end)) found.add({ type: "Place", name, start, end, userEdges: [{ type: "mentions" }] });
  }
}

function titleCase(phrase: string): string {
  return phrase.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}
