// Chooses, on the dev split only, which types the learned span tagger may add to the rules' findings and how sure it must be.
// Run: npx tsx packages/memory/bench/eval/tuneLearned.ts [--seeds 20261205,100,200]
//
// One training seed's dev figures move by about ±0.01 from another's, as much as most choices here are worth, so the
// tagger is trained in memory on the train split with several seeds (the committed model's first) and every figure is
// their mean. Dev is scored whole and on writers D and F to P's messages alone: those were written after the rules, so the
// rules are not flattered there as they are on writers A-C's dev messages, whose phrasings their authors read. Per type
// and margin, the exact F1 with the tagger's additions at that margin; a type is added where both the whole dev split
// and writers D and F to P gain over the rules alone, at the margin with the best sum of the two as printed, to three decimals
// (ties go to the lower margin).
// The types the tagger over the rules decides (TAGGER_DECIDES, chosen by tuneOverRules.ts) are not swept: nothing adds to them.
// Prints the rules alone, the tagger alone, the sweep, the chosen margins and dev with them (the additions alone, without
// the tagger over the rules). Test and fresh are never read.
import type { EntityType, Extraction } from "../../src/graph/model";
import { MessageFindings } from "../../src/extraction/MessageFindings";
import { applyRules } from "../../src/extraction/offlineRules";
import { readMessage, type MessageText } from "../../src/extraction/readMessage";
import { resolveEntities } from "../../src/extraction/resolveEntities";
import { addTaggedSpans, type AddThresholds } from "../../src/extraction/tagger/addTaggedSpans";
import { SpanTagger, spanText } from "../../src/extraction/tagger/spanTagger";
import { trainSpanTagger } from "../../src/extraction/tagger/trainSpanTagger";
import { isUnseenByTheRules, readSplit, type LabelledMessage } from "./labelledSet";
import { addCounts, emptyCounts, ENTITY_TYPES, prf, scoreMessage, totalOf, type Counts } from "./scoreExtraction";
import { TAGGER_EPOCHS, TAGGER_SEED } from "./taggerSettings";
import { TAGGER_DECIDES } from "../../src/extraction/offlineExtractor";

const seeds = (process.argv.includes("--seeds") ? (process.argv[process.argv.indexOf("--seeds") + 1] ?? "") : `${TAGGER_SEED},100,200`).split(",").map(Number);
const MARGINS = [0, 2, 5, 10, 20, 40] as const;

const read = (message: LabelledMessage) => readMessage(message.text, { referenceDate: new Date(message.referenceDate), timeZone: "UTC", sentAt: message.referenceDate });
const train = readSplit("train").messages.map((message) => ({ message: read(message), entities: message.entities }));
const dev = readSplit("dev").messages;
const devText: MessageText[] = dev.map(read);
const parts = { whole: (_: LabelledMessage) => true, new: (message: LabelledMessage) => isUnseenByTheRules(message.id) } as const;
type Part = keyof typeof parts;

interface Scores {
  exact: Map<EntityType, Counts>;
  lenient: Map<EntityType, Counts>;
}

function score(extract: (index: number) => Extraction): Record<Part, Scores> {
  const result = {} as Record<Part, Scores>;
  const extractions = dev.map((_, index) => extract(index));
  for (const [part, keep] of Object.entries(parts) as [Part, (message: LabelledMessage) => boolean][]) {
    const exact = emptyCounts();
    const lenient = emptyCounts();
    dev.forEach((message, index) => {
      if (!keep(message)) return;
      const scored = scoreMessage(message, extractions[index] as Extraction);
      addCounts(exact, scored.exact);
      addCounts(lenient, scored.lenient);
    });
    result[part] = { exact, lenient };
  }
  return result;
}

const entitiesOf = (found: MessageFindings): Extraction => resolveEntities({ entities: found.entities.map((entity) => ({ type: entity.type, name: entity.name, aliases: entity.aliases, attributes: entity.attributes })), relations: [] });
const withRules = (index: number, tagger?: SpanTagger, thresholds?: AddThresholds) => {
  const found = new MessageFindings(devText[index] as MessageText);
  applyRules(found);
  if (tagger && thresholds) addTaggedSpans(found, tagger.tag(found.message), thresholds);
  return entitiesOf(found);
};

