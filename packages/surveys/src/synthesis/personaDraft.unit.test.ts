// A model's draft is brought within the persona API's limits without breaking a word or a character in two.
import { describe, expect, it } from "vitest";
import { fitDraft, personaDraftSchema } from "./personaDraft";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const draft = { name: "Maya", description: "A friend.", personality: "Kind.", speakingStyle: "Warm.", traits: ["kind"], topics: ["art"], values: ["loyalty"] };

describe("fitDraft", () => {
  it("never cuts an emoji in two where a field's limit falls inside one", () => {
    // One letter, then emoji of two UTF-16 units each: a trait's 40-unit limit falls in the middle of the 20th.
    const fitted = fitDraft({ ...draft, traits: [`x${"🎨".repeat(30)}`], topics: [`y${"🌙".repeat(40)}`] });

    expect(personaDraftSchema.safeParse(fitted).success).toBe(true);
    expect(fitted.traits[0]).toBe(`x${"🎨".repeat(19)}`);
    for (const text of [...fitted.traits, ...fitted.topics]) expect(text).not.toMatch(LONE_SURROGATE);
  });

  it("cuts at the last space in the second half, so words stay whole", () => {
    expect(fitDraft({ ...draft, traits: ["always there for you when things get really hard"] }).traits).toEqual(["always there for you when things get"]);
  });
});
