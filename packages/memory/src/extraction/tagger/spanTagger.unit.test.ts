// The span taggers: labels align to token spans, training is deterministic, a trained tagger finds spans it was taught, one adds what the rules missed and one that reads the rules decides some types.
import { readFileSync } from "node:fs";
import { seededRandom } from "@innerworld/platform/random";
import { describe, expect, it } from "vitest";
import { readSplit, sha256Of, splitPath } from "../../../bench/eval/labelledSet";
import type { EntityType } from "../../graph/model.js";
import { MessageFindings } from "../MessageFindings.js";
import { createOfflineExtractor, TAGGER_DECIDES } from "../offlineExtractor.js";
import { applyRules } from "../offlineRules.js";
import { readMessage, type MessageText } from "../readMessage.js";
import type { RuleSpan } from "./tokenFeatures.js";
import { addTaggedSpans, letTaggerDecide, ruleSpansOf } from "./addTaggedSpans.js";
import { OVER_RULES_TAGGER_MODEL_PATH, SPAN_TAGGER_MODEL_PATH } from "./modelPath.js";
import { SpanTagger, bucketOf, decodeTags, transitionBucketsOf, type SpanTaggerFile, type TaggedSpan, type WeightRows } from "./spanTagger.js";
import { alignEntities, trainSpanTagger, type LabelledExample } from "./trainSpanTagger.js";
import { spanText } from "./spanTagger.js";

const referenceDate = new Date("2026-11-25T16:00:00.000Z");
const read = (text: string) => readMessage(text, { referenceDate, timeZone: "UTC" });
const example = (text: string, entities: { type: EntityType; name: string }[]): LabelledExample => ({ message: read(text), entities });

/** A made-up object word the rules and word lists cannot know, in frames a tagger can learn. */
const CORPUS: LabelledExample[] = [
  example("my zorblax broke again", [{ type: "Thing", name: "zorblax" }]),
  example("i dropped my quennet in the pool", [{ type: "Thing", name: "quennet" }]),
  example("my brother stole my vintrap lol", [{ type: "Thing", name: "vintrap" }]),
  example("i lost my plimsy at school", [{ type: "Thing", name: "plimsy" }]),
  example("ok so my drabble is cracked", [{ type: "Thing", name: "drabble" }]),
  example("i went to the store with my friend", []),
  example("honestly today was fine", []),
  example("i cant find my grelt anywhere", [{ type: "Thing", name: "grelt" }]),
];

describe("alignEntities", () => {
  it("tags the shortest span whose canonical key is the label's, and reports labels the text does not hold", () => {
    const message = read("i keep texting my mom about the chem test");
    const { tags, unaligned } = alignEntities(message, [
      { type: "Person", name: "mom" },
      { type: "Event", name: "chemistry test" },
      { type: "Goal", name: "get into stanford" },
    ]);
    const tagged = message.tokens.map((token, index) => `${token.lower}/${tags[index]}`);
    expect(tagged).toEqual(["i/O", "keep/O", "texting/O", "my/O", "mom/B-Person", "about/O", "the/O", "chem/B-Event", "test/I-Event"]);
    expect(unaligned).toEqual([{ type: "Goal", name: "get into stanford" }]);
  });

  it("tags a reworded label on the shortest span holding all its words, once the exact names are placed", () => {
    const message = read("i run before school every morning with my dad");
    const { tags, loose, unaligned } = alignEntities(message, [
      { type: "Habit", name: "run every morning before school" },
      { type: "Person", name: "dad" },
      { type: "Habit", name: "run with my brother every night" },
    ]);
    const tagged = message.tokens.map((token, index) => `${token.lower}/${tags[index]}`);
    expect(tagged).toEqual(["i/O", "run/B-Habit", "before/I-Habit", "school/I-Habit", "every/I-Habit", "morning/I-Habit", "with/O", "my/O", "dad/B-Person"]);
    expect(loose).toEqual([{ type: "Habit", name: "run every morning before school" }]);
    expect(unaligned).toEqual([{ type: "Habit", name: "run with my brother every night" }]);
  });

  it("tags a label on the words it names, not on fewer the canonical key folds into the same entity", () => {
    const message = read("lifting with the wrestling team after school");
    const { tags } = alignEntities(message, [{ type: "Activity", name: "wrestling team" }]);
    const tagged = message.tokens.map((token, index) => `${token.lower}/${tags[index]}`);
    expect(tagged).toEqual(["lifting/O", "with/O", "the/O", "wrestling/B-Activity", "team/I-Activity", "after/O", "school/O"]);
  });

  it("keeps a reworded label to one clause and to its own sense", () => {
    const acrossClauses = alignEntities(read("i read before bed, my sister reads manga"), [{ type: "Habit", name: "read manga before bed" }]);
    const negated = alignEntities(read("my brother runs every day, i never run"), [{ type: "Habit", name: "run every day" }]);

    expect(acrossClauses.tags.every((tag) => tag === "O")).toBe(true);
    expect(negated.tags.every((tag) => tag === "O")).toBe(true);
  });
});

