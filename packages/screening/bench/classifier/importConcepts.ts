// Imports a writer's concept lexicon: checks its shape, keeps the file byte for byte with its SHA-256, and writes its terms in the normaliser's form.
// Usage: npx tsx packages/screening/bench/classifier/importConcepts.ts <directory holding concepts.json>

import { normaliseLexicon, parseReceivedLexicon } from "./concepts";
import { CONCEPTS_FILE, CONCEPTS_RECEIVED_FILE } from "./paths";
import { keepDelivered, readDelivered } from "./writerFile";

const directory = process.argv[2];
if (directory === undefined) throw new Error("usage: importConcepts.ts <directory holding concepts.json>");
const delivered = readDelivered(directory, "concepts.json");
const received = parseReceivedLexicon(delivered.json);
const lexicon = normaliseLexicon(received, delivered.sha256, delivered.receivedAt);
keepDelivered(delivered, CONCEPTS_RECEIVED_FILE, CONCEPTS_FILE, lexicon);
console.log(`concept lexicon by ${received.author}, received ${delivered.receivedAt}, sha256 ${delivered.sha256}`);
console.log(`${Object.keys(lexicon.concepts).length} concepts, ${lexicon.termsReceived} terms received, ${lexicon.termsKept} distinct matching forms kept, ${lexicon.dropped.length} normalised to nothing`);
for (const d of lexicon.dropped) console.log(`  dropped (${d.concept}, ${d.lang}): ${JSON.stringify(d.term)}`);
