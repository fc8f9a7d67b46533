// Adds a writer's new labelled lines to the data set: each line checked (schema, labels), exact and near copies of frozen-test and blind-set messages dropped, then placed in train or dev, never test.
// Usage: npx tsx packages/screening/bench/classifier/importExamples.ts <directory of *.jsonl>

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DatasetError, parseExampleLine, readExamples, type LabelledExample } from "./examples";
import { EXAMPLES_DIR, FROZEN_TEST_FILE, SPLIT_FILE } from "./paths";
import { readEveryBlindSet } from "./blindSet";
import { comparisonWords, DuplicateIndex } from "./duplicates";
import { freezeSplit, readSplitManifest } from "./splitManifest";

const LANGS = new Set(["en", "es", "mixed"]);
const MAX_TEXT = 4000;
/** Labels that contradict each other are a writer's slip, not data: the line is dropped with its reason. */
export function labelProblem(e: LabelledExample): string | undefined {
  if (e.text.trim().length === 0) return "empty text";
  if (e.text.length > MAX_TEXT) return "text longer than 4,000 characters";
  if ((e.level === "none") !== (e.category === "none")) return `level ${e.level} with category ${e.category}`;
  if (e.trap && e.level !== "none") return "a trap that is not ordinary";
  if (!LANGS.has(e.lang)) return `language ${e.lang}`;
  if (e.family === "sequence" && e.context.length === 0) return "a sequence line without context";
  return undefined;
}

function main(source: string): void {
  const manifest = readSplitManifest(SPLIT_FILE);
  const files = readdirSync(source)
    .filter((name) => name.endsWith(".jsonl"))
    .sort();
  const importing = new Set(files.map((name) => basename(name)));
  // Re-importing a file replaces it; every other file of the data set stays as it is.
  const kept = readExamples(EXAMPLES_DIR).filter((e) => !importing.has(e.source.slice(0, e.source.lastIndexOf(":"))));
  const testIds = new Set(manifest.test);
  const frozenTest = new DuplicateIndex();
  const known = new DuplicateIndex();
  for (const e of kept) (testIds.has(e.id) ? frozenTest : known).add(comparisonWords(e));
  // The blind sets are held out like the frozen split: a writer's copy of one of their messages is not trained on.
  for (const message of readEveryBlindSet()) frozenTest.add(comparisonWords(message));
  const usedIds = new Set(kept.map((e) => e.id));

  const dropped = { invalid: 0, testExact: 0, testNear: 0, duplicate: 0, reasons: new Map<string, number>() };
  let added = 0;
  for (const file of files) {
    const out: string[] = [];
    readFileSync(join(source, file), "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (line.trim().length === 0) return;
        let example: LabelledExample;
        try {
          example = parseExampleLine(line, `${file}:${index + 1}`);
        } catch (error) {
          dropped.invalid += 1;
          const reason = error instanceof DatasetError ? error.message.replace(/^[^:]*:\s*/, "") : "unreadable";
          dropped.reasons.set(reason, (dropped.reasons.get(reason) ?? 0) + 1);
          return;
        }
        const problem = usedIds.has(example.id) ? "id already used" : labelProblem(example);
        if (problem !== undefined) {
          dropped.invalid += 1;
          dropped.reasons.set(problem, (dropped.reasons.get(problem) ?? 0) + 1);
          return;
        }
        const words = comparisonWords(example);
        const copyOfTest = frozenTest.match(words);
        if (copyOfTest !== undefined) {
          if (copyOfTest === "exact") dropped.testExact += 1;
          else dropped.testNear += 1;
          return;
        }
        if (known.match(words) === "exact") {
          dropped.duplicate += 1;
          return;
        }
        known.add(words);
        usedIds.add(example.id);
        const { id, text, level, category, family, lang, trap, author, context } = example;
        out.push(JSON.stringify({ id, text, level, category, family, lang, trap, author, ...(context.length > 0 ? { context } : {}) }));
        added += 1;
      });
    writeFileSync(join(EXAMPLES_DIR, file), out.length > 0 ? `${out.join("\n")}\n` : "");
  }

  const examples = readExamples(EXAMPLES_DIR);
  const { manifest: placed, testLines } = freezeSplit(examples, manifest);
  if (testLines !== readFileSync(FROZEN_TEST_FILE, "utf8")) throw new Error("placing the new lines would change the frozen test split");
  writeFileSync(SPLIT_FILE, `${JSON.stringify(placed, null, 1)}\n`);
  console.log(`${files.length} files from ${source}: ${added} lines added`);
  console.log(`dropped: ${dropped.invalid} invalid, ${dropped.testExact} exact and ${dropped.testNear} near copies of frozen-test messages, ${dropped.duplicate} repeats of lines already in the data set`);
  for (const [reason, count] of [...dropped.reasons].sort()) console.log(`  invalid: ${reason} × ${count}`);
  console.log(`${examples.length} examples: train ${placed.train.length}, dev ${placed.dev.length}, test ${placed.test.length} (frozen, sha256 ${placed.testSha256})`);
}

const source = process.argv[2];
if (source === undefined) {
  console.error("usage: importExamples.ts <directory of *.jsonl>");
  process.exit(2);
}
main(source);
