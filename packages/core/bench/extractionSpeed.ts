// Prints how long the offline extractor takes on a 50-message session: the first (cold) run, then p50/p99 over 20 runs.
// Run: npx tsx packages/core/bench/extractionSpeed.ts [runs]
//
// The session is 50 user messages from the labelled fixture (assistant turns are skipped before any
// parsing, so a session of only user turns is the expensive case). Each run extracts the whole session,
// as graph-extraction does once per TranscriptReady.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createOfflineExtractor, type TranscriptMessage } from "../src/extraction/index";

const SESSION_LENGTH = 50;
const runs = Number(process.argv[2] ?? 20);
const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/extraction/labelled-messages.json"), "utf8")) as {
  referenceDate: string;
  messages: { text: string }[];
};
const referenceDate = new Date(fixture.referenceDate);
const session: TranscriptMessage[] = Array.from({ length: SESSION_LENGTH }, (_, index) => ({
  role: "user",
  content: fixture.messages[index % fixture.messages.length]?.text ?? "",
  createdAt: new Date(referenceDate.getTime() - (SESSION_LENGTH - index) * 30_000).toISOString(),
}));
const characters = session.reduce((total, message) => total + message.content.length, 0);
const extractor = createOfflineExtractor();

const time = async () => {
  const started = performance.now();
  const extraction = await extractor.extract(session, { referenceDate });
  return { ms: performance.now() - started, extraction };
};

const cold = await time();
const durations: number[] = [];
for (let run = 0; run < runs; run += 1) durations.push((await time()).ms);
durations.sort((a, b) => a - b);
const percentile = (p: number) => durations[Math.min(durations.length - 1, Math.ceil((p / 100) * durations.length) - 1)] ?? Number.NaN;

console.log(`offline extraction, ${SESSION_LENGTH}-message session (${characters} characters), node ${process.version}`);
console.log(`found ${cold.extraction.entities.length} entities, ${cold.extraction.relations.length} relations`);
console.log(`cold (first run, compromise warming up): ${cold.ms.toFixed(1)} ms`);
console.log(`warm over ${runs} runs: p50 ${percentile(50).toFixed(1)} ms  p99 ${percentile(99).toFixed(1)} ms  min ${durations[0]?.toFixed(1)} ms  max ${durations[durations.length - 1]?.toFixed(1)} ms`);
console.log(`per message at p50: ${(percentile(50) / SESSION_LENGTH).toFixed(2)} ms`);