describe("decodeTags", () => {
  // Two tokens: alone, the first looks more like O (1 against 0.9); the second is a strong continuation of a thing (5).
  const tags = ["O", "B-Thing", "I-Thing"];
  const weights = new Map([
    [bucketOf("first"), Float64Array.from([1, 0.9, 0])],
    [bucketOf("second"), Float64Array.from([0, 0, 5])],
  ]);
  const rows: WeightRows = {
    add(bucket, scores) {
      weights.get(bucket)?.forEach((weight, tag) => (scores[tag] = (scores[tag] ?? 0) + weight));
    },
  };

  it("chooses the best sequence under BIO, not each token's best tag in turn, with each token's margin over O", () => {
    const { tags: decoded, margins } = decodeTags(rows, tags, [[bucketOf("first")], [bucketOf("second")]], transitionBucketsOf(tags, ["red", "scarf"]));
    expect(decoded).toEqual(["B-Thing", "I-Thing"]);
    // The best sequence scores 5.9; the best with O at either token is O O (1).
    expect(margins.map((margin) => Number(margin.toFixed(6)))).toEqual([4.9, 4.9]);
  });

  it("reads each token's transitions after the previous tag the sequence has there, the start first", () => {
    // No emission at all: only transitions decide. After the start, "red" leans to B-Thing (2 against O's 1); after
    // B-Thing, "scarf" is strongly I-Thing (3), but after O it would be O (1). Read with the wrong previous tag's row,
    // the second token would go to O.
    const transitionWeights = new Map([
      [bucketOf("ptw:<s>|red"), Float64Array.from([1, 2, 0])],
      [bucketOf("ptw:B-Thing|scarf"), Float64Array.from([0, 0, 3])],
      [bucketOf("ptw:O|scarf"), Float64Array.from([1, 0, 0])],
    ]);
    const onlyTransitions: WeightRows = {
      add(bucket, scores) {
        transitionWeights.get(bucket)?.forEach((weight, tag) => (scores[tag] = (scores[tag] ?? 0) + weight));
      },
    };
    const { tags: decoded, margins } = decodeTags(onlyTransitions, tags, [[], []], transitionBucketsOf(tags, ["red", "scarf"]));
    expect(decoded).toEqual(["B-Thing", "I-Thing"]);
    // Best: B-Thing I-Thing = 5; best with O first: O O = 2; best with O second: B-Thing O = 2.
    expect(margins).toEqual([3, 3]);
  });

  it("never opens a span with I-", () => {
    const { tags: decoded } = decodeTags(rows, tags, [[bucketOf("second")], [bucketOf("second")]], transitionBucketsOf(tags, ["scarf", "scarf"]));
    expect(decoded[0]).not.toBe("I-Thing");
    expect(decodeTags(rows, tags, [], transitionBucketsOf(tags, []))).toEqual({ tags: [], margins: [] });
  });
});

