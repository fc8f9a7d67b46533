// Imports a writer's concept lexicon: checks its shape, keeps the file byte for byte with its SHA-256, and writes its terms in the normaliser's form.
// Usage: npx tsx packages/screening/bench/classifier/importConcepts.ts <directory holding concepts.json>

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { normaliseLexicon, parseReceivedLexicon } from "./concepts";
import { CONCEPTS_FILE, CONCEPTS_RECEIVED_FILE } from "./paths";
import { sha256 } from "./pipeline";

const directory = process.argv[2];
if (directory === undefined) throw new Error("usage: importConcepts.ts <directory holding concepts.json>");
const source = join(directory, "concepts.json");
const bytes = readFileSync(source);
const digest = sha256(bytes);
const received = parseReceivedLexicon(JSON.parse(bytes.toString("utf8")));
// When it was delivered: the writer's DONE mark if there is one, else the file itself.
const done = join(directory, "DONE");
const receivedAt = statSync(existsSync(done) ? done : source).mtime.toISOString();
const lexicon = normaliseLexicon(received, digest, receivedAt);
mkdirSync(dirname(CONCEPTS_FILE), { recursive: true });
copyFileSync(source, CONCEPTS_RECEIVED_FILE);
writeFileSync(CONCEPTS_FILE, `${JSON.stringify(lexicon, null, 1)}\n`);
console.log(`concept lexicon by ${received.author}, received ${receivedAt}, sha256 ${digest}`);
console.log(`${Object.keys(lexicon.concepts).length} concepts, ${lexicon.termsReceived} terms received, ${lexicon.termsKept} distinct matching forms kept, ${lexicon.dropped.length} normalised to nothing`);
for (const d of lexicon.dropped) console.log(`  dropped (${d.concept}, ${d.lang}): ${JSON.stringify(d.term)}`);
