// The classifier file loads only whole: a missing, damaged or incompatible file is a typed error, never a model that allows everything.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PATH, isScreeningModelError, loadScreeningClassifier, screeningModelPathFromEnv } from "../index";
import type { ScreeningModelErrorCode } from "./errors";
import { extractFeatures } from "./features";
import { actionLevel } from "../riskScreen";

const dir = mkdtempSync(join(tmpdir(), "innerworld-model-"));
const committed = readFileSync(DEFAULT_MODEL_PATH, "utf8");
// Each file written here is a copy of the 8 MB model, changed: gone when the file's tests are.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeModel(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(path: string): ScreeningModelErrorCode | undefined {
  try {
    loadScreeningClassifier(path);
    return undefined;
  } catch (error) {
    if (isScreeningModelError(error)) return error.code;
    throw error;
  }
}

describe("loading the screening classifier", () => {
  it("loads the committed model, which names its version and the data it was trained on", () => {
    const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);

    expect(classifier.version).toMatch(/^\d{4}\.\d+\.\d+\+[0-9a-f]{8}\.t[0-9a-f]{6}$/);
    expect(classifier.version.startsWith(`${(JSON.parse(committed) as { modelVersion: string }).modelVersion}.t`)).toBe(true);
    expect(classifier.provenance.trainingDataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(classifier.provenance.heldOutFamilies).toEqual([]);
    // The limit is 10 MB, read in SI units: the stricter of the two readings.
    expect(Buffer.byteLength(committed)).toBeLessThanOrEqual(10_000_000);
  });

  // Thresholds are retuned without new weights: a verdict's recorded version must still tell the two apart.
  it("names the thresholds in the version a verdict records, so retuned thresholds read as another version", () => {
    const file = JSON.parse(committed) as { modelVersion: string; thresholds: Record<string, number> };
    const same = loadScreeningClassifier(writeModel("reordered.json", JSON.stringify({ ...file, thresholds: Object.fromEntries(Object.entries(file.thresholds).reverse()) })));
    const retuned = loadScreeningClassifier(writeModel("retuned.json", JSON.stringify({ ...file, thresholds: { ...file.thresholds, concern: (file.thresholds.concern ?? 0) + 0.01 } })));

    expect(same.version).toBe(loadScreeningClassifier(DEFAULT_MODEL_PATH).version);
    expect(retuned.version).not.toBe(same.version);
    expect(retuned.version.startsWith(`${file.modelVersion}.t`)).toBe(true);
  });

  it("scores text: a plain crisis sentence high, an ordinary one low", () => {
    const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);
    const score = (text: string) => classifier.score(extractFeatures([text], classifier.features));

    // Read alone (no lexicon), a plain crisis sentence is risk well past the model's own concern threshold, crisis the
    // likeliest level, and an escalated kind: the classifier by itself gives it crisis resources. (2025.12.8+aad60e7d and 2025.12.7+f9950309 read
    // P(risk) 0.89 and P(crisis) 0.83, its concern threshold 0.78; 2025.12.7+4df9ff84 read 0.88 and 0.82; 2025.12.6 0.92 and
    // 0.88, 2025.12.5 0.92 and 0.91.)
    const plain = classifier.score(extractFeatures(["i want to die"], classifier.features));
    expect(plain.risk).toBeGreaterThan(0.85);
    expect(plain.risk).toBeGreaterThanOrEqual(classifier.thresholds.concern);
    expect(plain.level.crisis).toBeGreaterThan(plain.level.concern + plain.level.none);
    // What the risk layer acts on, read as it reads it: a concern of an escalated kind is a crisis.
    const { crisis, concern } = classifier.thresholds;
    expect(actionLevel(plain.level.crisis >= crisis ? "crisis" : plain.risk >= concern ? "concern" : "none", plain.category)).toBe("crisis");
    expect(score("can you help me with my history essay").risk).toBeLessThan(0.5);
    expect(score("").risk).toBeGreaterThanOrEqual(0);
  });

  it.each<[string, string, ScreeningModelErrorCode]>([
    ["not JSON", "{ this is not json", "SCREENING_MODEL_CORRUPT"],
    ["cut short", committed.slice(0, Math.floor(committed.length / 2)), "SCREENING_MODEL_CORRUPT"],
    ["empty", "", "SCREENING_MODEL_CORRUPT"],
    ["another format", JSON.stringify({ format: "something-else" }), "SCREENING_MODEL_CORRUPT"],
    ["a newer format version", committed.replace(/"formatVersion": \d+/, '"formatVersion": 99'), "SCREENING_MODEL_INCOMPATIBLE"],
    ["weights changed after training", committed.replace(/"scale": [0-9.e-]+/, '"scale": 1'), "SCREENING_MODEL_CORRUPT"],
    ["thresholds missing", committed.replace('"thresholds"', '"thresholdz"'), "SCREENING_MODEL_CORRUPT"],
    ["a version 4 file that pads a vector's length", committed.replace(/"formatVersion": \d+/, '"formatVersion": 4'), "SCREENING_MODEL_CORRUPT"],
    ["a negative padding", committed.replace(/"lengthPadding": [0-9.]+/, '"lengthPadding": -1'), "SCREENING_MODEL_CORRUPT"],
  ])("a file that is %s is refused", (name, text, code) => {
    expect(loadError(writeModel(`${name.replace(/\W+/g, "-")}.json`, text))).toBe(code);
  });

  it("reads a message of a word or two less loudly than unit length would, and a sentence nearly as unit length would", () => {
    const padded = loadScreeningClassifier(DEFAULT_MODEL_PATH);
    expect(padded.features.lengthPadding).toBeGreaterThan(0);
    const unpadded = loadScreeningClassifier(writeModel("unpadded.json", committed.replace(/"lengthPadding": [0-9.]+/, '"lengthPadding": 0')));
    // How far a text's features move the odds of crisis against none from the model's bias (an empty text's reading).
    const pull = (classifier: typeof padded, text: string) => {
      const odds = (t: string) => {
        const { level } = classifier.score(extractFeatures([t], classifier.features));
        return Math.log(level.crisis / level.none);
      };
      return Math.abs(odds(text) - odds(""));
    };
    // Same weights, read with and without the padding: a short message's few features pull by less (its squared length
    // is a few hundred, so the padding takes 7 % or more off its pull), a sentence's by nearly as much.
    for (const short of ["tuesday", "hope so", "already did"]) expect(pull(padded, short)).toBeLessThan(0.95 * pull(unpadded, short));
    const sentence = "my math test was so hard today and my teacher gave us even more homework for the weekend";
    const read = (classifier: typeof padded) => classifier.score(extractFeatures([sentence], classifier.features)).risk;
    expect(Math.abs(read(padded) - read(unpadded))).toBeLessThan(0.05);
  });

  it("a missing file is refused with its path", () => {
    const path = join(dir, "nowhere.json");
    expect(() => loadScreeningClassifier(path)).toThrow(expect.objectContaining({ code: "SCREENING_MODEL_MISSING", path }));
  });

  it("INNERWORLD_SCREENING_MODEL names another file; unset or blank, the committed one", () => {
    expect(screeningModelPathFromEnv({ INNERWORLD_SCREENING_MODEL: "/srv/model.json" })).toBe("/srv/model.json");
    expect(screeningModelPathFromEnv({ INNERWORLD_SCREENING_MODEL: " " })).toBe(DEFAULT_MODEL_PATH);
    expect(screeningModelPathFromEnv({})).toBe(DEFAULT_MODEL_PATH);
  });
});
