// Prints how fast the screener screens realistic teen messages: the whole screen (rules alone, and every local layer with the classifier and context), then each layer on its own, with the machine's load so the figures can be read honestly.
// Run: pnpm bench:safety [iterations]

import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier, screenInput, screenOutput } from "../src";
import { findCrisisLanguage } from "../src/crisisLexicon";
import { findHarassment } from "../src/harassment";
import { prepareText, type PreparedText } from "../src/normalize";
import { findPersonalData } from "../src/personalData";
import { findProfanity } from "../src/profanity";
import { screenRisk } from "../src/riskScreen";
import { screenPrepared } from "../src/screen";
import { findSexualContent } from "../src/sexualContent";
import type { RuleHit } from "../src/types";
import { FROZEN_TEST_FILE } from "./classifier/paths";

// Mostly ordinary chat, as in production, with the cases each rule exists for mixed in.
const MESSAGES: readonly string[] = [
  "hey! i finally finished my science project, can we talk about it?",
  "ugh my mom took my phone again and i have a test tomorrow",
  "do you think i should text him first or wait",
  "lol that's so funny 😂😂",
  "can you help me with my history essay about the civil war? it's due friday and i haven't started",
  "i'm so nervous about tryouts tomorrow, what if i don't make the team",
  "my best friend is ignoring me and i don't know what i did",
  "what's your favorite movie? mine is spiderverse",
  "this homework is killing me",
  "I'm dying of laughter rn",
  "i've been cutting class all week and my teacher noticed",
  "wtf is this math homework",
  "this is so fucking unfair",
  "f u c k this",
  "I love shiitake mushrooms",
  "we have to assess the data for class",
  "call me at (555) 123-4567 after school",
  "i live at 123 Main St btw",
  "my snap is cool_kid22",
  "i don't want to be here anymore",
  "everyone would be better off without me",
  "kms",
  "they keep telling me to kys",
  "you're so dumb lol",
  "send nudes",
  "i'm gonna kill my brother he took my charger",
  "I've been feeling really down lately and I don't really know who to talk to about it. My parents are always fighting and school is a lot.",
  "ok",
  "goodnight!! talk tomorrow",
  "what should i get my sister for her birthday, she likes anime and drawing",
];

