import { describe, expect, it } from "vitest";
import { CRISIS_LEXICON_VERSION, crisisResources, screenInput, screenOutput, type SafetyVerdict } from "./index";

describe("one verdict from every rule", () => {
  it("lets an ordinary message through with nothing recorded", () => {
    const verdict = screenInput("hey! i finally finished my science project, can we talk about it?");

    expect(verdict).toEqual<SafetyVerdict>({ action: "allow", categories: [], matches: [], lexiconVersion: CRISIS_LEXICON_VERSION });
  });

  it.each(["", "   ", "😂😂😂", "ok", "lol"])("%j → allow", (message) => {
    expect(screenInput(message).action).toBe("allow");
  });

  it("crisis outranks profanity, and both are recorded", () => {
    const verdict = screenInput("fuck i want to kill myself");

    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).toEqual(["crisis", "profanity"]);
  });

  it("crisis outranks block", () => {
    const verdict = screenInput("kys. honestly i want to die too");

    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).toEqual(["crisis", "harassment"]);
  });

  it("block outranks flag, and categories accumulate", () => {
    const verdict = screenInput("wtf send nudes");

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toEqual(["sexual_minors", "sexual", "profanity"]);
  });

  it("a crisis with a phone number keeps the crisis and masks the number", () => {
    const verdict = screenInput("i dont want to be here anymore. my number is 555-123-4567");

    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).toEqual(["crisis", "personal_data"]);
    expect(verdict.redactedText).toBe("i dont want to be here anymore. my number is [phone]");
  });

  it("kys about oneself is a crisis, not harassment", () => {
    const verdict = screenInput("im gonna kys");

    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).toEqual(["crisis"]);
  });

  it("being told to kys is a crisis for the one told, not harassment by them", () => {
    const verdict = screenInput("people at school keep telling me to kys");

    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).not.toContain("harassment");
  });

  it("gives the same verdict for the same text", () => {
    const message = "wtf my brother is such a dick, text me at 555-123-4567";

    expect(screenInput(message)).toEqual(screenInput(message));
  });

  it("screens a long message whole", () => {
    const message = `${"i had such a long day at school and practice ran late again. ".repeat(150)}i want to end it all`;

    expect(screenInput(message).action).toBe("crisis");
  });

  it("screens adversarial repetition without hanging", () => {
    const message = "i really just honestly lowkey ".repeat(500) + "x".repeat(2000) + " . ".repeat(500);

    expect(screenInput(message).action).toBe("allow");
  });
});

describe("the same rules on model output", () => {
  it("a safe reply's streamed sentences all pass", () => {
    const reply = "That sounds really frustrating. Group projects can be so hard! Want to talk through what happened?";
    const sentences = reply.match(/[^.!?]+[.!?]+/g) ?? [];

    expect(sentences).toHaveLength(3);
    for (const sentence of sentences) expect(screenOutput(sentence).action).toBe("allow");
  });

  it("one bad sentence in a stream blocks that sentence", () => {
    const sentences = ["I hear you.", "Honestly, that's fucked up.", "Want to talk?"];

    expect(sentences.map((sentence) => screenOutput(sentence).action)).toEqual(["allow", "block", "allow"]);
  });

  it.each(["en-US", "en-GB", undefined])("a reply that gives the %s crisis resources is never blocked", (locale) => {
    const { resources } = crisisResources(locale);
    const reply = `I'm really glad you told me. You don't have to go through this alone. ${resources
      .map((resource) => `${resource.name}: ${resource.contact}. ${resource.description}`)
      .join(" ")}`;

    expect(screenOutput(reply).action).not.toBe("block");
  });

  it("output never returns the crisis action: a reply is shown or not", () => {
    expect(screenOutput("I want to kill myself").action).toBe("block");
    expect(screenOutput("Are you thinking about suicide?").action).toBe("flag");
  });
});
