// Splits streamed model text into sentences as tokens arrive, so each sentence can be screened and pushed on its own.
//
// A boundary is a run of . ! ? … followed by whitespace (or the end of the stream), or a blank line.
// Closing quotes/brackets and trailing emoji stay with the sentence they follow ("Nice! 🎉 Next" splits
// after the emoji). Not boundaries: titles and Latin abbreviations ("Dr. Lee", "e.g. this"), initials
// ("J. K. Rowling"), list numbers ("1. Draw"), decimals and file names (no space after the dot). After
// an ellipsis or "etc."/"a.m."/"p.m." the sentence ends only if the next word starts with a capital.
// Text whose boundary depends on characters not yet received is held back until they arrive.

const TERMINATORS = ".!?…";
const CLOSERS = "\"'”’)]»";
const EMOJI_CLUSTER = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\u200d\ufe0f\p{Emoji_Modifier}]|\p{Extended_Pictographic}|\p{Regional_Indicator})*/uy;
const NEVER_ENDS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "vs", "e.g", "i.e", "cf", "approx", "dept", "fig", "no"]);
const MAY_END = new Set(["etc", "a.m", "p.m", "u.s", "u.k"]);

type Verdict = "boundary" | "not-boundary" | "undecided";

export class SentenceSplitter {
  private buffer = "";

  /** Adds streamed text; returns the sentences it completed, trimmed, in order. */
  push(text: string): string[] {
    this.buffer += text;
    return this.drain(false);
  }

  /** Ends the stream: returns whatever is left as a final sentence (if it has any content). */
  flush(): string[] {
    const sentences = this.drain(true);
    const rest = this.buffer.trim();
    this.buffer = "";
    return rest ? [...sentences, rest] : sentences;
  }

  /**
   * Ends a stream that was cut off (its model's token limit): returns the sentences that did end, and drops the
   * fragment after them.
   */
  flushWholeSentences(): string[] {
    const sentences = this.drain(true);
    this.buffer = "";
    return sentences;
  }

  private drain(final: boolean): string[] {
    const text = this.buffer;
    const sentences: string[] = [];
    let start = 0;
    let index = 0;
    while (index < text.length) {
      const char = text.charAt(index);
      if (char === "\n" && /^\n[ \t]*\n/.test(text.slice(index))) {
        const sentence = text.slice(start, index).trim();
        if (sentence) sentences.push(sentence);
        start = index;
        index = skipWhitespace(text, index);
        continue;
      }
      if (!TERMINATORS.includes(char)) {
        index += 1;
        continue;
      }
      const runEnd = skipWhile(text, index, (c) => TERMINATORS.includes(c));
      const end = endOfSentence(text, skipWhile(text, runEnd, (c) => CLOSERS.includes(c)));
      const verdict = judge(text, start, index, runEnd, end, final);
      if (verdict === "undecided") break;
      if (verdict === "boundary") {
        const sentence = text.slice(start, end).trim();
        if (sentence) sentences.push(sentence);
        start = end;
      }
      index = end;
    }
    this.buffer = text.slice(start);
    return sentences;
  }
}

/** Index after any emoji that trail the punctuation (possibly after spaces); those belong to this sentence. */
function endOfSentence(text: string, from: number): number {
  let end = from;
  for (;;) {
    const afterSpace = skipWhile(text, end, (c) => c === " ");
    EMOJI_CLUSTER.lastIndex = afterSpace;
    const match = EMOJI_CLUSTER.exec(text);
    if (!match) return end;
    end = afterSpace + match[0].length;
  }
}

function judge(text: string, start: number, runStart: number, runEnd: number, end: number, final: boolean): Verdict {
  if (end >= text.length) return final ? "boundary" : "undecided";
  const next = text.charAt(end);
  // "3.5", "index.ts", "wait...what": no space, no boundary.
  if (!/\s/.test(next)) return "not-boundary";
  // Spaces then end of buffer: an emoji might still attach to this sentence, so wait for it.
  const nextWordAt = skipWhitespace(text, end);
  if (nextWordAt >= text.length && !final) return "undecided";

  const run = text.slice(runStart, runEnd);
  const wordStart = lastWhitespace(text, runStart) + 1;
  const word = text.slice(wordStart, runStart).replace(/^["'“‘(\[]+/, "").toLowerCase();
  const capitalNext = nextWordAt < text.length && /\p{Lu}/u.test(text.charAt(nextWordAt));
  if (run === ".") {
    if (NEVER_ENDS.has(word)) return "not-boundary";
    if (/^\p{L}$/u.test(word)) return "not-boundary";
    const startsLine = wordStart === 0 || text.charAt(wordStart - 1) === "\n" || !text.slice(start, wordStart).trim();
    if (/^\d+$/.test(word) && startsLine) return "not-boundary";
    if (MAY_END.has(word)) return capitalNext || nextWordAt >= text.length ? "boundary" : "not-boundary";
  }
  if (run === "..." || run === "…") {
    if (nextWordAt >= text.length) return "boundary";
    return capitalNext ? "boundary" : "not-boundary";
  }
  return "boundary";
}

function skipWhile(text: string, from: number, test: (char: string) => boolean): number {
  let index = from;
  while (index < text.length && test(text.charAt(index))) index += 1;
  return index;
}

function skipWhitespace(text: string, from: number): number {
  return skipWhile(text, from, (c) => /\s/.test(c));
}

function lastWhitespace(text: string, before: number): number {
  for (let index = before - 1; index >= 0; index -= 1) if (/\s/.test(text.charAt(index))) return index;
  return -1;
}

/** Splits a whole text at once; the same rules as streaming, for text that is already complete. */
export function splitSentences(text: string): string[] {
  const splitter = new SentenceSplitter();
  return [...splitter.push(text), ...splitter.flush()];
}
