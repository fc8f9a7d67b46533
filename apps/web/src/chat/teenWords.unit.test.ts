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
});
