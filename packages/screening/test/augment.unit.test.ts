// Training-time variants: the same train lines and seed give the same variants, each labelled as the line it came from, and traps stay ordinary.
import { describe, expect, it } from "vitest";
import { augmentExamples, respell } from "../bench/classifier/augment";
import type { LabelledExample } from "../bench/classifier/examples";
import { seededRandom } from "@innerworld/platform/random";
import { labelledLine } from "./helpers/factories";

const line = (id: string, text: string, level: LabelledExample["level"], category: LabelledExample["category"], trap = false): LabelledExample =>
  labelledLine(id, text, level, { category, trap });

const train = [
  line("a", "i really want to kill myself tonight", "crisis", "active_ideation"),
  line("b", "nothing matters anymore and i cant sleep", "concern", "hopelessness"),
  line("c", "this chem homework is killing me lol", "none", "none", true),
  line("d", "what should i get my sister for her birthday", "none", "none"),
  line("e", "can you help me study for the spanish quiz", "none", "none"),
];

describe("training-time variants", () => {
  it("are the same for the same lines and seed, and differ for another seed", () => {
    const options = { seed: 11, respellings: 2, buried: 1, ordinaryPairs: 1 };
    expect(augmentExamples(train, options)).toEqual(augmentExamples(train, options));
    expect(augmentExamples(train, options).map((e) => e.text)).not.toEqual(augmentExamples(train, { ...options, seed: 12 }).map((e) => e.text));
  });

  it("keep each source line's labels: a respelt trap is still an ordinary trap, a buried crisis still a crisis", () => {
    const variants = augmentExamples(train, { seed: 3, respellings: 1, buried: 1, ordinaryPairs: 1 });
    const respelt = variants.filter((v) => v.id.includes("~respelt"));
    expect(respelt).toHaveLength(train.length);
    for (const v of respelt) {
      const source = train.find((e) => v.id.startsWith(`${e.id}~`));
      expect(v).toMatchObject({ level: source?.level, category: source?.category, trap: source?.trap });
    }
    const buried = variants.filter((v) => v.id.includes("~buried"));
    expect(buried.map((v) => v.level).sort()).toEqual(["concern", "crisis"]);
    expect(buried.every((v) => v.text.includes(train.find((e) => v.id.startsWith(`${e.id}~`))?.text ?? "∅"))).toBe(true);
    expect(variants.filter((v) => v.id.includes("~paired")).every((v) => v.level === "none")).toBe(true);
  });

  it("a respelling changes the text but keeps its words countable", () => {
    const random = seededRandom(5);
    const text = "i really want to kill myself tonight";
    const respelt = Array.from({ length: 5 }, () => respell(text, random));
    expect(respelt.some((r) => r !== text)).toBe(true);
    for (const r of respelt) expect(r.split(/\s+/)).toHaveLength(text.split(" ").length);
  });
});
