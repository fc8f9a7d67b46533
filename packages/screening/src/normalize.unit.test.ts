import { describe, expect, it } from "vitest";
import { collapseSpacedLetters, prepareText } from "./normalize";

describe("collapseSpacedLetters", () => {
  it.each([
    ["f u c k", "fuck"],
    ["s.h.i.t", "shit"],
    ["k-y-s", "kys"],
    ["what the f . u . c . k", "what the fuck"],
    ["S_H_I_T", "SHIT"],
    ["i am ok", "i am ok"],
    ["a b", "a b"],
    ["plan a or b", "plan a or b"],
  ])("%j → %j", (input, expected) => {
    expect(collapseSpacedLetters(input)).toBe(expected);
  });
});

describe("prepareText", () => {
  it("folds case, accents, curly apostrophes and invisible characters", () => {
    expect(prepareText("I DON’T want to be he\u200Bre, súïcide").forms).toEqual(["i dont want to be here suicide"]);
  });

  it("marks clause ends and keeps dots inside tokens", () => {
    expect(prepareText("ok. fine!! whatever?? 3.5 stars").forms).toEqual(["ok . fine . whatever . 3 5 stars"]);
  });

  it("resolves leetspeak only inside words", () => {
    expect(prepareText("k1ll mys3lf $uicide at 10:30 for $5").forms).toEqual(["kill myself suicide at 10 30 for 5"]);
  });

  it("expands texting slang", () => {
    expect(prepareText("i wanna die, ur gonna b fine w/o me").forms).toEqual(["i want to die your going to b fine without me"]);
  });

  it("keeps both forms when joining spaced letters changes the text", () => {
    expect(prepareText("u r a k y s").forms).toEqual(["you are a k y s", "urakys"]);
  });
});
