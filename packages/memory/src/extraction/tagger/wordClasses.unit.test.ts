import { describe, expect, it } from "vitest";
import { readWordNet, renderWordClasses } from "../../../bench/wordClasses";
import committed from "./wordClasses.data.json" with { type: "json" };
import { lemmaCandidates, phraseClassesOf, wordClassesOf } from "./wordClasses";

describe("WordNet's word classes", () => {
  it("the committed file is what the installed WordNet gives", () => {
    expect(`${JSON.stringify(committed, null, 1)}\n`).toBe(renderWordClasses(readWordNet()));
  });

  it.each([
    ["headphones", "n.artifact"],
    ["lasagna", "n.food"],
    ["babysitting", "n.act"],
    ["paycheck", "n.possession"],
    ["tryouts", "n.act"],
    ["grandma", "n.person"],
  ])("reads %j, its plural or verb forms folded, as %s", (word, name) => {
    expect(wordClassesOf(word)).toContain(name);
  });

  it("reads two-word lemmas with their last word inflected, and nothing of a word WordNet does not list", () => {
    expect(phraseClassesOf("video", "games")).toContain("n.act");
    expect(phraseClassesOf("ice", "cream")).toContain("n.food");
    expect(wordClassesOf("squishmallow")).toEqual([]);
  });

  it("tries a word's own form first, then its plural and verb stems", () => {
    expect(lemmaCandidates("parties")).toEqual(["parties", "party", "parti", "partie"]);
    expect(lemmaCandidates("running")).toEqual(["running", "runn", "runne", "run"]);
    expect(lemmaCandidates("scrolled")).toEqual(["scrolled", "scroll", "scrolle", "scrol"]);
  });
});
