// Imports a writer's Spanish glossary: checks its shape, keeps the file byte for byte with its SHA-256, and writes its entries in the normaliser's form.
// Usage: npx tsx packages/screening/bench/classifier/importGloss.ts <directory holding gloss.received.json>

import { normaliseGloss, parseReceivedGloss } from "./gloss";
import { GLOSS_FILE, GLOSS_RECEIVED_FILE } from "./paths";
import { keepDelivered, readDelivered } from "./writerFile";

const directory = process.argv[2];
if (directory === undefined) throw new Error("usage: importGloss.ts <directory holding gloss.received.json>");
const delivered = readDelivered(directory, "gloss.received.json");
const received = parseReceivedGloss(delivered.json);
const gloss = normaliseGloss(received, delivered.sha256, delivered.receivedAt);
keepDelivered(delivered, GLOSS_RECEIVED_FILE, GLOSS_FILE, gloss);
console.log(`glossary by ${received.author}, received ${delivered.receivedAt}, sha256 ${delivered.sha256}`);
const why = (reason: string) => gloss.dropped.filter((d) => d.why === reason).length;
console.log(`${gloss.entriesReceived} entries received, ${gloss.entriesKept} kept; dropped: ${why("empty")} empty, ${why("repeated")} repeated, ${why("unchanged")} unchanged`);
