// A fast token estimate for prompt budgeting, close to what BPE tokenizers (cl100k, o200k) count for chat text.
//
// Why not a real tokenizer: the endpoint is configurable (OpenAI, OpenRouter, Ollama, vLLM), so no one
// vocabulary is right, and loading a BPE table costs megabytes and milliseconds on every cold start.
// Why not chars/4: on chat text its error per message is about twice this one's (numbers below); it
// misprices exactly what teens send: short words, emoji, "!!!", "lol".
//
// How: split text the way GPT pre-tokenizers do (a word with its leading space, digits in groups of
// three, punctuation runs, other whitespace) and price each piece:
//   - a latin word (underscores included) of up to 7 letters is one token; longer words add a token
//     per 5 further letters (common long words are one token, rare ones split into several);
//   - digits cost one token per group of up to three;
//   - punctuation and symbols cost one token per two characters, a newline one token;
//   - non-latin letters (CJK, Cyrillic, ...) cost about one token per character;
//   - emoji cost two tokens each (most emoji are 2-3 byte-level tokens).
// Measured against cl100k_base and o200k_base (js-tiktoken) on 40 chat-style English texts (teen
// messages, persona prompts, replies, context blocks): per-text error median 6%, 90th percentile
// 14-17%, corpus total within +5%; chars/4 had median 12-14% and 90th percentile 27-29%. On technical
// markdown (28 paragraphs of design prose) median 3-5%, p90 11%, total +2%. Not calibrated for
// other languages. It is an estimate: budget with headroom, never to the last token.

const PIECE = /\s?[a-zA-Z_]+(?:'[a-zA-Z]+)?|\s?\d{1,3}|\s?\p{L}+|\s?[\p{P}\p{S}]+\n*|\s+/gu;
const LATIN = /^\s?[a-zA-Z_]/;
const DIGITS = /^\s?\d/;
const LETTERS = /^\s?\p{L}/u;
const EMOJI = /\p{Extended_Pictographic}/gu;

/** Tokens a message adds on top of its content in the Chat Completions format (role, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** Estimated token count of `text`; 0 for an empty string. Linear in the length of the text. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECE)) tokens += pieceTokens(match[0]);
  return tokens;
}

/** Estimated tokens of one chat message: its content plus the per-message framing. */
export function estimateMessageTokens(content: string): number {
  return estimateTokens(content) + MESSAGE_OVERHEAD_TOKENS;
}

function pieceTokens(piece: string): number {
  if (LATIN.test(piece)) {
    const letters = piece.trimStart().length;
    return letters <= 7 ? 1 : 1 + Math.ceil((letters - 7) / 5);
  }
  if (DIGITS.test(piece)) return 1;
  if (LETTERS.test(piece)) return piece.trimStart().length;
  const trimmed = piece.trim();
  // A lone space between pieces is folded into the next piece by the tokenizer; a newline is not.
  if (trimmed.length === 0) return piece.length > 1 || piece === "\n" ? 1 : 0;
  const emoji = trimmed.match(EMOJI)?.length ?? 0;
  const other = [...trimmed].length - emoji;
  return emoji * 2 + Math.ceil(other / 2);
}
