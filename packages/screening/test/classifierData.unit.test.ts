// The screening data set and its split: every line well formed, every example in exactly one split, the test split frozen.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readExamples } from "../bench/classifier/examples";
import { EXAMPLES_DIR, FROZEN_TEST_FILE, SPLIT_FILE } from "../bench/classifier/paths";
import { sha256 } from "../bench/classifier/pipeline";
import { assignSplits } from "../bench/classifier/split";
import { ADDED_TRAIN_SHARE, addedShare, applySplit, frozenTestLines, readSplitManifest } from "../bench/classifier/splitManifest";

const FROZEN_TEST_SHA256 = "7a0b72df940616c4323bba6c2bdb63c89df288d23c50e365a5d4aa5b05e79cd3";

describe("the screening data set", () => {
  const examples = readExamples(EXAMPLES_DIR);
  const manifest = readSplitManifest(SPLIT_FILE);

  it("meets the issue's minimums: 1,500 messages, 500 at risk, 1,000 ordinary with 300 traps", () => {
    const risky = examples.filter((e) => e.level !== "none");
    const ordinary = examples.filter((e) => e.level === "none");
    expect(examples.length).toBeGreaterThanOrEqual(1500);
    expect(risky.length).toBeGreaterThanOrEqual(500);
    expect(ordinary.length).toBeGreaterThanOrEqual(1000);
    expect(ordinary.filter((e) => e.trap).length).toBeGreaterThanOrEqual(300);
    for (const category of ["active_ideation", "passive_ideation", "plan_intent", "method_inquiry", "self_harm", "farewell", "hopelessness"]) {
      expect(risky.some((e) => e.category === category)).toBe(true);
    }
  });

  it("places every example in exactly one split", () => {
    const split = applySplit(examples, manifest);
    const ids = [...split.train, ...split.dev, ...split.test].map((e) => e.id);
    expect(new Set(ids).size).toBe(examples.length);
  });

  it("the test split is frozen: the file, the manifest and the examples agree on its hash", () => {
    const frozen = readFileSync(FROZEN_TEST_FILE);
    expect(sha256(frozen)).toBe(FROZEN_TEST_SHA256);
    expect(manifest.testSha256).toBe(FROZEN_TEST_SHA256);
    const test = examples.filter((e) => manifest.test.includes(e.id));
    expect(sha256(frozenTestLines(test))).toBe(FROZEN_TEST_SHA256);
  });

  it("the split is the hash-ordered, stratified one it says it is; lines added later are in train or dev by their id's hash, never in test", () => {
    const added = new Set(manifest.added ?? []);
    const assigned = assignSplits(examples.filter((e) => !added.has(e.id)));
    for (const name of ["train", "dev", "test"] as const) for (const id of manifest[name]) if (!added.has(id)) expect(assigned.get(id)).toBe(name);
    const train = new Set(manifest.train);
    for (const id of added) {
      expect(manifest.test).not.toContain(id);
      expect(train.has(id)).toBe(addedShare(manifest.salt, id) < ADDED_TRAIN_SHARE);
    }
  });
});
