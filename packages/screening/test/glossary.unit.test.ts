// The committed Spanish glossary: the writer's file kept byte for byte under its recorded hash, its entries in the normaliser's current form, the glossary the committed model reads with, and Spanish read through it as the English words the model knows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readExamples } from "../bench/classifier/examples";
import { englishVocabulary, glossFeatures, normaliseGloss, parseReceivedGloss, readGloss } from "../bench/classifier/gloss";
import { EXAMPLES_DIR, GLOSS_RECEIVED_FILE, SPLIT_FILE } from "../bench/classifier/paths";
import { applySplit, readSplitManifest } from "../bench/classifier/splitManifest";
import { sha256, shippedFeatureConfig } from "../bench/classifier/pipeline";
import { DEFAULT_FEATURE_CONFIG, extractFeatures } from "../src/classifier/features";
import { DEFAULT_MODEL_PATH, loadScreeningClassifier } from "../src/classifier/model";
import { prepareText } from "../src/normalize";

const RECEIVED_SHA256 = "ccbaa1a72693c078b2942b77995046a0b623b31fa4633618918a63a0694d0fba";
const received = readFileSync(GLOSS_RECEIVED_FILE);
const gloss = readGloss();
const train = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE)).train;

describe("the committed Spanish glossary", () => {
  it("is the writer's file as received, under the hash its provenance records", () => {
    expect(sha256(received)).toBe(RECEIVED_SHA256);
    expect(gloss.source).toMatchObject({ author: "writer-gloss", sha256: RECEIVED_SHA256 });
  });

  // A change to the normaliser that moves an entry's form must be followed by a re-import, or entries and messages drift apart.
  it("holds every entry in the form the normaliser gives it today", () => {
    const again = normaliseGloss(parseReceivedGloss(JSON.parse(received.toString("utf8"))), RECEIVED_SHA256, gloss.source.received);
    expect(again).toEqual(gloss);
    expect(gloss.dropped.filter((entry) => entry.why === "empty")).toEqual([]);
    expect(gloss.entriesKept).toBeGreaterThan(6000);
  });

  // A glossary re-imported without retraining would leave the committed model reading Spanish in words training never saw.
  it("is the glossary the committed model was trained with, entry for entry, with the English words of its train lines", () => {
    expect(loadScreeningClassifier(DEFAULT_MODEL_PATH).features.gloss).toEqual(shippedFeatureConfig(train).gloss);
  });

  it("reads Spanish risk in the English words and word pairs the model learnt from English lines", () => {
    const config = { ...DEFAULT_FEATURE_CONFIG, gloss: glossFeatures(gloss, englishVocabulary(train)) };
    const features = (text: string) => new Set(extractFeatures(prepareText(text).forms, config).indices);
    const shared = (a: string, b: string) => [...features(a)].filter((index) => features(b).has(index)).length;
    const plain = (a: string, b: string) => {
      const base = (text: string) => new Set(extractFeatures(prepareText(text).forms, DEFAULT_FEATURE_CONFIG).indices);
      return [...base(a)].filter((index) => base(b).has(index)).length;
    };
    for (const [spanish, english] of [
      ["me quiero morir", "i want to die"],
      ["ya no aguanto", "i cant take it anymore"],
      ["nadie me extrañaría", "nobody would miss me"],
      // Spanish inside an English message, after a comma the form no longer holds, and Spanish without a telling word.
      ["ya no aguanto, i just want to sleep", "i cant take it anymore"],
      ["me corté", "i cut myself"],
    ] as const) {
      expect(shared(spanish, english), spanish).toBeGreaterThan(plain(spanish, english));
    }
  });
});
