import { seededRandom } from "@innerworld/platform/random";
import { describe, expect, it } from "vitest";
import { CRISIS_LEXICON } from "./crisisLexicon.data";
import { CompiledLexicon, compileLexiconPattern } from "./lexiconPattern";
import { prepareText } from "./normalize";
import { LiteralFinder, RegexPrefilter, requiredLiterals } from "./regexPrefilter";

const random = seededRandom(20261205);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A random text made of pieces that the regexes under test are built from, so some texts match and most nearly do. */
function randomText(pieces: readonly string[], length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += random() < 0.7 ? pick(pieces) : pick([" ", "x", ".", "e", "s"]);
  return text;
}

describe("requiredLiterals", () => {
  it.each([
    ["kill ?myself", [["kill myself", "killmyself"]]],
    ["(want|need) to die", [["want to die", "need to die"]]],
    ["self ?harm(s|ed)?", [["self harm", "selfharm"]]],
    ["(?<!not )sad", [["sad"]]],
  ])("%s needs %j", (source, expected) => {
    expect(requiredLiterals(source).map((set) => [...set].sort())).toEqual(expected.map((set) => [...set].sort()));
  });

  it("needs each of the parts a wildcard, class or starred group separates", () => {
    const needs = requiredLiterals("hope (you|u) [a-z]+ die(?! laughing)");
    expect(needs).toContainEqual([" die"]);
    expect(needs.some((set) => set.includes("hope you ") || set.includes("hope you"))).toBe(true);
  });

  it("knows nothing of a regex that may match without any literal", () => {
    expect(requiredLiterals("(a|b)*")).toEqual([]);
    expect(requiredLiterals("\\p{L}+")).toEqual([]);
    expect(requiredLiterals("x|\\d+")).toEqual([]);
  });

  it("drops spaces when asked to, as the matching form's spaces are optional in our patterns", () => {
    expect(requiredLiterals("kill ?my ?self", { ignoreSpaces: true })).toEqual([["killmyself"]]);
  });

  it("never requires a literal a match can lack", () => {
    const cases: [string, string[]][] = [
      ["(want|wanted|need) to (?:(?:really|just) )*die(?! (of|from))", ["want", "wanted", "need", " to ", "really ", "just ", "die", " of", " from"]],
      ["(i|i m) (going to |want to )?kys", ["i", "i m", " ", "going to ", "want to ", "kys"]],
      ["how (to|do i) (kill|end) (?:my ?self|mysef)", ["how to ", "how do i ", "how ", "kill ", "end ", "myself", "my self", "mysef", "self"]],
      ["suicid(e|al|ally)(?! (squad|door))", ["suicid", "e", "al", "ly", " squad", " door"]],
      ["(?<!\\d )kms", ["1 ", "kms", "a "]],
      ["[^.]{0,10}(sex|nude)", ["sex", "nude", "."]],
      ["a{2,3}b+c?d", ["a", "b", "c", "d"]],
      ["(?:x|y)z{1}w", ["x", "y", "z", "w"]],
    ];
    for (const [source, pieces] of cases) {
      const regex = new RegExp(source, "u");
      const needs = requiredLiterals(source);
      let matched = 0;
      for (let i = 0; i < 3_000; i += 1) {
        const text = randomText(pieces, 1 + Math.floor(random() * 8));
        if (!regex.test(text)) continue;
        matched += 1;
        for (const set of needs) expect(set.some((literal) => text.includes(literal)), `${source} on ${JSON.stringify(text)} needs one of ${JSON.stringify(set)}`).toBe(true);
      }
      expect(matched, source).toBeGreaterThan(0);
    }
  });
});

describe("LiteralFinder", () => {
  it.each([false, true])("finds exactly the literals a plain search finds (ignoreSpaces %s)", (ignoreSpaces) => {
    const literals = ["ab", "b", "abc", "bca", "cab", "aa", "c a"].filter((literal) => !(ignoreSpaces && literal.includes(" ")));
    const finder = new LiteralFinder(literals, { ignoreSpaces });
    for (let i = 0; i < 2_000; i += 1) {
      const text = randomText(["a", "b", "c", " ", "é"], Math.floor(random() * 12));
      const searched = ignoreSpaces ? text.replaceAll(" ", "") : text;
      const found = new Set<number>();
      finder.find(text, (id) => found.add(id));
      const expected = new Set(literals.flatMap((literal, id) => (searched.includes(literal) ? [id] : [])));
      expect(found, JSON.stringify(text)).toEqual(expected);
    }
  });

  it("refuses a literal it could never find", () => {
    expect(() => new LiteralFinder([""])).toThrow();
    expect(() => new LiteralFinder(["a b"], { ignoreSpaces: true })).toThrow();
    expect(() => new LiteralFinder(["ab", "ab"])).toThrow();
  });
});

describe("RegexPrefilter over the crisis lexicon", () => {
  const regexes = CRISIS_LEXICON.flatMap((entry) => entry.patterns.map(compileLexiconPattern));
  const prefilter = new RegexPrefilter(
    regexes.map((regex) => requiredLiterals(regex.source, { ignoreSpaces: true })),
    { ignoreSpaces: true },
  );
  const messages = [
    "I want to kill myself",
    "honestly i might just killmyself",
    "k1ll mys3lf",
    "i wanna die fr",
    "i dont want to be here anymore",
    "everyone would be better off without me",
    "how many pills does it take to die",
    "ive been cutting again",
    "quiero morirme ya no aguanto",
    "nobody would even notice if i disappeared",
    "this homework is killing me lol",
    "we ran suicides at practice",
    "my mom took my phone again",
    "i want to take the long sleep",
    "i finished writing letters for everyone",
  ];

  it("never rules out a pattern that matches", () => {
    let matches = 0;
    for (const message of messages) {
      for (const form of prepareText(message).forms) {
        const may = prefilter.mayMatch(form);
        regexes.forEach((regex, i) => {
          if (!regex.test(form)) return;
          matches += 1;
          expect(may[i], `${regex.source} on ${form}`).toBe(1);
        });
      }
    }
    expect(matches).toBeGreaterThan(10);
  });

  it("rules out nearly every pattern on an ordinary message", () => {
    const may = prefilter.mayMatch(prepareText("can you help me with my history essay about the civil war").forms[0] ?? "");
    expect(may.reduce((sum, flag) => sum + flag, 0)).toBeLessThan(regexes.length / 10);
  });

  it("gives CompiledLexicon the same first match per entry as running every pattern in order", () => {
    const lexicon = new CompiledLexicon(CRISIS_LEXICON);
    for (const message of messages) {
      const forms = prepareText(message).forms;
      const expected = CRISIS_LEXICON.flatMap((entry) => {
        for (const form of forms) {
          for (const pattern of entry.patterns) {
            const match = compileLexiconPattern(pattern).exec(form);
            if (match) return [{ id: entry.id, term: match[0] }];
          }
        }
        return [];
      });
      expect(lexicon.firstMatches(forms).map(({ entry, match }) => ({ id: entry.id, term: match[0] })), message).toEqual(expected);
    }
  });
});
