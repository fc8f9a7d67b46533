// Concept-term swaps: a train line naming a concept term gets a variant with one term swapped for another of the same concept and language, in a form the pipeline reads back as written; lines naming none get nothing.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@innerworld/platform/random";
import { augmentExamples } from "../bench/classifier/augment";
import { conceptFeatures, normaliseLexicon, parseReceivedLexicon, readConceptLexicon } from "../bench/classifier/concepts";
import { conceptTermsByLanguage, readConceptTermsByLanguage, swapConceptTerms, type ConceptSwapLexicon } from "../bench/classifier/conceptSwaps";
import type { LabelledExample } from "../bench/classifier/examples";
import { findConceptTerms } from "../src/classifier/features";
import { prepareText } from "../src/normalize";
import { labelledLine } from "./helpers/factories";

const received = {
  description: "unit test",
  author: "unit test",
  concepts: {
    SUICIDE: { about: "killing oneself", en: ["kill myself", "kms", "unalive myself", "end my life"], es: ["matarme", "suicidarme", "quitarme la vida"] },
    DEATH: { about: "dying", en: ["die", "dying", "be dead", "perish"], es: ["morir", "morirme", "muerto"] },
    // Too few terms in each language to swap from.
    FOOD: { about: "food", en: ["pizza", "tacos"], es: ["comida"] },
    // Grammar, not an idea: "i" and "myself" are not interchangeable.
    SELF: { about: "the speaker", en: ["i", "me", "my", "myself"], es: ["yo", "me", "mi"] },
  },
};
const byLanguage = conceptTermsByLanguage(received);
const swapLexicon: ConceptSwapLexicon = {
  features: conceptFeatures(normaliseLexicon(parseReceivedLexicon(received), "0".repeat(64), "unit test"), { pairSpan: 4, wordSpan: 0 }),
  byLanguage,
};

const line = (id: string, text: string, level: LabelledExample["level"], lang: string, trap = false): LabelledExample => labelledLine(id, text, level, { lang, trap });

const train = [
  line("en-risk", "I really want to kill myself tonight!", "crisis", "en"),
  line("es-risk", "ya no puedo, quiero matarme", "crisis", "es"),
  line("trap", "this homework is making me die of boredom lol", "none", "en", true),
  line("none", "what should i get my sister for her birthday", "none", "en"),
  line("food", "pizza again for dinner", "none", "en"),
  line("self", "my sister says i never listen to me", "none", "en"),
];

/** The terms of a form the swap could have touched, as the features' matcher finds them. */
const termsIn = (text: string) => findConceptTerms(text.split(" "), swapLexicon.features).map((match) => match.term);

describe("concept-term swaps", () => {
  it("give each line naming a swappable term one variant, risk lines and traps alike, with the line's labels", () => {
    const variants = swapConceptTerms(train, swapLexicon, 1, seededRandom(1));
    expect(variants.map((v) => v.id)).toEqual(["en-risk~swapped0", "es-risk~swapped0", "trap~swapped0"]);
    for (const variant of variants) {
      const source = train.find((e) => variant.id.startsWith(`${e.id}~`));
      expect(variant).toMatchObject({ level: source?.level, category: source?.category, trap: source?.trap, lang: source?.lang, family: source?.family });
    }
  });

  it("swap one term for another of its concept in its own language, in text the pipeline reads back as written", () => {
    const variants = swapConceptTerms(train, swapLexicon, 1, seededRandom(1));
    const pairs = variants.map((variant) => ({ variant, source: prepareText(train.find((e) => variant.id.startsWith(`${e.id}~`))?.text ?? "").forms[0] ?? "" }));
    for (const { variant, source } of pairs) {
      expect(prepareText(variant.text).forms).toEqual([variant.text]);
      const before = termsIn(source);
      const after = termsIn(variant.text);
      const gone = before.filter((term) => !after.includes(term));
      const added = after.filter((term) => !before.includes(term));
      expect(gone).toHaveLength(1);
      expect(added).toHaveLength(1);
      const language = (["en", "es"] as const).find((lang) => Object.values(byLanguage).some((terms) => terms[lang].includes(gone[0] ?? "")));
      const concept = Object.entries(byLanguage).find(([, terms]) => language !== undefined && terms[language].includes(gone[0] ?? ""));
      expect(concept?.[1][language ?? "en"]).toContain(added[0]);
    }
    const spanish = pairs.find(({ variant }) => variant.id.startsWith("es-risk"));
    expect(spanish?.variant.text).toMatch(/^ya no puedo quiero (suicidarme|quitarme la vida)$/);
  });

  it("are the same for the same seed, and come after the other variants without changing them", () => {
    expect(swapConceptTerms(train, swapLexicon, 1, seededRandom(4))).toEqual(swapConceptTerms(train, swapLexicon, 1, seededRandom(4)));
    const options = { seed: 9, respellings: 1, buried: 0, ordinaryPairs: 0 };
    const without = augmentExamples(train, options);
    const withSwaps = augmentExamples(train, { ...options, conceptSwaps: 1 }, swapLexicon);
    expect(withSwaps.slice(0, without.length)).toEqual(without);
    expect(withSwaps.slice(without.length).every((v) => v.id.includes("~swapped"))).toBe(true);
    expect(() => augmentExamples(train, { ...options, conceptSwaps: 1 })).toThrow(/concept lexicon/);
  });

  it("read the committed lexicon's languages again from the writer's file, term for term", () => {
    const committed = readConceptLexicon();
    const again = readConceptTermsByLanguage();
    for (const [name, concept] of Object.entries(committed.concepts)) {
      expect([...new Set([...(again[name]?.en ?? []), ...(again[name]?.es ?? [])])].sort()).toEqual(concept.terms);
    }
  });
});
