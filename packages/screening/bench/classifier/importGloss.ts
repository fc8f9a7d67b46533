// Imports a writer's Spanish glossary: checks its shape, keeps the file byte for byte with its SHA-256, and writes its entries in the normaliser's form.
// Usage: npx tsx packages/screening/bench/classifier/importGloss.ts <directory holding gloss.received.json>

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { normaliseGloss, parseReceivedGloss } from "./gloss";
import { GLOSS_FILE, GLOSS_RECEIVED_FILE } from "./paths";
import { sha256 } from "./pipeline";

const directory = process.argv[2];
if (directory === undefined) throw new Error("usage: importGloss.ts <directory holding gloss.received.json>");
const source = join(directory, "gloss.received.json");
const bytes = readFileSync(source);
const digest = sha256(bytes);
const received = parseReceivedGloss(JSON.parse(bytes.toString("utf8")));
// When it was delivered: the writer's DONE mark if there is one, else the file itself.
const done = join(directory, "DONE");
const receivedAt = statSync(existsSync(done) ? done : source).mtime.toISOString();
const gloss = normaliseGloss(received, digest, receivedAt);
mkdirSync(dirname(GLOSS_FILE), { recursive: true });
copyFileSync(source, GLOSS_RECEIVED_FILE);
writeFileSync(GLOSS_FILE, `${JSON.stringify(gloss, null, 1)}\n`);
console.log(`glossary by ${received.author}, received ${receivedAt}, sha256 ${digest}`);
const why = (reason: string) => gloss.dropped.filter((d) => d.why === reason).length;
console.log(`${gloss.entriesReceived} entries received, ${gloss.entriesKept} kept; dropped: ${why("empty")} empty, ${why("repeated")} repeated, ${why("unchanged")} unchanged`);