describe("trainSpanTagger", () => {
  it("gives the same bytes for the same data and seed, and other bytes for another seed", () => {
    const first = JSON.stringify(trainSpanTagger(CORPUS, { seed: 7, epochs: 3 }));
    expect(JSON.stringify(trainSpanTagger(CORPUS, { seed: 7, epochs: 3 }))).toBe(first);
    expect(JSON.stringify(trainSpanTagger(CORPUS, { seed: 8, epochs: 3 }))).not.toBe(first);
  });

  it("learns to find a possession in a frame it has seen, with a word it has not", () => {
    const tagger = new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 8 }));
    const spans = tagger.tag(read("my flonk broke again"));
    expect(spans.map((span) => ({ type: span.type, start: span.start, end: span.end }))).toEqual([{ type: "Thing", start: 3, end: 8 }]);
    expect(tagger.tag(read("honestly today was fine"))).toEqual([]);
  });

  it("refuses a model file of another format", () => {
    const file = trainSpanTagger(CORPUS, { seed: 1, epochs: 1 });
    expect(() => new SpanTagger({ ...file, layers: file.layers.slice(1) })).toThrow(/expected format/);
    expect(() => new SpanTagger({ ...file, format: "innerworld-span-tagger/1" } as unknown as SpanTaggerFile)).toThrow(/expected format/);
  });

  it("learns from the rules' findings when it reads them, and is refused them when it does not", () => {
    // The word alone says nothing; only the rules' finding over it marks the thing, so a tagger must read that to learn it.
    const withRules = (text: string, word: string) => {
      const message = read(text);
      const start = text.indexOf(word);
      return { message, entities: [{ type: "Thing" as const, name: word }], ruleSpans: [{ type: "Thing", start, end: start + word.length }] };
    };
    const corpus = ["the blip is here", "the snor is here", "the quab is here", "the wemp is here"].map((text) => withRules(text, text.split(" ")[1] ?? ""));
    const plain: LabelledExample[] = ["the frell is here", "the dorp is here", "the vunk is here", "the yarl is here"].map((text) => ({ message: read(text), entities: [], ruleSpans: [] }));
    const file = trainSpanTagger([...corpus, ...plain], { seed: 3, epochs: 8, reads: "text-and-rules" });
    expect(file.reads).toBe("text-and-rules");
    const tagger = new SpanTagger(file);
    const message = read("the grom is here");
    expect(tagger.tag(message, [{ type: "Thing", start: 4, end: 8 }]).map((span) => spanText(message, span.first, span.last))).toEqual(["grom"]);
    expect(tagger.tag(message, [])).toEqual([]);
    expect(() => tagger.tag(message)).toThrow(/reads text-and-rules, and was not given/);
    expect(() => new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 1 })).tag(message, [])).toThrow(/reads text, and was given/);
    expect(() => trainSpanTagger(CORPUS, { seed: 1, epochs: 1, reads: "text-and-rules" })).toThrow(/carry the rules' findings/);
    expect(() => new SpanTagger({ ...file, reads: "everything" } as unknown as SpanTaggerFile)).toThrow(/expected format/);
  });

  it("hashes features and shuffles the same on every platform", () => {
    expect(bucketOf("w:mom")).toBe(bucketOf("w:mom"));
    expect(bucketOf("w:mom")).not.toBe(bucketOf("w:dad"));
    const random = seededRandom(42);
    const again = seededRandom(42);
    expect([random(), random(), random()]).toEqual([again(), again(), again()]);
  });
});

describe("addTaggedSpans", () => {
  const tagger = new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 8 }));

  it("adds a tagged span the rules missed, with the user's edge for its type", () => {
    const found = new MessageFindings(read("my flonk broke again"));
    addTaggedSpans(found, tagger.tag(found.message), { Thing: 0 });
    expect(found.entities.map((entity) => ({ type: entity.type, name: entity.name, edges: entity.userEdges }))).toEqual([{ type: "Thing", name: "flonk", edges: [{ type: "mentions" }] }]);
  });

  it("adds nothing for a type without a threshold, or where a finding already lies", () => {
    const untyped = new MessageFindings(read("my flonk broke again"));
    addTaggedSpans(untyped, tagger.tag(untyped.message), { Person: 0 });
    expect(untyped.entities).toEqual([]);

    const taken = new MessageFindings(read("my flonk broke again"));
    taken.add({ type: "Habit", name: "breaking flonks", start: 3, end: 8 });
    addTaggedSpans(taken, tagger.tag(taken.message), { Thing: 0 });
    expect(taken.entities.map((entity) => entity.type)).toEqual(["Habit"]);
  });
});

