import { describe, expect, it } from "vitest";
import { SentenceSplitter, splitSentences } from "./sentenceSplitter.js";

/** Streams text through a splitter one character at a time, the worst case for boundary decisions. */
function streamByChar(text: string): string[] {
  const splitter = new SentenceSplitter();
  const sentences: string[] = [];
  for (const char of text) sentences.push(...splitter.push(char));
  return [...sentences, ...splitter.flush()];
}

const CASES: [string, string[]][] = [
  ["Hi there. How are you? I'm great!", ["Hi there.", "How are you?", "I'm great!"]],
  ["Wait... What happened?! Tell me.", ["Wait...", "What happened?!", "Tell me."]],
  ["Well... maybe. Ok", ["Well... maybe.", "Ok"]],
  ["Ask Dr. Lee or Mrs. Park first. They know.", ["Ask Dr. Lee or Mrs. Park first.", "They know."]],
  ["Bring snacks, e.g. fruit. Then rest.", ["Bring snacks, e.g. fruit.", "Then rest."]],
  ["I read J. K. Rowling books. They rock.", ["I read J. K. Rowling books.", "They rock."]],
  ["You scored 3.5 points more. Nice.", ["You scored 3.5 points more.", "Nice."]],
  ["Pens, paper, etc. are fine. Games, music, etc. Pick one.", ["Pens, paper, etc. are fine.", "Games, music, etc.", "Pick one."]],
  ["Ideas:\n1. Draw a map.\n2. Write a poem.", ["Ideas:\n1. Draw a map.", "2. Write a poem."]],
  ["She said \"go for it.\" So I did.", ["She said \"go for it.\"", "So I did."]],
  ["You did it! 🎉 Now rest. 💪", ["You did it! 🎉", "Now rest. 💪"]],
  ["First part\n\nSecond part without a stop", ["First part", "Second part without a stop"]],
  ["Check index.ts for that", ["Check index.ts for that"]],
  ["   ", []],
];

describe("SentenceSplitter", () => {
  it.each(CASES)("splits %j", (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it.each(CASES)("splits %j the same when it arrives one character at a time", (text, expected) => {
    expect(streamByChar(text)).toEqual(expected);
  });

  it("holds back a sentence until the character after its stop arrives", () => {
    const splitter = new SentenceSplitter();

    expect(splitter.push("Hello")).toEqual([]);
    expect(splitter.push(".")).toEqual([]);
    expect(splitter.push(" ")).toEqual([]);
    expect(splitter.push("World")).toEqual(["Hello."]);
    expect(splitter.push("!")).toEqual([]);
    expect(splitter.flush()).toEqual(["World!"]);
    expect(splitter.flush()).toEqual([]);
  });

  it("keeps the exact text: sentences rejoined with spaces give back the input", () => {
    const text = "Okay, I love that! 💪 It takes real courage to face the math test. What's one small step you could take?";
    expect(streamByChar(text).join(" ")).toBe(text);
  });
});
