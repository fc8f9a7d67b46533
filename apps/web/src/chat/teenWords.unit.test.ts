// What a teen reads for an error: a refused reply is not "send it again", an outage is.
import { describe, expect, it } from "vitest";
import { sayIn } from "../language/messages";
import { wordsForError } from "./teenWords";

const say = sayIn("en");

describe("wordsForError", () => {
  it("asks for the message again after an outage, and for other words or another companion after a refusal", () => {
    expect(wordsForError(say, "GENERATION_FAILED")).toMatch(/Try sending that again/);
    expect(wordsForError(say, "GENERATION_FAILED", { retryable: true })).toMatch(/Try sending that again/);
    expect(wordsForError(say, "GENERATION_FAILED", { retryable: false })).toBe("That companion can't answer that one. Try saying it another way, or chat with someone else.");
    expect(wordsForError(say, "TURN_TIMED_OUT", { retryable: false })).toMatch(/Try sending your message again/);
    expect(wordsForError(say, "NOT_A_CODE")).toBe(wordsForError(say, "INTERNAL_ERROR"));
  });

  it("tells a REPLY_REFUSED as a refusal, in the teen's language, whatever its retryable says", () => {
    const refused = "That companion can't answer that one. Try saying it another way, or chat with someone else.";
    expect(wordsForError(say, "REPLY_REFUSED", { retryable: false })).toBe(refused);
    expect(wordsForError(say, "REPLY_REFUSED")).toBe(refused);
    expect(wordsForError(sayIn("es"), "REPLY_REFUSED", { retryable: false })).toBe("Ese compañero no puede responder eso. Intenta decirlo de otra forma, o chatea con alguien más.");
  });
});