describe("addTaggedSpans inside a longer finding", () => {
  const tagger = new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 8 }));

  it("adds a thing inside a goal the rules found, and links the goal to it", () => {
    const found = new MessageFindings(read("i want to fix my flonk"));
    const goal = found.add({ type: "Goal", name: "fix my flonk", start: 10, end: 22, userEdges: [{ type: "supports" }] });
    addTaggedSpans(found, tagger.tag(found.message), { Thing: 0 });
    const thing = found.entities.find((entity) => entity.type === "Thing");
    expect(thing?.name).toBe("flonk");
    expect(found.links).toEqual([{ type: "about", from: goal, to: thing }]);
  });

  it("adds nothing that only partly overlaps a finding, or overlaps a person or place", () => {
    const partly = new MessageFindings(read("my flonk broke again"));
    partly.add({ type: "Event", name: "flonk", start: 3, end: 8 });
    partly.add({ type: "Habit", name: "my flo", start: 0, end: 6 });
    addTaggedSpans(partly, tagger.tag(partly.message), { Thing: 0 });
    expect(partly.entities.map((entity) => entity.type)).toEqual(["Event", "Habit"]);

    const person = new MessageFindings(read("my flonk broke again"));
    person.add({ type: "Person", name: "my flonk broke", start: 0, end: 14 });
    addTaggedSpans(person, tagger.tag(person.message), { Thing: 0 });
    expect(person.entities.map((entity) => entity.type)).toEqual(["Person"]);
  });
});

describe("addTaggedSpans on what the rules turn down", () => {
  const feelings = new SpanTagger(
    trainSpanTagger(
      [
        example("i'm so blorped rn", [{ type: "Feeling", name: "blorped" }]),
        example("honestly i feel snargy today", [{ type: "Feeling", name: "snargy" }]),
        example("im lowkey quembled about it", [{ type: "Feeling", name: "quembled" }]),
        example("i went to the store", []),
        example("my mom picked me up", [{ type: "Person", name: "mom" }]),
        example("my dad drove us", [{ type: "Person", name: "dad" }]),
      ],
      { seed: 3, epochs: 8 },
    ),
  );
  const added = (text: string, type: EntityType) => {
    const found = new MessageFindings(read(text));
    addTaggedSpans(found, feelings.tag(found.message), { [type]: -1000 });
    return found.entities.map((entity) => entity.name);
  };

  it("adds the user's own feeling but not one denied or somebody else's", () => {
    expect(added("i'm so grumbled rn", "Feeling")).toEqual(["grumbled"]);
    expect(added("i'm not grumbled rn", "Feeling")).toEqual([]);
    expect(added("my sister is so grumbled rn", "Feeling")).toEqual([]);
  });

  it("adds the user's goal but not one denied, somebody else's or a wish the rules never keep", () => {
    const goals = new SpanTagger(
      trainSpanTagger(
        [
          example("i want to zorble the fence", [{ type: "Goal", name: "zorble the fence" }]),
          example("i really want to plonk a tree", [{ type: "Goal", name: "plonk a tree" }]),
          example("i want to wibble my bike", [{ type: "Goal", name: "wibble my bike" }]),
          example("i went to the store", []),
        ],
        { seed: 3, epochs: 8 },
      ),
    );
    const goalsIn = (text: string) => {
      const found = new MessageFindings(read(text));
      addTaggedSpans(found, goals.tag(found.message), { Goal: -1000 });
      return found.entities.map((entity) => entity.name);
    };
    expect(goalsIn("i want to snorp the lake")).toEqual(["snorp the lake"]);
    expect(goalsIn("i don't want to snorp the lake")).toEqual([]);
    expect(goalsIn("she wants to snorp the lake")).toEqual([]);
    expect(goalsIn("i want to die")).toEqual([]);
  });

  it("adds the user's family but not somebody else's", () => {
    expect(added("my mom picked me up", "Person")).toEqual(["mom"]);
    expect(added("her mom picked me up", "Person")).toEqual([]);
    expect(added("Jordan's mom picked me up", "Person")).toEqual([]);
  });
});

