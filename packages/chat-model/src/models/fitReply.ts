// Where a reply may be cut short: at its last whole sentence, else its last whole word, so no reply ends mid-word.

/** Index just after the last sentence's end (. ! ? … before a space or the end) in `text`, or 0 when none ends. */
function lastSentenceEnd(text: string): number {
  return Math.max(...[...text.matchAll(/[.!?…](?=\s|$)/gu)].map((match) => match.index + 1), 0);
}

/** `text` up to its last whole word, marked as cut with "…". */
function cutAtWord(text: string): string {
  const wordEnd = text.search(/\s\S*$/u);
  return `${(wordEnd > 0 ? text.slice(0, wordEnd) : text).trimEnd()}…`;
}

/** A reply cut to `maxChars` at its last whole sentence (or word, when a sentence would leave less than half). */
export function fitReply(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const sentenceEnd = lastSentenceEnd(cut);
  if (sentenceEnd >= maxChars / 2) return cut.slice(0, sentenceEnd);
  return cutAtWord(cut);
}

/**
 * A reply its model stopped at the token limit (finish_reason "length"), which ends mid-sentence: kept up to its last
 * whole sentence, or, when not even one sentence ended, to its last whole word with "…".
 */
export function endAtWholeSentence(text: string): string {
  const trimmed = text.trimEnd();
  const sentenceEnd = lastSentenceEnd(trimmed);
  if (sentenceEnd > 0) return trimmed.slice(0, sentenceEnd);
  return trimmed ? cutAtWord(trimmed) : "";
}