/** Mean F1 over the seeds, by key. */
const means = new Map<string, number[]>();
const record = (key: string, value: number) => means.set(key, [...(means.get(key) ?? []), value]);
const meanOf = (key: string) => {
  const values = means.get(key) ?? [];
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
};
const recordAll = (label: string, scores: Record<Part, Scores>) => {
  for (const part of Object.keys(parts) as Part[]) {
    record(`${label}|${part}|exact`, prf(totalOf(scores[part].exact)).f1);
    record(`${label}|${part}|lenient`, prf(totalOf(scores[part].lenient)).f1);
    for (const type of ENTITY_TYPES) record(`${label}|${part}|${type}`, prf(scores[part].exact.get(type) as Counts).f1);
  }
};

recordAll("rules", score((index) => withRules(index)));
const taggers = seeds.map((seed) => new SpanTagger(trainSpanTagger(train, { seed, epochs: TAGGER_EPOCHS })));
for (const tagger of taggers) {
  recordAll("tagger", score((index) => ({ entities: tagger.tag(devText[index] as MessageText).map((span) => ({ type: span.type, name: spanText(devText[index] as MessageText, span.first, span.last), aliases: [], attributes: {} })), relations: [] })));
  for (const type of ENTITY_TYPES.filter((type) => !TAGGER_DECIDES.has(type))) for (const margin of MARGINS) recordAll(`${type}@${margin}`, score((index) => withRules(index, tagger, { [type]: margin })));
}

const f = (value: number) => value.toFixed(3);
/** In thousandths, as printed, so that sums and comparisons are exact. */
const printed = (value: number) => Math.round(value * 1000);
console.log(`dev: ${dev.length} messages (writers D and F to P: ${dev.filter(parts.new).length}); tagger trained on ${train.length} train messages, seeds ${seeds.join(", ")}, ${TAGGER_EPOCHS} epochs; exact F1, mean over the seeds`);
console.log(`${"type".padEnd(9)} ${"rules alone".padEnd(14)} ${"tagger alone".padEnd(14)} rules + tagger at margin ≥ ${MARGINS.join(", ")} (whole dev / writers D and F to P)`);
const chosen: AddThresholds = {};
for (const type of ENTITY_TYPES) {
  if (TAGGER_DECIDES.has(type)) {
    console.log(`${type.padEnd(9)} decided by the tagger over the rules (tuneOverRules.ts)`);
    continue;
  }
  // Compared as printed, to three decimals: a margin that gains less than that over a lower one is a tie.
  const rulesWhole = printed(meanOf(`rules|whole|${type}`));
  const rulesNew = printed(meanOf(`rules|new|${type}`));
  let best = rulesWhole + rulesNew;
  const row: string[] = [];
  for (const margin of MARGINS) {
    const whole = printed(meanOf(`${type}@${margin}|whole|${type}`));
    const fresh = printed(meanOf(`${type}@${margin}|new|${type}`));
    row.push(`${f(whole / 1000)}/${f(fresh / 1000)}`);
    if (whole > rulesWhole && fresh > rulesNew && whole + fresh > best) {
      best = whole + fresh;
      chosen[type] = margin;
    }
  }
  console.log(`${type.padEnd(9)} ${`${f(rulesWhole / 1000)}/${f(rulesNew / 1000)}`.padEnd(14)} ${`${f(meanOf(`tagger|whole|${type}`))}/${f(meanOf(`tagger|new|${type}`))}`.padEnd(14)} ${row.join("  ")}`);
}
console.log(`${"overall".padEnd(9)} ${`${f(meanOf("rules|whole|exact"))}/${f(meanOf("rules|new|exact"))}`.padEnd(14)} ${f(meanOf("tagger|whole|exact"))}/${f(meanOf("tagger|new|exact"))}`);
console.log(`\nchosen: ${JSON.stringify(chosen)}`);
for (const tagger of taggers) recordAll("chosen", score((index) => withRules(index, tagger, chosen)));
for (const part of Object.keys(parts) as Part[]) {
  console.log(`dev ${part}: rules alone exact ${f(meanOf(`rules|${part}|exact`))} (lenient ${f(meanOf(`rules|${part}|lenient`))}); rules + tagger at the chosen margins ${f(meanOf(`chosen|${part}|exact`))} (lenient ${f(meanOf(`chosen|${part}|lenient`))})`);
}