describe("letTaggerDecide", () => {
  /** A span over the words given, as the tagger over the rules would return it. */
  const spanOver = (found: MessageFindings, words: string, type: EntityType): TaggedSpan => {
    const start = found.message.text.indexOf(words);
    const end = start + words.length;
    const first = found.message.tokens.findIndex((token) => token.start === start);
    const last = found.message.tokens.findIndex((token) => token.end === end);
    return { type, first, last, start, end, margin: 10 };
  };
  const findingsOf = (text: string) => new MessageFindings(read(text));

  it("redraws a finding it tags under another name, keeping the rules' date, and leaves the others of its types", () => {
    const found = findingsOf("the big chem test is friday and practice is sunday");
    found.add({ type: "Event", name: "chem test", start: 8, end: 17, userEdges: [{ type: "temporal", time: "2026-11-27" }] });
    found.add({ type: "Activity", name: "practice", start: 31, end: 39 });
    letTaggerDecide(found, [spanOver(found, "big chem test", "Event")], new Set<EntityType>(["Event", "Activity"]));
    expect(found.entities.map((entity) => [entity.type, entity.name, entity.userEdges])).toEqual([
      ["Activity", "practice", []],
      ["Event", "big chem test", [{ type: "temporal", time: "2026-11-27" }]],
    ]);
  });

  it("keeps a finding that closes a fact and one it names the same, and decides its types alone", () => {
    const found = findingsOf("i quit soccer and my party is saturday at the lake");
    found.add({ type: "Activity", name: "soccer", start: 7, end: 13, userEdges: [{ type: "involves", ended: true }] });
    found.add({ type: "Event", name: "party", start: 21, end: 26, attributes: { date: "2026-11-28" } });
    letTaggerDecide(found, [spanOver(found, "i quit soccer", "Activity"), spanOver(found, "party", "Event"), spanOver(found, "lake", "Place")], new Set<EntityType>(["Event", "Activity"]));
    expect(found.entities.map((entity) => [entity.type, entity.name, entity.attributes, entity.userEdges])).toEqual([
      ["Activity", "soccer", {}, [{ type: "involves", ended: true }]],
      ["Event", "party", { date: "2026-11-28" }, []],
    ]);
  });

  it("leaves a finding in place when the span that would redraw it may not be added", () => {
    const found = findingsOf("i need to figure out how to tell my dad");
    const goal = found.add({ type: "Goal", name: "figure out how to tell my dad", start: 10, end: 39, userEdges: [{ type: "supports" }] });
    const dad = found.add({ type: "Person", name: "dad", start: 36, end: 39 });
    found.link("about", goal, dad);
    letTaggerDecide(found, [spanOver(found, "tell my dad", "Goal")], new Set<EntityType>(["Goal"]));
    expect(found.entities.map((entity) => entity.name)).toEqual(["figure out how to tell my dad", "dad"]);
    expect(found.links.map((link) => [link.type, link.from.name, link.to.name])).toEqual([["about", "figure out how to tell my dad", "dad"]]);
  });

  it("hands a redrawn finding's attributes, edges and the links to it to the span that replaces it", () => {
    const found = findingsOf("im so stressed about ap pre calc");
    const subject = found.add({ type: "Topic", name: "calc", start: 28, end: 32, attributes: { kind: "school subject" }, userEdges: [{ type: "mentions" }] });
    const stressed = found.add({ type: "Feeling", name: "stressed", start: 6, end: 14, userEdges: [{ type: "felt_during", time: "2026-11-25" }] });
    found.link("about", stressed, subject);
    letTaggerDecide(found, [spanOver(found, "ap pre calc", "Topic")], new Set<EntityType>(["Topic"]));
    const redrawn = found.entities.find((entity) => entity.type === "Topic");
    expect([redrawn?.name, redrawn?.attributes, redrawn?.userEdges]).toEqual(["ap pre calc", { kind: "school subject", foundBy: "tagger" }, [{ type: "mentions" }]]);
    expect(found.links.map((link) => [link.type, link.from.name, link.to.name])).toEqual([["about", "stressed", "ap pre calc"]]);
  });

  it("adds a goal nobody found with its edge, and not a wish the rules never keep", () => {
    const found = findingsOf("i want to make varsity. i want to die");
    letTaggerDecide(found, [spanOver(found, "make varsity", "Goal"), spanOver(found, "die", "Goal")], new Set<EntityType>(["Goal"]));
    expect(found.entities.map((entity) => [entity.type, entity.name, entity.userEdges, entity.attributes.foundBy])).toEqual([["Goal", "make varsity", [{ type: "supports" }], "tagger"]]);
  });
});

