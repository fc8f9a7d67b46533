// Rewrites chat shorthand ("abt", "tmrw", "im", "hang w Tyler", "soooo") into the words the rules and compromise know.

/** Whole-word rewrites, matched case-insensitively. Only forms with one reading in teen chat belong here. */
const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:tmrw|tmrow|tmrrw|tmr|tomoro|tomorow|tommorow|tommorrow|2moro|2morrow)\b/gi, "tomorrow"],
  [/\b(?:2nite|tonite)\b/gi, "tonight"],
  [/\b2day\b/gi, "today"],
  [/\babt\b/gi, "about"],
  [/\bim\b/gi, "I'm"],
  [/\bive\b/gi, "I've"],
  [/\b(dont|cant|wont|isnt|arent|wasnt|werent|havent|hasnt|didnt|doesnt|couldnt|shouldnt|wouldnt|aint)\b/gi, "$1'"],
  [/\bu\b/gi, "you"],
  [/\bur\b/gi, "your"],
  [/\br\b(?= (?:going|not|gonna|so|friends|you|we|they)\b)/gi, "are"],
  [/\bw\/(?=\s)/gi, "with"],
  // "hang w Tyler", "w my mom": a lone "w" before a word is "with" in chat.
  [/\bw\b(?= [\p{L}])/giu, "with"],
  [/\b(?:bc|bcuz|becuz|cuz|coz)\b/gi, "because"],
  [/\brn\b/gi, "right now"],
  [/\bwanna\b/gi, "want to"],
  [/\bgonna\b/gi, "going to"],
  [/\bgotta\b/gi, "got to"],
  [/\bkinda\b/gi, "kind of"],
  [/\bsorta\b/gi, "sort of"],
  [/\btho\b/gi, "though"],
  [/\bppl\b/gi, "people"],
  [/\bhw\b/gi, "homework"],
  [/\bb4\b/gi, "before"],
  [/\bskool\b/gi, "school"],
  [/\b(?:freind|frend|fren)(s?)\b/gi, "friend$1"],
  [/\bbestie\b/gi, "best friend"],
  // "me n jake", "u n me": a lone "n" between words is "and".
  [/(?<=\p{L} )n(?= \p{L})/gu, "and"],
  [/\bbff\b/gi, "best friend"],
  // Misspellings common enough in teen chat to be read as the word meant (each has no other reading).
  [/\b(?:gradutaion|graduaton|gradution|graduatoin)\b/gi, "graduation"],
  [/\b(?:funral|funeriel|funerel)\b/gi, "funeral"],
  [/\b(?:interveiw|intervew|inteview)\b/gi, "interview"],
  [/\b(?:definately|definetly|defintely|deffinitely)\b/gi, "definitely"],
  [/\b(?:recieve|recieved)\b/gi, "received"],
  [/\b(?:wierd)\b/gi, "weird"],
  [/\b(?:practise)\b/gi, "practice"],
];

// JavaScript's \b knows only ASCII letters: "uñas" read as "u" then "ñas" became "youñas", "imágenes" "I'mágenes". Each
// \b of the rewrites is read as the edge between a letter or digit of any script and anything else.
const LETTER_EDGE = "(?:(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_])|(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_]))";
const REWRITES_AT_LETTER_EDGES: ReadonlyArray<[RegExp, string]> = REWRITES.map(([pattern, replacement]) => [
  new RegExp(pattern.source.replaceAll("\\b", LETTER_EDGE), pattern.flags.includes("u") ? pattern.flags : `${pattern.flags}u`),
  replacement,
]);

export function normaliseSlang(text: string): string {
  let result = text
    .replace(/[’‘]/g, "'")
    // "soooo" and "hiiii" are emphasis; three or more of a letter is never spelling.
    .replace(/(\p{L})\1{2,}/gu, "$1");
  for (const [pattern, replacement] of REWRITES_AT_LETTER_EDGES) {
    result = result.replace(pattern, (match, ...groups: unknown[]) => {
      const captured = typeof groups[0] === "string" ? groups[0] : "";
      if (replacement === "$1'") return `${captured.slice(0, -1)}'${captured.slice(-1)}`;
      return replacement.replace("$1", captured);
    });
  }
  return result;
}
