import { describe, expect, it } from "vitest";
import { readDictionaries, realWordsNearRiskWords, STILL_SLIPS } from "../bench/classifier/realWordsNearRiskWords";
import { REAL_WORDS_NEAR_RISK_WORDS } from "../src/realWordsNearRiskWords.data";

describe("the dictionary words one slip from a risk word", () => {
  it("are the words the installed dictionaries give (listRealWords.ts writes them)", () => {
    expect(realWordsNearRiskWords(readDictionaries().words)).toEqual(REAL_WORDS_NEAR_RISK_WORDS);
  });

  it("are found in the matching form's letters, and only where the repair would misread them", () => {
    expect(realWordsNearRiskWords(["Beach", "cortó", "corte", "bleach", "sunny", "straße", "dieing"])).toEqual(["corte", "beach"].sort());
  });

  it("leave out the chat spellings teens type for risk words", () => {
    for (const spelling of STILL_SLIPS) expect(REAL_WORDS_NEAR_RISK_WORDS).not.toContain(spelling);
  });
});
