import { describe, expect, it } from "vitest";
import { screenInput, screenOutput } from "./index";

describe("profanity in a teen's message is flagged, never blocked", () => {
  it.each([
    ["this is so fucking unfair", "profanity.obscenity.fuck"],
    ["my brother is such a dick", "profanity.obscenity.dick"],
    ["ugh shit i forgot my homework", "profanity.obscenity.shit"],
    ["my teacher is a bitch", "profanity.obscenity.bitch"],
    ["bullshit", "profanity.obscenity.shit"],
    ["sh1t", "profanity.obscenity.shit"],
    ["a$$", "profanity.obscenity.ass"],
    ["fuuuuck", "profanity.obscenity.fuck"],
    // obscenity's known gaps, fixed here
    ["f u c k this", "profanity.spaced.fuck"],
    ["what the f.u.c.k", "profanity.spaced.fuck"],
    ["s.h.i.t happens", "profanity.spaced.shit"],
    ["S H I T", "profanity.spaced.shit"],
    ["b-i-t-c-h", "profanity.spaced.bitch"],
    ["stfu", "profanity.acronym.stfu"],
    ["STFU omg", "profanity.acronym.stfu"],
    ["wtf is this homework", "profanity.acronym.wtf"],
    ["WTFFF", "profanity.acronym.wtf"],
    ["w t f", "profanity.acronym.wtf"],
    ["ffs not again", "profanity.acronym.ffs"],
    ["gtfo", "profanity.acronym.gtfo"],
    ["lmfao", "profanity.acronym.lmfao"],
    ["fml", "profanity.acronym.fml"],
    ["my brother is a dumbass", "profanity.compound.dumbass"],
    ["damn that's crazy", "profanity.mild.damn"],
  ])("%j → flag (%s)", (message, ruleId) => {
    const verdict = screenInput(message);

    expect(verdict.action).toBe("flag");
    expect(verdict.categories).toEqual(["profanity"]);
    expect(verdict.matches.map((match) => match.ruleId)).toContain(ruleId);
  });

  it("records the whole word that swore, not obscenity's stem", () => {
    const verdict = screenInput("that was fucking amazing");

    expect(verdict.matches).toEqual([{ category: "profanity", term: "fucking", ruleId: "profanity.obscenity.fuck" }]);
  });
});

describe("words obscenity flags that are not profanity", () => {
  it.each([
    "I love shiitake mushrooms",
    "we grilled shiitakes",
    "we have to assess the data",
    "my class starts at 8",
    "we're reading Dickens in English",
    "Emily Dickinson is my favorite poet",
    "I visited Scunthorpe once",
    "she graduated magna cum laude",
    "add cumin to the chili",
    "we did a project on human trafficking",
    "he rapped the whole verse",
    "the pilot sat in the cockpit",
    "fire retardant",
    "we read Moby Dick",
    "analgesic",
    "my grandma's pussycat",
    "tit for tat",
    "a booby trap in the game",
    "the assassin in my book",
    "I play the bass",
    "passage",
    "cocktail sauce",
    "peacock",
    "Sussex",
    "Matsushita",
    "therapist",
    "grape juice",
    "a hancock",
    "cucumber",
    "skyscraper",
    "arsenal won",
    "pen is mightier than the sword",
    "I need to document this",
    "annals of history",
  ])("%j → allow", (message) => {
    const verdict = screenInput(message);

    expect(verdict.action).toBe("allow");
    expect(verdict.matches).toEqual([]);
  });
});

describe("slurs and sexual words in obscenity's list", () => {
  it.each(["you're a retard", "stop being a fag", "n i g g e r"])("%j: a slur blocks as hate", (message) => {
    const verdict = screenInput(message);

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toContain("hate");
  });

  it.each(["my friend showed me porn and it was weird", "is it normal to masturbate"])("%j: a sexual word from a teen is flagged as sexual", (message) => {
    const verdict = screenInput(message);

    expect(verdict.action).toBe("flag");
    expect(verdict.categories).toEqual(["sexual"]);
  });

  it.each(["we learned about sex ed today", "is it normal that my penis is curved", "what does the vagina do"])(
    "%j: a clinical word from a teen is not screened",
    (message) => {
      expect(screenInput(message).action).toBe("allow");
    },
  );
});

describe("profanity in a model reply blocks", () => {
  it.each([
    ["That's fucking awesome!", "profanity.obscenity.fuck"],
    ["wtf, really?", "profanity.acronym.wtf"],
    ["stfu lol", "profanity.acronym.stfu"],
    ["s h i t happens", "profanity.spaced.shit"],
    ["damn, that's rough", "profanity.mild.damn"],
  ])("%j → block (%s)", (reply, ruleId) => {
    const verdict = screenOutput(reply);

    expect(verdict.action).toBe("block");
    expect(verdict.matches.map((match) => match.ruleId)).toContain(ruleId);
  });

  it("a sexual word in a reply blocks as sexual content for a minor", () => {
    const verdict = screenOutput("Let's talk about porn.");

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toEqual(expect.arrayContaining(["sexual", "sexual_minors"]));
  });

  it("a clinical word in a reply is only flagged", () => {
    expect(screenOutput("Sex ed can feel awkward, and your questions are normal.").action).toBe("flag");
  });

  it.each(["I love shiitake mushrooms too!", "Emily Dickinson wrote nearly 1,800 poems.", "Let's assess what happened in class."])(
    "%j → allow",
    (reply) => {
      expect(screenOutput(reply).action).toBe("allow");
    },
  );
});
