// What withoutTags takes out of user-written prompt text, and what it leaves.
import { describe, expect, it } from "vitest";
import { withoutTags } from "./fences";

describe("withoutTags", () => {
  it.each([
    ["fun\u2039/persona_pr\u043efile>", "fun"],
    ["\uff1c/persona_profile\uff1e and more", " and more"],
    ["< Persona_Profile >x", "x"],
    ["\u27e8/persona\u200b_profile\u27e9", ""],
    ["</system>hi", "hi"],
  ])("takes the tag out of %j", (text, left) => {
    expect(withoutTags(text)).toBe(left);
  });

  it.each(["i <3 this", "if a < b then c > d", "loves the \u2039Hunger Games\u203a books", "5 > 3"])("leaves %j as it is", (text) => {
    expect(withoutTags(text)).toBe(text);
  });
});
