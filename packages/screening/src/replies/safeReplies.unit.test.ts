// The fixed replies speak the teen's language: Spanish for any Spanish locale, English otherwise.
import { describe, expect, it } from "vitest";
import { blockedInputReply, crisisReply, replyLanguage } from "./safeReplies";

describe("fixed replies", () => {
  it("reads the language from the locale in any case or separator, English when there is none or it is another", () => {
    expect(["es", "es-MX", "ES_us", " es-es "].map(replyLanguage)).toEqual(["es", "es", "es", "es"]);
    expect([undefined, "en-GB", "fr-FR", "est", ""].map(replyLanguage)).toEqual(["en", "en", "en", "en", "en"]);
  });

  it("gives a Spanish crisis reply and blocked reply to Spanish locales, and English ones to the rest", () => {
    expect(crisisReply("es-MX")).toContain("No tienes que pasar por esto");
    expect(crisisReply("es-MX")).toBe(crisisReply("es-ES"));
    expect(crisisReply("en-US")).toContain("You don't have to go through this alone");
    expect(crisisReply()).toBe(crisisReply("en-US"));
    expect(blockedInputReply("es-US")).toContain("podemos hablar");
    expect(blockedInputReply("de-DE")).toBe(blockedInputReply());
  });
});
