// The farewell rule over a fixed set of earlier messages: 260 ordinary ones that share words with farewells ("wrote my
// grandma a letter", "you can have my extra ticket", "love you mom see u after school") and 60 quiet farewells, written
// from a brief by a writer who saw neither the code nor the data, never trained on (data/PROVENANCE.md, "The farewell
// guard set"). Each is followed by "i'm so tired of everything", a concern alone. The counts are those of the
// shipped model: a model or rule that gives helplines after more ordinary messages, or misses a farewell, fails here
// and has to be looked at, rather than passing on the one control sentence of screener.unit.test.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier } from "../src/index";

interface GuardLine {
  text: string;
  kind: "ordinary" | "farewell";
  note: string;
}

const GUARD_FILE = fileURLToPath(new URL("../data/guards/farewell-preludes.jsonl", import.meta.url));
const lines = readFileSync(GUARD_FILE, "utf8").trim().split("\n").map((line) => JSON.parse(line) as GuardLine);
const ordinary = lines.filter((line) => line.kind === "ordinary").map((line) => line.text);
const farewells = lines.filter((line) => line.kind === "farewell").map((line) => line.text);

const TIRED = "i'm so tired of everything";
const screener = createScreener({ classifier: loadScreeningClassifier(DEFAULT_MODEL_PATH) });
const levelAlone = (text: string) => screener.screenInputLocally(text).risk.level;
const tiredAfter = (text: string) => screener.screenInputLocally(TIRED, [text]).risk;

describe("the farewell rule's guard set", () => {
  it("holds 260 ordinary messages and 60 farewells, each once", () => {
    expect(ordinary).toHaveLength(260);
    expect(farewells).toHaveLength(60);
    expect(new Set(lines.map((line) => line.text.toLowerCase())).size).toBe(lines.length);
    expect(levelAlone(TIRED)).toBe("concern");
  });

  it("every quiet farewell gets crisis resources, on the farewell itself or on the tiredness after it", () => {
    const missed = farewells.filter((text) => levelAlone(text) !== "crisis" && tiredAfter(text).level !== "crisis");
    expect(missed).toEqual([]);
  });

  // By context: the farewell rule, or the context windows that read the two messages together (36 of the 58 without the rule).
  it("the tiredness after at least 58 of the 60 farewells is a crisis by context", () => {
    const raised = farewells.filter((text) => {
      const risk = tiredAfter(text);
      return risk.level === "crisis" && risk.decidedBy === "context";
    });
    expect(raised.length).toBeGreaterThanOrEqual(58);
  });

  // Ceilings, not goals: 24 of 260 (9.2 %) is what the shipped model does by the farewell rule, read in the same band as
  // quiet farewells (P(risk) 0.51–0.81 against 0.52–0.76 for the farewells that are not a crisis alone;
  // docs/safety-screening.md), one more by the rule that a crisis continues: "deep cleaned my desk bc i couldnt find
  // my charger" is itself misread as a crisis (self-harm), so the tiredness after it continues that crisis; and one more
  // since the model retrained on real words read as themselves (2025.12.11+5fe82c9a): "im done w math after this year so
  // u can have my graphing calculator" now reads as a farewell.
  it("the tiredness after an ordinary message is a crisis for at most 26 of the 260", () => {
    const raised = ordinary.filter((text) => tiredAfter(text).level === "crisis");
    expect(raised.length).toBeLessThanOrEqual(26);
  });

  it("at most 4 of the 260 ordinary messages are a crisis alone", () => {
    expect(ordinary.filter((text) => levelAlone(text) === "crisis").length).toBeLessThanOrEqual(4);
  });
});
