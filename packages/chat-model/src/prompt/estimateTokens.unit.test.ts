import { describe, expect, it } from "vitest";
import { MESSAGE_OVERHEAD_TOKENS, estimateMessageTokens, estimateTokens } from "./estimateTokens.js";

// Token counts from cl100k_base (js-tiktoken), measured once; the estimator must stay close to them.
const MEASURED: [string, number][] = [
  ["idk man i just feel kinda off today", 9],
  ["my friend Maya stopped talking to me and I don't know why 😢", 15],
  ["should I go to the party on saturday or stay home and study for finals", 16],
  ["I got 87% on my chemistry exam, which is better than last time (72%).", 19],
  ["I want to start a YouTube channel about Minecraft builds but I'm nervous people will be mean in the comments.", 22],
  ["Today was actually a good day for once. Got an A on my essay, ate lunch with Jordan and Priya, and it didn't rain.", 30],
  [
    "- Person: Maya (friend, mentioned 4 times, last seen 2024-05-02)\n- Activity: soccer (plays on school team)\n- Goal: make varsity next year\n- Feeling: anxious before tests",
    47,
  ],
  [
    "Okay, I love that you're taking this on! 💪 Facing the audition is a real challenge, and you're already thinking it through. What's one small step you could take this week?",
    40,
  ],
];

describe("estimateTokens", () => {
  it("counts nothing for nothing and one token for a short word", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("hi")).toBe(1);
    expect(estimateTokens("hello world")).toBe(2);
  });

  it("charges more for long rare words, emoji and digits than chars/4 would suggest for short ones", () => {
    expect(estimateTokens("photosynthesis")).toBeGreaterThan(1);
    expect(estimateTokens("😢")).toBe(2);
    expect(estimateTokens("2024")).toBe(2);
    expect(estimateTokens("lol ok")).toBe(2);
  });

  it("stays within 25% of a real BPE tokenizer per text and 10% in total on chat-style text", () => {
    let real = 0;
    let estimated = 0;
    for (const [text, tokens] of MEASURED) {
      const estimate = estimateTokens(text);
      expect(Math.abs(estimate - tokens) / tokens, text).toBeLessThanOrEqual(0.25);
      real += tokens;
      estimated += estimate;
    }
    expect(Math.abs(estimated - real) / real).toBeLessThanOrEqual(0.1);
  });

  it("grows with the text: a message repeated ten times costs about ten times as much", () => {
    const one = estimateTokens("I made the soccer team!!! ");
    expect(estimateTokens("I made the soccer team!!! ".repeat(10))).toBeGreaterThanOrEqual(one * 9);
    expect(estimateTokens("I made the soccer team!!! ".repeat(10))).toBeLessThanOrEqual(one * 10);
  });

  it("adds the per-message framing for chat messages", () => {
    expect(estimateMessageTokens("")).toBe(MESSAGE_OVERHEAD_TOKENS);
    expect(estimateMessageTokens("hello world")).toBe(2 + MESSAGE_OVERHEAD_TOKENS);
  });
});
