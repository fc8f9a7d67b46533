// Short ordinary messages to read alone: what a teen's one- to three-word replies look like ("tuesday", "hope so",
// "already did"), cut from the ordinary lines of the splits a model may be tuned on, never from the test split.

import { seededRandom } from "@innerworld/platform/random";
import type { LabelledExample } from "./examples";

/** One to three words in a row of `text`, trailing punctuation dropped, drawn by `random`. */
export function cutFragment(text: string, random: () => number): string {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const length = Math.min(words.length, 1 + Math.floor(random() * 3));
  const start = Math.floor(random() * (words.length - length + 1));
  return words
    .slice(start, start + length)
    .join(" ")
    .replace(/[.,;:!?…]+$/u, "");
}

/**
 * Three fragments of every ordinary line of `lines` that is neither a trap (whose words alone, "dying", may be what a
 * crisis says) nor a sequence line, from a fixed seed: the same lines give the same fragments.
 */
export function ordinaryFragments(lines: readonly LabelledExample[], seed = 99): string[] {
  const random = seededRandom(seed);
  return lines
    .filter((line) => line.level === "none" && !line.trap && line.context.length === 0)
    .flatMap((line) => [cutFragment(line.text, random), cutFragment(line.text, random), cutFragment(line.text, random)])
    .filter((fragment) => fragment.length > 0);
}

/** The `count` commonest words of the ordinary lines of `lines` (traps included: their words are ordinary words too), commonest first. */
export function commonOrdinaryWords(lines: readonly LabelledExample[], count = 3000): string[] {
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (line.level !== "none") continue;
    for (const word of line.text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []) seen.set(word, (seen.get(word) ?? 0) + 1);
  }
  return [...seen]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([word]) => word);
}
