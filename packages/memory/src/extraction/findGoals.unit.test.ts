// The steps after the taggers over findings made by hand: a goal a tagger stopped short is carried through what it is about, and no further; goals the rules' triggers do not open, and goals listed after another, are added.
import { describe, expect, it } from "vitest";
import { addGoalsAfterTaggers, completeDanglingGoals, trimTaggedGoals } from "./findGoals.js";
import { MessageFindings } from "./MessageFindings.js";
import { readMessage } from "./readMessage.js";
import { REFERENCE_DATE } from "./transcriptFactory.js";

/** The message read as the extractor reads it, with a goal from its start to the end of `goalWords`, and a person where named. */
const findingsFor = (text: string, goalWords: string, person?: string) => {
  const found = new MessageFindings(readMessage(text, { referenceDate: REFERENCE_DATE, timeZone: "UTC", sentAt: REFERENCE_DATE.toISOString() }));
  // Offsets are in the text as read ("wanna" is read "want to").
  const read = found.message.text;
  const start = read.indexOf(goalWords);
  const goal = found.add({ type: "Goal", name: goalWords, start, end: start + goalWords.length, userEdges: [{ type: "supports" }] });
  const at = person ? read.lastIndexOf(person) : -1;
  const someone = person ? found.add({ type: "Person", name: person, start: at, end: at + person.length }) : undefined;
  return { found, goal, someone };
};
const completed = (text: string, goalWords: string) => {
  const { found, goal } = findingsFor(text, goalWords);
  completeDanglingGoals(found);
  return goal.name;
};

describe("completeDanglingGoals", () => {
  it("carries a goal that ends on a comparative through the noun phrase after it, and links it to what it now holds", () => {
    const { found, goal, someone } = findingsFor("i wanna be a better big sister, i yell way too much", "be a better", "sister");

    completeDanglingGoals(found);

    expect(goal.name).toBe("be a better big sister");
    expect(found.links).toEqual([expect.objectContaining({ type: "about", from: goal, to: someone })]);
  });

  it.each([
    ["hoping to get a job at the mall over break", "get a job at", "get a job at the mall"],
    ["i want to hang out with him he said maybe", "hang out with", "hang out with him"],
    ["i want to make varsity in january", "make varsity in", "make varsity in"],
    ["i want to get a job at\nthe mall", "get a job at", "get a job at"],
    ["i want to get a job at (the mall)", "get a job at", "get a job at"],
    ["i want to be more patient with", "be more patient with", "be more patient with"],
    ["i want to get a job at the big old red brick downtown music store", "get a job at", "get a job at"],
    ["i want to get a job at the big old music store", "get a job at", "get a job at the big old music store"],
    // Cut right after its verb: carried through its object, and not past a comma or into a verb in -ing.
    ["i want to finish my history project", "finish", "finish my history project"],
    ["i wanna do more to cheer up my nana", "do more to cheer", "do more to cheer"],
    ["i wanna do more to support him after the funeral", "do more to support", "do more to support him"],
    ["i want to win, thats all", "win", "win"],
    ["i want to keep running", "keep running", "keep running"],
  ])("%j: %j becomes %j", (text, goalWords, expected) => {
    expect(completed(text, goalWords)).toBe(expected);
  });
});

describe("addGoalsAfterTaggers", () => {
  /** The goals found after the taggers in a message where the rules and taggers found `goalWords` (none when absent). */
  const goalsAfterTaggers = (text: string, goalWords?: string) => {
    const found = new MessageFindings(readMessage(text, { referenceDate: REFERENCE_DATE, timeZone: "UTC", sentAt: REFERENCE_DATE.toISOString() }));
    if (goalWords !== undefined) {
      const start = found.message.text.indexOf(goalWords);
      found.add({ type: "Goal", name: goalWords, start, end: start + goalWords.length, userEdges: [{ type: "supports" }] });
    }
    addGoalsAfterTaggers(found);
    return found.entities.filter((entity) => entity.type === "Goal").map((goal) => goal.name);
  };

  it.each([
    ["one day im opening a salon like my aunty's", ["opening a salon"]],
    ["someday i'll live in tokyo", ["live in tokyo"]],
    ["i'm a girl who wants to be a vet", ["be a vet"]],
    ["gonna start going to the gym w my cousin", ["start going to the gym with my cousin"]],
  ])("finds a goal told by a far-off day, by the teen describing themself, or with its I dropped: %s", (text, goals) => {
    expect(goalsAfterTaggers(text)).toEqual(goals);
  });

  it.each([
    ["one day i'll be fine"],
    ["my brother is gonna start a fight"],
    ["she's a girl who wants to be a vet"],
  ])("finds none in a hope for the mood, someone else's plan, or someone else's wish: %s", (text) => {
    expect(goalsAfterTaggers(text)).toEqual([]);
  });

  it("adds each goal listed after a found one that opens on a bare verb, and stops at a clause that does not", () => {
    expect(goalsAfterTaggers("my plan is to get a 1400 on the sat, apply to pitt, and save for a car", "get a 1400 on the sat")).toEqual([
      "get a 1400 on the sat",
      "apply to pitt",
      "save for a car",
    ]);
    expect(goalsAfterTaggers("i want to make varsity, my dad says i can", "make varsity")).toEqual(["make varsity"]);
  });

  it("adds nothing where a goal already covers the words", () => {
    expect(goalsAfterTaggers("i want to go to the mall, get food", "go to the mall, get food")).toEqual(["go to the mall, get food"]);
  });
});

describe("trimTaggedGoals", () => {
  it.each([
    ["i need to stop procrastinating for real", "stop procrastinating for real", "stop procrastinating"],
    ["i want to make varsity so bad lol", "make varsity so bad lol", "make varsity"],
    ["i want to pass chem so i can graduate", "pass chem so i can graduate", "pass chem"],
  ])("%j: a tagger's %j keeps no filler or reason: %j", (text, goalWords, expected) => {
    const { found, goal } = findingsFor(text, goalWords);

    trimTaggedGoals(found);

    expect(goal.name).toBe(expected);
    expect(found.message.text.slice(goal.start, goal.end)).toBe(expected);
  });

  it("leaves a goal with nothing to cut as it is", () => {
    const { found, goal } = findingsFor("i want to learn japanese", "learn japanese");

    trimTaggedGoals(found);

    expect(goal.name).toBe("learn japanese");
  });
});
