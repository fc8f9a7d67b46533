// The operator board keeps the latest picture of each turn, newest first, and places hop bars on the turn's time axis.
import { describe, expect, it } from "vitest";
import type { TapTurn } from "./tapFrames";
import { barOf, formatMs, MAX_TURNS_SHOWN, TurnBoard } from "./turnBoard";

const turn = (correlationId: string, startedAt: string, steps = 1): TapTurn => ({
  correlationId,
  startedAt,
  totalMs: 100,
  steps: Array.from({ length: steps }, (_, i) => ({ eventId: `${correlationId}-${i}`, type: "MessageReceived", producer: "gateway", occurredAt: startedAt, depth: i, sinceStartMs: i * 10, summary: "", copies: 1 })),
});

describe("TurnBoard", () => {
  it("replaces a turn with its fuller picture and never with an older one", () => {
    const board = new TurnBoard();
    expect(board.upsert(turn("a", "2026-01-01T00:00:00Z", 1))).toBe(true);
    expect(board.upsert(turn("a", "2026-01-01T00:00:00Z", 3))).toBe(true);
    expect(board.upsert(turn("a", "2026-01-01T00:00:00Z", 2))).toBe(false);
    expect(board.list()[0]?.steps).toHaveLength(3);
  });

  it("lists newest first and forgets the oldest past its limit", () => {
    const board = new TurnBoard();
    for (let i = 0; i <= MAX_TURNS_SHOWN; i += 1) board.upsert(turn(`t${i}`, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()));
    const ids = board.list().map((t) => t.correlationId);
    expect(ids).toHaveLength(MAX_TURNS_SHOWN);
    expect(ids[0]).toBe(`t${MAX_TURNS_SHOWN}`);
    expect(ids).not.toContain("t0");
  });
});

describe("barOf", () => {
  it("starts a hop where its cause happened and spans the hop", () => {
    expect(barOf({ eventId: "e", type: "T", producer: "p", occurredAt: "", depth: 1, hopMs: 30, sinceStartMs: 80, summary: "", copies: 1 }, 200)).toEqual({ left: 25, width: 15 });
    expect(formatMs(830)).toBe("830 ms");
    expect(formatMs(1440)).toBe("1.4 s");
  });
});
