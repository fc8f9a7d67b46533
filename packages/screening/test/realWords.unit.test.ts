import { describe, expect, it } from "vitest";
import { readDictionaries, realWordsNearRiskWords, STILL_SLIPS } from "../bench/classifier/realWordsNearRiskWords";
import { prepareText } from "../src/normalize";
import { REAL_WORDS_NEAR_RISK_WORDS } from "../src/realWordsNearRiskWords.data";

describe("the dictionary words one slip from a risk word", () => {
  it("are the words the installed dictionaries give (listRealWords.ts writes them)", () => {
    expect(realWordsNearRiskWords(readDictionaries().words)).toEqual(REAL_WORDS_NEAR_RISK_WORDS);
  });

  it("are found in the matching form's letters, and only where the repair would misread them", () => {
    expect(realWordsNearRiskWords(["Beach", "Puerta", "puertá", "bleach", "sunny", "straße", "dieing"])).toEqual(["beach", "puerta"]);
  });

  it("leave a risk word's own inflections and the chat spellings teens type for risk words to the repair", () => {
    expect(realWordsNearRiskWords(["deserved", "reasons", "bridges", "pastilla", "beach", ...STILL_SLIPS])).toEqual(["beach"]);
    expect(prepareText("i deserved it, no reasons left, tonite").forms[0]).toBe("i deserve it no reason left tonight");
  });
});
