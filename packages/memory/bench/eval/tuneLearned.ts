// Chooses, on the dev split only, which types the learned span tagger may add to the rules' findings and how sure it must be.
// Run: npx tsx packages/memory/bench/eval/tuneLearned.ts [--writer D]
//
// --writer D scores only that writer's dev messages: writer D's were written after both rounds of rules, so on them the
// rules are not flattered by having been written against the messages, as they are on writers A-C's dev messages.
// Prints the tagger alone, the rules alone, and per type the exact F1 with the tagger's additions at each margin, then
// the thresholds that do best on dev (ties go to adding nothing). The test and fresh splits are never read here.
import type { EntityType, Extraction } from "../../src/graph/model";
import { createOfflineExtractor } from "../../src/extraction/offlineExtractor";
import { readMessage } from "../../src/extraction/readMessage";
import { SpanTagger, type SpanTaggerFile } from "../../src/extraction/tagger/spanTagger";
import { spanText } from "../../src/extraction/tagger/spanTagger";
import type { AddThresholds } from "../../src/extraction/tagger/addTaggedSpans";
import taggerModel from "../../model/extraction-tagger.json" with { type: "json" };
import { readSplit } from "./labelledSet";
import { addCounts, emptyCounts, ENTITY_TYPES, prf, scoreMessage, totalOf, type Counts } from "./scoreExtraction";

const writer = process.argv.includes("--writer") ? process.argv[process.argv.indexOf("--writer") + 1] : undefined;
const dev = readSplit("dev");
const split = { ...dev, messages: dev.messages.filter((message) => !writer || message.id.startsWith(writer)) };
const MARGINS = [0, 2, 5, 10, 20, 40] as const;
const fmt = (counts: Counts) => {
  const { precision, recall, f1 } = prf(counts);
  return `P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`;
};

async function score(extract: (text: string, referenceDate: string) => Promise<Extraction>) {
  const exact = emptyCounts();
  const lenient = emptyCounts();
  for (const message of split.messages) {
    const result = scoreMessage(message, await extract(message.text, message.referenceDate));
    addCounts(exact, result.exact);
    addCounts(lenient, result.lenient);
  }
  return { exact, lenient };
}

const tagger = new SpanTagger(taggerModel as SpanTaggerFile);
const alone = await score(async (text, referenceDate) => {
  const message = readMessage(text, { referenceDate: new Date(referenceDate), timeZone: "UTC" });
  return { entities: tagger.tag(message).map((span) => ({ type: span.type, name: spanText(message, span.first, span.last), aliases: [], attributes: {} })), relations: [] };
});
const withThresholds = (learned: AddThresholds | false) => {
  const extractor = createOfflineExtractor({ learned });
  return score((text, referenceDate) => extractor.extract([{ role: "user", content: text, createdAt: referenceDate }], { referenceDate: new Date(referenceDate) }));
};
const rules = await withThresholds(false);

console.log(`dev${writer ? `, writer ${writer} only` : ""}: ${split.messages.length} messages`);
console.log(`${"type".padEnd(9)} ${"tagger alone (exact)".padEnd(34)} ${"rules alone (exact)".padEnd(34)}`);
for (const type of ENTITY_TYPES) console.log(`${type.padEnd(9)} ${fmt(alone.exact.get(type) as Counts).padEnd(34)} ${fmt(rules.exact.get(type) as Counts)}`);
console.log(`${"overall".padEnd(9)} ${fmt(totalOf(alone.exact)).padEnd(34)} ${fmt(totalOf(rules.exact))}`);

const byMargin = new Map<number, Awaited<ReturnType<typeof score>>>();
for (const margin of MARGINS) byMargin.set(margin, await withThresholds(Object.fromEntries(ENTITY_TYPES.map((type) => [type, margin]))));
const chosen: AddThresholds = {};
console.log(`\nexact F1 on dev with the tagger's additions at margin ≥ ${MARGINS.join(", ")} (rules alone first)`);
for (const type of ENTITY_TYPES) {
  const f1Of = (counts: Map<EntityType, Counts>) => prf(counts.get(type) as Counts).f1;
  let best = f1Of(rules.exact);
  const row = [best.toFixed(3)];
  for (const margin of MARGINS) {
    const f1 = f1Of((byMargin.get(margin) as Awaited<ReturnType<typeof score>>).exact);
    row.push(f1.toFixed(3));
    if (f1 > best + 1e-9) {
      best = f1;
      chosen[type] = margin;
    }
  }
  console.log(`${type.padEnd(9)} ${row.join("  ")}`);
}
console.log(`\nchosen: ${JSON.stringify(chosen)}`);
const combined = await withThresholds(chosen);
console.log(`dev with the chosen thresholds: exact ${fmt(totalOf(combined.exact))}, lenient ${fmt(totalOf(combined.lenient))}`);
console.log(`dev, rules alone:               exact ${fmt(totalOf(rules.exact))}, lenient ${fmt(totalOf(rules.lenient))}`);
