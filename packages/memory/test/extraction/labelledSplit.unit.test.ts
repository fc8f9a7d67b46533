// The teen labelled set: every message is in exactly the split its id hashes to, and the test split is the frozen file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, FROZEN_BLIND_SHA256, FROZEN_FRESH_SHA256, FROZEN_TEST_SHA256, readSplit, sha256Of, splitOf, splitPath, SPLITS, TEEN_SOURCES } from "../../bench/eval/labelledSet";
import { lenientMatch } from "../../bench/eval/scoreExtraction";
import { EDGE_LABELS, VERTEX_LABELS } from "../../src/graph/model";

const writers = TEEN_SOURCES.map((source) => JSON.parse(readFileSync(join(FIXTURES, source), "utf8")) as { messages: { id: string }[] });

describe("teen labelled split", () => {
  it("keeps the test split byte for byte as frozen", () => {
    expect(sha256Of(splitPath("test"))).toBe(FROZEN_TEST_SHA256);
  });

  it("keeps the fresh split byte for byte as written, and it holds all of writer E and nothing else", () => {
    expect(sha256Of(splitPath("fresh"))).toBe(FROZEN_FRESH_SHA256);
    const fresh = readSplit("fresh").messages.map((message) => message.id);
    const writerE = writers[TEEN_SOURCES.indexOf("teen/labelled-E.json")]?.messages.map((message) => message.id) ?? [];
    expect(writerE.length).toBeGreaterThanOrEqual(200);
    expect(fresh).toEqual(writerE);
    for (const split of ["train", "dev", "test"] as const) expect(readSplit(split).messages.some((message) => message.id.startsWith("E")), split).toBe(false);
  });

  it("keeps the blind split byte for byte as written, and it holds all of writer X and nothing else", () => {
    expect(sha256Of(splitPath("blind"))).toBe(FROZEN_BLIND_SHA256);
    const blind = readSplit("blind").messages.map((message) => message.id);
    const writerX = writers[TEEN_SOURCES.indexOf("teen/labelled-X.json")]?.messages.map((message) => message.id) ?? [];
    expect(writerX).toHaveLength(160);
    expect(blind).toEqual(writerX);
    for (const split of ["train", "dev", "test", "fresh"] as const) expect(readSplit(split).messages.some((message) => message.id.startsWith("X")), split).toBe(false);
  });

  it("puts every writer's message in the split its id hashes to, once", () => {
    const ids = writers.flatMap((file) => file.messages.map((message) => message.id));
    expect(ids.length).toBeGreaterThanOrEqual(400);
    const placed = SPLITS.flatMap((split) => readSplit(split).messages.map((message) => ({ id: message.id, split })));
    expect(placed.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const { id, split } of placed) expect(splitOf(id), id).toBe(split);
  });

  it.each(["C", "D", "F"])("never puts writer %s's messages, written after the freeze, into the test split", (writer) => {
    const late = writers[TEEN_SOURCES.indexOf(`teen/labelled-${writer}.json` as (typeof TEEN_SOURCES)[number])]?.messages ?? [];
    expect(late.length).toBeGreaterThan(0);
    for (const { id } of late) expect(["train", "dev"], id).toContain(splitOf(id));
    expect(readSplit("test").messages.some((message) => message.id.startsWith(writer))).toBe(false);
  });

  it("labels with graph types and labels only", () => {
    for (const split of SPLITS) {
      for (const message of readSplit(split).messages) {
        for (const entity of message.entities) expect(VERTEX_LABELS, message.id).toContain(entity.type);
        for (const relation of message.relations) expect(EDGE_LABELS, message.id).toContain(relation.type);
      }
    }
  });

  it("matches leniently on a shared content word, never on stop words alone", () => {
    expect(lenientMatch("scroll-tiktok-until-2am", "scroll-tiktok-every-night")).toBeGreaterThan(0);
    expect(lenientMatch("mom", "dad")).toBe(0);
    expect(lenientMatch("get-my-license", "get-a-job")).toBe(0);
  });
});
