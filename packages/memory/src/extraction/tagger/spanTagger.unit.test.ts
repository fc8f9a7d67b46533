// The span tagger: labels align to token spans, training is deterministic, a trained tagger finds spans it was taught, and the extractor adds only what the rules missed.
import { readFileSync } from "node:fs";
import { seededRandom } from "@innerworld/platform/random";
import { describe, expect, it } from "vitest";
import { readSplit, sha256Of, splitPath } from "../../../bench/eval/labelledSet";
import type { EntityType } from "../../graph/model.js";
import { MessageFindings } from "../MessageFindings.js";
import { createOfflineExtractor } from "../offlineExtractor.js";
import { readMessage } from "../readMessage.js";
import { addTaggedSpans } from "./addTaggedSpans.js";
import { SPAN_TAGGER_MODEL_PATH } from "./modelPath.js";
import { GrowingRows, SpanTagger, bucketOf, decodeTags, type SpanTaggerFile } from "./spanTagger.js";
import { alignEntities, trainSpanTagger, type LabelledExample } from "./trainSpanTagger.js";

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
});

describe("decodeTags", () => {
  // Two tokens: alone, the first looks more like O (1 against 0.9); the second is a strong continuation of a thing (5).
  const tags = ["O", "B-Thing", "I-Thing"];
  const rows = new GrowingRows(
    new Map([
      [bucketOf("first"), Float64Array.from([1, 0.9, 0])],
      [bucketOf("second"), Float64Array.from([0, 0, 5])],
    ]),
  );

  it("chooses the best sequence under BIO, not each token's best tag in turn, with each token's margin over O", () => {
    const { tags: decoded, margins } = decodeTags(rows, tags, [[bucketOf("first")], [bucketOf("second")]], ["red", "scarf"]);
    expect(decoded).toEqual(["B-Thing", "I-Thing"]);
    // The best sequence scores 5.9; the best with O at either token is O O (1).
    expect(margins.map((margin) => Number(margin.toFixed(6)))).toEqual([4.9, 4.9]);
  });

  it("never opens a span with I-", () => {
    const { tags: decoded } = decodeTags(rows, tags, [[bucketOf("second")], [bucketOf("second")]], ["scarf", "scarf"]);
    expect(decoded[0]).not.toBe("I-Thing");
    expect(decodeTags(rows, tags, [], [])).toEqual({ tags: [], margins: [] });
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
    addTaggedSpans(found, tagger, { Thing: 0 });
    expect(found.entities.map((entity) => ({ type: entity.type, name: entity.name, edges: entity.userEdges }))).toEqual([{ type: "Thing", name: "flonk", edges: [{ type: "mentions" }] }]);
  });

  it("adds nothing for a type without a threshold, or where a finding already lies", () => {
    const untyped = new MessageFindings(read("my flonk broke again"));
    addTaggedSpans(untyped, tagger, { Person: 0 });
    expect(untyped.entities).toEqual([]);

    const taken = new MessageFindings(read("my flonk broke again"));
    taken.add({ type: "Habit", name: "breaking flonks", start: 3, end: 8 });
    addTaggedSpans(taken, tagger, { Thing: 0 });
    expect(taken.entities.map((entity) => entity.type)).toEqual(["Habit"]);
  });
});

describe("addTaggedSpans inside a longer finding", () => {
  const tagger = new SpanTagger(trainSpanTagger(CORPUS, { seed: 1, epochs: 8 }));

  it("adds a thing inside a goal the rules found, and links the goal to it", () => {
    const found = new MessageFindings(read("i want to fix my flonk"));
    const goal = found.add({ type: "Goal", name: "fix my flonk", start: 10, end: 22, userEdges: [{ type: "supports" }] });
    addTaggedSpans(found, tagger, { Thing: 0 });
    const thing = found.entities.find((entity) => entity.type === "Thing");
    expect(thing?.name).toBe("flonk");
    expect(found.links).toEqual([{ type: "about", from: goal, to: thing }]);
  });

  it("adds nothing that only partly overlaps a finding, or overlaps a person or place", () => {
    const partly = new MessageFindings(read("my flonk broke again"));
    partly.add({ type: "Event", name: "flonk", start: 3, end: 8 });
    partly.add({ type: "Habit", name: "my flo", start: 0, end: 6 });
    addTaggedSpans(partly, tagger, { Thing: 0 });
    expect(partly.entities.map((entity) => entity.type)).toEqual(["Event", "Habit"]);

    const person = new MessageFindings(read("my flonk broke again"));
    person.add({ type: "Person", name: "my flonk broke", start: 0, end: 14 });
    addTaggedSpans(person, tagger, { Thing: 0 });
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
    addTaggedSpans(found, feelings, { [type]: -1000 });
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
      addTaggedSpans(found, goals, { Goal: -1000 });
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

describe("the committed model", () => {
  const file = JSON.parse(readFileSync(SPAN_TAGGER_MODEL_PATH, "utf8")) as SpanTaggerFile;

  it("was trained on the current train split (retrain with `pnpm train:extraction` when it changes)", () => {
    expect(file.trainedOn.split).toBe("train");
    expect(file.trainedOn.splitSha256).toBe(sha256Of(splitPath("train")));
    expect(file.trainedOn.examples).toBe(readSplit("train").messages.length);
  });

  it("loads, and the extractor runs with it and without it", async () => {
    expect(() => new SpanTagger(file)).not.toThrow();
    const messages = [{ role: "user" as const, content: "my mom and i are driving to seoul next week", createdAt: referenceDate.toISOString() }];
    const learned = await createOfflineExtractor().extract(messages, { referenceDate });
    const rulesOnly = await createOfflineExtractor({ learned: false }).extract(messages, { referenceDate });
    expect(learned.entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(rulesOnly.entities.map((entity) => entity.name)));
  });
});
