// `pnpm train:extraction`: trains the extraction span tagger on the train split only and writes the committed model file.
// Run: npx -y pnpm@10 train:extraction [--check]
//
// --check retrains and fails unless the result is byte for byte the committed model: training is deterministic (fixed
// seed, ordered writes), so anyone can reproduce the file from the committed data.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { readMessage } from "../src/extraction/readMessage";
import { SPAN_TAGGER_MODEL_PATH } from "../src/extraction/tagger/modelPath";
import { TAG_LAYERS } from "../src/extraction/tagger/spanTagger";
import { alignEntities, trainSpanTagger, type LabelledExample } from "../src/extraction/tagger/trainSpanTagger";
import { readSplit, sha256Of, splitPath } from "./eval/labelledSet";
import { TAGGER_EPOCHS as EPOCHS, TAGGER_SEED as SEED } from "./eval/taggerSettings";

const started = performance.now();
const train = readSplit("train");
const examples: LabelledExample[] = [];
let labelled = 0;
const unalignedByType = new Map<string, number>();
for (const labelledMessage of train.messages) {
  // Read as the extractor reads it at run time: the same normalisation, tokens and tags.
  const message = readMessage(labelledMessage.text, { referenceDate: new Date(labelledMessage.referenceDate), timeZone: "UTC", sentAt: labelledMessage.referenceDate });
  // Each layer aligns its own types, as training does: what no layer can place is reported.
  for (const types of TAG_LAYERS) {
    const alignment = alignEntities(message, labelledMessage.entities.filter((entity) => types.includes(entity.type)));
    for (const entity of alignment.unaligned) unalignedByType.set(entity.type, (unalignedByType.get(entity.type) ?? 0) + 1);
  }
  labelled += labelledMessage.entities.length;
  examples.push({ message, entities: labelledMessage.entities });
}

const model = trainSpanTagger(examples, { seed: SEED, epochs: EPOCHS }, { split: "train", splitSha256: sha256Of(splitPath("train")) });
const text = `${JSON.stringify(model, null, 1)}\n`;
const sha256 = createHash("sha256").update(text).digest("hex");
const unaligned = [...unalignedByType.values()].reduce((total, count) => total + count, 0);
console.log(`trained on ${examples.length} train messages (${model.trainedOn.tokens} tokens), seed ${SEED}, ${EPOCHS} epochs, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`labelled entities aligned to a token span: ${labelled - unaligned} of ${labelled}; not found in the text: ${[...unalignedByType].map(([type, count]) => `${type} ${count}`).join(", ")}`);
console.log(`model: ${(text.length / 1024).toFixed(0)} KB, sha256 ${sha256}`);

if (process.argv.includes("--check")) {
  const committed = readFileSync(SPAN_TAGGER_MODEL_PATH, "utf8");
  if (committed !== text) {
    console.error(`the committed model (sha256 ${createHash("sha256").update(committed).digest("hex")}) is not what training gives: retrain and commit`);
    process.exit(1);
  }
  console.log("the committed model is byte for byte what training gives");
} else {
  writeFileSync(SPAN_TAGGER_MODEL_PATH, text);
  console.log(`wrote ${SPAN_TAGGER_MODEL_PATH}`);
}
