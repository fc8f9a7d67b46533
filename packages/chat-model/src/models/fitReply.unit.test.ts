// Cutting a reply short: at its last whole sentence, else at a word, never mid-word.
import { describe, expect, it } from "vitest";
import { endAtWholeSentence, fitReply } from "./fitReply";

describe("fitReply", () => {
  it("fits a reply at its last whole sentence, or at a word when a sentence would leave too little", () => {
    expect(fitReply("Short and sweet.", 600)).toBe("Short and sweet.");
    expect(fitReply("One. Two three four five six seven eight nine ten.", 20)).toBe("One. Two three four…");
    expect(fitReply("First sentence here. Second sentence is longer than the rest.", 40)).toBe("First sentence here.");
  });

  it("ends a reply its token limit stopped at its last whole sentence, or at its last whole word when none ended", () => {
    expect(endAtWholeSentence("That takes guts. Try the")).toBe("That takes guts.");
    expect(endAtWholeSentence("Wow! That takes guts. I think you should really, truly, deeply consider the")).toBe("Wow! That takes guts.");
    expect(endAtWholeSentence("Done already. ")).toBe("Done already.");
    expect(endAtWholeSentence("I think you should")).toBe("I think you…");
    expect(endAtWholeSentence("   ")).toBe("");
  });
});
