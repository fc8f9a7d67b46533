// Chat shorthand is rewritten as whole words only, in any script: a Spanish word holding "u" or "im" is left as it is.
import { describe, expect, it } from "vitest";
import { normaliseSlang } from "./normaliseSlang.js";

describe("normaliseSlang", () => {
  it.each([
    ["u r going tmrw", "you are going tomorrow"],
    ["im so tired", "I'm so tired"],
    ["hang w Tyler after skool", "hang with Tyler after school"],
    ["me n jake", "me and jake"],
    ["soooo tired", "so tired"],
  ])("rewrites %j as %j", (text, expected) => {
    expect(normaliseSlang(text)).toBe(expected);
  });

  it.each(["me pinto las uñas", "editar imágenes para mi canal", "se me pegó al imán", "úrsula y yo", "Ümit's party"])("leaves %j as it is", (text) => {
    expect(normaliseSlang(text)).toBe(text);
  });
});
