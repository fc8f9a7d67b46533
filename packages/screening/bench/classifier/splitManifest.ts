// The frozen split: which example ids train, which tune (dev), which only ever test; written once, before any training.

import { readFileSync } from "node:fs";
import { DatasetError, type LabelledExample } from "./examples";
import { assignSplits, DEFAULT_SPLIT, type SplitName } from "./split";
import { sha256 } from "./pipeline";

export interface SplitManifest {
  method: string;
  salt: string;
  /** SHA-256 of test.frozen.jsonl, the test examples exactly as frozen. */
  testSha256: string;
  /** Ids placed after the freeze (train or dev by the hash of the id alone); absent before any were added. */
  added?: string[];
  train: string[];
  dev: string[];
  test: string[];
}

export interface SplitExamples {
  train: LabelledExample[];
  dev: LabelledExample[];
  test: LabelledExample[];
}

const byId = (a: LabelledExample, b: LabelledExample) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One test example per line, sorted by id, in a fixed key order: the bytes the test hash is taken over. */
export function frozenTestLines(test: readonly LabelledExample[]): string {
  return [...test]
    .sort(byId)
    .map((e) => JSON.stringify({ id: e.id, text: e.text, level: e.level, category: e.category, family: e.family, lang: e.lang, trap: e.trap, author: e.author, ...(e.context.length > 0 ? { context: e.context } : {}) }))
    .join("\n")
    .concat("\n");
}

/** Lines added after the freeze go to train with this probability, else to dev. */
export const ADDED_TRAIN_SHARE = 0.82;

/** Where in [0, 1) an added id falls: train below ADDED_TRAIN_SHARE, dev above. */
export function addedShare(salt: string, id: string): number {
  return parseInt(sha256(`${salt}\u0000${id}`).slice(0, 8), 16) / 0x100000000;
}

/**
 * A first freeze splits every example (split.ts). Examples added after a freeze go to train or dev by
 * the hash of their id alone, never to test, so the frozen test set never changes.
 */
export function freezeSplit(examples: readonly LabelledExample[], existing?: SplitManifest): { manifest: SplitManifest; testLines: string } {
  if (existing === undefined) {
    const assigned = assignSplits(examples);
    const pick = (name: SplitName) => examples.filter((e) => assigned.get(e.id) === name).sort(byId);
    const test = pick("test");
    const testLines = frozenTestLines(test);
    return {
      manifest: {
        method: "sha256(salt, id) order within each level × family stratum, cut at 70 % train / 15 % dev / 15 % test",
        salt: DEFAULT_SPLIT.salt,
        testSha256: sha256(testLines),
        train: pick("train").map((e) => e.id),
        dev: pick("dev").map((e) => e.id),
        test: test.map((e) => e.id),
      },
      testLines,
    };
  }
  // The first freeze's lines keep their place; lines added since are placed afresh, so a re-imported file may drop some.
  const present = new Set(examples.map((e) => e.id));
  const addedBefore = new Set(existing.added ?? []);
  const frozen = new Set([...existing.train, ...existing.dev, ...existing.test].filter((id) => !addedBefore.has(id)));
  const train = existing.train.filter((id) => frozen.has(id));
  const dev = existing.dev.filter((id) => frozen.has(id));
  const added: string[] = [];
  for (const e of [...examples].sort(byId)) {
    if (frozen.has(e.id)) continue;
    (addedShare(existing.salt, e.id) < ADDED_TRAIN_SHARE ? train : dev).push(e.id);
    added.push(e.id);
  }
  const test = examples.filter((e) => existing.test.includes(e.id));
  if (test.length !== existing.test.length || existing.test.some((id) => !present.has(id))) throw new DatasetError("DATASET_INVALID_LINE", "a frozen test example is missing from the data");
  return { manifest: { ...existing, added, train: train.sort(), dev: dev.sort() }, testLines: frozenTestLines(test) };
}

export function readSplitManifest(path: string): SplitManifest {
  const value = JSON.parse(readFileSync(path, "utf8")) as SplitManifest;
  if (!Array.isArray(value.train) || !Array.isArray(value.dev) || !Array.isArray(value.test) || typeof value.testSha256 !== "string") {
    throw new DatasetError("DATASET_INVALID_LINE", `${path} is not a split manifest`);
  }
  return value;
}

/** The examples of each split; an example the manifest does not place, or a placed id with no example, is an error. */
export function applySplit(examples: readonly LabelledExample[], manifest: SplitManifest): SplitExamples {
  const where = new Map<string, SplitName>();
  for (const name of ["train", "dev", "test"] as const) for (const id of manifest[name]) where.set(id, name);
  const out: SplitExamples = { train: [], dev: [], test: [] };
  for (const e of examples) {
    const name = where.get(e.id);
    if (name === undefined) throw new DatasetError("DATASET_INVALID_LINE", `example ${e.id} (${e.source}) is in no split: run the split step`);
    out[name].push(e);
  }
  const total = manifest.train.length + manifest.dev.length + manifest.test.length;
  if (total !== examples.length) throw new DatasetError("DATASET_INVALID_LINE", `the split places ${total} ids but the data has ${examples.length} examples`);
  return out;
}
