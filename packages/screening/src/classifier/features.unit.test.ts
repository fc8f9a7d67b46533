// Concept features: a concept lexicon's terms found in normalised words (longest match first, multi-word terms too) give the same concept tokens and pairs however they are phrased, in either language.
import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type ConceptFeatures, type FeatureConfig } from "./features";

const lexicon = (spans: Partial<Pick<ConceptFeatures, "pairSpan" | "wordSpan">> = {}): ConceptFeatures => ({
  source: { author: "unit test", sha256: "0".repeat(64) },
  terms: {
    KILL: ["kill", "kms", "matarme", "end"],
    SELF: ["myself", "kms", "matarme", "me"],
    SLEEP: ["sleep"],
    DEATH: ["the long sleep", "die", "morir"],
    WANT: ["want to", "quiero"],
  },
  pairSpan: 4,
  wordSpan: 0,
  ...spans,
});

const plain: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG };
const withConcepts = (concepts: ConceptFeatures): FeatureConfig => ({ ...DEFAULT_FEATURE_CONFIG, concepts });

/** The features a text has only because of its concepts. */
function conceptOnly(text: string, concepts: ConceptFeatures = lexicon()): number[] {
  const base = new Set(extractFeatures([text], plain).indices);
  return Array.from(extractFeatures([text], withConcepts(concepts)).indices)
    .filter((index) => !base.has(index))
    .sort((a, b) => a - b);
}

describe("concept features", () => {
  it("add nothing when the config names no concepts, and nothing to a text without a term", () => {
    expect(Array.from(extractFeatures(["i want to kill myself"], plain).indices)).toEqual(Array.from(extractFeatures(["i want to kill myself"], { ...plain, concepts: undefined }).indices));
    expect(conceptOnly("what should i name my cat")).toEqual([]);
  });

  it("light the same concept tokens and pair for the English slang, the Spanish verb and the plain words", () => {
    const kms = conceptOnly("kms");
    // KILL, SELF and the pair KILL SELF.
    expect(kms).toHaveLength(3);
    expect(conceptOnly("matarme")).toEqual(kms);
    expect(conceptOnly("kill myself")).toEqual(kms);
    // A word between them does not hide the pair; a clause mark does.
    expect(conceptOnly("kill my own self . kill myself")).toEqual(kms);
    expect(conceptOnly("kill . myself")).toHaveLength(2);
    expect(conceptOnly("kill . myself").every((index) => kms.includes(index))).toBe(true);
  });

  it("pair concepts only up to the pair span, in order", () => {
    expect(conceptOnly("kill a b c myself")).toEqual(conceptOnly("kms"));
    expect(conceptOnly("kill a b c d myself")).toHaveLength(2);
    // SELF then KILL is another pair than KILL then SELF.
    expect(conceptOnly("myself kill")).not.toEqual(conceptOnly("kill myself"));
    expect(conceptOnly("kill myself", lexicon({ pairSpan: 0 }))).toHaveLength(2);
  });

  it("match the longest term first, multi-word terms included", () => {
    const sleep = conceptOnly("sleep");
    const death = conceptOnly("die");
    expect(sleep).toHaveLength(1);
    // "the long sleep" is DEATH, not SLEEP: the three-word term wins over the one-word term inside it.
    expect(conceptOnly("gonna take the long sleep")).toEqual(death);
    expect(conceptOnly("gonna take a long sleep")).toEqual(sleep);
    // WANT DEATH from "want to die" and from "quiero morir".
    expect(conceptOnly("i want to die")).toEqual(conceptOnly("quiero morir"));
    expect(conceptOnly("i want to die")).toHaveLength(3);
  });

  it("pair a concept with the words next to it when asked, before apart from after", () => {
    const words = lexicon({ pairSpan: 0, wordSpan: 1 });
    expect(conceptOnly("i die", words)).toHaveLength(2);
    expect(conceptOnly("i die", words)).not.toEqual(conceptOnly("die i", words));
    // The word pair is the concept's, whichever term named it.
    expect(conceptOnly("never die", words)).toEqual(conceptOnly("never morir", words));
  });

  it("hash the same terms to the same buckets every time, within the feature space", () => {
    const config = { ...withConcepts(lexicon({ wordSpan: 2 })), hashBits: 12 };
    const a = extractFeatures(["ya no quiero matarme . the long sleep"], config);
    expect(Array.from(a.indices)).toEqual(Array.from(extractFeatures(["ya no quiero matarme . the long sleep"], { ...config, concepts: lexicon({ wordSpan: 2 }) }).indices));
    expect(Array.from(a.indices).every((index) => index >= 0 && index < 4096)).toBe(true);
  });
});
