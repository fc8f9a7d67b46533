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

/** Words of a closed class, never read as a noun or verb WordNet lists by a chance spelling ("was" as "wa", "his" as "hi"). */
const CLOSED_CLASS = new Set(
  "i me my we us our you your he him his she her they them their it its this that these those a an the and or but so if of to in on at by for with from up out as is am are was were be been being has have had do does did will would can could should may might must not no just like one all what who how when where why".split(
    " ",
  ),
);
/** A stem ending consonant, vowel, consonant lost its "e" ("hated", "staring", "coding"); one ending otherwise did not ("singing", "played"). */
const LOST_ITS_E = /[^aeiou][aeiou][^aeiouwxy]$/;
/** Consonants doubled before "-ing" and "-ed" ("running", "shopped"); "ss" and "ll" are the base's own ("passed", "killed"). */
const DOUBLED = /([bdgmnprt])\1$/;

/**
 * The forms a word may be the inflection of, itself first, then the likelier base before the less likely: plurals
 * ("games" → "game", "parties" → "party", "boxes" → "box", "lies" → "lie") and verb forms ("hated" → "hate",
 * "singing" → "sing", "running" → "run"). WordNet lists lemmas only. Bases shorter than three letters are not tried.
 */
export function lemmaCandidates(word: string): string[] {
  if (CLOSED_CLASS.has(word)) return [];
  const forms = [word];
  const add = (form: string) => {
    if (form.length >= 3 && !forms.includes(form)) forms.push(form);
  };
  if (word.endsWith("ies") && word.length > 4) add(`${word.slice(0, -3)}y`);
  if (/(?:s|x|z|ch|sh)es$/.test(word)) add(word.slice(0, -2));
  if (word.endsWith("s") && !word.endsWith("ss")) add(word.slice(0, -1));
  for (const suffix of ["ing", "ed"]) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (DOUBLED.test(stem)) add(stem.slice(0, -1));
    if (LOST_ITS_E.test(stem)) add(`${stem}e`);
    add(stem);
    add(`${stem}e`);
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
