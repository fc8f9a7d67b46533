// `pnpm eval:extraction`: per-type precision, recall and F1 of the offline extractor, exact and lenient, on train, dev, the frozen test split, the fresh split (writer E) and the blind split (writer X).
// Run: npx -y pnpm@10 eval:extraction [--misses train|dev] [--split train,dev|test|fresh|blind] [--rules-only] [--writer D] [--spanish]
//
// Each message is extracted alone, as a one-message session said on its writer's referenceDate, in UTC. Exact: same
// type and canonicalEntityKey. Lenient: same type and at least one shared content word (scoreExtraction.ts). Misses are
// printed for train or dev only: reading the test split's misses would be tuning on it. `--split train,dev` scores only
// those splits, so a tuning loop need not print the frozen figures at all. `--rules-only` leaves the learned tagger out, to compare.
// `--writer D` scores one writer's messages of train and dev only (a frozen split is scored whole or not at all).
// `--spanish` scores the messages of train and dev that lean Spanish (the screening normaliser's reading of a message, as
// the offline model tells a Spanish message), to see the Spanish rules apart from the English majority.
import { messageSpanishLean } from "@innerworld/screening/language";
import { createOfflineExtractor } from "../../src/extraction/offlineExtractor";
import { FROZEN_SHA256, FROZEN_SPLITS, readSplit, sha256Of, splitPath, SPLITS, type SplitName } from "./labelledSet";
import { addCounts, emptyCounts, ENTITY_TYPES, prf, scoreMessage, totalOf, type Counts } from "./scoreExtraction";

const missesFor = process.argv[process.argv.indexOf("--misses") + 1] as SplitName | undefined;
if (process.argv.includes("--misses") && missesFor !== "train" && missesFor !== "dev") {
  console.error("--misses takes train or dev: the test split is scored, never read for tuning");
  process.exit(2);
}

const splitsAsked = process.argv.includes("--split") ? (process.argv[process.argv.indexOf("--split") + 1] ?? "").split(",") : [...SPLITS];
if (splitsAsked.some((split) => !SPLITS.includes(split as SplitName))) {
  console.error(`--split takes a comma-separated list of ${SPLITS.join(", ")}`);
  process.exit(2);
}

const fmt = (value: number) => value.toFixed(3).padStart(6);
const line = (label: string, exact: Counts, lenient: Counts) => {
  const e = prf(exact);
  const l = prf(lenient);
  return `${label.padEnd(9)} ${String(exact.tp + exact.fn).padStart(5)} ${String(exact.tp + exact.fp).padStart(5)}  ${fmt(e.precision)} ${fmt(e.recall)} ${fmt(e.f1)}   ${fmt(l.precision)} ${fmt(l.recall)} ${fmt(l.f1)}`;
};

const writer = process.argv.includes("--writer") ? process.argv[process.argv.indexOf("--writer") + 1] : undefined;
if (writer !== undefined && splitsAsked.some((split) => FROZEN_SPLITS.has(split as SplitName))) {
  console.error("--writer takes train and dev only: the frozen splits are scored whole");
  process.exit(2);
}

const spanishOnly = process.argv.includes("--spanish");
if (spanishOnly && splitsAsked.some((split) => FROZEN_SPLITS.has(split as SplitName))) {
  console.error("--spanish takes train and dev only: the frozen splits are scored whole");
  process.exit(2);
}
/** A message the offline model would answer in Spanish: two or more Spanish-leaning signs. */
const leansSpanish = (text: string) => messageSpanishLean(text) >= 2;

async function evaluate(split: SplitName): Promise<void> {
  const whole = readSplit(split);
  const file = {
    ...whole,
    messages: whole.messages.filter((message) => (writer === undefined || message.id.startsWith(writer)) && (!spanishOnly || leansSpanish(message.text))),
  };
  const extractor = createOfflineExtractor(process.argv.includes("--rules-only") ? { learned: false } : {});
  const exact = emptyCounts();
  const lenient = emptyCounts();
  const dates = { labelled: 0, found: 0, right: 0 };
  for (const message of file.messages) {
    const referenceDate = new Date(message.referenceDate);
    const extraction = await extractor.extract([{ role: "user", content: message.text, createdAt: message.referenceDate }], { referenceDate });
    const score = scoreMessage(message, extraction);
    addCounts(exact, score.exact);
    addCounts(lenient, score.lenient);
    dates.labelled += score.dates.labelled;
    dates.found += score.dates.found;
    dates.right += score.dates.right;
    if (split === missesFor && score.misses.length > 0) console.log(`${message.id} ${JSON.stringify(message.text)}\n    ${score.misses.join("  ")}`);
  }

  const hash = sha256Of(splitPath(split));
  const frozenHash = FROZEN_SHA256[split];
  const frozen = frozenHash ? (hash === frozenHash ? " (frozen: matches)" : " (DOES NOT MATCH the frozen hash: not an estimate)") : "";
  console.log(`\n${split}${writer === undefined ? "" : `, writer ${writer} only`}${spanishOnly ? ", Spanish-leaning messages only" : ""}: ${file.messages.length} messages, sha256 ${hash}${frozen}${process.argv.includes("--rules-only") ? ", rules only" : ""}`);
  console.log(`${"type".padEnd(9)} ${"gold".padStart(5)} ${"found".padStart(5)}  ${"exact P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)}   ${"lenient P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)}`);
  for (const type of ENTITY_TYPES) console.log(line(type, exact.get(type) as Counts, lenient.get(type) as Counts));
  console.log(line("overall", totalOf(exact), totalOf(lenient)));
  console.log(`dates: ${dates.right} of ${dates.found} found dated events carry the labelled day (${dates.labelled} labelled)`);
}

for (const split of SPLITS) if (splitsAsked.includes(split)) await evaluate(split);
