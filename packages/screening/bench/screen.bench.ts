// Prints how fast screenInput and screenOutput screen realistic teen messages: throughput and latency percentiles.
// Run: npx tsx packages/screening/bench/screen.bench.ts [iterations]

import { screenInput, screenOutput } from "../src";

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

function run(name: string, screen: (text: string) => unknown): void {
  // Warm up so the regexes are compiled and the JIT has settled before we measure.
  for (let i = 0; i < 50; i++) for (const message of MESSAGES) screen(message);

  const samples = new Float64Array(iterations * MESSAGES.length);
  let index = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    for (const message of MESSAGES) {
      const before = process.hrtime.bigint();
      screen(message);
      samples[index++] = Number(process.hrtime.bigint() - before) / 1_000;
    }
  }
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort();
  const perSecond = Math.round(samples.length / elapsedSeconds);
  console.log(
    `${name.padEnd(13)} ${String(samples.length).padStart(6)} msgs  ${String(perSecond).padStart(7)} msgs/s  ` +
      `p50 ${percentile(samples, 50).toFixed(1)} µs  p99 ${percentile(samples, 99).toFixed(1)} µs  max ${percentile(samples, 100).toFixed(1)} µs`,
  );
}

console.log(`node ${process.version}, ${MESSAGES.length} distinct messages × ${iterations} iterations`);
run("screenInput", screenInput);
run("screenOutput", screenOutput);
