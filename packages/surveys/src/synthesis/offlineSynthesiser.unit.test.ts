// The offline synthesiser: friends' most agreed-on words become the persona's traits, topics, values and voice.
import { describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS, defaultQuestionsFor } from "../questions";
import { personaDraftSchema } from "./personaDraft";
import { createOfflineSynthesiser } from "./offlineSynthesiser";

const answers = (threeWords: string, passions: string, talk: string, cares: string) => ({
  answers: [
    { questionId: "three_words", answer: threeWords },
    { questionId: "passions", answer: passions },
    { questionId: "talk_style", answer: talk },
    { questionId: "cares_about", answer: cares },
  ],
});

describe("the offline synthesiser", () => {
  const input = {
    subjectName: "Maya",
    questions: DEFAULT_QUESTIONS,
    responses: [
      answers("funny, loyal and loud", "marine biology, anime", "playful and joking", "her little brother"),
      answers("Loyal, creative, funny!!", "anime and drawing", "playful and joking", "her friends"),
      answers("kind and funny", "drawing, marine biology", "warm and encouraging", "her friends"),
    ],
  };

  it("ranks what friends agree on", async () => {
    const draft = await createOfflineSynthesiser().synthesise(input);
    expect(personaDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.traits.slice(0, 2)).toEqual(["funny", "loyal"]);
    expect(draft.topics).toEqual(expect.arrayContaining(["marine biology", "anime", "drawing"]));
    expect(draft.values).toEqual(["friends", "little brother"]);
    expect(draft.speakingStyle).toContain("playful and joking");
    expect(draft.personality).toMatch(/^You are funny, loyal/);
    expect(draft.name).toBe("Maya");
  });

  it("writes a Spanish survey's persona in Spanish, its friends' lists split on y and o and their articles left out", async () => {
    const draft = await createOfflineSynthesiser().synthesise({
      subjectName: "Ximena",
      language: "es",
      questions: defaultQuestionsFor("es"),
      responses: [
        answers("chistosa, leal y ruidosa", "el fútbol y la música", "con bromas y mucha chispa", "su hermanito"),
        answers("Leal, creativa, ¡chistosa!", "de fútbol o de anime", "con bromas y mucha chispa", "sus amigas"),
        answers("amable y chistosa", "la música, el anime", "cálido y animador", "sus amigas"),
      ],
    });

    expect(personaDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.traits.slice(0, 2)).toEqual(["chistosa", "leal"]);
    expect(draft.topics).toEqual(expect.arrayContaining(["fútbol", "música", "anime"]));
    expect(draft.values).toEqual(["amigas", "hermanito"]);
    expect(draft.personality).toMatch(/^Eres chistosa, leal/);
    expect(draft.personality).toContain("Te encanta hablar de");
    expect(draft.speakingStyle).toContain("con bromas y mucha chispa");
    expect(draft.description).toBe("Ximena, según 3 amistades: chistosa, leal, amable, creativa y ruidosa.");
    expect(`${draft.description} ${draft.personality} ${draft.speakingStyle}`).not.toMatch(/\b(You|and|talking about|friends)\b/);
  });

  it("makes the same persona from the same answers", async () => {
    const synthesiser = createOfflineSynthesiser();
    expect(await synthesiser.synthesise(input)).toEqual(await synthesiser.synthesise({ ...input, responses: [...input.responses] }));
  });

  it("draws on an owner's own questions too", async () => {
    const draft = await createOfflineSynthesiser().synthesise({
      subjectName: "Leo",
      questions: [{ id: "vibe", kind: "text", text: "Describe Leo" }],
      responses: [{ answers: [{ questionId: "vibe", answer: "chill, honest, skateboarding at the park" }] }, { answers: [{ questionId: "vibe", answer: "honest and chill" }] }],
    });
    expect(draft.traits.slice(0, 2)).toEqual(["chill", "honest"]);
    expect(draft.topics).toContain("skateboarding at the park");
  });

  it("keeps long answers within the persona API's limits", async () => {
    const long = (word: string) => Array.from({ length: 4 }, (_, i) => `${word}${i}${"x".repeat(240)}`).join(" ");
    const draft = await createOfflineSynthesiser().synthesise({
      subjectName: "Maya",
      questions: DEFAULT_QUESTIONS,
      responses: ["a", "b", "c"].map((friend) => answers(`${long(`kind${friend}`)}, ${long(`brave${friend}`)}`, `${long(`anime${friend}`)}, ${long(`drawing${friend}`)}`, "playful", long(`friends${friend}`))),
    });
    expect(personaDraftSchema.safeParse(draft).success).toBe(true);
    expect(draft.personality.length).toBeLessThanOrEqual(2000);
    expect(draft.topics.length).toBeGreaterThan(0);
    for (const topic of draft.topics) expect(topic.length).toBeLessThanOrEqual(60);
  });
});
