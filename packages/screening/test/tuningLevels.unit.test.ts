// The thresholds are tuned with levelOf (bench/classifier/pipeline.ts), a copy of screenRisk's layers over readings
// computed once; on dev's sequence lines, where most context rules act, and on messages about someone the writer knows
// at risk, which dev's sequence lines do not hold, it must give the level the screener gives.
import { describe, expect, it } from "vitest";
import { readExamples } from "../bench/classifier/examples";
import { EXAMPLES_DIR, SPLIT_FILE } from "../bench/classifier/paths";
import { levelOf, readExample } from "../bench/classifier/pipeline";
import { applySplit, readSplitManifest } from "../bench/classifier/splitManifest";
import { createScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier } from "../src/index";
import { labelledLine } from "./helpers/factories";

const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);
const screener = createScreener({ classifier });
const sequences = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE)).dev.filter((line) => line.context.length > 0);

describe("the tuning's levelOf", () => {
  it("gives every dev sequence line the level the screener gives it", () => {
    expect(sequences.length).toBeGreaterThan(200);
    const differ = sequences.filter((line) => levelOf(readExample(classifier, line), classifier.thresholds) !== screener.screenInputLocally(line.text, line.context).risk.level);
    expect(differ.map((line) => line.id)).toEqual([]);
  });

  it.each([
    ["my friend wants to kill himself and i dont know what to do", []],
    ["she posted something weird", ["my friend wants to kill herself"]],
    ["ok thanks", ["my friend wants to kill herself"]],
    ["i feel so tired of everything", ["my friend wants to kill herself"]],
    ["my friend wants to die and i want to die too", []],
    // Read as a crisis whole, and as the writer's own concern or crisis by the rest alone.
    ["my friend is suicidal", []],
    // Nothing of the writer's own but a word to the listener: the friend's crisis is the friend's.
    ["wey mi amiga me dijo que se quiere morir y no se que hacer, como la ayudo?", []],
    ["my friend wants to die and honestly i get it, ive been feeling the same way for months", []],
    ["my friend wants to die and so do i", []],
    // After a friend's words the classifier alone reads as a crisis, and after the writer's own crisis.
    ["ok thanks", ["my friend is suicidal"]],
    ["she said she has pills", ["my friend is suicidal"]],
    ["whatever", ["i want to kill myself"]],
    ["can we talk about something else", ["i'm up on the roof of my building right now"]],
    // A follow-up that takes up a crisis which is not the latest in the window, and one of another kind.
    ["nvm found it", ["how many advil would be too many", "i just want it to be over"]],
    ["should i be worried", ["i took the whole bottle of tylenol", "i just want to sleep forever"]],
    ["nvm found it", ["i just want it to be over"]],
  ] as const)("gives %j after %j the screener's level", (text, context) => {
    const line = { ...labelledLine("someone", text, "none"), context: [...context] };

    expect(levelOf(readExample(classifier, line), classifier.thresholds)).toBe(screener.screenInputLocally(text, [...context]).risk.level);
  });
});
