// Training is deterministic: the same examples and seed give the same weights, and the shuffle depends on the seed alone.
import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_CONFIG, extractFeatures } from "./features";
import { RISK_CATEGORIES, RISK_LEVELS } from "./labels";
import { seededRandom, shuffleInPlace } from "@innerworld/platform/random";
import { trainClassifier, type TrainingExample } from "./train";

const labelled: [string, (typeof RISK_LEVELS)[number], (typeof RISK_CATEGORIES)[number]][] = [
  ["i want to die tonight", "crisis", "active_ideation"],
  ["im going to end it after school", "crisis", "plan_intent"],
  ["everything feels pointless lately", "concern", "hopelessness"],
  ["i cant stop crying at night", "concern", "hopelessness"],
  ["can you help with my math homework", "none", "none"],
  ["what should i name my cat", "none", "none"],
];
const examples: TrainingExample[] = labelled.map(([text, level, category]) => ({
  vector: extractFeatures([text], { ...DEFAULT_FEATURE_CONFIG, hashBits: 12 }),
  level: RISK_LEVELS.indexOf(level),
  category: RISK_CATEGORIES.indexOf(category),
  levelWeight: 1,
  categoryWeight: 1,
}));

describe("training", () => {
  it("gives the same weights on every run", () => {
    const options = { seed: 7, epochs: 5, learningRate: 0.2, l2: 1e-5 };
    const a = trainClassifier(examples, options);
    const b = trainClassifier(examples, options);

    expect(Array.from(a.level)).toEqual(Array.from(b.level));
    expect(Array.from(a.category)).toEqual(Array.from(b.category));
    expect(Array.from(a.idf)).toEqual(Array.from(b.idf));
  });

  it("a different seed shuffles differently", () => {
    const order = (seed: number) => shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(seed));
    expect(order(1)).toEqual(order(1));
    expect(order(1)).not.toEqual(order(2));
  });

  it("features are the same for the same text and distinct buckets in ascending order", () => {
    const a = extractFeatures(["kill myself"], DEFAULT_FEATURE_CONFIG);
    expect(Array.from(a.indices)).toEqual(Array.from(extractFeatures(["kill myself"], DEFAULT_FEATURE_CONFIG).indices));
    expect(Array.from(a.indices)).toEqual([...new Set(a.indices)].sort((x, y) => x - y));
    expect(extractFeatures([""], DEFAULT_FEATURE_CONFIG).indices).toHaveLength(0);
  });

  it("pairs a few words apart survive a word put between them", () => {
    const shared = (config: typeof DEFAULT_FEATURE_CONFIG) => {
      const a = new Set(extractFeatures(["i want to die"], config).indices);
      return Array.from(extractFeatures(["i want so badly to die"], config).indices).filter((index) => a.has(index)).length;
    };
    const wordsOnly = { ...DEFAULT_FEATURE_CONFIG, charNgramMin: 99, charNgramMax: 0 };

    expect(shared({ ...wordsOnly, pairSpan: 4 })).toBeGreaterThan(shared({ ...wordsOnly, pairSpan: 1 }));
    expect(extractFeatures(["i want . to die"], { ...wordsOnly, pairSpan: 4 }).indices.length).toBeLessThan(extractFeatures(["i want to die"], { ...wordsOnly, pairSpan: 4 }).indices.length);
  });
});
