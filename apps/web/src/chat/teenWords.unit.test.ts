// What a teen reads for an error: a refused reply is not "send it again", an outage is.
import { describe, expect, it } from "vitest";
import { wordsForError } from "./teenWords";

describe("wordsForError", () => {
  it("asks for the message again after an outage, and for other words or another companion after a refusal", () => {
    expect(wordsForError("GENERATION_FAILED")).toMatch(/Try sending that again/);
    expect(wordsForError("GENERATION_FAILED", { retryable: true })).toMatch(/Try sending that again/);
    expect(wordsForError("GENERATION_FAILED", { retryable: false })).toBe("That companion can't answer that one. Try saying it another way, or chat with someone else.");
    expect(wordsForError("TURN_TIMED_OUT", { retryable: false })).toMatch(/Try sending your message again/);
    expect(wordsForError("NOT_A_CODE")).toBe(wordsForError("INTERNAL_ERROR"));
  });
});
