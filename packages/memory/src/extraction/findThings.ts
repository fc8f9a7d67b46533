// Finds things the user has or makes: named pets ("my dog Biscuit") and brands compromise knows ("a youtube channel").
import { PETS } from "./lexicon.js";
import type { MessageFindings } from "./MessageFindings.js";
import { alternation, looksLikeName, matchesOf, tokenIndexAt } from "./textPatterns.js";

const NAMED_PET = new RegExp(`\\b(?:my|our)\\s+(?:new\\s+|old\\s+|little\\s+)?(${alternation(PETS)})\\s+(?:named\\s+|called\\s+)?(\\S+)`, "giu");
/** Nouns that turn a brand into the user's own thing: "a youtube channel", "my spotify playlist". */
const OWNED_NOUNS = new Set(["channel", "account", "page", "playlist", "server", "profile", "story", "video", "videos", "shop", "store", "blog"]);

export function findThings(found: MessageFindings): void {
  const { message } = found;
  const { text, tokens } = message;

  for (const match of matchesOf(NAMED_PET, text)) {
    const [start] = match.indices[2] ?? [0];
    const word = (match[2] ?? "").replace(/['’]s$|[^\p{L}'’-]+$/gu, "");
    // A pet's name is capitalised ("my dog Biscuit"); "my dog ate it" has no name.
    if (!looksLikeName(word)) continue;
    const end = start + word.length;
    if (!found.isTaken(start, end)) {
      found.add({ type: "Thing", name: word, start, end, attributes: { kind: "pet", animal: (match[1] ?? "").toLowerCase() }, userEdges: [{ type: "mentions" }] });
    }
  }

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token?.tags.has("Organization") || token.tags.has("Person") || token.tags.has("Place")) continue;
    let last = index;
    while (tokens[last + 1]?.tags.has("Organization")) last += 1;
    const next = tokens[last + 1];
    // A bare brand ("I hate google") is small talk; a channel or account on it is the user's own thing.
    if (!next || !OWNED_NOUNS.has(next.lower)) {
      index = last;
      continue;
    }
    const start = token.start;
    const end = next.start + next.lower.length;
    index = tokenIndexAt(message, end);
    if (!found.isTaken(start, end)) found.add({ type: "Thing", name: text.slice(start, end), start, end, userEdges: [{ type: "mentions" }] });
  }
}
