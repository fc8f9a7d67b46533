// The committed concept lexicon: the writer's file kept byte for byte under its recorded hash, its terms in the normaliser's current form, and its concepts shared across phrasings and languages.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { conceptFeatures, normaliseLexicon, parseReceivedLexicon, readConceptLexicon } from "../bench/classifier/concepts";
import { CONCEPTS_RECEIVED_FILE } from "../bench/classifier/paths";
import { sha256, shippedFeatureConfig } from "../bench/classifier/pipeline";
import { DEFAULT_MODEL_PATH, loadScreeningClassifier } from "../src/classifier/model";
import { DEFAULT_FEATURE_CONFIG, extractFeatures } from "../src/classifier/features";
import { prepareText } from "../src/normalize";

const RECEIVED_SHA256 = "6d3d7907cb817f0bf5a6df6f7cedfbbd389c7c5d3e3f1f20bb3ac6dac3ece220";
const received = readFileSync(CONCEPTS_RECEIVED_FILE);
const lexicon = readConceptLexicon();

describe("the committed concept lexicon", () => {
  it("is the writer's file as received, under the hash its provenance records", () => {
    expect(sha256(received)).toBe(RECEIVED_SHA256);
    expect(lexicon.source).toMatchObject({ author: "writer-concepts", sha256: RECEIVED_SHA256 });
  });

  // A change to the normaliser that moves a term's form must be followed by a re-import, or terms and messages drift apart.
  it("holds every term in the form the normaliser gives it today", () => {
    const again = normaliseLexicon(parseReceivedLexicon(JSON.parse(received.toString("utf8"))), RECEIVED_SHA256, lexicon.source.received);
    expect(again).toEqual(lexicon);
    expect(lexicon.dropped).toEqual([]);
    expect(lexicon.termsKept).toBeGreaterThan(8000);
  });

  // The model reads text with the terms it carries: a lexicon re-imported without retraining would leave the
  // committed model reading with terms that training never saw, and `pnpm train:safety` would write another file.
  it("is the lexicon the committed model was trained with, term for term", () => {
    expect(loadScreeningClassifier(DEFAULT_MODEL_PATH).features.concepts).toEqual(shippedFeatureConfig([]).concepts);
  });

  it("names one concept for the English slang, the English words and the Spanish verb", () => {
    const config = { ...DEFAULT_FEATURE_CONFIG, concepts: conceptFeatures(lexicon, { pairSpan: 0, wordSpan: 0 }) };
    const conceptOnly = (text: string) => {
      const forms = prepareText(text).forms;
      const base = new Set(extractFeatures(forms, DEFAULT_FEATURE_CONFIG).indices);
      return new Set(Array.from(extractFeatures(forms, config).indices).filter((index) => !base.has(index)));
    };
    const shared = (a: string, b: string) => [...conceptOnly(a)].filter((index) => conceptOnly(b).has(index));
    // SUICIDE (and SELF for the words that name the speaker).
    expect(shared("kms fr", "quiero matarme")).not.toHaveLength(0);
    expect(shared("gonna kms", "i want to kill myself")).not.toHaveLength(0);
    expect(shared("voy a quitarme la vida", "thinking about unaliving myself")).not.toHaveLength(0);
    expect(shared("what should i name my cat", "quiero matarme")).toHaveLength(0);
  });
});
