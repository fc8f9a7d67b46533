// Prints how fast the screener screens realistic teen messages (rules alone, and every local layer with the classifier and context): throughput and latency percentiles.
// Run: pnpm bench:safety [iterations]

import { readFileSync } from "node:fs";
import { createScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier, screenInput, screenOutput } from "../src";
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

function run(name: string, screen: (text: string) => unknown, messages: readonly string[] = MESSAGES, rounds = iterations): void {
  // Warm up so the regexes are compiled and the JIT has settled before we measure.
  for (let i = 0; i < 20; i++) for (const message of messages) screen(message);

  const samples = new Float64Array(rounds * messages.length);
  let index = 0;
  const started = process.hrtime.bigint();
  // CPU time as well as wall time: on a shared machine wall-clock percentiles include time spent waiting for a core.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    for (const message of messages) {
      const before = process.hrtime.bigint();
      screen(message);
      samples[index++] = Number(process.hrtime.bigint() - before) / 1_000;
    }
  }
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerMessage = (cpu.user + cpu.system) / samples.length;
  samples.sort();
  const perSecond = Math.round(samples.length / elapsedSeconds);
  console.log(
    `${name.padEnd(28)} ${String(samples.length).padStart(6)} msgs  ${String(perSecond).padStart(7)} msgs/s  ` +
      `p50 ${percentile(samples, 50).toFixed(1)} µs  p99 ${percentile(samples, 99).toFixed(1)} µs  max ${percentile(samples, 100).toFixed(1)} µs  ` +
      `cpu ${cpuPerMessage.toFixed(1)} µs/msg (${Math.round(1e6 / cpuPerMessage)} msgs/s on one free core)`,
  );
}

const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);
const screener = createScreener({ classifier });
// The frozen test split: the data set's mix, long messages and session context included (a realistic worst case).
const test = readFileSync(FROZEN_TEST_FILE, "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as { text: string; context?: string[] });
const recentOf = new Map(test.map((e) => [e.text, e.context ?? []]));
// A session's last three user messages, as the safety service reads them.
const RECENT = ["ugh my mom took my phone again", "i have a test tomorrow", "whatever"];

console.log(`load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
console.log(`node ${process.version}, model ${classifier.version}; ${MESSAGES.length} distinct messages × ${iterations} iterations, then the ${test.length} test-split messages × ${Math.max(1, Math.round(iterations / 20))}`);
run("rules only (screenInput)", screenInput);
run("rules only (screenOutput)", screenOutput);
run("screener, message alone", (text) => screener.screenInputLocally(text));
run("screener, with 3 recent", (text) => screener.screenInputLocally(text, RECENT));
run("screener, test split", (text) => screener.screenInputLocally(text, recentOf.get(text) ?? []), test.map((e) => e.text), Math.max(1, Math.round(iterations / 20)));
