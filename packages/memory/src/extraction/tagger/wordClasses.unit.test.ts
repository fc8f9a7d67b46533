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

  it.each([
    ["games", "game"],
    ["pies", "pie"],
    ["lies", "lie"],
    ["parties", "party"],
    ["boxes", "box"],
    ["hated", "hate"],
    ["used", "use"],
    ["staring", "stare"],
    ["singing", "sing"],
    ["running", "run"],
    ["passed", "pass"],
  ])("reads %j as %j before any other base WordNet may list", (word, base) => {
    const candidates = lemmaCandidates(word);
    const listed = candidates.filter((form) => form !== word && wordClassesOf(form).length > 0);

    expect(listed[0]).toBe(base);
  });

  it("gives no class to a closed-class word by a chance spelling", () => {
    for (const word of ["was", "has", "his", "its", "us"]) expect(wordClassesOf(word)).toEqual([]);
    expect(wordClassesOf("games")).toContain("n.act");
    expect(wordClassesOf("games")).not.toContain("n.group");
  });
});