describe("the committed models", () => {
  const file = JSON.parse(readFileSync(SPAN_TAGGER_MODEL_PATH, "utf8")) as SpanTaggerFile;
  const overRules = JSON.parse(readFileSync(OVER_RULES_TAGGER_MODEL_PATH, "utf8")) as SpanTaggerFile;

  it("were trained on the current train split (retrain with `pnpm train:extraction` when it changes), one reading the rules too", () => {
    for (const model of [file, overRules]) {
      expect(model.trainedOn.split).toBe("train");
      expect(model.trainedOn.splitSha256).toBe(sha256Of(splitPath("train")));
      expect(model.trainedOn.examples).toBe(readSplit("train").messages.length);
    }
    expect([file.reads, overRules.reads]).toEqual(["text", "text-and-rules"]);
  });

  it("load, and the extractor runs with them and without them; outside the types the tagger decides, it keeps what the rules found", async () => {
    expect(() => new SpanTagger(file)).not.toThrow();
    expect(() => new SpanTagger(overRules)).not.toThrow();
    const messages = [{ role: "user" as const, content: "my mom and i are driving to seoul next week", createdAt: referenceDate.toISOString() }];
    const learned = await createOfflineExtractor().extract(messages, { referenceDate });
    const rulesOnly = await createOfflineExtractor({ learned: false }).extract(messages, { referenceDate });
    const notDecided = (extraction: typeof learned) => extraction.entities.filter((entity) => !TAGGER_DECIDES.has(entity.type)).map((entity) => entity.name);
    expect(notDecided(rulesOnly).length).toBeGreaterThan(0);
    expect(notDecided(learned)).toEqual(expect.arrayContaining(notDecided(rulesOnly)));
  });
});

describe("the extractor's two taggers", () => {
  /** A tagger that notes the rule spans each call hands it. */
  class ListeningTagger extends SpanTagger {
    readonly given: (readonly RuleSpan[] | undefined)[] = [];
    override tag(message: MessageText, ruleSpans?: readonly RuleSpan[]): TaggedSpan[] {
      this.given.push(ruleSpans);
      return super.tag(message, ruleSpans);
    }
  }

  it("hand the tagger over the rules what the rules found, before the other tagger added to it", async () => {
    const addsToRules = new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 8 }));
    const overRules = new ListeningTagger(trainSpanTagger(CORPUS.map((example) => ({ ...example, ruleSpans: [] })), { seed: 1, epochs: 8, reads: "text-and-rules" }));
    const text = "i cant find my flonk anywhere and my mom is mad";
    const extraction = await createOfflineExtractor({ taggers: { addsToRules, overRules }, learned: { Thing: 0 }, taggerDecides: new Set(["Goal"]) }).extract(
      [{ role: "user", content: text, createdAt: referenceDate.toISOString() }],
      { referenceDate },
    );
    // The other tagger added the flonk; the rules found the mom. Only the rules' finding reaches the tagger over them.
    expect(extraction.entities.map((entity) => `${entity.type}:${entity.name}`)).toEqual(expect.arrayContaining(["Thing:flonk", "Person:mom"]));
    const rules = new MessageFindings(read(text));
    applyRules(rules);
    expect(overRules.given).toEqual([ruleSpansOf(rules)]);
    expect(ruleSpansOf(rules).map((span) => rules.message.text.slice(span.start, span.end))).toEqual(["my mom"]);
  });
});
