// The catalog speaks Spanish to any Spanish browser and English to the rest, with the same values marked in both languages.
import { describe, expect, it } from "vitest";
import { ENGLISH, SPANISH, fillIn, languageOfLocale, sayCount, sayIn, type MessageKey } from "./messages";

const marksOf = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((mark) => mark[1] ?? "").sort();

describe("languageOfLocale", () => {
  it("reads every Spanish locale as Spanish and any other, or none, as English", () => {
    expect(["es", "es-MX", "es-US", "es-419", "es-ES", "ES-mx", "es_MX"].map(languageOfLocale)).toEqual(["es", "es", "es", "es", "es", "es", "es"]);
    expect(["en-US", "en", "pt-BR", "et-EE", "eus", "", undefined].map(languageOfLocale)).toEqual(["en", "en", "en", "en", "en", "en", "en"]);
  });
});

describe("the catalog", () => {
  it("marks the same values in the Spanish words as in the English, so no value is dropped or left unfilled", () => {
    const keys = Object.keys(ENGLISH) as MessageKey[];
    const mismatched = keys.filter((key) => marksOf(ENGLISH[key]).join() !== marksOf(SPANISH[key]).join());
    expect(mismatched).toEqual([]);
    expect(Object.keys(SPANISH).sort()).toEqual([...keys].sort());
  });

  it("gives every key Spanish words, not a copy of the English, except where both languages say the same", () => {
    const sameInBoth = (Object.keys(ENGLISH) as MessageKey[]).filter((key) => ENGLISH[key] === SPANISH[key]);
    expect(sameInBoth).toEqual(["navChat", "chatsCountOne", "chatsCountMany"]);
  });

  it("speaks to a teen, and of a survey's subject, without taking either for a boy or a girl", () => {
    // "No estás solo" tells a girl in crisis she is a boy; "como tú lo describirías" makes Noor a boy.
    const gendered = /\bestás\s+(?:solo|sola|list[oa]|segur[oa])\b|\b(?:lo|la)\s+describir[ií]as\b/u;
    expect(Object.entries(SPANISH).filter(([, words]) => gendered.test(words))).toEqual([]);
  });

  it("fills in a message's values in the language asked for, and counts in the right number", () => {
    expect(sayIn("es")("chatWith", { persona: "Nova" })).toBe("Chat con Nova");
    expect(sayIn("en")("chatWith", { persona: "Nova" })).toBe("Chat with Nova");
    expect(sayCount(sayIn("es"), 1, "chatMessagesOne", "chatMessagesMany")).toBe("1 mensaje");
    expect(sayCount(sayIn("es"), 4, "chatMessagesOne", "chatMessagesMany")).toBe("4 mensajes");
    // A value not given shows its mark rather than vanishing from the sentence.
    expect(fillIn("Chat with {persona}")).toBe("Chat with {persona}");
  });
});
