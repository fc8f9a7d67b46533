// `pnpm train:extraction`: trains the extraction span taggers on the train split only and writes the committed model files.
// Run: npx -y pnpm@10 train:extraction [--check] [--only text|text-and-rules]
//
// Two taggers from the same data and seed: one reads the text and adds to the rules' findings; the other reads the rules'
// findings too, as features, and decides some types outright (offlineExtractor's TAGGER_DECIDES).
// --check retrains and fails unless the result is byte for byte the committed models: training is deterministic (fixed
// seed, ordered writes), so anyone can reproduce the files from the committed data. --only trains one of the two, so
// CI can check both at once on two cores.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { readMessage } from "../src/extraction/readMessage";
import { MessageFindings } from "../src/extraction/MessageFindings";
import { applyRules } from "../src/extraction/offlineRules";
import { ruleSpansOf } from "../src/extraction/tagger/addTaggedSpans";
import { OVER_RULES_TAGGER_MODEL_PATH, SPAN_TAGGER_MODEL_PATH } from "../src/extraction/tagger/modelPath";
import { TAG_LAYERS } from "../src/extraction/tagger/spanTagger";
import { alignEntities, trainSpanTagger, type LabelledExample } from "../src/extraction/tagger/trainSpanTagger";
import { readSplit, sha256Of, splitPath } from "./eval/labelledSet";
import { TAGGER_EPOCHS as EPOCHS, TAGGER_SEED as SEED } from "./eval/taggerSettings";

const started = performance.now();
const train = readSplit("train");
const examples: LabelledExample[] = [];
let labelled = 0;
const unalignedByType = new Map<string, number>();
let looselyAligned = 0;
for (const labelledMessage of train.messages) {
  // Read as the extractor reads it at run time: the same normalisation, tokens and tags.
  const message = readMessage(labelledMessage.text, { referenceDate: new Date(labelledMessage.referenceDate), timeZone: "UTC", sentAt: labelledMessage.referenceDate });
  // Each layer aligns its own types, as training does: what no layer can place is reported.
  for (const types of TAG_LAYERS) {
    const alignment = alignEntities(message, labelledMessage.entities.filter((entity) => types.includes(entity.type)));
    for (const entity of alignment.unaligned) unalignedByType.set(entity.type, (unalignedByType.get(entity.type) ?? 0) + 1);
    looselyAligned += alignment.loose.length;
  }
  labelled += labelledMessage.entities.length;
  const found = new MessageFindings(message);
  applyRules(found);
  examples.push({ message, entities: labelledMessage.entities, ruleSpans: ruleSpansOf(found) });
}

const trainedOn = { split: "train", splitSha256: sha256Of(splitPath("train")) };
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
if (only !== undefined && only !== "text" && only !== "text-and-rules") {
  console.error("--only takes text or text-and-rules");
  process.exit(2);
}
const models = [
  ...(only === undefined || only === "text" ? [{ path: SPAN_TAGGER_MODEL_PATH, model: trainSpanTagger(examples, { seed: SEED, epochs: EPOCHS }, trainedOn) }] : []),
  ...(only === undefined || only === "text-and-rules"
    ? [{ path: OVER_RULES_TAGGER_MODEL_PATH, model: trainSpanTagger(examples, { seed: SEED, epochs: EPOCHS, reads: "text-and-rules" }, trainedOn) }]
    : []),
];
const unaligned = [...unalignedByType.values()].reduce((total, count) => total + count, 0);
console.log(`trained ${models.length === 2 ? "both taggers" : `the tagger reading ${only}`} on ${examples.length} train messages (${models[0]?.model.trainedOn.tokens} tokens), seed ${SEED}, ${EPOCHS} epochs, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`labelled entities aligned to a token span: ${labelled - unaligned} of ${labelled} (${looselyAligned} of them reworded, on the span holding their words); not found in the text: ${[...unalignedByType].map(([type, count]) => `${type} ${count}`).join(", ")}`);
let stale = false;
for (const { path, model } of models) {
  const text = `${JSON.stringify(model, null, 1)}\n`;
  const sha256 = createHash("sha256").update(text).digest("hex");
  console.log(`model reading ${model.reads}: ${(text.length / 1024).toFixed(0)} KB, sha256 ${sha256}`);
  if (process.argv.includes("--check")) {
    const committed = readFileSync(path, "utf8");
    if (committed === text) continue;
    console.error(`the committed ${path} (sha256 ${createHash("sha256").update(committed).digest("hex")}) is not what training gives: retrain and commit`);
    stale = true;
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
if (process.argv.includes("--check")) console.log(`the committed ${models.length === 2 ? "models are" : "model is"} byte for byte what training gives`);
