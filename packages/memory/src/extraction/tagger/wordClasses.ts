// What kind of thing a word names, from WordNet's classes of its commonest senses: the span tagger reads them, so a word
// no writer used ("headphones", "lasagna", "babysitting") still says whether it is an artifact, a food or a pastime.
import wordClassesFile from "./wordClasses.data.json" with { type: "json" };

/** wordClasses.data.json, written by bench/listWordClasses.ts from WordNet 3.1. */
export interface WordClassesFile {
  source: string;
  /** How many of each word's first senses gave their class. */
  senses: number;
  /** Per class ("n.artifact", "v.competition"), its lemmas, space-separated, two-word lemmas joined by "_". */
  classes: Record<string, string>;
}

let byLemma: Map<string, string[]> | undefined;

function lemmaClasses(): Map<string, string[]> {
  if (!byLemma) {
    byLemma = new Map();
    for (const [name, lemmas] of Object.entries((wordClassesFile as WordClassesFile).classes)) {
      for (const lemma of lemmas.split(" ")) {
        const key = lemma.replaceAll("_", " ");
        const names = byLemma.get(key) ?? [];
        names.push(name);
        byLemma.set(key, names);
      }
    }
  }
  return byLemma;
}

/**
 * The forms a word may be the inflection of, itself first: plurals ("headphones", "parties", "boxes") and verb forms
 * ("babysitting", "scrolled", "running", "bakes"). WordNet lists lemmas only.
 */
export function lemmaCandidates(word: string): string[] {
  const forms = [word];
  const add = (form: string) => {
    if (form.length >= 2 && !forms.includes(form)) forms.push(form);
  };
  if (word.endsWith("ies")) add(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) add(word.slice(0, -2));
  if (word.endsWith("s") && !word.endsWith("ss")) add(word.slice(0, -1));
  for (const suffix of ["ing", "ed"]) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    add(stem);
    add(`${stem}e`);
    // A doubled last consonant: "running" → "run", "shopped" → "shop".
    if (stem.length >= 3 && stem.at(-1) === stem.at(-2)) add(stem.slice(0, -1));
    if (suffix === "ed" && stem.endsWith("i")) add(`${stem.slice(0, -1)}y`);
  }
  return forms;
}

/** The classes of the first of a word's forms that WordNet lists; none for a word it does not. */
export function wordClassesOf(word: string): readonly string[] {
  const classes = lemmaClasses();
  for (const form of lemmaCandidates(word)) {
    const found = classes.get(form);
    if (found) return found;
  }
  return [];
}

/** The classes of a two-word lemma ("video game", "ice cream"), its last word read in its plural or verb forms too. */
export function phraseClassesOf(first: string, second: string): readonly string[] {
  const classes = lemmaClasses();
  for (const form of lemmaCandidates(second)) {
    const found = classes.get(`${first} ${form}`);
    if (found) return found;
  }
  return [];
}
