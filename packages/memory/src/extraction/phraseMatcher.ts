// Finds listed phrases in a message's lower-case text, longest first, on word boundaries, with what comes right before each.
import type { MessageText, Token } from "./readMessage.js";
import { alternation, tokenIndexAt } from "./textPatterns.js";

export interface PhraseMatch {
  phrase: string;
  start: number;
  end: number;
  /** The message's own spelling of the phrase. */
  surface: string;
  /** Index of the phrase's first token, and the token before it (if any). */
  firstToken: number;
  before: Token | undefined;
  /** True when the teen capitalised it somewhere other than at a sentence's start ("in Austin", "UT"). */
  capitalised: boolean;
}

/** A compiled list: one regex over every phrase, longest first, so "new york city" wins over "new york". */
export class PhraseMatcher {
  private readonly pattern: RegExp;

  constructor(phrases: Iterable<string>) {
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}'&-])(?:${alternation(phrases)})(?![\\p{L}\\p{N}&]|'[\\p{L}])`, "gu");
  }

  *matches(message: MessageText): Generator<PhraseMatch> {
    // Curly apostrophes are straightened (same length), so "mcdonald’s" is found as "mcdonald's".
    const lower = message.lower.replace(/[’‘]/g, "'");
    for (const match of lower.matchAll(this.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const firstToken = tokenIndexAt(message, start);
      const first = message.tokens[firstToken];
      const surface = message.text.slice(start, end);
      const capitalised = /\p{Lu}/u.test(surface) && !(first?.sentenceStart && first.start === start && !/\p{Lu}{2}/u.test(surface));
      yield { phrase: match[0].replace(/\s+/g, " "), start, end, surface, firstToken, before: message.tokens[firstToken - 1], capitalised };
    }
  }
}
