// Telling a message from a copy of another: exact (the same normalised words) or near (a word-set Jaccard of 0.8 or more), so held-out sets stay held out.

import { prepareText } from "../../src/normalize";
import type { LabelledExample } from "./examples";

/** Word-set overlap at or above which two messages count as the same message reworded a little. */
export const NEAR_DUPLICATE_JACCARD = 0.8;

/** A message's normalised words (the normaliser's first form, clause marks dropped): what duplicates are compared by. */
export function comparisonWords(example: Pick<LabelledExample, "text" | "context">): string[] {
  const whole = [...example.context, example.text].join(" \n ");
  return (prepareText(whole).forms[0] ?? "").split(" ").filter((w) => w.length > 0 && w !== ".");
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

interface Indexed {
  key: string;
  words: Set<string>;
}

/** Finds exact (same normalised words) and near (word-set Jaccard ≥ 0.8) copies among indexed messages. */
export class DuplicateIndex {
  private readonly exact = new Set<string>();
  private readonly byWord = new Map<string, Indexed[]>();

  add(words: readonly string[]): void {
    const entry: Indexed = { key: words.join(" "), words: new Set(words) };
    this.exact.add(entry.key);
    for (const w of entry.words) {
      const list = this.byWord.get(w) ?? [];
      list.push(entry);
      this.byWord.set(w, list);
    }
  }

  match(words: readonly string[]): "exact" | "near" | undefined {
    if (this.exact.has(words.join(" "))) return "exact";
    const mine = new Set(words);
    const candidates = new Set<Indexed>();
    for (const w of mine) for (const entry of this.byWord.get(w) ?? []) candidates.add(entry);
    for (const entry of candidates) if (jaccard(mine, entry.words) >= NEAR_DUPLICATE_JACCARD) return "near";
    return undefined;
  }
}

