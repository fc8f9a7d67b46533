// Small pieces the offline rules share: word alternations for regexes, clause and sentence bounds, token lookup.
import type { MessageText } from "./readMessage.js";

/** A regex alternation of phrases, longest first so "step mom" wins over "mom"; spaces match any run of spaces. */
export function alternation(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|");
}

/**
 * Where a clause ends: punctuation, or a conjunction that starts a new thought ("but", "because", "and I").
 * "so" ends a clause only when a new subject follows ("so I can"): "I'm so nervous" is one clause.
 */
const CLAUSE_END = /\.(?!\d)|[!?;\n]|,\s|\s(?:but|because|though|although|when|while|if|until|unless|lol|lmao|haha|tbh|ngl|and then|and i|and i'm|and we|and my|so (?:i|we|that|he|she|they|it|my|you)\b)\b/g;

export function clauseEnd(lower: string, from: number): number {
  CLAUSE_END.lastIndex = from;
  const match = CLAUSE_END.exec(lower);
  return match ? match.index : lower.length;
}

/**
 * Where the clause holding `at` starts: after punctuation, or at the conjunction that opened it, so that
 * "... and I'm so nervous" keeps its "I'm".
 */
export function clauseStart(lower: string, at: number): number {
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let match = CLAUSE_END.exec(lower); match && match.index < at; match = CLAUSE_END.exec(lower)) {
    start = /^\s\p{L}/u.test(match[0]) ? match.index + 1 : match.index + match[0].length;
  }
  return start;
}

/** The sentence holding offset `at`, as [start, end) in the message text. */
export function sentenceAround(message: MessageText, at: number): [number, number] {
  let start = 0;
  let end = message.text.length;
  for (const token of message.tokens) {
    if (!token.sentenceStart) continue;
    if (token.start <= at) start = token.start;
    else {
      end = token.start;
      break;
    }
  }
  return [start, end];
}

/** Index of the token covering or starting after `offset`. */
export function tokenIndexAt(message: MessageText, offset: number): number {
  const index = message.tokens.findIndex((token) => token.end > offset);
  return index === -1 ? message.tokens.length : index;
}

/** All matches of a global regex with the offset where each group starts (the `d` flag). */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray & { indices: NonNullable<RegExpExecArray["indices"]> }> {
  const flags = pattern.flags.includes("d") ? pattern.flags : `${pattern.flags}d`;
  const global = new RegExp(pattern.source, flags.includes("g") ? flags : `${flags}g`);
  for (const match of text.matchAll(global)) {
    if (match.indices) yield match as RegExpExecArray & { indices: NonNullable<RegExpExecArray["indices"]> };
  }
}

/** Capitalised like a name ("Maya", "McKenzie", "O'Neil"), not shouted ("AGAIN") and not lower case. */
export function looksLikeName(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’]+(?:[\p{Lu}-][\p{Ll}]+)*$/u.test(word.replace(/['’]s$/, ""));
}

/** Possessive "'s" off the end of a word: "Jordan's" -> "Jordan". */
export function withoutPossessive(word: string): string {
  return word.replace(/['’]s$/i, "");
}
