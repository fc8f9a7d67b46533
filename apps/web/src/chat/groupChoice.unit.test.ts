// A group chat is started only with what the gateway takes (2 or 3 different personas), and the teen is told why otherwise.
import { describe, expect, it } from "vitest";
import { sayIn } from "../language/messages";
import { groupChoiceHint, groupChoiceProblem, toggledGroup } from "./groupChoice";
import { wordsForStartError } from "./teenWords";

const say = sayIn("en");

describe("groupChoiceProblem", () => {
  it("lets 2 or 3 start, and says what to do about fewer or more", () => {
    expect([0, 1, 2, 3, 4, 5].map((picked) => groupChoiceProblem(say, picked))).toEqual([
      "Pick at least 2 personas for a group chat. You've picked none so far.",
      "Pick at least 2 personas for a group chat. You've picked 1 so far.",
      undefined,
      undefined,
      "A group chat can have at most 3 personas. Uncheck 1 to start.",
      "A group chat can have at most 3 personas. Uncheck 2 to start.",
    ]);
  });
});

describe("groupChoiceHint", () => {
  it("names who is picked and whether that is enough", () => {
    expect(groupChoiceHint(say, [])).toBe("Pick 2 or 3 personas to chat with together.");
    expect(groupChoiceHint(say, ["Courage"])).toBe("Picked: Courage. Pick at least one more.");
    expect(groupChoiceHint(say, ["Courage", "Sunny"])).toBe("Picked: Courage, Sunny. Ready to start.");
    expect(groupChoiceHint(say, ["Courage", "Sunny", "Comfort", "Compass"])).toBe("Picked: Courage, Sunny, Comfort, Compass. That's 4; a group chat has at most 3.");
  });
});

describe("toggledGroup", () => {
  it("keeps the order picked, each persona once", () => {
    const picked = toggledGroup(toggledGroup(toggledGroup([], "sunny", true), "courage", true), "sunny", true);
    expect(picked).toEqual(["courage", "sunny"]);
    expect(toggledGroup(picked, "courage", false)).toEqual(["sunny"]);
  });
});

describe("wordsForStartError", () => {
  it("names the persona the gateway refused, and explains a group it would not take", () => {
    expect(wordsForStartError(say, "UNKNOWN_PERSONA", { group: true, personaName: "Sunny" })).toBe("Sunny isn't available any more, so the group chat couldn't start. Pick someone else.");
    expect(wordsForStartError(say, "PERSONA_NOT_READY", { group: false, personaName: "Nova" })).toBe("Nova is still being made, so the chat couldn't start. Try again in a minute, or pick someone else.");
    expect(wordsForStartError(say, "INVALID_FRAME", { group: true })).toBe("A group chat needs 2 or 3 different personas. Check who you picked, then start again.");
    expect(wordsForStartError(say, "SESSION_LIMIT_REACHED", { group: true })).toBe("You already have 3 chats open. End one in “Your chats” to start a new one.");
  });
});
