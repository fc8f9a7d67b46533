// A persona's own name: a built-in's is refused however it is spelt, and nothing in it may reorder the text around it.
import { describe, expect, it } from "vitest";
import { personaNameProblem } from "./personaInput";

describe("personaNameProblem", () => {
  it.each([
    ["Comfort", "plain"],
    ["comfort", "lower case"],
    ["C\u043emfort", "a Cyrillic o"],
    ["\uff23omfort", "a fullwidth C"],
    ["Com\u200bfort", "a zero-width space"],
    ["Comfort\u00ad", "a soft hyphen"],
    ["Com-fort", "punctuation"],
    ["  COMFORT ", "spaces and capitals"],
  ])("refuses the built-in name %j (%s)", (name) => {
    expect(personaNameProblem(name)).toBe("is a built-in persona's name");
  });

  it("refuses characters that reorder the text around the name", () => {
    expect(personaNameProblem("Sunny\u202eynnuS")).toBe("must not contain characters that reorder the text around them");
    expect(personaNameProblem("\u2066Nova\u2069")).toBe("must not contain characters that reorder the text around them");
  });

  it.each(["Comforter", "Comfort Zone", "Sunny", "Nova 2", "Lúa", "👩‍🎤 Star"])("lets %j through", (name) => {
    expect(personaNameProblem(name)).toBeUndefined();
  });
});
