// The blind set is read only as received: its lines, its labels, and a refusal when a file was changed.
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BLIND_SETS, BLIND_SHA256, readBlindSet } from "../bench/classifier/blindSet";
import { BLIND_B4_DIR, BLIND_B5_DIR, BLIND_B6_DIR, BLIND_B7_DIR, BLIND_B8_DIR, BLIND_B9_DIR, BLIND_B10_DIR, BLIND_B11_DIR, BLIND_B12_DIR, BLIND_B13_DIR, BLIND_B14_DIR, BLIND_B15_DIR, BLIND_DIR, BLIND_ES1_DIR, BLIND_ES2_DIR, BLIND_ES3_DIR } from "../bench/classifier/paths";

describe("the blind set", () => {
  it("is the writer's 320 messages as received: 90 crisis, 30 concern, 200 ordinary of which 90 traps, ids unique", () => {
    const { messages, sha256 } = readBlindSet();

    expect(sha256).toEqual(BLIND_SHA256);
    expect(new Set(messages.map((m) => m.id)).size).toBe(320);
    expect(["crisis", "concern", "none"].map((level) => messages.filter((m) => m.level === level).length)).toEqual([90, 30, 200]);
    expect(messages.filter((m) => m.trap).length).toBe(90);
    expect(messages.filter((m) => m.kind === "sequence").every((m) => m.context.length > 0)).toBe(true);
  });

  it.each([
    ["writer-b4", BLIND_B4_DIR, [116, 34, 250]],
    ["writer-b5", BLIND_B5_DIR, [115, 35, 250]],
    ["writer-b6", BLIND_B6_DIR, [117, 33, 250]],
    ["writer-b7", BLIND_B7_DIR, [117, 33, 250]],
    ["writer-b8", BLIND_B8_DIR, [115, 35, 250]],
    ["writer-b9", BLIND_B9_DIR, [116, 34, 250]],
    ["writer-b10", BLIND_B10_DIR, [115, 35, 250]],
    ["writer-b11", BLIND_B11_DIR, [116, 34, 250]],
    ["writer-b12", BLIND_B12_DIR, [116, 34, 250]],
    ["writer-b13", BLIND_B13_DIR, [116, 34, 250]],
    ["writer-b14", BLIND_B14_DIR, [116, 34, 250]],
    ["writer-b15", BLIND_B15_DIR, [116, 34, 250]],
  ] as const)("%s's is 400 messages as received, crisis, concern and ordinary %j, 110 traps, ids unique", (writer, directory, levels) => {
    const set = BLIND_SETS.find((source) => source.writer === writer);
    const { messages, sha256 } = readBlindSet(directory, set?.sha256);

    expect(sha256).toEqual(set?.sha256);
    expect(new Set(messages.map((m) => m.id)).size).toBe(400);
    expect(["crisis", "concern", "none"].map((level) => messages.filter((m) => m.level === level).length)).toEqual(levels);
    expect(messages.filter((m) => m.trap).length).toBe(110);
    expect(messages.filter((m) => m.kind === "sequence").every((m) => m.context.length > 0)).toBe(true);
  });

  it.each([
    ["writer-es1", BLIND_ES1_DIR],
    ["writer-es2", BLIND_ES2_DIR],
    ["writer-es3", BLIND_ES3_DIR],
  ] as const)("%s's is 300 Spanish or Spanglish messages as received, 82 crises, 38 concerns, 90 traps, ids unique", (writer, directory) => {
    const set = BLIND_SETS.find((source) => source.writer === writer);
    const { messages, sha256 } = readBlindSet(directory, set?.sha256);

    expect(sha256).toEqual(set?.sha256);
    expect(new Set(messages.map((m) => m.id)).size).toBe(300);
    expect(["crisis", "concern", "none"].map((level) => messages.filter((m) => m.level === level).length)).toEqual([82, 38, 180]);
    expect(messages.filter((m) => m.trap).length).toBe(90);
    expect(messages.every((m) => m.lang === "es" || m.lang === "mixed")).toBe(true);
  });

  it("refuses a changed file: an edited line would make it a set someone has tuned", () => {
    const changed = mkdtempSync(join(tmpdir(), "blind-"));
    try {
      for (const file of Object.keys(BLIND_SHA256)) copyFileSync(join(BLIND_DIR, file), join(changed, file));
      appendFileSync(join(changed, "ordinary.jsonl"), '{"id":"b3-9999","text":"hi","level":"none","kind":"ordinary","lang":"en","trap":false}\n');

      expect(() => readBlindSet(changed)).toThrow(/ordinary.jsonl has sha256 .* the blind set was changed/);
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  });
});
