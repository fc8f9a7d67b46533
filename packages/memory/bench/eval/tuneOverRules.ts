// Chooses, on the dev split only, which types the tagger that reads the rules' findings decides outright (TAGGER_DECIDES).
// Run: npx tsx packages/memory/bench/eval/tuneOverRules.ts [--seeds 20261205,100,200]
//
// Both taggers are trained in memory on the train split with several seeds (the committed models' first), and every
// figure is the mean over them. Per type, its exact F1 on dev two ways: the rules with the text-only tagger's additions
// at their best margin for that type (best here, so the comparison favours leaving the type as it is), and the rules
// redrawn and added to by the tagger over the rules (offlineExtractor's letTaggerDecide). Scored on the whole dev split
// and on writers D and F to P alone, whom the rules' authors never read. A type is decided by the tagger where that
// gains at least 0.010 on writers D and F to P (one seed's figures move by about ±0.01 from another's) and loses no more
// than 0.005 on the whole split. Test and fresh are never read.
import type { EntityType, Extraction } from "../../src/graph/model";
import { MessageFindings } from "../../src/extraction/MessageFindings";
import { applyRules } from "../../src/extraction/offlineRules";
import { readMessage, type MessageText } from "../../src/extraction/readMessage";
import { resolveEntities } from "../../src/extraction/resolveEntities";
import { addTaggedSpans, letTaggerDecide, ruleSpansOf } from "../../src/extraction/tagger/addTaggedSpans";
import { SpanTagger, type TaggedSpan } from "../../src/extraction/tagger/spanTagger";
import { trainSpanTagger, type LabelledExample } from "../../src/extraction/tagger/trainSpanTagger";
import type { RuleSpan } from "../../src/extraction/tagger/tokenFeatures";
import { isUnseenByTheRules, readSplit, type LabelledMessage } from "./labelledSet";
import { ENTITY_TYPES, prf, scoreMessage, type Counts } from "./scoreExtraction";
import { TAGGER_EPOCHS, TAGGER_SEED } from "./taggerSettings";

const seeds = (process.argv.includes("--seeds") ? (process.argv[process.argv.indexOf("--seeds") + 1] ?? "") : `${TAGGER_SEED},100,200`).split(",").map(Number);
const MARGINS = [0, 2, 5, 10, 20, 40] as const;
const NEW_GAIN = 10;
const WHOLE_LOSS = 5;

const read = (message: LabelledMessage) => readMessage(message.text, { referenceDate: new Date(message.referenceDate), timeZone: "UTC", sentAt: message.referenceDate });
const ruleSpansFor = (message: MessageText): RuleSpan[] => {
  const found = new MessageFindings(message);
  applyRules(found);
  return ruleSpansOf(found);
};
const train: LabelledExample[] = readSplit("train").messages.map((labelled) => {
  const message = read(labelled);
  return { message, entities: labelled.entities, ruleSpans: ruleSpansFor(message) };
});
const dev = readSplit("dev").messages;
const devText = dev.map(read);
const devRuleSpans = devText.map(ruleSpansFor);
const parts = { whole: (_: LabelledMessage) => true, new: (message: LabelledMessage) => isUnseenByTheRules(message.id) } as const;
type Part = keyof typeof parts;

/** Exact F1 of one type on each part of dev, in thousandths as printed, for one way of extracting. */
function f1Of(type: EntityType, extract: (index: number) => Extraction): Record<Part, number> {
  const result = {} as Record<Part, number>;
  const extractions = dev.map((_, index) => extract(index));
  for (const [part, keep] of Object.entries(parts) as [Part, (message: LabelledMessage) => boolean][]) {
    const counts: Counts = { tp: 0, fp: 0, fn: 0 };
    dev.forEach((message, index) => {
      if (!keep(message)) return;
      const typed = scoreMessage(message, extractions[index] as Extraction).exact.get(type) as Counts;
      counts.tp += typed.tp;
      counts.fp += typed.fp;
      counts.fn += typed.fn;
    });
    result[part] = Math.round(prf(counts).f1 * 1000);
  }
  return result;
}

const entitiesOf = (found: MessageFindings): Extraction =>
  resolveEntities({ entities: found.entities.map((entity) => ({ type: entity.type, name: entity.name, aliases: entity.aliases, attributes: entity.attributes })), relations: [] });

/** Per type and way, the per-seed figures. */
const figures = new Map<string, Record<Part, number>[]>();
const record = (key: string, value: Record<Part, number>) => figures.set(key, [...(figures.get(key) ?? []), value]);
const meanOf = (key: string, part: Part) => {
  const values = figures.get(key) ?? [];
  return values.reduce((sum, value) => sum + value[part], 0) / Math.max(values.length, 1);
};

for (const seed of seeds) {
  const addsToRules = new SpanTagger(trainSpanTagger(train, { seed, epochs: TAGGER_EPOCHS }));
  const overRules = new SpanTagger(trainSpanTagger(train, { seed, epochs: TAGGER_EPOCHS, reads: "text-and-rules" }));
  const added: TaggedSpan[][] = devText.map((message) => addsToRules.tag(message));
  const redrawn: TaggedSpan[][] = devText.map((message, index) => overRules.tag(message, devRuleSpans[index]));
  for (const type of ENTITY_TYPES) {
    for (const margin of MARGINS) {
      record(`${type}|add@${margin}`, f1Of(type, (index) => {
        const found = new MessageFindings(devText[index] as MessageText);
        applyRules(found);
        addTaggedSpans(found, added[index] ?? [], { [type]: margin });
        return entitiesOf(found);
      }));
    }
    record(`${type}|decide`, f1Of(type, (index) => {
      const found = new MessageFindings(devText[index] as MessageText);
      applyRules(found);
      letTaggerDecide(found, redrawn[index] ?? [], new Set([type]));
      return entitiesOf(found);
    }));
  }
}

const f = (thousandths: number) => (thousandths / 1000).toFixed(3);
console.log(`dev: ${dev.length} messages (writers D and F to P: ${dev.filter(parts.new).length}); taggers trained on ${train.length} train messages, seeds ${seeds.join(", ")}, ${TAGGER_EPOCHS} epochs; exact F1 of each type, mean over the seeds, whole dev / writers D and F to P`);
console.log(`${"type".padEnd(9)} ${"best addition".padEnd(22)} tagger over the rules decides`);
const decided: EntityType[] = [];
for (const type of ENTITY_TYPES) {
  const best = MARGINS.map((margin) => ({ margin, whole: meanOf(`${type}|add@${margin}`, "whole"), fresh: meanOf(`${type}|add@${margin}`, "new") })).sort((a, b) => b.whole + b.fresh - (a.whole + a.fresh))[0] as { margin: number; whole: number; fresh: number };
  const whole = meanOf(`${type}|decide`, "whole");
  const fresh = meanOf(`${type}|decide`, "new");
  const decides = fresh - best.fresh >= NEW_GAIN && whole - best.whole >= -WHOLE_LOSS;
  if (decides) decided.push(type);
  console.log(`${type.padEnd(9)} ${`${f(best.whole)}/${f(best.fresh)} at ≥ ${best.margin}`.padEnd(22)} ${f(whole)}/${f(fresh)}${decides ? "  ← decides" : ""}`);
}
console.log(`\nTAGGER_DECIDES: ${JSON.stringify(decided)}`);
