// Prints how long the offline extractor takes on a 50-message session: the first (cold) run, then p50/p99 over 20 runs.
// Run: npx tsx packages/memory/bench/extractionSpeed.ts [runs] [--rules-only]
//
// The session is 50 user messages from the labelled fixture (assistant turns are skipped before any
// parsing, so a session of only user turns is the expensive case). Each run extracts the whole session,
// as graph-extraction does once per TranscriptReady. `--rules-only` leaves the learned span tagger out, to compare.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ensureTables, startDynamoDb } from "@innerworld/emulators/dynamodb";
import { localCredentials } from "@innerworld/emulators/net";
import { canonicalEntityKey, type TranscriptMessage } from "../src/extraction/index";
import { createOfflineExtractor } from "../src/extraction/offlineExtractor";
import { DynamoDbGraphStore, planMerge } from "../src/graph/index";
import { tableNamesFor } from "@innerworld/platform/tables";

const SESSION_LENGTH = 50;
const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 20);
const rulesOnly = process.argv.includes("--rules-only");
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
const extractor = createOfflineExtractor(rulesOnly ? { learned: false } : {});

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

console.log(`offline extraction${rulesOnly ? " (rules only)" : " (rules and span tagger)"}, ${SESSION_LENGTH}-message session (${characters} characters), node ${process.version}`);
console.log(`found ${cold.extraction.entities.length} entities, ${cold.extraction.relations.length} relations`);
console.log(`cold (first run, compromise warming up): ${cold.ms.toFixed(1)} ms`);
console.log(`warm over ${runs} runs: p50 ${percentile(50).toFixed(1)} ms  p99 ${percentile(99).toFixed(1)} ms  min ${durations[0]?.toFixed(1)} ms  max ${durations[durations.length - 1]?.toFixed(1)} ms`);
console.log(`per message at p50: ${(percentile(50) / SESSION_LENGTH).toFixed(2)} ms`);

// Extraction plus merge, as graph-extraction does it: extract, plan, apply to the DynamoDB graph (dynalite, in memory).
const dynamodb = await startDynamoDb({ port: 0 });
const tables = tableNamesFor("bench");
await ensureTables(dynamodb.endpoint, "us-east-1", tables);
const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: "us-east-1", credentials: localCredentials });
const store = DynamoDbGraphStore.fromClient(client, tables.graph);
const endToEnd: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const { extraction } = await time();
  const mutation = planMerge({ userId: `bench-${run}`, sessionId: `s-${run}`, extraction, observedAt: referenceDate.toISOString(), keyOf: canonicalEntityKey });
  await store.apply(`bench-${run}`, mutation);
  endToEnd.push(performance.now() - started);
}
endToEnd.sort((a, b) => a - b);
const at = (p: number) => endToEnd[Math.min(endToEnd.length - 1, Math.ceil((p / 100) * endToEnd.length) - 1)] ?? Number.NaN;
console.log(`extraction + merge into the DynamoDB graph (new user each run), ${runs} runs: p50 ${at(50).toFixed(1)} ms  p99 ${at(99).toFixed(1)} ms`);
client.destroy();
await dynamodb.close();
