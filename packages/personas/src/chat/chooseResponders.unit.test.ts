import { describe, expect, it } from "vitest";
import { chooseResponders, type GroupMember } from "./chooseResponders";

const courage: GroupMember = { personaId: "courage", name: "Courage", topics: ["tryouts", "sports", "nervous"] };
const comfort: GroupMember = { personaId: "comfort", name: "Comfort", topics: ["sad", "lonely"] };
const sunny: GroupMember = { personaId: "p-1", name: "Ms Sunny", topics: ["astronomy"] };
const group = [courage, comfort, sunny];
const ids = (members: GroupMember[]) => members.map((m) => m.personaId);

describe("chooseResponders", () => {
  it("lets every @mentioned persona reply, in the order mentioned", () => {
    expect(ids(chooseResponders("@Comfort and @courage what do you think?", group, []))).toEqual(["comfort", "courage"]);
    expect(ids(chooseResponders("what about you @MsSunny", group, []))).toEqual(["p-1"]);
    expect(ids(chooseResponders("@ms sunny, hi", group, []))).toEqual(["p-1"]);
  });

  it("hears a name used to address someone at the start or the end, not a name used as a word", () => {
    expect(ids(chooseResponders("Courage, should I go?", group, []))).toEqual(["courage"]);
    expect(ids(chooseResponders("hey Ms Sunny: what's a nebula", group, []))).toEqual(["p-1"]);
    expect(ids(chooseResponders("what do you think, Comfort?", group, []))).toEqual(["comfort"]);
    expect(chooseResponders("I just need some comfort today", group, [])).toHaveLength(1);
    expect(ids(chooseResponders("I just need some comfort today", group, ["courage", "comfort"]))).toEqual(["p-1"]);
  });

  it("gives an unaddressed message to exactly one persona: the best topic fit", () => {
    expect(ids(chooseResponders("I'm so nervous about the tryouts", group, ["courage"]))).toEqual(["courage"]);
    expect(ids(chooseResponders("I feel sad and lonely", group, []))).toEqual(["comfort"]);
  });

  it("otherwise rotates: whoever has waited longest, then the session's order", () => {
    expect(ids(chooseResponders("ok", group, []))).toEqual(["courage"]);
    expect(ids(chooseResponders("ok", group, ["courage"]))).toEqual(["comfort"]);
    expect(ids(chooseResponders("ok", group, ["courage", "comfort"]))).toEqual(["p-1"]);
    expect(ids(chooseResponders("ok", group, ["courage", "comfort", "p-1"]))).toEqual(["courage"]);
    expect(ids(chooseResponders("ok", group, ["comfort", "p-1", "comfort", "courage"]))).toEqual(["p-1"]);
  });
});