const iterations = Number(process.argv[2] ?? 200);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** CPU time this process has used, in µs (every thread: the collector's work counts too). */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

// Reading the CPU clock itself costs a little; measured once, it is shown so the per-message CPU figures can be read net of it.
const cpuClockCost = (() => {
  const samples = new Float64Array(2_000);
  for (let i = 0; i < samples.length; i++) {
    const before = cpuMicros();
    samples[i] = cpuMicros() - before;
  }
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
})();

/**
 * Screens every message `rounds` times with `screen(i)` (i: the message's index) and prints throughput, wall-clock
 * latency percentiles, and CPU time per message (mean and percentiles): on a shared machine the wall clock includes
 * time spent waiting for a core, the CPU time does not.
 */
function run(name: string, count: number, rounds: number, screen: (index: number) => unknown): void {
  // Warm up so the regexes are compiled and the JIT has settled before we measure.
  for (let r = 0; r < 20; r++) for (let i = 0; i < count; i++) screen(i);

  const wall = new Float64Array(rounds * count);
  const cpu = new Float64Array(rounds * count);
  let index = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = cpuMicros();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      const cpuStart = cpuMicros();
      const before = process.hrtime.bigint();
      screen(i);
      wall[index] = Number(process.hrtime.bigint() - before) / 1_000;
      cpu[index++] = cpuMicros() - cpuStart;
    }
  }
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuPerMessage = (cpuMicros() - cpuBefore) / wall.length;
  wall.sort();
  cpu.sort();
  const perSecond = Math.round(wall.length / elapsedSeconds);
  const us = (x: number, width: number) => x.toFixed(1).padStart(width);
  console.log(
    `  ${name.padEnd(30)} ${String(wall.length).padStart(6)} msgs ${String(perSecond).padStart(7)} msgs/s  ` +
      `wall p50 ${us(percentile(wall, 50), 6)} p99 ${us(percentile(wall, 99), 7)} max ${us(percentile(wall, 100), 8)} µs  ` +
      `cpu p50 ${us(percentile(cpu, 50), 6)} p99 ${us(percentile(cpu, 99), 6)} mean ${us(cpuPerMessage, 6)} µs ` +
      `(${String(Math.round(1e6 / cpuPerMessage)).padStart(6)} msgs/s on one free core)`,
  );
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);
const screener = createScreener({ classifier });
// The frozen test split: the data set's mix, long messages and session context included (a realistic worst case).
const test = readFileSync(FROZEN_TEST_FILE, "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as { text: string; context?: string[] });
const testTexts = test.map((e) => e.text);
const testRecent = test.map((e) => e.context ?? []);
const testRounds = Math.max(1, Math.round(iterations / 10));
// A session's last three user messages, as the safety service reads them.
const RECENT = ["ugh my mom took my phone again", "i have a test tomorrow", "whatever"];

console.log(`load average ${load()} (1, 5, 15 min) on ${cpus().length} cores; node ${process.version}, model ${classifier.version}`);
console.log(`${MESSAGES.length} distinct messages × ${iterations} rounds; the ${test.length} test-split messages (with their session context) × ${testRounds} rounds`);
console.log(
  `msgs/s and wall are wall clock (they suffer when other processes hold the cores); cpu is this process's own time per message ` +
    `(reading the CPU clock adds ~${cpuClockCost.toFixed(1)} µs to each per-message cpu figure, not to the mean).\n`,
);

console.log("the whole screen");
run("rules only (screenInput)", MESSAGES.length, iterations, (i) => screenInput(MESSAGES[i] ?? ""));
run("rules only (screenOutput)", MESSAGES.length, iterations, (i) => screenOutput(MESSAGES[i] ?? ""));
run("screener, message alone", MESSAGES.length, iterations, (i) => screener.screenInputLocally(MESSAGES[i] ?? ""));
run("screener, with 3 recent", MESSAGES.length, iterations, (i) => screener.screenInputLocally(MESSAGES[i] ?? "", RECENT));
run("screener, test split", test.length, testRounds, (i) => screener.screenInputLocally(testTexts[i] ?? "", testRecent[i] ?? []));

// Each layer over the test split, on text prepared once as the screener does; together they make up the screener's line above.
const prepared: PreparedText[] = testTexts.map((text) => prepareText(text));
const crisisHits: RuleHit[][] = prepared.map((p) => findCrisisLanguage(p, "input"));
const at = <T>(list: readonly T[], i: number): T => list[i] as T;
console.log(`\neach layer, over the test split (input direction)`);
run("normalise (prepareText)", test.length, testRounds, (i) => prepareText(at(testTexts, i)));
run("crisis lexicon", test.length, testRounds, (i) => findCrisisLanguage(at(prepared, i), "input"));
run("harassment", test.length, testRounds, (i) => findHarassment(at(prepared, i), "input"));
run("sexual content", test.length, testRounds, (i) => findSexualContent(at(prepared, i), "input"));
run("profanity", test.length, testRounds, (i) => findProfanity(at(prepared, i), "input"));
run("personal data", test.length, testRounds, (i) => findPersonalData(at(testTexts, i), "input"));
run("every rule (screenPrepared)", test.length, testRounds, (i) => screenPrepared(at(prepared, i), "input"));
run("classifier and context", test.length, testRounds, (i) => screenRisk(classifier, { prepared: at(prepared, i), lexiconHits: at(crisisHits, i), recent: at(testRecent, i) }));

// Hostile input at a message's 4,000-character cap: a run of letters before an @ (the e-mail scan once read it once per letter).
const HOSTILE = [`${"a".repeat(3_999)}@`, `${"a".repeat(2_000)}@${"b.".repeat(999)}1`];
console.log(`\nhostile input, 4,000 characters (a run of letters before an @; a domain that never ends)`);
run("personal data", HOSTILE.length, 50, (i) => findPersonalData(at(HOSTILE, i), "input"));
run("screener, message alone", HOSTILE.length, 50, (i) => screener.screenInputLocally(at(HOSTILE, i)));

console.log(`\nload average ${load()} at the end`);
