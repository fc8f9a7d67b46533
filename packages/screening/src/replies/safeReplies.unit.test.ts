// The fixed replies speak the teen's language: Spanish for any Spanish locale, English otherwise.
import { describe, expect, it } from "vitest";
import { blockedInputReply, crisisReply, replyLanguage, safetyNoticeText } from "./safeReplies";

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

  it("says a crisis carried on from earlier in the session is still on its mind, in the teen's language, and how the talk goes on", () => {
    const carriedOn = { action: "crisis", decidedBy: "earlier_crisis" };
    expect(safetyNoticeText(carriedOn, "en-US")).toContain("I'm still thinking about what you told me");
    expect(safetyNoticeText(carriedOn, "en-US")).toContain("When you're safe or someone is with you, tell me");
    expect(safetyNoticeText(carriedOn, "es-MX")).toContain("Sigo pensando en lo que me contaste");
    // A crisis told in this message is thanked for; a blocked message gets the blocked reply whatever decided it.
    for (const decidedBy of [undefined, "lexicon", "classifier", "context"]) expect(safetyNoticeText({ action: "crisis", ...(decidedBy ? { decidedBy } : {}) }, "en-US")).toBe(crisisReply("en-US"));
    expect(safetyNoticeText({ action: "block", decidedBy: "earlier_crisis" }, "es-US")).toBe(blockedInputReply("es-US"));
    expect(crisisReply("en-US", true)).not.toBe(crisisReply("en-US"));
  });
});
